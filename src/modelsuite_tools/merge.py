"""Merge every CSV under ``data/models`` into one registry (plan §2.4).

All offerings are kept under their full ids. Rows are ordered by category precedence
(:data:`~modelsuite_tools.schema.CATEGORIES`), then provider, then id, and the lookup keys are
assigned in that order, so an unprefixed id or an alias resolves to the direct provider's entry
first. Key levels, strongest first: full id, ``<provider>/<alias>`` (so ``anthropic/claude-sonnet-4-5``
finds Anthropic's dated row, not a reseller whose own id happens to be ``anthropic/claude-sonnet-4-5``),
alias, raw id (the provider's own id; not when it reads like another provider's full id), base
model (the underlying model, e.g. ``meta-llama/llama-3.3-70b-instruct``), the raw id's last path
segment; then the lower-cased form of each. A key belongs to the first row that claims it at the
strongest level; among rows of one category at the weaker levels (raw id and below), priced rows
come before unpriced ones and verified before the rest.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from modelsuite_tools.csvio import Problem, Row, read_csv
from modelsuite_tools.schema import CATEGORIES, provider_of, raw_id_of
from modelsuite_tools.validate import Report, validate_rows


@dataclass(slots=True)
class Registry:
    """The merged, validated registry: ordered rows, lookup keys and the validation report."""

    rows: list[Row] = field(default_factory=list)
    keys: dict[str, int] = field(default_factory=dict)
    report: Report = field(default_factory=Report)
    files: list[str] = field(default_factory=list)

    def counts_by_category(self) -> dict[str, int]:
        """Return the number of rows per category, in precedence order (zeros included)."""
        counts = dict.fromkeys(CATEGORIES, 0)
        for row in self.rows:
            counts[row.category] += 1
        return counts


def csv_files(data_dir: str | os.PathLike[str]) -> list[tuple[str, Path]]:
    """Return ``(category, path)`` for every CSV under ``data_dir``, in a stable order."""
    base = Path(data_dir)
    out: list[tuple[str, Path]] = []
    for category in CATEGORIES:
        folder = base / category
        if folder.is_dir():
            out.extend((category, p) for p in sorted(folder.glob("*.csv")))
    return out


def load_registry(data_dir: str | os.PathLike[str], *, today: _dt.date | None = None) -> Registry:
    """Read, validate and merge every CSV under ``data_dir``; problems go to ``registry.report``."""
    base = Path(data_dir)
    reg = Registry()
    read_problems: list[Problem] = []
    rows: list[Row] = []
    if not base.is_dir():
        reg.report.errors.append(Problem(str(base), 0, "", "data directory not found; pass --data-dir"))
        return reg
    for stray in sorted(base.rglob("*.csv")):
        rel = stray.relative_to(base)
        if len(rel.parts) != 2 or rel.parts[0] not in CATEGORIES:
            read_problems.append(Problem(_display(stray), 0, "", "CSV outside the category folders "
                                         f"({', '.join(CATEGORIES)}); move it into one"))
    for category, path in csv_files(base):
        parsed = read_csv(path, display=_display(path))
        reg.files.append(parsed.path)
        read_problems.extend(parsed.problems)
        for row in parsed.rows:
            row.category = category
        rows.extend(parsed.rows)
    reg.report = validate_rows(rows, today=today)
    reg.report.errors[:0] = read_problems
    order = {c: i for i, c in enumerate(CATEGORIES)}
    rows.sort(key=lambda r: (order[r.category], provider_of(r["id"]), r["id"]))
    seen: set[str] = set()
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            reg.rows.append(row)
    reg.keys = lookup_keys(reg.rows)
    return reg


def lookup_keys(rows: list[Row]) -> dict[str, int]:
    """Return every lookup key -> row index, by the precedence described in the module docstring."""
    providers = {provider_of(r["id"]) for r in rows}
    order = {c: n for n, c in enumerate(CATEGORIES)}

    def rank(i: int) -> tuple[int, bool, bool, int]:
        # among offerings of one category: priced before unpriced, verified before the rest
        r = rows[i]
        return (order.get(r.category, len(order)), r["input_per_1m"] in ("", "-1"), r["quality"] != "verified", i)

    levels: list[list[tuple[str, int]]] = [[] for _ in range(6)]
    for i, row in enumerate(rows):
        mid = row["id"]
        prov = provider_of(mid)
        raw = raw_id_of(mid)
        levels[0].append((mid, i))
        if row["alias"]:
            levels[1].append((f"{prov}/{row['alias']}", i))
            levels[2].append((row["alias"], i))
        head = raw.partition("/")[0]
        if "/" not in raw or head not in providers:
            # a reseller's own id that reads like another provider's full id (replicate's
            # `xai/grok-4`) is not a key: `xai/grok-4` must never answer with Replicate's price
            levels[3].append((raw, i))
        if row["base_model"]:
            levels[4].append((row["base_model"], i))
        if "/" in raw:
            levels[5].append((raw.rsplit("/", 1)[1], i))
    for level in levels[3:]:
        level.sort(key=lambda ki: (ki[0], rank(ki[1])))
    keys: dict[str, int] = {}
    for level in levels:
        for key, i in level:
            keys.setdefault(key, i)
    for level in levels:
        for key, i in level:
            keys.setdefault(key.lower(), i)
    return keys


def _display(path: Path) -> str:
    """Return a short, stable path for messages: relative to the working directory if possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
