"""Together AI ``GET /v1/models`` -> ``aggregators/together.csv``.

The response is a bare JSON array. ``pricing.input``/``pricing.output`` are numbers in USD per 1M
tokens for token-priced models. Image and video models list 0/0 (their real per-image/per-second
prices are not in this endpoint) and audio/transcription prices use other units, so those stay
unknown (-1) with a note. Needs ``TOGETHER_API_KEY``.

Shape check: the document must be a bare array (the endpoint has no ``{"data": …}`` envelope) of
objects with a ``type`` string and a ``pricing`` object whose ``input``/``output`` are numbers
(USD per 1M); OpenRouter's per-token strings or any other API's list are refused with one line.
"""

from __future__ import annotations

import logging
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    Shape,
    as_dict,
    clean_text,
    collect_rows,
    fit_small_context,
    is_number,
    join_notes,
    new_row,
    per_1m,
    positive_int,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import HttpClient, api_key
from modelsuite_tools.schema import UNKNOWN_NUMBER

log = logging.getLogger(__name__)

MODELS_URL: Final = "https://api.together.xyz/v1/models"
SOURCE_ID: Final = "together-api"
KEY_VAR: Final = "TOGETHER_API_KEY"

#: Together ``type`` -> schema ``kind``.
TYPE_KIND: Final = {
    "chat": "chat",
    "language": "completion",
    "code": "completion",
    "image": "image",
    "video": "video",
    "audio": "speech",
    "embedding": "embedding",
    "moderation": "moderation",
    "rerank": "rerank",
    "transcribe": "transcription",
}
#: Kinds whose ``pricing`` numbers are not USD per 1M tokens.
NON_TOKEN_KINDS: Final = frozenset({"image", "video", "speech", "transcription", "audio"})


def _entries(document: Any) -> list[Any] | None:
    return document if isinstance(document, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    pricing = m.get("pricing")
    return (isinstance(m.get("type"), str) and isinstance(pricing, dict)
            and is_number(pricing.get("input")) and is_number(pricing.get("output")))


SHAPE: Final = Shape(
    label="Together",
    envelope="a JSON array of models (no envelope)",
    fields="a type and a pricing object with numeric input/output",
    entries=_entries,
    entry_ok=_entry_ok,
)


def fetch(client: HttpClient) -> Any:
    """Fetch the model list (one request, no pagination)."""
    key = api_key(KEY_VAR, "https://api.together.xyz/settings/api-keys")
    return client.get_json(MODELS_URL, headers={"Authorization": f"Bearer {key}"})


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    raw_id = safe_id_part(m.get("id"))
    if raw_id is None:
        return None
    notes: list[str] = []
    mtype = str(m.get("type") or "").lower()
    kind = TYPE_KIND.get(mtype, "other" if mtype else "chat")
    pricing = as_dict(m.get("pricing"))
    pin, pout = per_1m(pricing.get("input")), per_1m(pricing.get("output"))
    if kind in NON_TOKEN_KINDS:
        if pin not in ("0", UNKNOWN_NUMBER) or pout not in ("0", UNKNOWN_NUMBER):
            notes.append(f"{mtype} model: API pricing input {pin} / output {pout} is not per 1M tokens "
                         "(unit not stated)")
        else:
            notes.append(f"{mtype} model: the API lists 0/0, which is not its real (per-unit) price")
        pin = pout = UNKNOWN_NUMBER
    elif pin == "0" and pout == "0" and "free" not in raw_id.lower():
        notes.append("the API lists 0/0, which is not a published price")
        pin = pout = UNKNOWN_NUMBER
    cached = per_1m(pricing.get("cached_input"))
    config = as_dict(m.get("config"))
    row = new_row(
        f"together/{raw_id}",
        source=SOURCE_ID,
        updated=updated,
        name=clean_text(m.get("display_name"), "name") or raw_id,
        input_per_1m=pin,
        output_per_1m=pout,
        cache_per_1m=cached if kind not in NON_TOKEN_KINDS else UNKNOWN_NUMBER,
        max_context=positive_int(m.get("context_length")),
        max_output=positive_int(config.get("max_output_length")),
        caps="C" if cached not in (UNKNOWN_NUMBER,) and kind not in NON_TOKEN_KINDS else "",
        kind=kind,
        source_url=MODELS_URL,
    )
    org = clean_text(m.get("organization"), 100)
    if org:
        notes.insert(0, f"organization: {org}")
    fit_small_context(row, notes)
    row["notes"] = join_notes(notes)
    return row


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn Together's ``/v1/models`` array into rows."""
    return collect_rows("together", SHAPE.models(document), lambda m: _row(m, updated))


FETCHER: Final = Fetcher(
    name="together",
    source_id=SOURCE_ID,
    category="aggregators",
    provider="together",
    fetch=fetch,
    parse=parse,
    credentials=(KEY_VAR,),
    summary="Together AI model list",
    shape=SHAPE,
)
