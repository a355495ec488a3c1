"""Render ``data/models/schema.json``: the JSON Schema of one CSV row, from the column table."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from modelsuite_tools import schema as s

if TYPE_CHECKING:
    from modelsuite_tools.generate.build import Stamp
    from modelsuite_tools.merge import Registry

_PATTERNS = {
    "id": s.ID_RE.pattern,
    "alias": s.ALIAS_RE.pattern,
    "price": s.PRICE_RE.pattern,
    "int": s.INT_RE.pattern,
    "score": s.SCORE_RE.pattern,
    "measure": s.MEASURE_RE.pattern,
    "date": s.DATE_RE.pattern,
    "source": s.SOURCE_RE.pattern,
    "modalities": s.MODALITY_RE.pattern,
    "base_model": s.RAW_ID_RE.pattern,
    "bench_extra": s.BENCH_EXTRA_RE.pattern,
    "url": s.URL_RE.pattern,
    "region": r"[a-z0-9-]+",
    "caps": "V?T?J?S?K?C?",
    "tiers": f"{s.TIER_RE.pattern}(;{s.TIER_RE.pattern})*",
}


def column_schema(col: s.Column) -> dict[str, Any]:
    """Return the JSON Schema of one column's string value."""
    out: dict[str, Any] = {"type": "string", "description": col.description}
    if col.type == "status":
        out["enum"] = list(s.STATUSES)
    elif col.type == "quality":
        out["enum"] = list(s.QUALITIES)
    elif col.type == "yn":
        out["enum"] = ["Y", "N"]
    elif col.type == "kind":
        out["enum"] = ["", *s.KINDS]
    elif col.type == "text":
        out["not"] = {"pattern": s.FORBIDDEN_TEXT_RE.pattern}
    elif col.type in _PATTERNS:
        pattern = f"^(?:{_PATTERNS[col.type]})$"
        out["pattern"] = pattern if col.required or col.type in ("price", "int") else f"^$|{pattern}"
    if col.name == "name":
        out["minLength"] = 1
    return out


def schema_document() -> dict[str, Any]:
    """Return the whole JSON Schema document."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/modelsuite/modelsuite-registry/data/models/schema.json",
        "title": "ModelSuite Registry CSV row",
        "description": "One row of data/models/<category>/<provider>.csv, as a JSON object of strings. "
        "Generated from src/modelsuite_tools/schema.py by `modelsuite build`; do not edit.",
        "type": "object",
        "required": [c.name for c in s.COLUMNS if c.required],
        "additionalProperties": False,
        "properties": {c.name: column_schema(c) for c in s.COLUMNS},
        "x-column-order": list(s.COLUMN_NAMES),
        "x-sources": {k: {"description": d, "url": u} for k, (d, u) in sorted(s.SOURCES.items())},
        "x-categories": list(s.CATEGORIES),
    }


def render_schema_json(registry: Registry | None = None, stamp: Stamp | None = None) -> str:
    """Return schema.json's text (independent of the data)."""
    return json.dumps(schema_document(), indent=2, ensure_ascii=False) + "\n"
