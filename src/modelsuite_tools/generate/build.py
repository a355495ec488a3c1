"""Run every generator over a data directory and write (or compare) the outputs."""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from modelsuite_tools.atomic import atomic_write_text
from modelsuite_tools.csvio import Problem
from modelsuite_tools.generate.coverage import render as render_coverage
from modelsuite_tools.generate.json_export import render_json
from modelsuite_tools.generate.python_module import render_python
from modelsuite_tools.generate.rust import render_rust
from modelsuite_tools.generate.schema_json import render_schema_json
from modelsuite_tools.merge import Registry, load_registry

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_DATA_DIR = REPO_ROOT / "data" / "models"


@dataclass(frozen=True, slots=True)
class Target:
    """One generated file: where it goes and the function that renders it."""

    name: str
    path: Path
    render: Callable[[Registry, Stamp], str]


@dataclass(frozen=True, slots=True)
class Stamp:
    """What identifies a build: the input digest and the registry version derived from it."""

    digest: str
    version: str
    files: int
    command: str = "modelsuite build"


@dataclass(slots=True)
class BuildResult:
    """The outcome of a build: the registry, the problems, and what was written or differs."""

    registry: Registry
    stamp: Stamp | None = None
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    drifted: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Return the validation errors that stopped (or would stop) the build."""
        return self.registry.report.errors


def default_targets(output_dir: str | os.PathLike[str] | None = None, *, root: Path = REPO_ROOT) -> list[Target]:
    """Return the build targets at their committed paths, or all inside ``output_dir``."""
    if output_dir is not None:
        out = Path(output_dir)
        return [
            Target("python", out / "_data.py", render_python),
            Target("rust", out / "models_data.rs", render_rust),
            Target("json", out / "registry.json", render_json),
            Target("schema", out / "schema.json", render_schema_json),
            Target("providers", out / "providers.md", render_coverage),
        ]
    return [
        Target("python", root / "src" / "modelsuite" / "_data.py", render_python),
        Target("rust", root / "generated" / "models_data.rs", render_rust),
        Target("json", root / "generated" / "registry.json", render_json),
        Target("schema", root / "data" / "models" / "schema.json", render_schema_json),
        Target("providers", root / "docs" / "providers.md", render_coverage),
    ]


def make_stamp(registry: Registry, data_dir: Path) -> Stamp:
    """Digest the inputs (file names and bytes, in order) and derive the registry version."""
    h = hashlib.sha256()
    for name in sorted(registry.files):
        rel = Path(name)
        try:
            rel_name = str(Path(name).resolve().relative_to(data_dir.resolve())).replace(os.sep, "/")
            content = (data_dir / rel_name).read_bytes()
        except (ValueError, OSError):
            rel_name, content = rel.name, b""
        h.update(rel_name.encode() + b"\0" + content + b"\0")
    digest = h.hexdigest()
    newest = max((r["updated"] for r in registry.rows), default="0000-00-00")
    return Stamp(digest, f"{newest}+{digest[:8]}", len(registry.files))


def build(
    data_dir: str | os.PathLike[str] | None = None,
    targets: list[Target] | None = None,
    *,
    check_only: bool = False,
    today: _dt.date | None = None,
) -> BuildResult:
    """Validate and merge ``data_dir``, then write every target (or, ``check_only``, compare).

    Nothing is written when validation finds an error.
    """
    base = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    registry = load_registry(base, today=today or _dt.date.today())
    result = BuildResult(registry)
    if registry.report.errors:
        return result
    stamp = make_stamp(registry, base)
    result.stamp = stamp
    rendered = [(t, t.render(registry, stamp)) for t in (targets or default_targets())]
    for target, text in rendered:
        try:
            current = target.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            current = None
        if current == text:
            result.unchanged.append(target.path)
        elif check_only:
            result.drifted.append(target.path)
        else:
            atomic_write_text(target.path, text)
            result.written.append(target.path)
    return result


def check_drift(data_dir: str | os.PathLike[str] | None = None) -> BuildResult:
    """Regenerate in memory and report committed files that differ from what the data gives."""
    return build(data_dir, check_only=True)
