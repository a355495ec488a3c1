"""Shared output helpers for CLI commands: tables, JSON, errors."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any


class CliError(Exception):
    """A user-facing error: printed as one line, exits with ``code``."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 1) -> int:
    """Print ``modelsuite: error: message`` to stderr and return ``code``."""
    print(f"modelsuite: error: {message}", file=sys.stderr)
    return code


def _default(obj: object) -> Any:
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"cannot serialise {type(obj).__name__}")


def print_json(obj: Any) -> None:
    """Print ``obj`` as indented JSON (Decimals as strings)."""
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=_default))


def fmt_money(value: Decimal | None) -> str:
    """Format a price for a table: ``-`` when unknown."""
    if value is None:
        return "-"
    text = format(value.normalize(), "f")
    return text


def usd(value: Decimal | None) -> str:
    """Format a price with a dollar sign, or ``unknown``."""
    return "unknown" if value is None else f"${fmt_money(value)}"


def fmt_int(value: int | None) -> str:
    """Format a token count for a table: ``-`` when unknown."""
    return "-" if value is None else f"{value:,}"


def print_table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = (), shrink: Sequence[int] = ()
) -> None:
    """Print an aligned plain-text table, truncating wide columns to the terminal width.

    Columns listed in ``shrink`` (e.g. a free-text name) are narrowed first, down to 12
    characters, before the widest of the others.
    """
    if not rows:
        return
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    total = shutil.get_terminal_size((160, 24)).columns
    for col in shrink:
        excess = sum(widths) + 2 * (len(widths) - 1) - total
        if excess > 0:
            widths[col] = max(12, widths[col] - excess)
    while sum(widths) + 2 * (len(widths) - 1) > total and max(widths) > 12:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    for n, r in enumerate(cells):
        out = []
        for i, c in enumerate(r):
            if len(c) > widths[i]:
                c = c[: widths[i] - 1] + "…"
            out.append(c.rjust(widths[i]) if i in right else c.ljust(widths[i]))
        print("  ".join(out).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


_SQUASH = str.maketrans("", "", "-_.:/@ ")


def _bigrams(text: str) -> set[str]:
    t = text.lower().translate(_SQUASH)
    return {t[j : j + 2] for j in range(len(t) - 1)}


def suggestions(key: str, limit: int = 3) -> list[str]:
    """Return the full ids of up to ``limit`` models whose id, alias or own id is close to ``key``.

    A cheap letter-pair overlap (separators ignored, so ``gpt4o`` finds ``gpt-4o``) picks the 40
    likeliest names, then difflib ranks those; fast enough over thousands of models.
    """
    import difflib
    import heapq

    from modelsuite.query import _columns

    low = key.strip().lower()
    tail = low.rpartition("/")[2] or low
    wanted = _bigrams(tail)
    if not wanted:
        return []
    cols = _columns()
    scored: list[tuple[float, int, str]] = []
    for i, (mid, alias) in enumerate(zip(cols.ids, cols.aliases, strict=True)):
        for name in (mid.rpartition("/")[2], alias):
            if name:
                grams = _bigrams(name)
                overlap = 2 * len(wanted & grams) / (len(wanted) + len(grams) or 1)
                if overlap >= 0.5:
                    scored.append((overlap, -i, name))
    ratios: dict[int, float] = {}
    for _, neg_i, name in heapq.nlargest(40, scored):
        i = -neg_i
        target = cols.ids[i].lower() if "/" in low else name.lower()
        score = difflib.SequenceMatcher(None, low, target).ratio()
        if low.translate(_SQUASH) == target.translate(_SQUASH):
            score = 1.0
        if score >= 0.6:
            ratios[i] = max(ratios.get(i, 0.0), score)
    # best first; among equals, registry order (direct providers first)
    return [cols.ids[i] for i, _ in sorted(ratios.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def resolve(key: str) -> Any:
    """Return the :class:`~modelsuite.ModelInfo` for ``key`` or raise a :class:`CliError` with suggestions."""
    import modelsuite

    m = modelsuite.get_model_info(key)
    if m is None:
        raise not_found(key)
    return m


def not_found(key: str) -> CliError:
    """Return the 'not found' error (exit 1) for ``key``, with "did you mean" suggestions."""
    close = suggestions(key)
    hint = f"; did you mean {', '.join(close)}?" if close else "; try `modelsuite search WORDS`"
    return CliError(f"no model {key!r}{hint}", 1)


def json_safe(value: float | None) -> float | str | None:
    """Return a float for JSON: infinity becomes the string ``"inf"`` (JSON has no infinity)."""
    if value is not None and value == float("inf"):
        return "inf"
    return value
