"""AWS Bedrock (boto3) -> ``aggregators/bedrock.csv``.

Two APIs:

- ``bedrock.list_foundation_models`` per region: one row ``bedrock/<modelId>`` per model (union over
  the regions asked). It has no prices or token limits, so those stay -1; ``LEGACY`` -> status L;
  models callable only through an inference profile, or only with provisioned throughput, say so
  in ``notes``.
- The Price List API ``pricing.get_products`` for the service codes ``AmazonBedrock`` (USD per 1K
  tokens) and ``AmazonBedrockFoundationModels`` (USD per 1M tokens): each on-demand token price
  becomes a region-specific row ``bedrock/<region>/<modelId>`` with the ``region`` column (plan
  §2.3), source ``aws-price-list`` and ``updated`` = the price list's publication date. The unit
  is read from each price dimension (``1K tokens`` / ``1M tokens``), not assumed.

Credentials come from boto3's normal chain (environment, ``AWS_PROFILE``, instance role).
Regions: ``$MODELSUITE_BEDROCK_REGIONS`` (comma-separated) or ``us-east-1,us-west-2``.

``--from-file`` takes any number of JSON files: ``list_foundation_models`` responses (the region is
read from each ``modelArn``), ``get_products`` responses (``{"PriceList": [...]}``), single Price List
items (``{"product": …, "terms": …}``), or a document saved by this fetcher.

Shape check: model summaries must carry ``modelArn`` and ``modelId`` strings; a file from another
API is refused with one line naming the API it looks like.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    FetchParseError,
    Shape,
    as_dict,
    caps_string,
    clean_text,
    join_notes,
    modalities,
    new_row,
    per_1m,
    read_json,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import INSTALL_HINT, FetchError, HttpClient, MissingCredentials, MissingDependency
from modelsuite_tools.schema import DATE_RE, UNKNOWN_NUMBER

log = logging.getLogger(__name__)

SOURCE_ID: Final = "bedrock-api"
PRICE_SOURCE_ID: Final = "aws-price-list"
DEFAULT_REGIONS: Final = ("us-east-1", "us-west-2")
SERVICE_CODES: Final = ("AmazonBedrock", "AmazonBedrockFoundationModels")
LIST_URL: Final = "https://docs.aws.amazon.com/bedrock/latest/APIReference/API_ListFoundationModels.html"
PRICE_URL: Final = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/{code}/current/index.json"
_ARN_REGION_RE: Final = re.compile(r"arn:aws[a-z-]*:bedrock:([a-z0-9-]+):")
_UNIT_PER: Final = {"1k tokens": Decimal("0.001"), "1m tokens": Decimal(1)}

#: Price List ``model`` names that do not equal a listed ``modelName`` -> the on-demand modelId.
#: Source: AWS model ids (https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html;
#: the CDK's FoundationModelIdentifier.ANTHROPIC_CLAUDE_V2 is "anthropic.claude-v2").
PRICE_MODEL_IDS: Final = {
    ("anthropic", "claude 2.0"): "anthropic.claude-v2",
    ("anthropic", "claude 2.1"): "anthropic.claude-v2:1",
}

_KIND: Final = {"text": "chat", "image": "image", "embedding": "embedding", "video": "video",
                "speech": "speech", "audio": "audio"}


def _entries(document: Any) -> list[Any] | None:
    if not isinstance(document, dict):
        return None
    listed = document.get("modelSummaries")
    if isinstance(listed, list):
        return listed
    regions = document.get("regions")
    if not isinstance(regions, dict):
        return None
    out: list[Any] = []
    for resp in regions.values():
        summaries = resp.get("modelSummaries") if isinstance(resp, dict) else None
        if not isinstance(summaries, list):
            return None
        out.extend(summaries)
    return out


def _entry_ok(s: dict[str, Any]) -> bool:
    return isinstance(s.get("modelArn"), str) and isinstance(s.get("modelId"), str)


SHAPE: Final = Shape(
    label="Bedrock",
    envelope="list_foundation_models output (an object with a 'modelSummaries' list) or a Price List response",
    fields="modelArn and modelId strings",
    entries=_entries,
    entry_ok=_entry_ok,
)


# --------------------------------------------------------------------------------------------------
# live fetch


def _boto3() -> Any:
    try:
        import boto3
    except ImportError:
        raise MissingDependency("boto3") from None
    return boto3


def regions_from_env() -> tuple[str, ...]:
    """Return the regions to query: ``$MODELSUITE_BEDROCK_REGIONS`` or :data:`DEFAULT_REGIONS`."""
    raw = os.environ.get("MODELSUITE_BEDROCK_REGIONS", "")
    regions = tuple(r.strip() for r in raw.split(",") if r.strip())
    for r in regions:
        if not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d", r):
            raise FetchError(f"MODELSUITE_BEDROCK_REGIONS: {r!r} is not an AWS region code")
    return regions or DEFAULT_REGIONS


def _aws_call(what: str, func: Any, **kwargs: Any) -> Any:
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, PartialCredentialsError

    try:
        return func(**kwargs)
    except (NoCredentialsError, PartialCredentialsError):
        raise MissingCredentials("AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY",
                                 "boto3's credential chain found none") from None
    except ClientError as exc:
        err = exc.response.get("Error", {})
        raise FetchError(f"AWS {what}: {err.get('Code', 'error')}: {err.get('Message', '')}") from None
    except BotoCoreError as exc:
        raise FetchError(f"AWS {what}: {type(exc).__name__}: {exc}") from None


def fetch_with_clients(bedrock_clients: dict[str, Any], pricing_client: Any | None) -> dict[str, Any]:
    """Fetch with ready boto3 clients (``{region: bedrock client}``, a ``pricing`` client or None)."""
    regions: dict[str, Any] = {}
    for region, bedrock in bedrock_clients.items():
        resp = _aws_call(f"list_foundation_models ({region})", bedrock.list_foundation_models)
        regions[region] = {"modelSummaries": resp.get("modelSummaries", [])}
    items: list[Any] = []
    if pricing_client is not None:
        for code in SERVICE_CODES:
            for region in bedrock_clients:
                token: str | None = None
                for _page in range(200):
                    kwargs: dict[str, Any] = {
                        "ServiceCode": code,
                        "Filters": [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": region}],
                        "FormatVersion": "aws_v1",
                        "MaxResults": 100,
                    }
                    if token:
                        kwargs["NextToken"] = token
                    page = _aws_call(f"pricing.get_products ({code}, {region})", pricing_client.get_products, **kwargs)
                    items.extend(page.get("PriceList", []))
                    token = page.get("NextToken")
                    if not token:
                        break
    return {"regions": regions, "price_list": [json.loads(i) if isinstance(i, str) else i for i in items]}


def fetch(client: HttpClient) -> dict[str, Any]:
    """Fetch every listed region's models and their Price List entries (``client`` is not used)."""
    del client
    boto3 = _boto3()
    regions = regions_from_env()
    clients = {r: boto3.client("bedrock", region_name=r) for r in regions}
    pricing = boto3.client("pricing", region_name="us-east-1")
    return fetch_with_clients(clients, pricing)


# --------------------------------------------------------------------------------------------------
# replay


def _region_of(summaries: list[Any]) -> str:
    for s in summaries:
        if isinstance(s, dict):
            m = _ARN_REGION_RE.match(str(s.get("modelArn", "")))
            if m:
                return m.group(1)
    raise FetchParseError("list_foundation_models response: no modelArn to tell the region from")


def load(paths: Sequence[Path]) -> dict[str, Any]:
    """Combine saved Bedrock responses (see the module doc) into one document."""
    if not paths:
        raise FetchParseError("bedrock: give at least one --from-file")
    doc: dict[str, Any] = {"regions": {}, "price_list": []}
    for path in paths:
        data = read_json(path)
        if isinstance(data, dict) and isinstance(data.get("regions"), dict):
            doc["regions"].update(data["regions"])
            doc["price_list"].extend(data.get("price_list") or [])
        elif isinstance(data, dict) and isinstance(data.get("modelSummaries"), list):
            doc["regions"][_region_of(data["modelSummaries"])] = {"modelSummaries": data["modelSummaries"]}
        elif isinstance(data, dict) and isinstance(data.get("PriceList"), list):
            for item in data["PriceList"]:
                try:
                    doc["price_list"].append(json.loads(item) if isinstance(item, str) else item)
                except json.JSONDecodeError:
                    raise FetchParseError(f"{path}: a PriceList item is not valid JSON") from None
        elif isinstance(data, dict) and "product" in data and "terms" in data:
            doc["price_list"].append(data)
        else:
            try:
                SHAPE.models(data)
            except FetchParseError as exc:
                raise FetchParseError(f"{path}: {exc}") from None
            raise FetchParseError(f"{path}: not a Bedrock list_foundation_models or Price List response")
    SHAPE.models(doc)
    return doc


# --------------------------------------------------------------------------------------------------
# parse


def _lower_list(value: object) -> list[str]:
    return [str(v).lower() for v in value] if isinstance(value, list) else []


def _kind(outputs: list[str], model_id: str = "") -> str:
    # rerank models list TEXT output (cohere.rerank-v3-5:0); their id says what they are
    if "rerank" in model_id.lower():
        return "rerank"
    if "text" in outputs:
        return "chat"
    for out in outputs:
        if out in _KIND:
            return _KIND[out]
    return "other" if outputs else "chat"


def _model_row(s: dict[str, Any], regions: list[str], all_regions: int, updated: str) -> dict[str, str] | None:
    model_id = safe_id_part(s.get("modelId"))
    if model_id is None:
        return None
    notes: list[str] = []
    provider = clean_text(s.get("providerName"), 100)
    if provider:
        notes.append(f"provider: {provider}")
    types = [str(t).upper() for t in s.get("inferenceTypesSupported") or [] if isinstance(t, str)]
    if types == ["INFERENCE_PROFILE"]:
        notes.append("inference profile only: call it through an inference profile id, not this modelId")
    elif types == ["PROVISIONED"]:
        notes.append("provisioned throughput only (no on-demand per-token price)")
    elif not types:
        notes.append("no inference type listed")
    lifecycle = as_dict(s.get("modelLifecycle"))
    status = "L" if str(lifecycle.get("status", "")).upper() == "LEGACY" else "C"
    deprecation = ""
    eol = lifecycle.get("endOfLifeTime")
    if isinstance(eol, str) and DATE_RE.match(eol[:10]):
        deprecation = eol[:10]
        if deprecation < updated:
            status = "D"
    inputs, outputs = _lower_list(s.get("inputModalities")), _lower_list(s.get("outputModalities"))
    if all_regions > 1:
        notes.append("regions: " + ", ".join(regions))
    return new_row(
        f"bedrock/{model_id}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(s.get("modelName"), "name") or model_id,
        status=status,
        caps=caps_string({"V"} if "image" in inputs and "text" in outputs else set()),
        kind=_kind(outputs, model_id),
        input_modalities=modalities(inputs),
        output_modalities=modalities(outputs),
        deprecation_date=deprecation,
        source_url=LIST_URL,
        notes=join_notes(notes),
    )


def _price_column(attrs: dict[str, Any]) -> str | None:
    """Return the row column an on-demand Price List item fills, or None if it is not a token price."""
    what = str(attrs.get("inferenceType", "")).lower()
    feature = str(attrs.get("feature", "")).lower()
    usage = str(attrs.get("usagetype", "")).lower()
    if any(t in what for t in (" flex", " priority")) or attrs.get("serviceTier"):
        return None
    batch = "batch" in feature or "batch" in usage
    if "cache" in what or "cache" in str(attrs.get("tokenType", "")).lower():
        if batch:
            return None
        return "cache_write_per_1m" if "write" in what else "cache_per_1m"
    if what.startswith("input tokens") or what == "input tokens":
        return "batch_input_per_1m" if batch else "input_per_1m"
    if what.startswith("output tokens") or what == "output tokens":
        return "batch_output_per_1m" if batch else "output_per_1m"
    return None


def _price_of(item: dict[str, Any]) -> tuple[str, str] | None:
    """Return (USD per 1M text, description) of an item's single on-demand price dimension."""
    terms = as_dict(item.get("terms"))
    ondemand = as_dict(terms.get("OnDemand"))
    found: list[tuple[str, str]] = []
    for term in ondemand.values():
        dims = term.get("priceDimensions") if isinstance(term, dict) else None
        for dim in (dims or {}).values() if isinstance(dims, dict) else ():
            if not isinstance(dim, dict):
                continue
            per = _UNIT_PER.get(str(dim.get("unit", "")).strip().lower())
            usd = (dim.get("pricePerUnit") or {}).get("USD") if isinstance(dim.get("pricePerUnit"), dict) else None
            if per is None or usd is None:
                continue
            price = per_1m(usd, per=per)
            if price != UNKNOWN_NUMBER:
                found.append((price, clean_text(dim.get("description"), 200)))
    return found[0] if len(found) == 1 else None


def _match_model(name: str, provider: str, listed: dict[str, dict[str, Any]]) -> str | None:
    key = (provider.lower(), name.lower())
    if key in PRICE_MODEL_IDS:
        return PRICE_MODEL_IDS[key]
    candidates = [
        mid for mid, s in listed.items()
        if str(s.get("modelName", "")).lower() == name.lower()
        and {"ON_DEMAND", "INFERENCE_PROFILE"} & {str(t).upper() for t in s.get("inferenceTypesSupported") or []}
    ]
    return candidates[0] if len(candidates) == 1 else None


def _price_rows(
    items: list[Any], listed: dict[str, dict[str, Any]], base_rows: dict[str, dict[str, str]], updated: str
) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    details: dict[str, list[str]] = {}
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("product"), dict):
            log.warning("bedrock: a Price List item without a product was skipped")
            continue
        attrs = item["product"].get("attributes")
        if not isinstance(attrs, dict):
            continue
        region = str(attrs.get("regionCode", ""))
        column = _price_column(attrs)
        price = _price_of(item)
        name = str(attrs.get("model", ""))
        if not region or not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d", region) or column is None or price is None:
            continue
        model_id = _match_model(name, str(attrs.get("provider", "")), listed)
        if model_id is None:
            log.warning("bedrock: Price List model %r (%s) matches no listed model; skipped", name, region)
            continue
        rid = f"bedrock/{region}/{model_id}"
        row = rows.get(rid)
        if row is None:
            base = base_rows.get(f"bedrock/{model_id}")
            # the model's lifecycle, from the listed entry or its provisioned variants (modelId:…)
            family = [s for mid, s in listed.items() if mid == model_id or mid.startswith(model_id + ":")]
            legacy = bool(family) and all(
                str((s.get("modelLifecycle") or {}).get("status", "")).upper() == "LEGACY" for s in family
            )
            pub = str(item.get("publicationDate", ""))[:10]
            code = str(item.get("serviceCode") or attrs.get("servicecode") or SERVICE_CODES[0])
            row = new_row(
                rid,
                source=PRICE_SOURCE_ID,
                updated=pub if DATE_RE.fullmatch(pub) and pub <= updated else updated,
                name=base["name"] if base else clean_text(name, "name") or model_id,
                status=base["status"] if base else ("L" if legacy else "C"),
                kind=base["kind"] if base else "chat",
                caps=base["caps"] if base else "",
                input_modalities=base["input_modalities"] if base else "",
                output_modalities=base["output_modalities"] if base else "",
                region=region,
                source_url=PRICE_URL.format(code=code if re.fullmatch(r"[A-Za-z]+", code) else SERVICE_CODES[0]),
            )
            rows[rid] = row
            details[rid] = [f"AWS Price List model {clean_text(name, 60)!r}"]
        if row[column] not in ("", UNKNOWN_NUMBER) and row[column] != price[0]:
            log.warning("bedrock: conflicting %s for %s; kept %s", column, rid, row[column])
            continue
        row[column] = price[0]
        if price[1]:
            details[rid].append(price[1])
    for rid, row in rows.items():
        missing = [c.replace("_per_1m", "") for c in ("input_per_1m", "output_per_1m") if row[c] == UNKNOWN_NUMBER]
        notes = [*details[rid]]
        if missing:
            notes.append(f"{' and '.join(missing)} price not in the Price List data read")
        row["notes"] = join_notes(notes)
    return list(rows.values())


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn a Bedrock document (``{"regions": {...}, "price_list": [...]}`` or a bare list response) into rows."""
    SHAPE.models(document)
    if isinstance(document.get("modelSummaries"), list):
        document = {"regions": {_region_of(document["modelSummaries"]): document}, "price_list": []}
    listed: dict[str, dict[str, Any]] = {}
    regions_of: dict[str, list[str]] = {}
    for region in sorted(document["regions"]):
        resp = document["regions"][region]
        summaries = resp.get("modelSummaries") if isinstance(resp, dict) else None
        if not isinstance(summaries, list):
            raise FetchParseError(f"Bedrock region {region}: no modelSummaries list")
        for s in summaries:
            if isinstance(s, dict) and safe_id_part(s.get("modelId")):
                listed.setdefault(s["modelId"], s)
                regions_of.setdefault(s["modelId"], []).append(str(region))
            else:
                log.warning("bedrock: a model summary without a valid modelId was skipped (%s)", region)
    base_rows: dict[str, dict[str, str]] = {}
    for mid, s in listed.items():
        row = _model_row(s, regions_of[mid], len(document["regions"]), updated)
        if row is not None:
            base_rows[row["id"]] = row
    items = document.get("price_list") or []
    price_rows = _price_rows(items if isinstance(items, list) else [], listed, base_rows, updated)
    return [*base_rows.values(), *price_rows]


FETCHER: Final = Fetcher(
    name="bedrock",
    source_id=SOURCE_ID,
    category="aggregators",
    provider="bedrock",
    fetch=fetch,
    parse=parse,
    load=load,
    credentials=("AWS_PROFILE|AWS_ACCESS_KEY_ID",),
    summary=f"AWS Bedrock models and Price List prices (boto3; {INSTALL_HINT})",
    shape=SHAPE,
)
