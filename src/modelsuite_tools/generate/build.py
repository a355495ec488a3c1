"""Run every generator over a data directory and write (or compare) the outputs.

The targets change together or not at all: every target is rendered first, each changed one is
written to a temporary file beside it (same folder, so the rename is atomic), and only when all of
them are written are they renamed over the targets. A failure before the renames (a folder that
cannot be created, a full disk, a target that is a directory) removes the temporary files and
leaves every target as it was; a rename that fails midway puts back the targets already replaced.
Write failures surface as :class:`BuildWriteError` (an :class:`OSError`) whose ``filename`` is the
target and ``strerror`` the reason.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
    changed: list[tuple[Path, str, bytes | None]] = []
    for target, text in rendered:
        try:
            current: bytes | None = target.path.read_bytes()
        except OSError:
            current = None
        if current == text.encode("utf-8"):
            result.unchanged.append(target.path)
        elif check_only:
            result.drifted.append(target.path)
        else:
            changed.append((target.path, text, current))
    write_together([(path, text) for path, text, _ in changed], {path: old for path, _, old in changed})
    result.written.extend(path for path, _, _ in changed)
    return result


class BuildWriteError(OSError):
    """A target could not be written; ``filename`` is the target, ``strerror`` the reason."""


def _fail(exc: OSError, path: Path) -> BuildWriteError:
    return BuildWriteError(exc.errno, exc.strerror or str(exc), str(path))


def _stage(path: Path, text: str, made_dirs: list[Path]) -> Path:
    """Write ``text`` to a new temporary file beside ``path``; return the temporary file."""
    folders = (path.parent, *path.parent.parents)
    blocker = next((p for p in folders if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise NotADirectoryError(20, f"{blocker} is a file, not a folder", str(path))
    missing = [p for p in folders if not p.exists()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    finally:
        made_dirs.extend(p for p in reversed(missing) if p.is_dir())
    if path.exists() and not path.is_file():
        raise IsADirectoryError(21, "exists and is not a regular file", str(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_together(files: list[tuple[Path, str]], previous: dict[Path, bytes | None] | None = None) -> None:
    """Replace every ``(path, text)`` or none: stage all beside their targets, then rename all.

    ``previous`` maps a path to its bytes before the build (None: it did not exist), used to put
    back the targets already renamed if a later rename fails. Raises :class:`OSError` naming the target.
    """
    staged: list[tuple[Path, Path]] = []
    made_dirs: list[Path] = []
    try:
        for path, text in files:
            try:
                staged.append((path, _stage(path, text, made_dirs)))
            except OSError as exc:
                raise _fail(exc, path) from None
    except BaseException:
        for _, tmp in staged:
            tmp.unlink(missing_ok=True)
        for folder in reversed(made_dirs):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    done: list[Path] = []
    for n, (path, tmp) in enumerate(staged):
        try:
            os.replace(tmp, path)
        except OSError as exc:
            for _, rest in staged[n:]:
                rest.unlink(missing_ok=True)
            _restore(done, previous or {})
            raise _fail(exc, path) from None
        done.append(path)


def _restore(paths: list[Path], previous: dict[Path, bytes | None]) -> None:
    """Best effort: give ``paths`` their previous content back (delete the ones that did not exist)."""
    for path in paths:
        if path not in previous:
            continue
        old = previous[path]
        try:
            if old is None:
                path.unlink(missing_ok=True)
            else:
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(old)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
        except OSError:
            pass


def check_drift(data_dir: str | os.PathLike[str] | None = None) -> BuildResult:
    """Regenerate in memory and report committed files that differ from what the data gives."""
    return build(data_dir, check_only=True)
