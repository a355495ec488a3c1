"""Artificial Analysis ``GET /api/v2/data/llms/models`` (x-api-key) -> ``community/artificialanalysis.csv``.

Benchmark scores, median time to first token and median output speed, measured by Artificial
Analysis (https://artificialanalysis.ai/); their terms require attribution, so every row names them
in ``source_url`` and ``notes``. Only an exactly matching benchmark fills a plan column (AA's ``gpqa``
is GPQA Diamond -> ``gpqa``); every other score (MMLU-Pro is not MMLU, MATH-500 is not MATH) goes to
``bench_extra`` as ``aa_<name>``. Prices stay -1 here. Needs ``AA_API_KEY``.

Shape check: an object with a ``data`` list whose entries carry a ``slug`` string and
``model_creator``/``evaluations`` objects; any other document is refused with one line.
"""

from __future__ import annotations

import logging
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from modelsuite_tools.fetchers.base import (
    Fetcher,
    Shape,
    as_dict,
    clean_text,
    collect_rows,
    format_decimal,
    join_notes,
    new_row,
    safe_id_part,
)
from modelsuite_tools.fetchers.http import HttpClient, api_key

log = logging.getLogger(__name__)

MODELS_URL: Final = "https://artificialanalysis.ai/api/v2/data/llms/models"
SOURCE_ID: Final = "artificialanalysis-api"
KEY_VAR: Final = "AA_API_KEY"
CREDIT: Final = "benchmarks and speed by Artificial Analysis (https://artificialanalysis.ai/)"
#: AA evaluation key -> plan benchmark column (only exact benchmarks).
PLAN_BENCHMARKS: Final = {"gpqa": "gpqa"}
#: AA's composite indices are 0-100 already; other evaluations are fractions 0-1.
_INDEX_RE: Final = re.compile(r"artificial_analysis_(\w+)_index")


def _entries(document: Any) -> list[Any] | None:
    items = document.get("data") if isinstance(document, dict) else None
    return items if isinstance(items, list) else None


def _entry_ok(m: dict[str, Any]) -> bool:
    return (isinstance(m.get("slug"), str) and isinstance(m.get("model_creator"), dict)
            and isinstance(m.get("evaluations"), dict))


SHAPE: Final = Shape(
    label="Artificial Analysis",
    envelope="an object with a 'data' list of models",
    fields="a slug and model_creator and evaluations objects",
    entries=_entries,
    entry_ok=_entry_ok,
)


def fetch(client: HttpClient) -> Any:
    """Fetch the language-model list."""
    key = api_key(KEY_VAR, "https://artificialanalysis.ai/")
    return client.get_json(MODELS_URL, headers={"x-api-key": key})


def _dec(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        dec = Decimal(str(value))
    except InvalidOperation:
        return None
    return dec if dec.is_finite() and dec >= 0 else None


def _fmt(value: Decimal, places: str) -> str:
    return format_decimal(value.quantize(Decimal(places)))


def _row(m: dict[str, Any], updated: str) -> dict[str, str] | None:
    slug = m.get("slug")
    creator = as_dict(m.get("model_creator"))
    cslug = creator.get("slug")
    raw = safe_id_part(f"{cslug}/{slug}" if isinstance(cslug, str) and cslug else slug)
    if raw is None:
        return None
    values: dict[str, str] = {}
    extra: dict[str, str] = {}
    evals = as_dict(m.get("evaluations"))
    for key in sorted(evals):
        val = _dec(evals[key])
        if val is None or not re.fullmatch(r"[a-z0-9_]+", str(key)):
            continue
        idx = _INDEX_RE.fullmatch(key)
        if idx:
            extra[f"aa_{idx.group(1)}"] = _fmt(val, "0.01")
            continue
        pct = val * 100 if val <= 1 else val
        if pct > 100:
            continue
        if key in PLAN_BENCHMARKS:
            values[PLAN_BENCHMARKS[key]] = _fmt(pct, "0.01")
        else:
            extra[f"aa_{key}"] = _fmt(pct, "0.01")
    tps = _dec(m.get("median_output_tokens_per_second"))
    ttft = _dec(m.get("median_time_to_first_token_seconds"))
    if tps is not None and tps > 0:
        values["tps"] = _fmt(tps, "0.1")
    if ttft is not None and ttft > 0:
        values["ttft_ms"] = _fmt(ttft * 1000, "1")
    name = clean_text(m.get("name"), "name") or raw
    return new_row(
        f"artificialanalysis/{raw}",
        source=SOURCE_ID,
        updated=updated,
        name=name,
        bench_extra=";".join(f"{k}={v}" for k, v in sorted(extra.items())),
        source_url="https://artificialanalysis.ai/",
        notes=join_notes([CREDIT, f"model creator: {clean_text(creator.get('name'), 80)}"
                          if creator.get("name") else ""]),
        **values,
    )


def parse(document: Any, *, updated: str) -> list[dict[str, str]]:
    """Turn ``{"data": [...]}`` into rows with scores and speed."""
    return collect_rows("artificial_analysis", SHAPE.models(document), lambda m: _row(m, updated))


FETCHER: Final = Fetcher(
    name="artificial_analysis",
    source_id=SOURCE_ID,
    category="community",
    provider="artificialanalysis",
    fetch=fetch,
    parse=parse,
    credentials=(KEY_VAR,),
    summary="Artificial Analysis benchmarks and speed (attribution required)",
    shape=SHAPE,
)
