"""OpenRouter ``GET /api/v1/models?output_modalities=all`` -> ``aggregators/openrouter.csv``.

Prices in the API are USD per token as decimal strings (``"0.00000015"`` = $0.15 per 1M); ``"-1"``
means variable/unknown. Every entry becomes its own row, ``:free``/``:thinking``/``:batch`` variants
and ``~…-latest`` aliases included. No API key is needed.

Long-context prices: an entry of ``pricing.overrides`` with ``min_prompt_tokens: N`` applies from N
prompt tokens on (inclusive), while the registry's ``tiers`` item ``THRESHOLD=…`` applies when the
prompt *exceeds* THRESHOLD. So ``min_prompt_tokens: 200000`` is written ``199999=…`` (a prompt of
exactly 200,000 tokens is billed at the override's prices in both readings). Overrides without
``min_prompt_tokens`` (time-of-day windows) are counted in ``notes``, not in the prices.

Benchmarks: ``benchmarks.artificial_analysis`` (intelligence, coding and agentic index, measured by
Artificial Analysis and passed on by OpenRouter) go to ``bench_extra`` as ``aa_intelligence_index=…;
aa_coding_index=…;aa_agentic_index=…`` (values as given, nulls skipped), credited in ``notes``. They
are composite indices, not any of the plan's benchmark columns, so those stay ``-``.

Shape check: a document is OpenRouter's when it is an object with a ``data`` list whose entries carry
``canonical_slug``, an ``architecture`` object and a string ``pricing.prompt``; anything else is
refused with one line (see :class:`~modelsuite_tools.fetchers.base.Shape`).
"""

from __future__ import annotations

import datetime as dt
import logging
import urllib.parse
from decimal import Decimal
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    FetchParseError,
    Shape,
    as_dict,
    as_list,
    caps_string,
    clean_text,
    collect_rows,
    fit_small_context,
    format_decimal,
    is_number,
    join_notes,
    kind_from_modalities,
    modalities,
    new_row,
    per_token_to_per_1m,
    positive_int,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import HttpClient
from modelsuite_tools.schema import BENCH_EXTRA_RE, DATE_RE, UNKNOWN_NUMBER

log = logging.getLogger(__name__)

BASE_URL: Final = "https://openrouter.ai"
MODELS_URL: Final = f"{BASE_URL}/api/v1/models"
SOURCE_ID: Final = "openrouter-api"
MAX_PAGES: Final = 50
#: Kinds whose ``prompt``/``completion`` prices are per second, minute or character, not per token.
#: (Image models keep their per-token prompt/completion prices: OpenRouter bills their text tokens.)
MEDIA_KINDS: Final = frozenset({"video", "speech", "audio", "transcription"})
#: An expiration year at or after this is a placeholder, not an announced retirement.
PLACEHOLDER_YEAR: Final = 2090

#: ``benchmarks.artificial_analysis`` keys -> ``bench_extra`` keys, in the order written.
AA_INDICES: Final = (
    ("intelligence_index", "aa_intelligence_index"),
    ("coding_index", "aa_coding_index"),
    ("agentic_index", "aa_agentic_index"),
)
AA_CREDIT: Final = "aa_* scores: Artificial Analysis (https://artificialanalysis.ai/) via OpenRouter"

_PARAM_CAPS: Final = {
    "tools": "T",
    "response_format": "J",
    "structured_outputs": "S",
    "reasoning": "K",
    "include_reasoning": "K",
}


def fetch(client: HttpClient) -> dict[str, Any]:
    """Fetch every model (all output modalities), following ``links.next``."""
    models: list[Any] = []
    url: str | None = MODELS_URL
    params: dict[str, str] | None = {"output_modalities": "all"}
    seen: set[str] = set()
    for _page in range(MAX_PAGES):
        if url is None:
            break
        key = url + repr(params)
        if key in seen:
            raise FetchParseError(f"OpenRouter pagination loops back to {url}")
        seen.add(key)
        doc = client.get_json(url, params=params)
        if not isinstance(doc, dict) or not isinstance(doc.get("data"), list):
            raise FetchParseError("OpenRouter response has no 'data' list")
        models.extend(doc["data"])
        links = doc.get("links")
        nxt = links.get("next") if isinstance(links, dict) else None
        url = urllib.parse.urljoin(BASE_URL + "/", nxt) if isinstance(nxt, str) and nxt else None
        if url is not None and urllib.parse.urlsplit(url).netloc != urllib.parse.urlsplit(BASE_URL).netloc:
            raise FetchParseError(f"OpenRouter links.next points off-site: {url}")
        params = None
    else:
        if url is not None:
            raise FetchParseError(f"OpenRouter returned more than {MAX_PAGES} pages")
    return {"data": models, "total_count": len(models), "links": {"next": None}}


def _entries(document: Any) -> list[Any] | None:
    items = document.get("data") if isinstance(document, dict) else None
    return items if isinstance(items, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    pricing = m.get("pricing")
    return (isinstance(m.get("canonical_slug"), str) and isinstance(m.get("architecture"), dict)
            and isinstance(pricing, dict) and isinstance(pricing.get("prompt"), str))


SHAPE: Final = Shape(
    label="OpenRouter",
    envelope="an object with a 'data' list of models",
    fields="canonical_slug, an architecture object and a pricing.prompt string",
    entries=_entries,
    entry_ok=_entry_ok,
)


def _aa_scores(benchmarks: object) -> str:
    """Return ``benchmarks.artificial_analysis`` as ``bench_extra`` text (nulls and non-numbers skipped)."""
    aa = as_dict(as_dict(benchmarks).get("artificial_analysis"))
    items: list[str] = []
    for key, column in AA_INDICES:
        value = aa.get(key)
        if not is_number(value):
            continue
        item = f"{column}={format_decimal(Decimal(repr(value)))}"
        if BENCH_EXTRA_RE.fullmatch(item):
            items.append(item)
        else:
            log.warning("openrouter: %s %r does not fit bench_extra; skipped", column, value)
    return ";".join(items)


def _tiers(overrides: object, notes: list[str]) -> str:
    if not isinstance(overrides, list):
        return ""
    items: dict[int, str] = {}
    other = 0
    for ov in overrides:
        if not isinstance(ov, dict):
            continue
        start = ov.get("min_prompt_tokens")
        if isinstance(start, int) and not isinstance(start, bool) and start > 0:
            # inclusive "from N tokens" -> the registry's "prompt exceeds THRESHOLD": N - 1
            items[start - 1] = "/".join(
                per_token_to_per_1m(ov.get(k, "-1")) for k in ("prompt", "completion", "input_cache_read")
            )
        else:
            other += 1
    if other:
        notes.append(f"{other} conditional price override(s) (e.g. time-of-day windows) not shown in the prices")
    return ";".join(f"{t}={items[t]}" for t in sorted(items))


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    raw_id = safe_id_part(m.get("id"))
    if raw_id is None:
        return None
    notes: list[str] = []
    arch = as_dict(m.get("architecture"))
    inputs = as_list(arch.get("input_modalities"))
    outputs = as_list(arch.get("output_modalities"))
    pricing = as_dict(m.get("pricing"))
    top = as_dict(m.get("top_provider"))
    params = as_list(m.get("supported_parameters"))

    kind = kind_from_modalities(outputs) or "chat"
    pin = per_token_to_per_1m(pricing.get("prompt"))
    pout = per_token_to_per_1m(pricing.get("completion"))
    if kind in MEDIA_KINDS:
        shown = ", ".join(f"{k} {clean_text(str(v), 40)}" for k, v in pricing.items() if k != "overrides"
                          and isinstance(v, (str, int, float)))
        notes.append(f"{kind} model billed per media unit, not per token (API pricing: {shown})")
        pin = pout = UNKNOWN_NUMBER
    elif pin == "0" and pout == "0" and kind != "chat" and not raw_id.endswith(":free"):
        notes.append("per-token prices are 0 in the API, which is not a published price for this model")
        pin = pout = UNKNOWN_NUMBER
    if str(pricing.get("prompt")) == "-1" or str(pricing.get("completion")) == "-1":
        notes.append("price varies (router or variable pricing)")
    cache = per_token_to_per_1m(pricing.get("input_cache_read"))
    cache_write = per_token_to_per_1m(pricing.get("input_cache_write"))

    caps = {"V"} if "image" in [str(i).lower() for i in inputs] else set()
    caps |= {_PARAM_CAPS[p] for p in params if isinstance(p, str) and p in _PARAM_CAPS}
    if cache != UNKNOWN_NUMBER:
        caps.add("C")

    ctx = positive_int(m.get("context_length"))
    if ctx == UNKNOWN_NUMBER:
        ctx = positive_int(top.get("context_length"))

    status, deprecation = "C", ""
    exp = m.get("expiration_date")
    if isinstance(exp, str) and DATE_RE.fullmatch(exp):
        try:
            when = dt.date.fromisoformat(exp)
        except ValueError:
            when = None
        if when is not None and when.year >= PLACEHOLDER_YEAR:
            notes.append(f"expiration_date {exp} in the API (a placeholder, not an announced date)")
        elif when is not None:
            deprecation = exp
            if exp < updated:
                status = "D"
    bench_extra = _aa_scores(m.get("benchmarks"))
    if bench_extra:
        notes.insert(0, AA_CREDIT)
    alias_target = m.get("alias_target")
    if isinstance(alias_target, dict) and isinstance(alias_target.get("slug"), str):
        notes.append(f"alias that currently points to {clean_text(alias_target['slug'], 200)}")

    row = new_row(
        f"openrouter/{raw_id}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(m.get("name"), "name") or raw_id,
        status=status,
        input_per_1m=pin,
        output_per_1m=pout,
        cache_per_1m=cache,
        max_context=ctx,
        max_output=positive_int(top.get("max_completion_tokens")),
        caps=caps_string(caps),
        description=clean_text(m.get("description")),
        kind=kind,
        cache_write_per_1m=cache_write,
        tiers=_tiers(pricing.get("overrides"), notes),
        input_modalities=modalities(inputs),
        output_modalities=modalities(outputs),
        base_model=safe_id_part(m.get("canonical_slug")) or "",
        hf_id=safe_id_part(m.get("hugging_face_id")) or "",
        bench_extra=bench_extra,
        deprecation_date=deprecation,
        source_url=MODELS_URL,
    )
    fit_small_context(row, notes)
    row["notes"] = join_notes(notes)
    return row


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn an OpenRouter ``/models`` response (``{"data": [...]}``) into rows (one per entry)."""
    return collect_rows("openrouter", SHAPE.models(document), lambda m: _row(m, updated))


FETCHER: Final = Fetcher(
    name="openrouter",
    source_id=SOURCE_ID,
    category="aggregators",
    provider="openrouter",
    fetch=fetch,
    parse=parse,
    summary="OpenRouter model list (all output modalities)",
    shape=SHAPE,
)
