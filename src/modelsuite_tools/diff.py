"""What changed between two registry builds: models added, removed, status and every price/limit change.

A side of the comparison (:func:`load_side`) can be

- a ``registry.json`` export (``generated/registry.json``),
- a built data module (``src/modelsuite/_data.py``),
- a data directory (``data/models``), built in a temporary folder,
- a git revision (``HEAD~1``, a tag, a commit): the revision's data directory is read with
  ``git ls-tree``/``git cat-file`` into a temporary folder and built there; the work tree, the
  index and every ref are left untouched.

Models are compared by full id through their JSON form (``ModelInfo.to_dict()``), so every build
format compares the same way. Output is deterministic: changes are sorted by id, then field.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

__all__ = ["Change", "DiffError", "RegistryDiff", "diff_models", "load_side", "render_markdown"]

#: Compared fields: (dotted path in ModelInfo.to_dict(), group). Prices compare as decimals.
PRICE_FIELDS = (
    "pricing.input_per_1m",
    "pricing.output_per_1m",
    "pricing.cached_input_per_1m",
    "pricing.cache_write_per_1m",
    "pricing.batch_input_per_1m",
    "pricing.batch_output_per_1m",
    "pricing.tiers",
)
LIMIT_FIELDS = ("capabilities.max_context", "capabilities.max_output")
STATUS_FIELDS = ("status", "deprecation_date")
CAPABILITY_FIELDS = tuple(f"capabilities.{c}" for c in
                          ("vision", "tools", "json_mode", "structured_output", "thinking", "caching"))  # fmt: skip
GROUPS = {**dict.fromkeys(PRICE_FIELDS, "price"), **dict.fromkeys(LIMIT_FIELDS, "limit"),
          **dict.fromkeys(STATUS_FIELDS, "status"), **dict.fromkeys(CAPABILITY_FIELDS, "capability")}  # fmt: skip
_STATUS_NAMES = {"C": "current", "L": "legacy", "D": "deprecated"}
DEFAULT_DATA_PATH = "data/models"


class DiffError(Exception):
    """A side of the diff cannot be read or built; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Change:
    """One changed field of one model."""

    id: str
    group: str  # price | limit | status | capability
    field: str  # e.g. input_per_1m, max_context, status, tiers
    old: Any
    new: Any

    @property
    def percent(self) -> Decimal | None:
        """Return the relative change in percent of a numeric field (``None`` if not computable)."""
        try:
            old, new = Decimal(str(self.old)), Decimal(str(self.new))
        except (InvalidOperation, TypeError, ValueError):
            return None
        if self.old is None or self.new is None or isinstance(self.old, bool) or old == 0:
            return None
        return ((new - old) * 100 / old).quantize(Decimal("0.1"))

    def to_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready data (prices stay decimal strings)."""
        pct = self.percent
        return {"id": self.id, "group": self.group, "field": self.field, "old": self.old, "new": self.new,
                "percent": None if pct is None else str(pct)}  # fmt: skip


@dataclass(slots=True)
class RegistryDiff:
    """The differences between an old and a new registry."""

    old_label: str
    new_label: str
    old_version: str = ""
    new_version: str = ""
    old_count: int = 0
    new_count: int = 0
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)

    def of_group(self, group: str) -> list[Change]:
        """Return the changes of one group (price, limit, status, capability)."""
        return [c for c in self.changes if c.group == group]

    @property
    def deprecated(self) -> list[Change]:
        """Return the status changes that made a model deprecated."""
        return [c for c in self.changes if c.field == "status" and c.new == "D"]

    @property
    def empty(self) -> bool:
        """Return True when nothing changed."""
        return not (self.added or self.removed or self.changes)

    def summary(self) -> dict[str, int]:
        """Return the number of changes of each kind."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "deprecated": len(self.deprecated),
            "status_changes": len(self.of_group("status")),
            "price_changes": len(self.of_group("price")),
            "limit_changes": len(self.of_group("limit")),
            "capability_changes": len(self.of_group("capability")),
        }

    def to_dict(self) -> dict[str, Any]:
        """Return the whole diff as JSON-ready data."""
        return {
            "old": {"label": self.old_label, "registry_version": self.old_version, "model_count": self.old_count},
            "new": {"label": self.new_label, "registry_version": self.new_version, "model_count": self.new_count},
            "summary": self.summary(),
            "added": [_brief(m) for m in self.added],
            "removed": [_brief(m) for m in self.removed],
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a diff: its models (``to_dict()`` form) by id, and where they came from."""

    label: str
    version: str
    models: Mapping[str, dict[str, Any]]


def _brief(m: Mapping[str, Any]) -> dict[str, Any]:
    p, c = m.get("pricing", {}), m.get("capabilities", {})
    return {"id": m["id"], "name": m.get("name", ""), "status": m.get("status", ""),
            "input_per_1m": p.get("input_per_1m"), "output_per_1m": p.get("output_per_1m"),
            "max_context": c.get("max_context"), "max_output": c.get("max_output"),
            "source": m.get("source", "")}  # fmt: skip


def _get(m: Mapping[str, Any], path: str) -> Any:
    value: Any = m
    for part in path.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _same(path: str, old: Any, new: Any) -> bool:
    if GROUPS.get(path) == "price" and isinstance(old, str) and isinstance(new, str):
        return Decimal(old) == Decimal(new)
    if path == "pricing.tiers":
        return _tiers_text(old) == _tiers_text(new)
    return bool(old == new)


def _tiers_text(tiers: Any) -> str:
    """Return tiers as the data files write them (``200000=2.5/15/0.25``), '' for none."""
    if not tiers:
        return ""

    def money(v: Any) -> str:
        return "-1" if v is None else format(Decimal(v).normalize(), "f")

    return ";".join(f"{t['above_tokens']}={money(t['input_per_1m'])}/{money(t['output_per_1m'])}/"
                    f"{money(t['cached_input_per_1m'])}" for t in tiers)  # fmt: skip


def diff_models(old: Side, new: Side) -> RegistryDiff:
    """Compare two sides; return added, removed and changed models."""
    d = RegistryDiff(old.label, new.label, old.version, new.version, len(old.models), len(new.models))
    d.added = [new.models[k] for k in sorted(new.models.keys() - old.models.keys())]
    d.removed = [old.models[k] for k in sorted(old.models.keys() - new.models.keys())]
    for mid in sorted(old.models.keys() & new.models.keys()):
        a, b = old.models[mid], new.models[mid]
        for path, group in GROUPS.items():
            va, vb = _get(a, path), _get(b, path)
            if not _same(path, va, vb):
                if path == "pricing.tiers":
                    va, vb = _tiers_text(va), _tiers_text(vb)
                d.changes.append(Change(mid, group, path.rpartition(".")[2], va, vb))
    return d


# ---------------------------------------------------------------------------------------------
# loading a side


def _from_export(path: Path, label: str) -> Side:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        models = {m["id"]: m for m in data["models"]}
        return Side(label, str(data.get("registry_version", "")), models)
    except (OSError, UnicodeDecodeError) as exc:
        raise DiffError(f"{label}: cannot read: {exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DiffError(f"{label}: not a registry.json export ({exc.__class__.__name__}: {exc})") from None


def _from_module_source(source: str, label: str) -> Side:
    from modelsuite import _registry
    from modelsuite_tools.generate.json_export import load_generated

    try:
        module = load_generated(source)
        state = _registry._State(module)
        models = {}
        for i in range(module.MODEL_COUNT):
            m = _registry._materialize(state, i).to_dict()
            models[m["id"]] = m
    except Exception as exc:  # any failure means "not a usable data module"
        raise DiffError(f"{label}: not a generated data module ({exc.__class__.__name__}: {exc})") from None
    if tuple(getattr(module, "FIELDS", ())) != _registry.FIELDS:
        raise DiffError(f"{label}: the data module's FIELDS do not match this version of modelsuite")
    return Side(label, str(getattr(module, "REGISTRY_VERSION", "")), models)


def _from_data_dir(data_dir: Path, label: str) -> Side:
    from modelsuite_tools.generate.build import Target, build
    from modelsuite_tools.generate.python_module import render_python

    with tempfile.TemporaryDirectory(prefix="modelsuite-diff-") as tmp:
        out = Path(tmp) / "_data.py"
        result = build(data_dir, [Target("python", out, render_python)])
        if result.errors:
            first = "; ".join(str(e) for e in result.errors[:3])
            more = f" (and {len(result.errors) - 3} more)" if len(result.errors) > 3 else ""
            raise DiffError(f"{label}: the data does not validate: {first}{more}")
        source = out.read_text(encoding="utf-8")
    return _from_module_source(source, label)


def _git(repo: Path, *args: str, input_bytes: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], input=input_bytes, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError(f"cannot run git: {exc}") from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError(f"git {args[0]} failed: {msg[-1] if msg else proc.returncode}")
    return proc.stdout


def export_revision(repo: Path, rev: str, data_path: str, dest: Path) -> Path:
    """Write the files under ``data_path`` at ``rev`` into ``dest``; return the data folder.

    Reads objects only (``git rev-parse``, ``ls-tree``, ``cat-file``): nothing in the repository
    changes.
    """
    if rev.startswith("-"):
        raise DiffError(f"not a revision: {rev!r}")
    try:
        out = _git(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    except DiffError:
        raise DiffError(f"{rev!r} is neither a file, a folder nor a revision of the git repository {repo}") from None
    commit = out.decode().strip()
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", data_path.rstrip("/") + "/")
    entries = []
    for item in listing.split(b"\0"):
        if not item:
            continue
        meta, _, raw_name = item.partition(b"\t")
        _mode, kind, sha = meta.split()
        if kind == b"blob":
            entries.append((sha.decode(), raw_name.decode("utf-8", "surrogateescape")))
    base = dest / "data"
    base.mkdir(parents=True, exist_ok=True)
    if entries:
        blobs = _git(repo, "cat-file", "--batch", input_bytes="".join(f"{s}\n" for s, _ in entries).encode())
        pos = 0
        prefix = data_path.strip("/") + "/"
        for _, name in entries:
            header_end = blobs.index(b"\n", pos)
            size = int(blobs[pos:header_end].split()[2])
            content = blobs[header_end + 1 : header_end + 1 + size]
            pos = header_end + 1 + size + 1
            rel = Path(name[len(prefix):]) if name.startswith(prefix) else Path(name)  # fmt: skip
            if rel.is_absolute() or ".." in rel.parts:
                raise DiffError(f"{rev}: unsafe path in the tree: {name!r}")
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    return base


def _repo_root(start: Path, spec: str) -> Path:
    try:
        out = _git(start, "rev-parse", "--show-toplevel")
    except DiffError as exc:
        raise DiffError(f"{spec!r} is not a file or folder, and {start} is not inside a git repository "
                        f"to read it as a revision from (pass --repo): {exc}") from None  # fmt: skip
    return Path(out.decode().strip())


def load_side(
    spec: str,
    *,
    repo: str | os.PathLike[str] | None = None,
    data_path: str = DEFAULT_DATA_PATH,
    label: str | None = None,
) -> Side:
    """Load one side of a diff from a path (export, module or data directory) or a git revision.

    ``label`` names the side in messages and output (default: ``spec``).
    """
    if label is not None:
        side = load_side(spec, repo=repo, data_path=data_path)
        return Side(label, side.version, side.models)
    path = Path(spec)
    if path.is_file():
        if path.suffix == ".json":
            return _from_export(path, spec)
        if path.suffix == ".py":
            try:
                return _from_module_source(path.read_text(encoding="utf-8"), spec)
            except (OSError, UnicodeDecodeError) as exc:
                raise DiffError(f"{spec}: cannot read: {exc}") from None
        raise DiffError(f"{spec}: expected a registry.json, a _data.py or a data directory")
    if path.is_dir():
        return _from_data_dir(path, spec)
    root = _repo_root(Path(repo) if repo is not None else Path.cwd(), spec)
    with tempfile.TemporaryDirectory(prefix="modelsuite-diff-rev-") as tmp:
        data_dir = export_revision(root, spec, data_path, Path(tmp))
        return _from_data_dir(data_dir, spec)


# ---------------------------------------------------------------------------------------------
# rendering


def show_value(value: Any) -> str:
    """Format a changed value for a table (``-`` for unknown or none)."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def change_rows(changes: Iterable[Change]) -> list[tuple[str, str, str, str, str]]:
    """Return table rows (id, field, old, new, change) for ``changes``."""
    rows = []
    for c in changes:
        pct = c.percent
        old, new = show_value(c.old), show_value(c.new)
        if c.field == "status":
            old, new = _STATUS_NAMES.get(c.old, old), _STATUS_NAMES.get(c.new, new)
        rows.append((c.id, c.field, old, new, "" if pct is None else f"{pct:+}%"))
    return rows


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("`", "\\`")


def render_markdown(d: RegistryDiff, *, max_rows: int = 100) -> str:
    """Return a markdown summary (for a pull-request body); each section shows at most ``max_rows``."""
    s = d.summary()
    lines = [f"## Registry changes: `{_md(d.old_label)}` → `{_md(d.new_label)}`", ""]
    if d.old_version or d.new_version:
        lines += [f"Registry version {_md(d.old_version) or '?'} → {_md(d.new_version) or '?'}; "
                  f"{d.old_count} → {d.new_count} models.", ""]  # fmt: skip
    if d.empty:
        return "\n".join([*lines, "No changes.", ""])
    lines += [f"**{s['added']}** added, **{s['removed']}** removed, **{s['deprecated']}** deprecated, "
              f"**{s['price_changes']}** price changes, **{s['limit_changes']}** limit changes, "
              f"**{s['status_changes']}** status changes, "
              f"**{s['capability_changes']}** capability changes.", ""]  # fmt: skip

    def table(title: str, headers: list[str], rows: list[tuple[str, ...]]) -> None:
        if not rows:
            return
        lines.extend([f"### {title} ({len(rows)})", "", "| " + " | ".join(headers) + " |",
                      "|" + "---|" * len(headers)])  # fmt: skip
        lines.extend("| " + " | ".join(_md(c) for c in r) + " |" for r in rows[:max_rows])
        if len(rows) > max_rows:
            lines.append(f"\n… and {len(rows) - max_rows} more (run `modelsuite diff` for the full list).")
        lines.append("")

    def brief_rows(models: list[dict[str, Any]]) -> list[tuple[str, ...]]:
        return [(b["id"], b["name"], show_value(b["input_per_1m"]), show_value(b["output_per_1m"]),
                 show_value(b["max_context"]), b["source"]) for b in map(_brief, models)]  # fmt: skip

    brief_head = ["id", "name", "in $/1M", "out $/1M", "context", "source"]
    table("Added", brief_head, brief_rows(d.added))
    table("Removed", brief_head, brief_rows(d.removed))
    change_head = ["id", "field", "old", "new", "change"]
    for title, group in (("Status", "status"), ("Prices", "price"), ("Limits", "limit"),
                         ("Capabilities", "capability")):  # fmt: skip
        table(title, change_head, list(change_rows(d.of_group(group))))
    return "\n".join(lines)
