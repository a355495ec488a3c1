"""Importer for Pydantic's genai-prices data (source id ``genai-prices``).

Online: https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json,
a JSON list of provider sections. Offline: the ``genai-prices`` wheel ships the same data as the
generated module ``genai_prices/data.py`` (constructor calls of literals); a gzipped copy is committed
under ``data/snapshots`` (see its MANIFEST.json). :func:`load` reads either form. The module is
parsed with :mod:`ast` and converted to the JSON shape, never executed: only literals and the
catalog's own constructor names are accepted.

What it is: a price list curated per provider from the provider's pricing pages (each section's
``pricing_urls``; ``price_comments`` cite the pages), which uses LiteLLM, OpenRouter and others only
to find discrepancies and missing models. Two sections are generated from provider APIs and so are
not independent of ours: ``openrouter`` (OpenRouter's model API) and ``aws`` (the AWS Price List
API); see ``DERIVED_SOURCES`` in :mod:`modelsuite_tools.providers`.

Mapping (one model of one provider section -> one row per provider the section serves):

* provider: :func:`modelsuite_tools.providers.genai_prices_providers` (``aws`` is Bedrock; ``google``
  prices both the Gemini API and Vertex AI). Sections not in the table (``huggingface_*`` router
  sub-providers, Cursor, …) are skipped and counted.
* genai-prices names a model by its own id plus a *match rule* (``equals``, ``starts_with``,
  ``ends_with``, ``contains``, ``regex``, ``or``, ``and``) and prices a call by the first model of
  the provider whose rule matches the lower-cased model id. Its id is therefore not always an id the
  provider's API takes, so its rows only *confirm* offerings: each row carries its rule
  (:data:`~modelsuite_tools.importers.base.MATCH_KEY`), and the reconcile pass attaches it to every
  offering of that provider that another source lists and whose id the rule matches first
  (:func:`~modelsuite_tools.importers.base.attach_by_match`). A model no other source lists adds no row.
* prices (already USD per 1M): ``input_mtok``, ``output_mtok``, ``cache_read_mtok``,
  ``cache_write_mtok``; a tiered price ``{base, tiers: [{start, price}]}`` gives the base price and
  the ``tiers`` column (``start=IN/OUT/CACHE``). Prices that changed over time are a list of
  conditional prices: the last one whose ``start_date`` is on or before the snapshot date applies.
  Time-of-day prices (DeepSeek's off-peak hours) are not one list price: left unknown, with a note.
  Prices in other units (per request, character, second) are not token prices and are not read.
* ``context_window`` is not read: the catalog records the largest window any mode allows (Claude
  Sonnet 4.5: 1,000,000 with the long-context beta), not the window an ordinary call gets.
* a section whose prices genai-prices converted to USD from another currency (its comments say
  "converted to USD": Zhipu, billed only in CNY) gives no prices: an exchange-rate estimate is not an
  observation of a USD list price.
* ``deprecated: true`` -> status D; ``name`` -> name; the section's first pricing URL -> ``source_url``.
* a 0 price is held like every catalog's (see :func:`~modelsuite_tools.importers.base.hold_zero_prices`).
"""

from __future__ import annotations

import ast
import datetime as _dt
import gzip
import json
import re
from typing import Any, Final

from modelsuite_tools.importers.base import (
    MATCH_KEY,
    CatalogError,
    ImportStats,
    add_note,
    check_clause,
    clear_prices,
    decimal_of,
    finish_row,
    format_price,
    load_json,
    new_row,
)
from modelsuite_tools.providers import genai_prices_providers
from modelsuite_tools.schema import RAW_ID_RE, URL_RE

SOURCE: Final = "genai-prices"
URL: Final = "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json"
SNAPSHOT: Final = "genai_prices_data.json.gz"

#: Constructor names of the generated ``data.py`` module (``genai_prices.types``); anything else is refused.
_TYPES: Final = frozenset({
    "Provider", "ModelInfo", "ModelPrice", "TieredPrices", "Tier", "ConditionalPrice", "PriceVariant",
    "StartDateConstraint", "TimeOfDateConstraint", "ClauseStartsWith", "ClauseEndsWith", "ClauseContains",
    "ClauseRegex", "ClauseEquals", "ClauseOr", "ClauseAnd", "UsageExtractor", "UsageExtractorMapping",
    "ArrayMatch",
})
#: Price keys read (genai-prices key -> registry column); all per 1M tokens.
_PRICE_KEYS: Final = {"input_mtok": "input_per_1m", "output_mtok": "output_per_1m",
                      "cache_read_mtok": "cache_per_1m", "cache_write_mtok": "cache_write_per_1m"}
_MAX_MODULE_BYTES: Final = 64 * 1024 * 1024
#: A section whose prices genai-prices converted from another currency (Zhipu bills only in CNY).
_CONVERTED_RE: Final = re.compile(r"converted to USD", re.IGNORECASE)


def load(raw: bytes) -> list[dict[str, Any]]:
    """Parse the document: the JSON data file, or the wheel's ``data.py`` module (gzipped or plain)."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise CatalogError(f"genai-prices data: corrupt gzip data ({exc})") from None
    head = raw.lstrip()[:1]
    doc: Any = load_json(raw, "genai-prices data.json") if head in (b"[", b"{") else _load_module(raw)
    if isinstance(doc, dict) and isinstance(doc.get("providers"), list):
        doc = doc["providers"]
    if not isinstance(doc, list) or not any(isinstance(p, dict) and isinstance(p.get("models"), list) for p in doc):
        raise CatalogError("genai-prices data: expected a list of provider sections with models")
    return doc


def _load_module(raw: bytes) -> Any:
    """Convert the generated ``data.py`` (``providers: list[Provider] = [...]``) to the JSON shape."""
    if len(raw) > _MAX_MODULE_BYTES:
        raise CatalogError("genai-prices data.py: larger than 64 MB")
    try:
        tree = ast.parse(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogError(f"genai-prices data.py: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except (SyntaxError, ValueError, RecursionError) as exc:
        raise CatalogError(f"genai-prices data.py: not Python source ({exc})") from None
    for node in tree.body:
        target: ast.expr
        value: ast.expr | None
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "providers" and value is not None:
            try:
                return _literal(value)
            except RecursionError:
                raise CatalogError("genai-prices data.py: nested too deeply") from None
    raise CatalogError("genai-prices data.py: no `providers = [...]` assignment")


def _literal(node: ast.expr) -> Any:
    """Evaluate one node of the data module: literals, ``Decimal('…')``, dates, and catalog constructors."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, int, float, bool, type(None))):
        return node.value
    if isinstance(node, ast.List | ast.Tuple):
        return [_literal(e) for e in node.elts]
    if isinstance(node, ast.Dict):
        return {_literal(k): _literal(v) for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub) and isinstance(node.operand, ast.Constant):
        value = _literal(node.operand)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return -value
    if isinstance(node, ast.Attribute) and _call_name(node) in ("datetime.UTC", "timezone.utc"):
        return "UTC"
    if isinstance(node, ast.Call):
        name = _call_name(node.func)
        args = [_literal(a) for a in node.args]
        kwargs = {k.arg.rstrip("_"): _literal(k.value) for k in node.keywords if k.arg is not None}
        try:
            if name == "Decimal" and len(args) == 1 and isinstance(args[0], str | int):
                return decimal_of(args[0])
            if name in ("datetime.date", "date") and args:
                return _dt.date(*args).isoformat()
            if name in ("datetime.time", "time") and args:  # times are UTC (tzinfo=datetime.UTC)
                return _dt.time(*args).isoformat()
        except (TypeError, ValueError) as exc:
            raise CatalogError(f"genai-prices data.py: bad {name}(…) at line {node.lineno} ({exc})") from None
        if name in _TYPES and not args:
            return kwargs
        if name == "ConditionalPrice" and len(args) == 1:  # constraint given positionally
            return {"constraint": args[0], **kwargs}
    raise CatalogError(f"genai-prices data.py: unexpected expression at line {getattr(node, 'lineno', '?')} "
                       f"({type(node).__name__}); only literals and the catalog's constructors are read")


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
        return f"{func.value.id}.{func.attr}"
    return "?"


def parse(document: list[dict[str, Any]], *, updated: str, stats: ImportStats | None = None,
          ) -> list[dict[str, str]]:
    """Return one row per model and provider served; each row carries its match rule (see module doc)."""
    stats = stats if stats is not None else ImportStats()
    rows: list[dict[str, str]] = []
    for section in document:
        if not isinstance(section, dict) or not isinstance(section.get("models"), list):
            stats.skip("not a provider section")
            continue
        section_id = section.get("id")
        targets = genai_prices_providers(section_id) if isinstance(section_id, str) else ()
        if not targets:
            stats.skip("provider not in the table")
            continue
        comments = section.get("price_comments")
        converted = isinstance(comments, str) and _CONVERTED_RE.search(comments) is not None
        urls = section.get("pricing_urls")
        page = next((u for u in urls if isinstance(u, str) and URL_RE.fullmatch(u)), "") \
            if isinstance(urls, list) else ""
        for order, model in enumerate(section["models"]):
            if not isinstance(model, dict):
                stats.skip("model is not an object")
                continue
            raw = model.get("id")
            if not isinstance(raw, str) or not RAW_ID_RE.fullmatch(raw):
                stats.skip("id is not a valid model id")
                continue
            rule = model.get("match")
            problem = check_clause(rule)
            if problem:
                stats.skip(f"match rule refused: {problem}")
                continue
            for provider in targets:
                row = model_row(model, provider, raw, updated=updated)
                if page:
                    row["source_url"] = page
                if converted:  # an exchange-rate estimate, not a published USD price: not an observation
                    clear_prices(row, "genai-prices converts this provider's CNY prices to USD: not read")
                finish_row(row)
                row[MATCH_KEY] = json.dumps(rule, sort_keys=True, separators=(",", ":"))
                row["_order"] = f"{order:06d}"
                row["_key"] = f"{section_id}/{raw}"
                rows.append(row)
    stats.rows += len(rows)
    return rows


def model_row(model: dict[str, Any], provider: str, raw: str, *, updated: str) -> dict[str, str]:
    """Convert one genai-prices model to a registry row (prices as of ``updated``)."""
    row = new_row(provider, raw, source=SOURCE, updated=updated, name=model.get("name"))
    prices = current_prices(model.get("prices"), updated)
    if prices is None:
        add_note(row, "time-of-day prices; no single list price")
        prices = {}
    tiers: dict[int, dict[str, str]] = {}
    for key, col in _PRICE_KEYS.items():
        value = prices.get(key)
        if isinstance(value, dict):  # tiered: {base, tiers: [{start, price}]}
            row[col] = format_price(decimal_of(value.get("base")))
            for tier in value.get("tiers") or []:
                start = decimal_of(tier.get("start")) if isinstance(tier, dict) else None
                if start is not None and start > 0 and start == start.to_integral_value():
                    tiers.setdefault(int(start), {})[col] = format_price(decimal_of(tier.get("price")))
        else:
            row[col] = format_price(decimal_of(value))
    row["tiers"] = ";".join(
        f"{start}={t.get('input_per_1m', '-1')}/{t.get('output_per_1m', '-1')}/{t.get('cache_per_1m', '-1')}"
        for start, t in sorted(tiers.items()) if t.get("input_per_1m", "-1") != "-1")
    if model.get("deprecated") is True:
        row["status"] = "D"
    return row


def current_prices(prices: Any, date: str) -> dict[str, Any] | None:
    """Return the price set in force on ``date`` (None for time-of-day pricing).

    >>> current_prices({"input_mtok": 1}, "2026-01-01")
    {'input_mtok': 1}
    >>> history = [{"prices": {"input_mtok": 2}},
    ...            {"constraint": {"start_date": "2026-03-13"}, "prices": {"input_mtok": 1}}]
    >>> current_prices(history, "2026-03-12"), current_prices(history, "2026-11-10")
    ({'input_mtok': 2}, {'input_mtok': 1})
    """
    if isinstance(prices, dict):
        return prices
    if not isinstance(prices, list):
        return {}
    chosen: dict[str, Any] = {}
    for item in prices:
        if not isinstance(item, dict) or not isinstance(item.get("prices"), dict):
            continue
        constraint = item.get("constraint")
        if constraint is None:
            chosen = item["prices"]
        elif isinstance(constraint, dict) and "start_time" in constraint:
            return None
        elif isinstance(constraint, dict) and isinstance(constraint.get("start_date"), str) \
                and constraint["start_date"][:10] <= date:
            chosen = item["prices"]
    return chosen
