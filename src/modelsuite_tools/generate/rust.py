"""Render ``models_data.rs`` in exactly the plan's §6.1 form (13 pipe-delimited fields per row).

Row format: ``id|alias|name|status|in,out,cache|context,max_output|caps|mmlu,humaneval,math,gpqa,
swe_bench,ifeval,mmmu,mgsm,ttft_ms,tps|description|classify|source|quality|updated``. Unknown
numbers are ``-1``, unknown scores ``-``. In text fields a backslash is written ``\\\\`` and a pipe
``\\|``; nothing else is escaped (validation keeps newlines and control characters out). The raw
string's ``#`` delimiter is one longer than any ``"#…`` run inside the data, so it always compiles;
past Rust's limit of 255 ``#`` the data is written as an ordinary escaped string literal instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from modelsuite_tools.schema import BENCHMARK_COLUMNS, CATEGORIES, MEASURE_COLUMNS

if TYPE_CHECKING:
    from modelsuite_tools.generate.build import Stamp
    from modelsuite_tools.merge import Registry

CATEGORY_TITLES = {
    "core": "Core Providers (direct from the model makers)",
    "regional": "Regional Providers",
    "specialized": "Specialized Inference Platforms",
    "aggregators": "Aggregator Providers (API-sourced)",
    "community": "Community (Hugging Face and others)",
}
#: Rust accepts at most this many ``#`` around a raw string literal.
RUST_MAX_RAW_HASHES = 255
PIPE_FIELDS = (
    "id", "alias", "name", "status", "pricing", "context", "caps", "benchmarks", "description",
    "classify", "source", "quality", "updated",
)  # fmt: skip


def escape_field(text: str) -> str:
    """Escape a text field for the pipe format."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def unescape_field(text: str) -> str:
    """Undo :func:`escape_field`."""
    return re.sub(r"\\(.)", r"\1", text)


def split_pipe_line(line: str) -> list[str]:
    """Split one pipe-format row into its unescaped fields."""
    fields: list[str] = []
    cur: list[str] = []
    it = iter(line)
    for ch in it:
        if ch == "\\":
            cur.append(next(it, ""))
        elif ch == "|":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    fields.append("".join(cur))
    return fields


def pipe_row(values: dict[str, str]) -> str:
    """Return one row in the 13-field pipe format."""
    pricing = ",".join(values[c] for c in ("input_per_1m", "output_per_1m", "cache_per_1m"))
    context = f"{values['max_context']},{values['max_output']}"
    bench = ",".join(values[c] for c in (*BENCHMARK_COLUMNS, *MEASURE_COLUMNS))
    parts = [
        values["id"], escape_field(values["alias"]), escape_field(values["name"]), values["status"], pricing,
        context, values["caps"], bench, escape_field(values["description"]), values["can_classify"],
        values["source"], values["quality"], values["updated"],
    ]  # fmt: skip
    return "|".join(parts)


def raw_string_hashes(text: str) -> str:
    """Return the ``#`` run that delimits ``text`` safely as a Rust raw string."""
    longest = max((len(m) for m in re.findall(r'"(#*)', text)), default=0)
    return "#" * (longest + 1)


def render_rust(registry: Registry, stamp: Stamp) -> str:
    """Return the Rust source of ``models_data.rs``."""
    counts = registry.counts_by_category()
    body: list[str] = [""]
    for category in CATEGORIES:
        rows = [r for r in registry.rows if r.category == category]
        if not rows:
            continue
        body.append(f"# {CATEGORY_TITLES[category]}")
        body.append(f"# Source: data/models/{category}/*.csv")
        body.extend(pipe_row(r.values) for r in rows)
        body.append("")
    data = "\n".join(body)
    hashes = raw_string_hashes(data)
    if len(hashes) <= RUST_MAX_RAW_HASHES:
        literal = f'r{hashes}"{data}"{hashes}'
    else:
        literal = '"' + data.replace("\\", "\\\\").replace('"', '\\"') + '"'
    sources = ", ".join(f"{c}/{counts[c]}" for c in CATEGORIES)
    lines = [
        f"//! Auto-generated model data - DO NOT EDIT (rebuild with `{stamp.command}`)",
        f"//! Generated from data/models ({stamp.files} CSV files, sha256 {stamp.digest[:16]})",
        f"//! Sources: {sources}",
        "//! Row format: " + "|".join(PIPE_FIELDS),
        "",
        f"pub const MODEL_DATA: &str = {literal};",
        "",
        "/// Number of models in the registry",
        f"pub const MODEL_COUNT: usize = {len(registry.rows)};",
        "",
        "/// Registry version (for cache invalidation)",
        f'pub const REGISTRY_VERSION: &str = "{stamp.version}";',
        "",
        "/// Sources included in this build",
        "pub const DATA_SOURCES: &[(&str, usize)] = &[",
        *(f'    ("{c}", {counts[c]}),' for c in CATEGORIES),
        "];",
        "",
    ]
    return "\n".join(lines)
