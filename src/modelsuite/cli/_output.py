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


def fmt_int(value: int | None) -> str:
    """Format a token count for a table: ``-`` when unknown."""
    return "-" if value is None else f"{value:,}"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> None:
    """Print an aligned plain-text table, truncating wide columns to the terminal width."""
    if not rows:
        return
    cells = [list(map(str, headers))] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    total = shutil.get_terminal_size((160, 24)).columns
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
