"""Groq ``GET /openai/v1/models`` -> ``specialized/groq.csv``.

``{"object": "list", "data": [...]}``; ``context_window`` and ``max_completion_tokens`` per model,
and (in newer responses) OpenRouter-style ``pricing`` strings in USD per token. Speech (TTS) prices
are per character, so they are noted, not put in the per-token columns; models without ``pricing``
stay unknown (-1). Needs ``GROQ_API_KEY``.

Shape check: ``{"object": "list", "data": [...]}`` whose entries carry a numeric ``context_window``
and an ``owned_by`` string; any other document is refused with one line.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    Shape,
    as_list,
    caps_string,
    clean_text,
    collect_rows,
    fit_small_context,
    is_number,
    join_notes,
    kind_from_modalities,
    modalities,
    new_row,
    per_token_to_per_1m,
    positive_int,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import HttpClient, api_key
from modelsuite_tools.schema import UNKNOWN_NUMBER

log = logging.getLogger(__name__)

MODELS_URL: Final = "https://api.groq.com/openai/v1/models"
SOURCE_ID: Final = "groq-api"
KEY_VAR: Final = "GROQ_API_KEY"
_FEATURE_CAPS: Final = {"tools": "T", "json_mode": "J", "structured_outputs": "S", "reasoning": "K"}
#: Output kinds whose ``pricing.prompt`` is not per token (TTS: per input character).
_UNIT_NOTE: Final = {"speech": "per input character", "audio": "per unit of audio",
                     "transcription": "per unit of audio"}


def _entries(document: Any) -> list[Any] | None:
    items = document.get("data") if isinstance(document, dict) and document.get("object") == "list" else None
    return items if isinstance(items, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    return is_number(m.get("context_window")) and isinstance(m.get("owned_by"), str)


SHAPE: Final = Shape(
    label="Groq",
    envelope="an object with \"object\": \"list\" and a 'data' list of models",
    fields="a numeric context_window and an owned_by string",
    entries=_entries,
    entry_ok=_entry_ok,
)


def fetch(client: HttpClient) -> Any:
    """Fetch the model list (one request, no pagination)."""
    key = api_key(KEY_VAR, "https://console.groq.com/keys")
    return client.get_json(MODELS_URL, headers={"Authorization": f"Bearer {key}"})


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    raw_id = safe_id_part(m.get("id"))
    if raw_id is None:
        return None
    notes: list[str] = []
    inputs = as_list(m.get("input_modalities"))
    outputs = as_list(m.get("output_modalities"))
    kind = kind_from_modalities(outputs) or "chat"
    pricing = m.get("pricing") if isinstance(m.get("pricing"), dict) else None
    pin = pout = cache = UNKNOWN_NUMBER
    if pricing is None:
        notes.append("no pricing in the API response")
    elif kind in _UNIT_NOTE:
        shown = ", ".join(f"{k} {clean_text(str(v), 40)}" for k, v in pricing.items()
                          if isinstance(v, (str, int, float)) and str(v) not in ("0", ""))
        notes.append(f"{kind} model: API pricing is USD {_UNIT_NOTE[kind]}, not per token ({shown})")
    else:
        pin = per_token_to_per_1m(pricing.get("prompt"))
        pout = per_token_to_per_1m(pricing.get("completion"))
        cache = per_token_to_per_1m(pricing.get("input_cache_read"))
    features = as_list(m.get("supported_features"))
    caps = {_FEATURE_CAPS[f] for f in features if isinstance(f, str) and f in _FEATURE_CAPS}
    if "image" in [str(i).lower() for i in inputs]:
        caps.add("V")
    if cache != UNKNOWN_NUMBER:
        caps.add("C")
    ctx = positive_int(m.get("context_window"))
    if ctx == UNKNOWN_NUMBER:
        ctx = positive_int(m.get("context_length"))
    max_out = positive_int(m.get("max_completion_tokens"))
    if max_out == UNKNOWN_NUMBER:
        max_out = positive_int(m.get("max_output_length"))
    status = "C" if m.get("active", True) is not False else "D"
    if status == "D":
        notes.append("active: false in the API")
    owner = clean_text(m.get("owned_by"), 100)
    if owner:
        notes.insert(0, f"owned by {owner}")
    row = new_row(
        f"groq/{raw_id}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(m.get("name"), "name") or raw_id,
        status=status,
        input_per_1m=pin,
        output_per_1m=pout,
        cache_per_1m=cache,
        max_context=ctx,
        max_output=max_out,
        caps=caps_string(caps),
        kind=kind,
        input_modalities=modalities(inputs),
        output_modalities=modalities(outputs),
        hf_id=safe_id_part(m.get("hugging_face_id")) or "",
        source_url=MODELS_URL,
    )
    fit_small_context(row, notes)
    row["notes"] = join_notes(notes)
    return row


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn Groq's ``/openai/v1/models`` response into rows."""
    return collect_rows("groq", SHAPE.models(document), lambda m: _row(m, updated))


FETCHER: Final = Fetcher(
    name="groq",
    source_id=SOURCE_ID,
    category="specialized",
    provider="groq",
    fetch=fetch,
    parse=parse,
    credentials=(KEY_VAR,),
    summary="Groq model list",
    shape=SHAPE,
)
