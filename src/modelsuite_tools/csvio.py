"""Read and write the registry's CSV files, strictly and deterministically.

Reading never raises on bad input: every problem becomes a :class:`Problem` with file and line.
Writing produces the canonical form: UTF-8 without BOM, LF line endings, every column of
:data:`~modelsuite_tools.schema.COLUMNS` in order, rows sorted by id, minimal quoting.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from modelsuite_tools.atomic import atomic_write_text
from modelsuite_tools.schema import COLUMN_BY_NAME, COLUMN_NAMES, PLAN_COLUMNS


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as known."""

    file: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


@dataclass(slots=True)
class Row:
    """One CSV data row: its values by column name and where it was read from."""

    values: dict[str, str]
    file: str = ""
    line: int = 0
    category: str = ""

    def __getitem__(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass(slots=True)
class CsvFile:
    """The rows of one CSV file and the problems found while reading it."""

    path: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_csv(path: str | os.PathLike[str], *, display: str | None = None) -> CsvFile:
    """Read one registry CSV file; structural problems are collected, never raised."""
    name = display if display is not None else str(path)
    result = CsvFile(name)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        result.problems.append(Problem(name, 0, "", f"cannot read file: {exc.strerror}"))
        return result
    return parse_csv_bytes(raw, name, result)


def parse_csv_bytes(raw: bytes, name: str, result: CsvFile | None = None) -> CsvFile:
    """Parse CSV bytes in the registry format (see :func:`read_csv`)."""
    result = result if result is not None else CsvFile(name)
    add = result.problems.append
    if raw.startswith(b"\xef\xbb\xbf"):
        add(Problem(name, 1, "", "file starts with a UTF-8 byte-order mark; save it as UTF-8 without BOM"))
        return result
    if b"\r" in raw:
        line = raw[: raw.index(b"\r")].count(b"\n") + 1
        add(Problem(name, line, "", "carriage return (CRLF or CR line ending); save the file with LF line endings"))
        return result
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        add(Problem(name, line, "", f"invalid UTF-8 at byte {exc.start}; save the file as UTF-8"))
        return result
    if not text.strip():
        add(Problem(name, 1, "", "file is empty; it needs at least the header line"))
        return result
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        add(Problem(name, 1, "", f"malformed header: {exc}"))
        return result
    if tuple(header[: len(PLAN_COLUMNS)]) != PLAN_COLUMNS:
        missing = [c for c in PLAN_COLUMNS if c not in header]
        hint = f"missing {', '.join(missing)}" if missing else "columns out of order"
        add(Problem(name, 1, "", f"header must start with the plan's 25 columns in order ({hint}): "
                    + ",".join(PLAN_COLUMNS)))
        return result
    seen: set[str] = set()
    for col in header:
        shown = col if col.isprintable() and col.strip() == col else repr(col)  # keep messages on one line
        if col in seen:
            add(Problem(name, 1, shown, "column appears twice in the header; remove one"))
        seen.add(col)
        if col not in COLUMN_BY_NAME:
            add(Problem(name, 1, shown, "unknown column; use one documented in data/models/schema.json"))
    if result.problems:
        return result
    line = reader.line_num
    while True:
        start = line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # ``start``: the line where the broken record begins (an unclosed quote runs to the end)
            add(Problem(name, start, "", f"malformed CSV ({exc}); check quotes: a field "
                        'containing a comma or quote must be wrapped in "…" with inner quotes doubled'))
            break
        line = reader.line_num
        if not record:
            add(Problem(name, start, "", "blank line; remove it"))
            continue
        if len(record) != len(header):
            add(Problem(name, start, "", f"row has {len(record)} fields, the header has {len(header)}; "
                        "quote fields that contain commas"))
            continue
        values = dict(zip(header, record, strict=True))
        for col in COLUMN_NAMES:
            if col not in values:
                values[col] = COLUMN_BY_NAME[col].unknown
        result.rows.append(Row(values, name, start))
    return result


def format_csv(rows: Iterable[Mapping[str, str]]) -> str:
    """Return the canonical CSV text for ``rows`` (sorted by id, every column)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMN_NAMES)
    for row in sorted(rows, key=lambda r: r["id"]):
        writer.writerow([row.get(c, COLUMN_BY_NAME[c].unknown) for c in COLUMN_NAMES])
    return out.getvalue()


def write_csv(path: str | os.PathLike[str], rows: Iterable[Mapping[str, str]]) -> None:
    """Write ``rows`` to ``path`` in canonical form, atomically."""
    atomic_write_text(path, format_csv(rows))
