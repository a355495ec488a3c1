"""Replace a registry CSV with fetched rows only when that cannot lose good data.

:func:`write_rows` validates every row, refuses an empty result or one with over 20% fewer rows
than the file it would replace (unless ``allow_shrink``; with ``source_ids``, only those sources'
rows count, other sources' rows in the file are kept, and numbers another source added to an owned
row survive a fetch that leaves them unknown), renders the canonical CSV and checks that
it reads back identically, then writes it atomically. The whole check-and-replace runs under an
exclusive ``fcntl`` lock keyed by the target's absolute path (the lock file lives in the temporary
directory, never beside the data), so concurrent fetches of the same file are serialised and a
reader always sees either the old file or the new one. On any refusal a :class:`GuardError` with
one line of text is raised and the old file is left byte-identical.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from modelsuite_tools.atomic import atomic_write_bytes
from modelsuite_tools.csvio import Row, format_csv, parse_csv_bytes, read_csv
from modelsuite_tools.schema import (
    BENCHMARK_COLUMNS,
    CATEGORIES,
    COLUMN_BY_NAME,
    INT_COLUMNS,
    MEASURE_COLUMNS,
    PRICE_COLUMNS,
)
from modelsuite_tools.validate import TEXT_LIMITS, validate_rows

__all__ = ["FILLED_MARK", "KEPT_MARK", "MAX_SHRINK", "GuardError", "WriteResult", "carry_known_values", "check_rows",
           "file_lock", "marked_columns", "write_rows"]

#: A fetch may drop at most this fraction of the rows of the file it replaces.
MAX_SHRINK: Final = 0.20
LOCK_TIMEOUT: Final = 60.0


class GuardError(Exception):
    """The rows were refused; the target file is unchanged. ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What :func:`write_rows` did."""

    path: Path
    old_rows: int | None  #: rows in the replaced file (None if there was none)
    new_rows: int
    changed: bool  #: False when the new content equals the old, or on a dry run
    warnings: int
    kept: int = 0  #: rows of other sources kept from the old file
    shadowed: int = 0  #: fetched rows not written because another source's row has the same id
    carried: int = 0  #: fetched rows that kept numbers another source had supplied (see carry_known_values)


def _lock_path(target: Path) -> Path:
    digest = hashlib.sha256(str(target.resolve()).encode("utf-8")).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / f"modelsuite-locks-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder / f"{digest}.lock"


@contextlib.contextmanager
def file_lock(target: str | os.PathLike[str], *, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an exclusive inter-process lock for ``target`` (waits up to ``timeout`` seconds)."""
    path = _lock_path(Path(target))
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GuardError(f"{target}: another fetch is writing this file; try again later") from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def check_rows(
    rows: Sequence[Mapping[str, str]], display: str, *, today: dt.date | None = None
) -> tuple[bytes, int]:
    """Validate ``rows`` as the content of file ``display``; return (canonical CSV bytes, warning count)."""
    if not rows:
        raise GuardError(f"{display}: the fetch returned zero rows; refusing to replace the file")
    as_rows = [Row(dict(r), display, n + 2) for n, r in enumerate(sorted(rows, key=lambda r: r.get("id", "")))]
    # inside data/models/<category>/ the file name must be the provider; --output elsewhere may be any name
    in_registry = Path(display).parent.name in CATEGORIES
    report = validate_rows(as_rows, today=today, check_file_provider=in_registry)
    if report.errors:
        first = report.errors[0]
        more = f" (and {len(report.errors) - 1} more)" if len(report.errors) > 1 else ""
        raise GuardError(f"{len(report.errors)} invalid value(s) in fetched rows{more}; first: "
                         f"{first.column} of {first_id(as_rows, first.line)}: {first.message}")
    data = format_csv(rows).encode("utf-8")
    reread = parse_csv_bytes(data, display)
    if reread.problems or len(reread.rows) != len(rows):
        problem = reread.problems[0] if reread.problems else "row count changed"
        raise GuardError(f"{display}: the rendered CSV does not read back cleanly: {problem}")
    return data, len(report.warnings)


def first_id(rows: Sequence[Row], line: int) -> str:
    """Return the id of the row at ``line`` (for messages)."""
    for r in rows:
        if r.line == line:
            return r["id"] or f"row {line}"
    return f"row {line}"


def _sources(row: Mapping[str, str]) -> set[str]:
    return set(row.get("source", "").split("+"))


#: Note prefixes that name columns whose value is not the fetched source's own observation: the
#: reconcile pass (``modelsuite verify``) fills them with ``catalog-filled: col,…`` and a carry
#: writes ``kept from the previous row (sources): col, …``. Both are undone before the row's own
#: values are compared with other sources, so a carried value never counts as the API's observation.
FILLED_MARK: Final = "catalog-filled: "
KEPT_MARK: Final = "kept from the previous row ("


def marked_columns(notes: str) -> tuple[set[str], list[str]]:
    """Return (columns named by fill/carry marks in ``notes``, the other notes).

    >>> cols, other = marked_columns("owned by X; catalog-filled: input_per_1m,max_context")
    >>> sorted(cols), other
    (['input_per_1m', 'max_context'], ['owned by X'])
    >>> sorted(marked_columns("kept from the previous row (litellm): input_per_1m, output_per_1m")[0])
    ['input_per_1m', 'output_per_1m']
    """
    cols: set[str] = set()
    other: list[str] = []
    for note in (n.strip() for n in notes.split(";")):
        if not note:
            continue
        if note.startswith(FILLED_MARK):
            cols.update(c.strip() for c in note[len(FILLED_MARK):].split(","))
        elif note.startswith(KEPT_MARK) and "): " in note:
            cols.update(c.strip() for c in note.split("): ", 1)[1].split(","))
        else:
            other.append(note)
    return {c for c in cols if c in COLUMN_BY_NAME}, other


#: Number columns a fetch may leave unknown while an earlier row, enriched from another source, knew them.
CARRY_COLUMNS: Final = (*PRICE_COLUMNS, *INT_COLUMNS, *BENCHMARK_COLUMNS, *MEASURE_COLUMNS)


def carry_known_values(new: Mapping[str, str], old: Mapping[str, str], own: Collection[str]) -> dict[str, str] | None:
    """Return ``new`` with the numbers it leaves unknown taken from ``old``, or None if nothing is carried.

    Only when ``old`` also drew on sources other than ``own`` (a verification or curation pass added
    them): the fetch refreshes what the API states and never erases what another source supplied.
    The carried sources join ``source``, quality becomes ``partial`` (``estimated`` if an estimate is
    carried), and ``notes`` say which columns were kept (:data:`KEPT_MARK`; columns the old row
    already marked ``catalog-filled`` keep that mark), so the reconcile pass can tell them from the
    fetched source's own values.
    """
    old_tokens = [t for t in old.get("source", "").split("+") if t]
    foreign = [t for t in old_tokens if t not in own]
    if not foreign:
        return None
    carried: list[str] = []
    out = dict(new)
    for col in CARRY_COLUMNS:
        unknown = COLUMN_BY_NAME[col].unknown
        if out.get(col, unknown) in (unknown, "") and old.get(col, unknown) not in (unknown, ""):
            out[col] = old[col]
            carried.append(col)
    if not carried:
        return None
    tokens = [t for t in new.get("source", "").split("+") if t]
    tokens += [t for t in foreign if t not in tokens]
    out["source"] = "+".join(tokens)
    out["quality"] = "estimated" if "estimated" in tokens else "partial"
    was_filled, _ = marked_columns(old.get("notes", ""))
    marks = []
    filled = [c for c in carried if c in was_filled]
    kept = [c for c in carried if c not in was_filled]
    if filled:
        marks.append(FILLED_MARK + ",".join(filled))
    if kept:
        marks.append(f"{KEPT_MARK}{'+'.join(foreign)}): {', '.join(kept)}")
    notes = "; ".join(n for n in (out.get("notes", ""), *marks) if n)
    out["notes"] = notes if len(notes) <= TEXT_LIMITS["notes"] else notes[: TEXT_LIMITS["notes"] - 1] + "…"
    return out


def write_rows(
    path: str | os.PathLike[str],
    rows: Sequence[Mapping[str, str]],
    *,
    source_ids: Collection[str] | None = None,
    allow_shrink: bool = False,
    dry_run: bool = False,
    today: dt.date | None = None,
) -> WriteResult:
    """Validate ``rows`` and atomically replace ``path`` with them, refusing anything that loses data.

    With ``source_ids``, the fetch owns only the current rows whose ``source`` includes one of them: rows from
    other sources (an importer's, a curated row) are kept verbatim, and win over a fetched row with
    the same id; an owned row that another source had enriched keeps the numbers the fetch leaves
    unknown (:func:`carry_known_values`). The shrink check compares the fetched rows with the owned
    rows they replace.
    """
    target = Path(path)
    display = str(target)
    if target.exists() and not target.is_file():
        raise GuardError(f"{display}: exists and is not a regular file")
    if not rows:
        raise GuardError(f"{display}: the fetch returned zero rows; refusing to replace the file")
    with file_lock(target):
        old_rows: int | None = None
        old_bytes: bytes | None = None
        kept: list[Mapping[str, str]] = []
        previous: dict[str, Mapping[str, str]] = {}
        owned = 0
        if target.exists():
            try:
                old_bytes = target.read_bytes()
            except OSError as exc:
                raise GuardError(f"{display}: cannot read the current file: {exc.strerror}") from None
            old = read_csv(target)
            if old.problems:
                raise GuardError(f"the current file does not read cleanly ({old.problems[0]}); fix or move it "
                                 "before fetching")
            old_rows = len(old.rows)
            for row in old.rows:
                if source_ids is not None and not _sources(row.values) & set(source_ids):
                    kept.append(row.values)
                else:
                    owned += 1
                    previous[row["id"]] = row.values
        kept_ids = {r["id"] for r in kept}
        fetched: list[Mapping[str, str]] = []
        carried = 0
        for r in rows:
            if r.get("id") in kept_ids:
                continue
            before = previous.get(r.get("id", ""))
            enriched = carry_known_values(r, before, source_ids) if before and source_ids is not None else None
            carried += enriched is not None
            fetched.append(enriched or r)
        merged = [*kept, *fetched]
        if owned and len(rows) < owned * (1 - MAX_SHRINK) and not allow_shrink:
            raise GuardError(f"{display}: the fetch has {len(rows)} rows, {owned - len(rows)} fewer than the "
                             f"current {owned} (over {MAX_SHRINK:.0%}); rerun with --allow-shrink if intended")
        data, warnings = check_rows(merged, display, today=today)
        changed = old_bytes != data
        if changed and not dry_run:
            try:
                atomic_write_bytes(target, data)
            except OSError as exc:
                raise GuardError(f"{display}: cannot write: {exc.strerror or exc}") from None
        return WriteResult(target, old_rows, len(merged), changed and not dry_run, warnings,
                           kept=len(kept), shadowed=len(rows) - len(fetched), carried=carried)
