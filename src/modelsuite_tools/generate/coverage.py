"""Render ``docs/providers.md`` (the provider coverage table, plan §8.3) and the column table.

Both are generated from the one definition of the data, so they cannot go stale:

- :func:`render` is a build target (``modelsuite build`` writes it, ``modelsuite build --check``
  fails when the committed file differs): one line per provider with its category, number of
  offerings, the distinct source ids of its rows, the share of verified rows and the newest
  ``updated`` date;
- :func:`render_column_table` renders every column of :mod:`modelsuite_tools.schema` as a
  Markdown table, kept between marker comments in ``data/models/README.md`` by
  :func:`replace_marked_section` (``python scripts/generate_rust.py`` rewrites it through
  :func:`update_readme`; a test fails when it differs).

Everything here is deterministic: same registry in, same text out.

>>> from modelsuite_tools.csvio import Row
>>> from modelsuite_tools.merge import Registry
>>> def row(mid, quality, source, updated):
...     return Row({"id": mid, "source": source, "quality": quality, "updated": updated,
...                 "input_per_1m": "1", "output_per_1m": "2"}, category="core")
>>> reg = Registry(rows=[row("acme/a", "verified", "litellm+models.dev", "2026-10-01"),
...                      row("acme/b", "partial", "official", "2026-11-02")])
>>> [(c.provider, c.offerings, c.sources, c.verified_share, c.last_updated) for c in coverage(reg)]
[('acme', 2, ('litellm', 'models.dev', 'official'), '50%', '2026-11-02')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from modelsuite_tools import schema as s

if TYPE_CHECKING:
    from modelsuite_tools.generate.build import Stamp
    from modelsuite_tools.merge import Registry

#: Marker comments around the generated column table in ``data/models/README.md``.
COLUMNS_BEGIN = "<!-- BEGIN GENERATED COLUMNS: python scripts/generate_rust.py -->"
COLUMNS_END = "<!-- END GENERATED COLUMNS -->"

CATEGORY_TITLES = {
    "core": "direct from the model maker",
    "regional": "regional provider",
    "specialized": "specialized inference platform",
    "aggregators": "aggregator / router",
    "community": "community hub",
}


@dataclass(frozen=True, slots=True)
class ProviderCoverage:
    """What the registry holds for one provider (in one category)."""

    provider: str
    category: str
    offerings: int
    priced: int
    verified: int
    sources: tuple[str, ...]
    last_updated: str

    @property
    def verified_share(self) -> str:
        """Return the share of verified rows as a whole percentage, e.g. ``'40%'``."""
        return f"{100 * self.verified / self.offerings:.0f}%" if self.offerings else "-"


def coverage(registry: Registry) -> list[ProviderCoverage]:
    """Return one :class:`ProviderCoverage` per (provider, category), in the registry's order."""
    groups: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in registry.rows:
        groups.setdefault((s.provider_of(row["id"]), row.category), []).append(row.values)
    out = []
    for (provider, category), rows in groups.items():
        sources = sorted({part for r in rows for part in r.get("source", "").split("+") if part})
        out.append(
            ProviderCoverage(
                provider=provider,
                category=category,
                offerings=len(rows),
                priced=sum(
                    1
                    for r in rows
                    if r.get("input_per_1m", "-1") != s.UNKNOWN_NUMBER
                    and r.get("output_per_1m", "-1") != s.UNKNOWN_NUMBER
                ),
                verified=sum(1 for r in rows if r.get("quality") == "verified"),
                sources=tuple(sources),
                last_updated=max((r.get("updated", "") for r in rows), default=""),
            )
        )
    order = {c: i for i, c in enumerate(s.CATEGORIES)}
    out.sort(key=lambda c: (order.get(c.category, len(order)), c.provider))
    return out


def _cell(text: str) -> str:
    """Escape a value for a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Return a GitHub-flavoured Markdown table (columns listed in ``right`` are right-aligned).

    >>> print(markdown_table(["a", "n"], [["x|y", "1"]], right=[1]))
    | a | n |
    |---|--:|
    | x\\|y | 1 |
    """
    head = "| " + " | ".join(headers) + " |"
    rule = "|" + "|".join("--:" if i in right else "---" for i in range(len(headers))) + "|"
    body = ["| " + " | ".join(_cell(c) for c in r) + " |" for r in rows]
    return "\n".join([head, rule, *body])


def render(registry: Registry, stamp: Stamp) -> str:
    """Return the text of ``docs/providers.md``: the stamped provider coverage table."""
    cov = coverage(registry)
    total = sum(c.offerings for c in cov)
    verified = sum(c.verified for c in cov)
    providers = len({c.provider for c in cov})
    used_sources = sorted({src for c in cov for src in c.sources})
    lines = [
        f"<!-- GENERATED by `{stamp.command}` from data/models ({stamp.files} CSV files, registry "
        f"{stamp.version}) by src/modelsuite_tools/generate/coverage.py. DO NOT EDIT: change the CSVs "
        "and rebuild. -->",
        "",
        "# Provider coverage",
        "",
        f"Registry `{stamp.version}`: {total} offerings from {providers} providers, "
        f"{verified} verified ({100 * verified / total:.0f}%)."
        if total
        else f"Registry `{stamp.version}`: no offerings yet.",
        "",
        "One line per provider file (`data/models/<category>/<provider>.csv`). *Offerings* counts rows, "
        "*priced* those with a known input and output price, *sources* lists the distinct source ids "
        "in the rows' `source` column (see the legend below), *verified* is the share of rows whose "
        "numbers two independent sources agree on, and *last updated* is the newest `updated` date.",
        "",
    ]
    headers = ["provider", "category", "offerings", "priced", "sources", "verified", "last updated"]
    rows = [
        [
            f"`{c.provider}`",
            c.category,
            str(c.offerings),
            str(c.priced),
            ", ".join(c.sources),
            c.verified_share,
            c.last_updated,
        ]
        for c in cov
    ]
    if rows:
        lines.append(markdown_table(headers, rows, right=[2, 3, 5]))
    else:
        lines.append("*(the registry is empty)*")
    lines += ["", "## Categories", ""]
    counts = registry.counts_by_category()
    lines.append(
        markdown_table(
            ["category", "what it holds", "providers", "offerings"],
            [
                [
                    cat,
                    CATEGORY_TITLES.get(cat, ""),
                    str(len({c.provider for c in cov if c.category == cat})),
                    str(counts.get(cat, 0)),
                ]
                for cat in s.CATEGORIES
            ],
            right=[2, 3],
        )
    )
    lines += ["", "## Source ids", ""]
    if used_sources:
        lines.append(
            markdown_table(
                ["source id", "what it is", "where"],
                [
                    [
                        f"`{src}`",
                        s.SOURCES.get(src, ("(not in schema.SOURCES)", ""))[0],
                        s.SOURCES.get(src, ("", ""))[1],
                    ]
                    for src in used_sources
                ],
            )
        )
    else:
        lines.append("*(none)*")
    lines.append("")
    return "\n".join(lines)


def render_column_table() -> str:
    """Return the Markdown table of every CSV column, from :data:`modelsuite_tools.schema.COLUMNS`.

    >>> table = render_column_table()
    >>> table.splitlines()[2].startswith("| 1 | `id` | id | yes | ")
    True
    """
    rows = []
    for n, col in enumerate(s.COLUMNS, 1):
        rows.append(
            [
                str(n),
                f"`{col.name}`",
                col.type,
                "yes" if col.required else "",
                f"`{col.unknown}`" if col.unknown else "",
                "plan" if col.plan else "extra",
                col.description,
            ]
        )
    return markdown_table(["#", "column", "type", "required", "unknown", "from", "meaning"], rows, right=[0])


def replace_marked_section(text: str, body: str, begin: str = COLUMNS_BEGIN, end: str = COLUMNS_END) -> str:
    """Return ``text`` with everything between the ``begin`` and ``end`` lines replaced by ``body``.

    >>> replace_marked_section("a\\n<b>\\nold\\n<e>\\nz\\n", "new", "<b>", "<e>")
    'a\\n<b>\\nnew\\n<e>\\nz\\n'
    >>> replace_marked_section("no markers", "new", "<b>", "<e>")
    Traceback (most recent call last):
    ...
    ValueError: the markers <b> ... <e> were not found (each once, in order)
    """
    pattern = re.compile(re.escape(begin) + r"\n.*?" + re.escape(end), re.DOTALL)
    if text.count(begin) != 1 or text.count(end) != 1 or not pattern.search(text):
        raise ValueError(f"the markers {begin} ... {end} were not found (each once, in order)")
    return pattern.sub(lambda _: f"{begin}\n{body}\n{end}", text)


def readme_path() -> Path:
    """Return the path of ``data/models/README.md`` in this checkout."""
    from modelsuite_tools.generate.build import DEFAULT_DATA_DIR

    return DEFAULT_DATA_DIR / "README.md"


def update_readme(path: Path | None = None, *, check: bool = False) -> tuple[bool, str]:
    """Rewrite (or with ``check``, compare) the column table in ``data/models/README.md``.

    Return ``(ok, message)``: ``ok`` is False when the file cannot be read, has no markers, or
    (``check``) is out of date. ``python scripts/generate_rust.py`` calls this after the build.
    """
    from modelsuite_tools.atomic import atomic_write_text

    path = path or readme_path()
    try:
        text = path.read_text(encoding="utf-8")
        new = replace_marked_section(text, render_column_table())
    except (OSError, ValueError) as exc:
        return False, f"{path}: {getattr(exc, 'strerror', None) or exc}"
    if new == text:
        return True, f"{path}: column table up to date"
    if check:
        return False, f"{path}: column table out of date; run `python scripts/generate_rust.py` and commit the result"
    atomic_write_text(path, new)
    return True, f"{path}: column table rewritten"
