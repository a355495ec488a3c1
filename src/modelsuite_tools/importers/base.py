"""What every catalog importer shares: exact unit conversion, row construction, the interface.

An importer is one module with ``SOURCE`` (its source id in :data:`~modelsuite_tools.schema.SOURCES`),
``URL`` (the public document it reads online), ``SNAPSHOT`` (the committed file name under
``data/snapshots``), ``load(raw: bytes) -> document`` and ``parse(document, *, updated) -> rows``:
the same shape as the fetchers. Rows are registry rows (every column of
:data:`~modelsuite_tools.schema.COLUMNS`, ids ``<canonical provider>/<provider's model id>``),
one per offering the catalog lists, plus private keys starting with ``_`` (``_family``,
``_key``) that the linker and the verifier read and the CSV writer drops.

Numbers are converted exactly: documents are parsed with ``parse_float=Decimal`` so a per-token
``3e-06`` is ``Decimal('3E-6')`` and becomes ``3`` per 1M (never ``2.9999999999999996``).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from modelsuite_tools.schema import CAPS_ORDER, FORBIDDEN_TEXT_RE, PRICE_RE, empty_row

MILLION = Decimal(1_000_000)
#: Precision kept for prices per 1M tokens (the schema allows 12 decimals).
_QUANTUM = Decimal("1e-9")


class CatalogError(ValueError):
    """A catalog document that cannot be imported (bad JSON, wrong shape); one-line message."""


@dataclass(slots=True)
class ImportStats:
    """What an importer kept and skipped, for the command's summary line."""

    rows: int = 0
    skipped: dict[str, int] = field(default_factory=dict)

    def skip(self, reason: str) -> None:
        """Count one skipped catalog entry."""
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def load_json(raw: bytes, what: str) -> Any:
    """Parse JSON bytes (plain or gzipped) exactly (floats as Decimal); raise :class:`CatalogError`."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise CatalogError(f"{what}: corrupt gzip data ({exc})") from None
    try:
        return json.loads(raw.decode("utf-8"), parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{what}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{what}: not valid JSON ({exc.msg} at line {exc.lineno})") from None


def decimal_of(value: object) -> Decimal | None:
    """Return ``value`` as a Decimal (ints, Decimals, numeric strings), None if not a number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None


def format_price(value: Decimal | None) -> str:
    """Format USD per 1M as the schema's plain decimal (``-1`` if unknown or negative).

    >>> format_price(Decimal("3E-6") * MILLION), format_price(Decimal("1.25E-7") * MILLION)
    ('3', '0.125')
    >>> format_price(Decimal("0.000000000001")), format_price(None)
    ('0', '-1')
    """
    if value is None or value < 0:
        return "-1"
    q = value.quantize(_QUANTUM) if value.as_tuple().exponent < -9 else value  # type: ignore[operator]
    text = format(q.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text or "0"
    return text if PRICE_RE.fullmatch(text) else "-1"


def per_token_to_per_1m(value: object) -> str:
    """Convert a per-token USD price to the per-1M string (``-1`` if absent or not a number).

    >>> per_token_to_per_1m(Decimal("3e-06")), per_token_to_per_1m(1.25e-07), per_token_to_per_1m(None)
    ('3', '0.125', '-1')
    """
    d = decimal_of(value)
    return format_price(None if d is None else d * MILLION)


def per_1m(value: object) -> str:
    """Format a per-1M USD price from a document (``-1`` if absent)."""
    return format_price(decimal_of(value))


def token_count(value: object) -> str:
    """Format a token limit: a positive whole number, else ``-1``."""
    d = decimal_of(value)
    if d is None or d <= 0 or d != d.to_integral_value() or d > 10_000_000_000:
        return "-1"
    return str(int(d))


def caps_string(letters: Iterable[str]) -> str:
    """Return capability letters in canonical order, each once."""
    got = set(letters)
    return "".join(ch for ch in CAPS_ORDER if ch in got)


def new_row(provider: str, raw_id: str, *, source: str, updated: str, name: object = None) -> dict[str, str]:
    """Return an empty registry row for one offering observed in ``source``.

    ``name`` is the catalog's display name: used when it is clean text, else the id stands in.
    """
    row = empty_row()
    row.update(id=f"{provider}/{raw_id}", name=raw_id, status="C", can_classify="N", source=source,
               quality="partial", updated=updated)
    if isinstance(name, str) and name.strip() and not FORBIDDEN_TEXT_RE.search(name):
        row["name"] = name.strip()[:200]
    return row


def finish_row(row: dict[str, str]) -> None:
    """Apply what every catalog row gets last: held zero prices, then the providers table's price rules."""
    from modelsuite_tools.providers import PROVIDER_BY_ID

    provider, _, raw = row["id"].partition("/")
    hold_zero_prices(row, free=raw.endswith(":free") or PROVIDER_BY_ID[provider].local)
    apply_provider_rules(row)


SUBSCRIPTION_NOTE = "subscription; no per-token price"
#: Private row key: the price columns a catalog gave as 0 but that are kept unknown (-1) until another
#: independent source also says 0 (see :func:`modelsuite_tools.verify.reconcile`).
ZERO_KEY = "_zero"


def add_note(row: dict[str, str], note: str) -> None:
    """Append ``note`` to the row's notes (``; ``-separated, each once)."""
    notes = [n for n in row.get("notes", "").split("; ") if n]
    if note and note not in notes:
        notes.append(note)
    row["notes"] = "; ".join(notes)


#: Every price column of a row (per 1M tokens), and the tiers built from them.
_ALL_PRICES = ("input_per_1m", "output_per_1m", "cache_per_1m", "cache_write_per_1m", "batch_input_per_1m",
               "batch_output_per_1m")


def clear_prices(row: dict[str, str], note: str) -> None:
    """Set every price of a row unknown (prices the source states but that are not USD list prices) and
    say why in its notes."""
    for col in _ALL_PRICES:
        row[col] = "-1"
    row["tiers"] = ""
    row.pop(ZERO_KEY, None)
    add_note(row, note)


def apply_provider_rules(row: dict[str, str]) -> None:
    """Apply the providers table's per-provider price rules to an imported row (subscription providers,
    providers billing only in another currency)."""
    from modelsuite_tools.providers import PROVIDER_BY_ID

    p = PROVIDER_BY_ID.get(row["id"].partition("/")[0])
    if p is None:
        return
    if p.subscription:
        clear_prices(row, SUBSCRIPTION_NOTE)
    elif p.billing_currency:
        stated = f"{row['input_per_1m']}/{row['output_per_1m']}"
        clear_prices(row, "" if stated == "-1/-1" else f"bills only in {p.billing_currency}; the catalog's USD "
                                                         f"figure {stated} (in/out per 1M) is not a list price")


def hold_zero_prices(row: dict[str, str], *, free: bool) -> None:
    """A catalog's 0 is often "no price known", not "free": keep 0 only for ``:free`` ids and local
    providers (``free=True``).

    Other zeros become -1; the columns are remembered in the private :data:`ZERO_KEY` so the
    reconcile pass restores 0 when another independent source also says 0. Used by every catalog
    importer (LiteLLM and models.dev alike).
    """
    if free:
        return
    zeroed = [c for c in ("input_per_1m", "output_per_1m", "cache_per_1m", "cache_write_per_1m") if row[c] == "0"]
    for col in zeroed:
        row[col] = "-1"
    if zeroed:
        row[ZERO_KEY] = ",".join(zeroed)


# --- catalogs that price by match rule (genai-prices) ----------------------------------------------

#: Private row key: the JSON match rule of a catalog that names models by rule, not by id. Such rows
#: only confirm offerings other sources list: see :func:`attach_by_match`.
MATCH_KEY = "_match"
_CLAUSE_TEXT_KEYS = ("equals", "starts_with", "ends_with", "contains", "regex")
_MAX_RULE_NODES = 200
#: A regex with a quantified group that itself contains a quantifier can backtrack exponentially:
#: refused (catalog rules are short literal patterns; an id is at most 200 characters).
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]")


def check_clause(rule: object) -> str:
    """Return why a match rule is refused ('' if it is usable).

    >>> check_clause({"or": [{"equals": "a"}, {"starts_with": "b"}]}), check_clause({"regex": "(a+)+$"})
    ('', 'regex with nested quantifiers')
    >>> check_clause({"near": "x"})
    'unknown clause'
    """
    stack, seen = [rule], 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > _MAX_RULE_NODES or not isinstance(node, dict) or len(node) != 1:
            return "too large" if seen > _MAX_RULE_NODES else "unknown clause"
        ((kind, value),) = node.items()
        if kind in ("or", "and"):
            if not isinstance(value, list) or not value:
                return f"empty {kind}"
            stack.extend(value)
        elif kind in _CLAUSE_TEXT_KEYS:
            if not isinstance(value, str) or not value or len(value) > 300:
                return f"bad {kind} text"
            if kind == "regex":
                if _NESTED_QUANTIFIER.search(value):
                    return "regex with nested quantifiers"
                try:
                    re.compile(value)
                except re.error:
                    return "invalid regex"
        else:
            return "unknown clause"
    return ""


def clause_matches(rule: Any, text: str) -> bool:
    """Evaluate a checked match rule against a lower-cased model id (genai-prices semantics).

    >>> rule = {"or": [{"starts_with": "claude-sonnet-4-5"}, {"equals": "claude-4.5-sonnet"}]}
    >>> clause_matches(rule, "claude-sonnet-4-5-20250929"), clause_matches(rule, "claude-sonnet-4-6")
    (True, False)
    """
    ((kind, value),) = rule.items()
    if kind == "or":
        return any(clause_matches(r, text) for r in value)
    if kind == "and":
        return all(clause_matches(r, text) for r in value)
    if kind == "regex":
        return re.search(value, text) is not None
    value = str(value).lower()
    if kind == "equals":
        return text == value
    if kind == "starts_with":
        return text.startswith(value)
    if kind == "ends_with":
        return text.endswith(value)
    return value in text


def attach_by_match(matchers: Iterable[dict[str, str]], offerings: Mapping[str, str]) -> list[dict[str, str]]:
    """Return one observation per offering that a match-rule row prices.

    ``offerings`` maps each lower-cased offering key (``provider/raw id``) that some source lists to
    its id as written. For each offering, the first row of that provider (by ``_order``) whose rule
    matches the lower-cased raw id prices it, as the catalog's own library does; the copy gets the
    offering's id. Rows that price no listed offering are dropped.
    """
    by_provider: dict[str, list[tuple[str, Any, dict[str, str]]]] = {}
    for row in matchers:
        provider = row["id"].partition("/")[0]
        by_provider.setdefault(provider, []).append((row.get("_order", ""), json.loads(row[MATCH_KEY]), row))
    for rules in by_provider.values():
        rules.sort(key=lambda item: item[0])
    out: list[dict[str, str]] = []
    for key in sorted(offerings):
        provider, _, raw = key.partition("/")
        for _order, rule, row in by_provider.get(provider, ()):
            if clause_matches(rule, raw):
                copy = {k: v for k, v in row.items() if k != MATCH_KEY}
                copy["id"] = offerings[key]
                if raw != row["id"].partition("/")[2].lower() and raw not in _equals_values(rule):
                    copy[INEXACT_KEY] = "1"  # matched by a prefix/substring/regex rule, not by name
                out.append(copy)
                break
    return out


#: Private row key: an observation attached by a prefix, substring or regex rule rather than by the
#: offering's exact id; it ranks after exact observations of equal standing (see ``verify``).
INEXACT_KEY = "_inexact"


def _equals_values(rule: Any) -> set[str]:
    ((kind, value),) = rule.items()
    if kind == "equals":
        return {value.lower()}
    if kind == "or":
        return set().union(*(_equals_values(r) for r in value))
    return set()
