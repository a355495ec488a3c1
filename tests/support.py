"""Test helpers: make rows, write synthetic data directories, build and load them.

Every test that needs a registry builds its own from rows it writes, through the real pipeline
(CSV -> validate -> merge -> generate), so tests never depend on the committed data's numbers.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import types
from collections.abc import Iterator, Mapping
from pathlib import Path

from modelsuite import _registry
from modelsuite_tools.csvio import write_csv
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.json_export import load_generated
from modelsuite_tools.schema import empty_row

TODAY = dt.date(2026, 11, 25)


def make_row(model_id: str, **values: str) -> dict[str, str]:
    """Return a valid row for ``model_id`` with sensible defaults, overridden by ``values``."""
    row = empty_row()
    row.update(
        id=model_id,
        name=model_id.rsplit("/", 1)[-1],
        status="C",
        can_classify="N",
        source="litellm",
        quality="partial",
        updated="2026-10-25",
    )
    row.update(values)
    return row


def write_data_dir(base: Path, files: Mapping[str, list[dict[str, str]]]) -> Path:
    """Write ``{"core/anthropic": [rows], ...}`` as CSVs under ``base``; return ``base``."""
    for rel, rows in files.items():
        write_csv(base / f"{rel}.csv", rows)
    return base


def build_module(data_dir: Path, out_dir: Path) -> types.ModuleType:
    """Build ``data_dir`` into ``out_dir`` and return the generated data module, loaded."""
    result = build(data_dir, default_targets(out_dir), today=TODAY)
    assert not result.errors, [str(e) for e in result.errors]
    return load_generated((out_dir / "_data.py").read_text(encoding="utf-8"))


@contextlib.contextmanager
def registry_from(module: types.ModuleType) -> Iterator[types.ModuleType]:
    """Make the runtime use ``module`` as its data inside the ``with`` block."""
    _registry.use_data_module(lambda: module)
    try:
        yield module
    finally:
        _registry.use_data_module(None)
