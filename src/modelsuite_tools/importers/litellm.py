"""Importer for LiteLLM's ``model_prices_and_context_window.json`` (source id ``litellm``).

Online: https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json.
Offline: the same document ships in the ``litellm-core`` wheel as
``litellm/model_prices_and_context_window_backup.json``; a gzipped copy is committed under
``data/snapshots`` (see its MANIFEST.json).

Mapping (one catalog entry -> one row):

* provider: ``litellm_provider`` through :func:`modelsuite_tools.providers.canonical_provider`;
  entries of providers not in the table (web-search tools, placeholders) are skipped.
* id: the key minus its provider prefix (``gemini/``, ``together_ai/``, ``bedrock/``, ``vertex_ai/``
  …; bare OpenAI/Anthropic keys have none). Bedrock region keys ``bedrock/<region>/<model>`` give
  a row with ``region`` set (a regional price, not the list price); commitment keys
  ``bedrock/<region>/<n>-month-commitment/<model>`` and per-image size keys (``1024-x-1024/…``)
  are skipped, as are size-class price buckets (``fireworks-ai-4.1b-to-16b``). Geo-prefixed
  Bedrock inference profiles (``us.``/``eu.``/``apac.``/``global.``… ``anthropic.claude-…``) keep
  their prefix: it is part of the id one calls. The providers table's id rules then apply
  (``canonical_offering``: Fireworks' bare ``glm-5p1`` is ``accounts/fireworks/models/glm-5p1``,
  the id LiteLLM calls; Perplexity's ``anthropic/…`` keys are ``perplexity-agent``). When a bare key
  and a provider-prefixed key name the same offering and disagree, the prefixed key wins (see
  ``modelsuite_tools.verify``).
* prices: ``*_cost_per_token`` x 1M, exactly; ``cache_read_input_token_cost`` -> ``cache_per_1m``;
  ``cache_creation_input_token_cost`` -> ``cache_write_per_1m``; ``*_batches`` -> batch columns;
  ``input/output/cache_read…_above_<N>k_tokens`` and ``tiered_pricing`` ranges -> ``tiers``
  (``N*1000=IN/OUT/CACHE``).
* limits: ``max_input_tokens`` -> ``max_context``, ``max_output_tokens`` -> ``max_output``.
* caps: ``supports_vision`` V, ``supports_function_calling`` T, ``supports_response_schema`` J and S
  (``supports_native_structured_output`` S), ``supports_reasoning`` K, ``supports_prompt_caching``
  (or a cache-read price) C.
* unit pricing: an entry priced per second/character/image/query/request (any cost key that is not
  per token) or whose ``mode`` is not chat/completion/responses/embedding never yields a token price
  of 0: such zeros stay -1 and the notes give the unit and LiteLLM's raw value. An image model's
  ``output_cost_per_image_token`` is its output per-1M price (said in the notes), never a text price.
* subscription providers (``subscription`` in the providers table) get -1 prices and a note.
* ``mode`` -> ``kind``; ``deprecation_date`` -> ``deprecation_date``, status D when it is on or
  before the snapshot date; ``source`` (the provider page LiteLLM cites) -> ``source_url``.
"""

from __future__ import annotations

import re
from typing import Any, Final

from modelsuite_tools.importers.base import (
    CatalogError,
    ImportStats,
    add_note,
    caps_string,
    finish_row,
    load_json,
    new_row,
    per_token_to_per_1m,
    token_count,
)
from modelsuite_tools.providers import canonical_offering, canonical_provider, litellm_key_prefixes
from modelsuite_tools.schema import DATE_RE, RAW_ID_RE, URL_RE

SOURCE: Final = "litellm"
URL: Final = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"
SNAPSHOT: Final = "litellm_model_prices.json.gz"

MODE_KIND: Final = {
    "chat": "chat",
    "responses": "chat",
    "completion": "completion",
    "embedding": "embedding",
    "image_generation": "image",
    "image_edit": "image",
    "video_generation": "video",
    "audio_transcription": "transcription",
    "audio_speech": "speech",
    "realtime": "audio",
    "rerank": "rerank",
    "moderation": "moderation",
    "ocr": "other",
    "extraction": "other",
}
_REGION = re.compile(r"[a-z]{2}(-gov)?-[a-z]+-\d{1,2}")
_IMAGE_SIZE = re.compile(r"\d+-x-\d+")
_SIZE_BUCKET = re.compile(r"-(\d+(\.\d+)?[bm]-to-\d+(\.\d+)?[bm]|up-to-\d+(\.\d+)?[bm]|above-\d+(\.\d+)?[bm]|default)$")
_TIER_KEY = re.compile(r"(input_cost_per_token|output_cost_per_token|cache_read_input_token_cost)_above_(\d+)k_tokens")
_CAP_FLAGS: Final = (
    ("supports_vision", "V"),
    ("supports_function_calling", "T"),
    ("supports_response_schema", "J"),
    ("supports_response_schema", "S"),
    ("supports_native_structured_output", "S"),
    ("supports_reasoning", "K"),
    ("supports_prompt_caching", "C"),
)


def load(raw: bytes) -> dict[str, Any]:
    """Parse the document (exact decimals); raise CatalogError if it is not a LiteLLM cost map."""
    doc = load_json(raw, "LiteLLM cost map")
    if not isinstance(doc, dict) or not any(isinstance(v, dict) and "litellm_provider" in v for v in doc.values()):
        raise CatalogError("LiteLLM cost map: expected an object of model entries with litellm_provider")
    return doc


def split_key(key: str, provider: str) -> tuple[str, str] | None:
    """Return ``(raw_id, region)`` for a LiteLLM key, or None if the key is not one model offering.

    >>> split_key("gemini/gemini-2.5-pro", "google")
    ('gemini-2.5-pro', '')
    >>> split_key("bedrock/us-west-2/meta.llama3-70b-instruct-v1:0", "bedrock")
    ('meta.llama3-70b-instruct-v1:0', 'us-west-2')
    >>> split_key("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock")
    ('us.anthropic.claude-sonnet-4-5-20250929-v1:0', '')
    >>> split_key("low/1024-x-1024/gpt-image-1", "openai") is None
    True
    """
    parts = key.split("/")
    if any(_IMAGE_SIZE.fullmatch(p) for p in parts):
        return None
    if len(parts) > 1 and parts[0] in litellm_key_prefixes(provider):
        parts = parts[1:]
    region = ""
    if len(parts) > 1 and _REGION.fullmatch(parts[0]):
        region, parts = parts[0], parts[1:]
        if len(parts) > 1:  # bedrock/<region>/<n>-month-commitment/<model>: provisioned throughput
            return None
    raw = "/".join(parts)
    if not raw or (_SIZE_BUCKET.search(raw) and "/" not in raw and raw.startswith(tuple(
            p.replace("_", "-") for p in litellm_key_prefixes(provider)))):
        return None
    return raw, region


def parse(document: dict[str, Any], *, updated: str, stats: ImportStats | None = None) -> list[dict[str, str]]:
    """Return one row per model offering in the cost map; ``updated`` is the snapshot's date."""
    stats = stats if stats is not None else ImportStats()
    rows: list[dict[str, str]] = []
    for key in sorted(document):
        entry = document[key]
        if not isinstance(entry, dict) or not isinstance(entry.get("litellm_provider"), str):
            stats.skip("not a model entry")
            continue
        provider = canonical_provider(entry["litellm_provider"], "litellm")
        if provider is None:
            stats.skip("provider not in the table")
            continue
        kind = MODE_KIND.get(str(entry.get("mode", "")))
        if kind is None:
            stats.skip("mode is not a model kind")
            continue
        split = split_key(key, provider)
        if split is None or not RAW_ID_RE.fullmatch(split[0]):
            stats.skip("key is not one offering")
            continue
        raw, region = split
        provider, raw = canonical_offering(provider, raw)
        row = entry_row(entry, provider, raw, kind=kind, updated=updated)
        finish_row(row)
        row["region"] = region
        row["_key"] = key
        rows.append(row)
    stats.rows += len(rows)
    return rows


def entry_row(entry: dict[str, Any], provider: str, raw: str, *, kind: str, updated: str) -> dict[str, str]:
    """Convert one cost-map entry to a registry row."""
    row = new_row(provider, raw, source=SOURCE, updated=updated)
    row["kind"] = "" if kind == "chat" else kind
    row["input_per_1m"] = per_token_to_per_1m(entry.get("input_cost_per_token"))
    row["output_per_1m"] = per_token_to_per_1m(entry.get("output_cost_per_token"))
    row["cache_per_1m"] = per_token_to_per_1m(entry.get("cache_read_input_token_cost"))
    row["cache_write_per_1m"] = per_token_to_per_1m(entry.get("cache_creation_input_token_cost"))
    row["batch_input_per_1m"] = per_token_to_per_1m(entry.get("input_cost_per_token_batches"))
    row["batch_output_per_1m"] = per_token_to_per_1m(entry.get("output_cost_per_token_batches"))
    row["tiers"] = _tiers(entry, row)
    row["max_context"] = token_count(entry.get("max_input_tokens"))
    row["max_output"] = token_count(entry.get("max_output_tokens"))
    letters = [letter for flag, letter in _CAP_FLAGS if entry.get(flag) is True]
    if row["cache_per_1m"] != "-1":
        letters.append("C")
    row["caps"] = caps_string(letters)
    row["input_modalities"], row["output_modalities"] = _modalities(entry, kind)
    _unit_prices(entry, row, kind)
    dep = entry.get("deprecation_date")
    if isinstance(dep, str) and DATE_RE.fullmatch(dep):
        row["deprecation_date"] = dep
        if dep <= updated:
            row["status"] = "D"
    url = entry.get("source")
    if isinstance(url, str) and URL_RE.fullmatch(url):
        row["source_url"] = url
    return row


def unit_cost_keys(entry: dict[str, Any]) -> list[str]:
    """Return the entry's cost keys that are not per token (per second, character, image, query, page…).

    >>> unit_cost_keys({"input_cost_per_token": 0, "output_cost_per_image": 0.04, "mode": "image_generation"})
    ['output_cost_per_image']
    """
    return sorted(k for k in entry if "cost" in k and "token" not in k)


def _raw(value: object) -> str:
    if isinstance(value, dict):
        inner = [v for v in value.values() if not isinstance(v, (dict, list))]
        return f"{inner[0]} ({len(value)} options)" if inner else "…"
    return str(value)


def _unit_prices(entry: dict[str, Any], row: dict[str, str], kind: str) -> None:
    """Keep a token price of 0 unknown when the entry is really priced in another unit (or is not a token model).

    LiteLLM writes ``input_cost_per_token: 0`` on image, video, audio and per-request entries whose
    real price is per image/second/character/query; 0 would read as "free". Such zeros become -1 and
    the notes give the unit and LiteLLM's raw value. An image model's ``output_cost_per_image_token``
    is its output price per 1M image tokens (said in the notes); it is never used for another kind.
    """
    units = unit_cost_keys(entry)
    token_mode = str(entry.get("mode", "")) in ("chat", "completion", "responses", "embedding")
    if kind == "image" and row["output_per_1m"] in ("-1", "0") and "output_cost_per_image_token" in entry:
        value = per_token_to_per_1m(entry["output_cost_per_image_token"])
        if value not in ("-1", "0"):
            row["output_per_1m"] = value
            add_note(row, "output_per_1m is LiteLLM's output_cost_per_image_token (per 1M image tokens)")
    if token_mode and not units:
        return
    zeroed = [c for c in ("input_per_1m", "output_per_1m", "cache_per_1m", "cache_write_per_1m",
                          "batch_input_per_1m", "batch_output_per_1m") if row[c] == "0"]
    for col in zeroed:
        row[col] = "-1"
    if zeroed or units:
        shown = ", ".join(f"{k}={_raw(entry[k])}" for k in units[:4])
        why = f"LiteLLM prices this entry per unit, not per token ({shown})" if units else \
            f"LiteLLM mode {entry.get('mode')}: not priced per token"
        if zeroed:
            why += f"; its token price 0 is not a price ({','.join(zeroed)} left -1)"
        add_note(row, why[:400])


def _tiers(entry: dict[str, Any], row: dict[str, str]) -> str:
    tiers: dict[int, dict[str, str]] = {}
    for name, value in entry.items():
        m = _TIER_KEY.fullmatch(name)
        if m:
            tiers.setdefault(int(m.group(2)) * 1000, {})[m.group(1)] = per_token_to_per_1m(value)
    ranged = entry.get("tiered_pricing")
    if isinstance(ranged, list):
        for item in ranged:
            if not isinstance(item, dict) or not isinstance(item.get("range"), list) or not item["range"]:
                continue
            start = token_count(item["range"][0])
            if start == "-1":
                if row["input_per_1m"] == "-1":  # the first range holds the base prices
                    row["input_per_1m"] = per_token_to_per_1m(item.get("input_cost_per_token"))
                    row["output_per_1m"] = per_token_to_per_1m(item.get("output_cost_per_token"))
                    if row["cache_per_1m"] == "-1":
                        row["cache_per_1m"] = per_token_to_per_1m(item.get("cache_read_input_token_cost"))
                continue
            tiers.setdefault(int(start), {
                "input_cost_per_token": per_token_to_per_1m(item.get("input_cost_per_token")),
                "output_cost_per_token": per_token_to_per_1m(item.get("output_cost_per_token")),
                "cache_read_input_token_cost": per_token_to_per_1m(item.get("cache_read_input_token_cost")),
            })
    items = []
    for threshold in sorted(tiers):
        t = tiers[threshold]
        inp = t.get("input_cost_per_token", "-1")
        out = t.get("output_cost_per_token", "-1")
        if inp == "-1" and out == "-1":
            continue
        items.append(f"{threshold}={inp}/{out}/{t.get('cache_read_input_token_cost', '-1')}")
    return ";".join(items)


def _modalities(entry: dict[str, Any], kind: str) -> tuple[str, str]:
    ins = entry.get("supported_modalities")
    outs = entry.get("supported_output_modalities")
    norm = {"pdf": "file", "text": "text", "image": "image", "audio": "audio", "video": "video", "file": "file"}
    if isinstance(ins, list):
        inp = [norm[m] for m in ins if isinstance(m, str) and m in norm]
    elif kind == "chat":
        inp = ["text"]
        for flag, mod in (("supports_vision", "image"), ("supports_audio_input", "audio"),
                          ("supports_video_input", "video"), ("supports_pdf_input", "file")):
            if entry.get(flag) is True:
                inp.append(mod)
    else:
        inp = []
    if isinstance(outs, list):
        out = [norm[m] for m in outs if isinstance(m, str) and m in norm]
    elif kind == "chat":
        out = ["text"] + (["audio"] if entry.get("supports_audio_output") is True else [])
    else:
        out = []
    return "+".join(dict.fromkeys(inp)), "+".join(dict.fromkeys(out))
