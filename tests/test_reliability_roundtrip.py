"""Property tests: hostile text through every reader and writer (issue 6, part 1).

Any string in a name, description or notes either round-trips exactly through every target
(CSV, the pipe format inside the generated Rust, the generated Python module read through the
runtime, the JSON export) or validation rejects it with a one-line ``file:line: column:`` message.
Ids follow the documented character set (:data:`modelsuite_tools.schema.ID_RE`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from modelsuite import _registry
from modelsuite_tools.csvio import Row, format_csv, parse_csv_bytes
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.json_export import load_generated
from modelsuite_tools.generate.rust import escape_field, pipe_row, split_pipe_line, unescape_field
from modelsuite_tools.schema import COLUMN_NAMES, FORBIDDEN_TEXT_RE, ID_RE, PROVIDER_RE, RAW_ID_RE, provider_of
from modelsuite_tools.validate import TEXT_LIMITS, Report, validate_row
from tests.support import TODAY, make_row, registry_from, write_data_dir

#: Fragments that break naive writers: raw-string delimiters, the pipe format's own syntax,
#: CSV syntax, HTML, bidi overrides, invisible and astral characters, line breaks of every kind.
HOSTILE = (
    '"#', '"###', '"' + "#" * 300, "#", "|", "\\", "\\|", "|\\", "</script>", "<!--", "\u202e", "\u2066",
    "\u200f", "\u061c", "🦀", "👩\u200d💻", "\ufe0f", '"', "'", '""', ",", ";", "\t", "\n", "\r\n", "\r",
    "\x00", "\x1b[31m", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\uffff", "\U0010ffff", " ", "\xa0",
    "r#\"", "\"#;", "{}", "%s", "${x}", "\\u0041", "\\n", "=", "-1", "NaN",
)  # fmt: skip

hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), max_size=8).map("".join)

#: Text that validation must accept: every character allowed, hostile syntax included.
legal_char = st.characters(exclude_categories=("Cc", "Cs")).filter(lambda c: not FORBIDDEN_TEXT_RE.match(c))
legal_text = (
    st.lists(
        st.one_of(
            st.sampled_from([h for h in HOSTILE if not FORBIDDEN_TEXT_RE.search(h)]), st.text(legal_char, max_size=6)
        ),
        max_size=8,
    )
    .map(lambda parts: "".join(parts).strip())
    .filter(lambda t: len(t) <= 200)
)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _problems(values: dict[str, str], file: str = "core/acme.csv") -> Report:
    report = Report()
    validate_row(Row(values, file, 2), report, today=TODAY, provider=Path(file).stem)
    return report


def _rust_model_data(rs_text: str) -> str:
    """Return MODEL_DATA as Rust reads it: a raw string ``r#…"…"#…`` or an escaped ``"…"``."""
    m = re.search(r'pub const MODEL_DATA: &str = r(#+)"(.*?)"\1;\n', rs_text, re.DOTALL)
    if m:
        return m.group(2)
    m = re.search(r'pub const MODEL_DATA: &str = "((?:[^"\\]|\\.)*)";\n', rs_text, re.DOTALL)
    assert m, "MODEL_DATA string literal not found"
    return re.sub(r"\\(.)", r"\1", m.group(1), flags=re.DOTALL)


def _pipe_rows(model_data: str) -> dict[str, list[str]]:
    rows = {}
    for line in model_data.split("\n"):
        if line and not line.startswith("#"):
            fields = split_pipe_line(line)
            assert len(fields) == 13, line
            rows[fields[0]] = fields
    return rows


def _build_all(base: Path, files: dict[str, list[dict[str, str]]]) -> Path:
    """Write the CSVs and run the real build into ``base/out``.

    ``os.fsync`` is skipped here: durability is not what these tests check, and the syncs of
    hundreds of throwaway builds would dominate the suite's time.
    """
    with mock.patch.object(os, "fsync", return_value=None):
        data = write_data_dir(base / "data", files)
        out = base / "out"
        result = build(data, default_targets(out), today=TODAY)
    assert not result.errors, [str(e) for e in result.errors]
    return out


def _check_targets(out: Path, rows: list[dict[str, str]]) -> None:
    """Every target holds every row's text fields exactly."""
    by_id = {r["id"]: r for r in rows}
    # generated Python module, read through the runtime
    module = load_generated((out / "_data.py").read_text(encoding="utf-8"))
    with registry_from(module):
        for mid, row in by_id.items():
            m = _registry.get_model_info(mid)
            assert m is not None, mid
            assert (m.id, m.alias, m.name, m.description, m.notes) == (
                mid,
                row["alias"],
                row["name"],
                row["description"],
                row["notes"],
            )
    # JSON export
    doc = json.loads((out / "registry.json").read_text(encoding="utf-8"))
    got = {m["id"]: m for m in doc["models"]}
    for mid, row in by_id.items():
        assert (got[mid]["name"], got[mid]["description"], got[mid]["notes"]) == (
            row["name"],
            row["description"],
            row["notes"],
        )
    # pipe format inside the Rust raw string
    pipes = _pipe_rows(_rust_model_data((out / "models_data.rs").read_text(encoding="utf-8")))
    for mid, row in by_id.items():
        assert pipes[mid][1:3] == [row["alias"], row["name"]]
        assert pipes[mid][8] == row["description"]


# --- CSV -----------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.tuples(hostile_text, hostile_text), min_size=1, max_size=4))
def test_csv_round_trips_any_text_without_cr(texts: list[tuple[str, str]]) -> None:
    """The CSV layer alone is lossless for every string except a carriage return."""
    rows = [make_row(f"acme/m{i}", name=n, description=d) for i, (n, d) in enumerate(texts)]
    raw = format_csv(rows).encode("utf-8")
    parsed = parse_csv_bytes(raw, "core/acme.csv")
    if any("\r" in n + d for n, d in texts):
        assert len(parsed.problems) == 1
        assert "carriage return" in parsed.problems[0].message
        assert parsed.rows == []
        return
    assert parsed.problems == []
    assert [r.values for r in parsed.rows] == [{c: r[c] for c in COLUMN_NAMES} for r in rows]
    # the canonical writer is a fixed point
    assert format_csv([r.values for r in parsed.rows]).encode("utf-8") == raw


# --- pipe format -----------------------------------------------------------------------------------


@FAST
@given(st.lists(hostile_text, min_size=1, max_size=13))
def test_pipe_escape_split_round_trip(fields: list[str]) -> None:
    assert split_pipe_line("|".join(escape_field(f) for f in fields)) == fields
    for f in fields:
        assert unescape_field(escape_field(f)) == f
        assert "|" not in escape_field(f).replace("\\|", "").replace("\\\\", "")


@FAST
@given(
    alias=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._:/@~+-]{0,20}", fullmatch=True) | st.just(""),
    name=hostile_text,
    description=hostile_text,
)
def test_pipe_row_has_13_fields_and_keeps_text(alias: str, name: str, description: str) -> None:
    row = make_row("acme/m", alias=alias, name=name, description=description)
    fields = split_pipe_line(pipe_row(row))
    assert len(fields) == 13
    assert (fields[0], fields[1], fields[2], fields[8]) == ("acme/m", alias, name, description)


# --- text fields through every target --------------------------------------------------------------


@FAST
@given(name=hostile_text, description=hostile_text, notes=hostile_text)
def test_text_round_trips_through_every_target_or_is_rejected(name: str, description: str, notes: str) -> None:
    row = make_row("acme/m1", name=name, description=description, notes=notes)
    report = _problems(row)
    if report.errors:
        for p in report.errors:
            text = str(p)
            assert text.startswith("core/acme.csv:2: "), text
            assert p.column in ("name", "description", "notes"), text
            assert "\n" not in text and "\r" not in text and not FORBIDDEN_TEXT_RE.search(text), text
        bad = {p.column for p in report.errors}
        for col, value in (("name", name), ("description", description), ("notes", notes)):
            ok = bool(
                not FORBIDDEN_TEXT_RE.search(value)
                and value == value.strip()
                and len(value) <= TEXT_LIMITS[col]
                and (col != "name" or value.strip())
            )
            assert (col not in bad) == ok, (col, value, [str(p) for p in report.errors])
        event("rejected by validation")
        return
    event("valid: checked in every target")
    with tempfile.TemporaryDirectory() as tmp:
        out = _build_all(Path(tmp), {"core/acme": [row]})
        _check_targets(out, [row])


@FAST
@given(name=legal_text.filter(bool), description=legal_text, notes=legal_text)
def test_legal_hostile_text_is_accepted_and_round_trips(name: str, description: str, notes: str) -> None:
    """Quotes, pipes, backslashes, `"#` runs, HTML, emoji, RLM/ALM marks: accepted, and kept exactly."""
    row = make_row("acme/m1", name=name, description=description, notes=notes)
    assert _problems(row).errors == []
    with tempfile.TemporaryDirectory() as tmp:
        out = _build_all(Path(tmp), {"core/acme": [row]})
        _check_targets(out, [row])


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3), hostile_text)
def test_lone_surrogates_are_rejected(surrogates: str, text: str) -> None:
    """A lone surrogate (possible in JSON from an API) cannot be written as UTF-8: rejected."""
    row = make_row("acme/m1", name="ok", description=text[:1] + surrogates + text[1:])
    report = _problems(row)
    assert any(p.column == "description" and "surrogate" in p.message for p in report.errors)


# --- ids -------------------------------------------------------------------------------------------

provider_st = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True)
raw_id_st = st.from_regex(RAW_ID_RE, fullmatch=True)


@FAST
@given(
    st.text(max_size=30)
    | st.sampled_from(
        [
            "acme/a|b",
            "acme/a\\b",
            "acme/a b",
            "acme/a,b",
            'acme/"x',
            "acme/#x",
            "acme/",
            "/x",
            "Acme/x",
            "acme/é",
            "acme/a\tb",
        ]
    )
)
def test_ids_outside_the_documented_set_are_rejected(model_id: str) -> None:
    row = make_row("acme/x", id=model_id)
    report = _problems(row)
    id_errors = [p for p in report.errors if p.column == "id"]
    if ID_RE.fullmatch(model_id) and provider_of(model_id) == "acme":
        assert id_errors == []
    else:
        assert id_errors, model_id
        assert "\n" not in str(id_errors[0])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(provider_st, st.lists(raw_id_st, min_size=1, max_size=3, unique=True), min_size=1, max_size=3))
def test_valid_ids_round_trip_through_every_target(ids: dict[str, list[str]]) -> None:
    files = {f"core/{p}": [make_row(f"{p}/{raw}", name=raw) for raw in raws] for p, raws in ids.items()}
    rows = [r for rs in files.values() for r in rs]
    for r in rows:
        assert ID_RE.fullmatch(r["id"]) and PROVIDER_RE.fullmatch(provider_of(r["id"]))
        assert not set(r["id"]) & set("|\\,\"' \t\n")
    with tempfile.TemporaryDirectory() as tmp:
        out = _build_all(Path(tmp), files)
        _check_targets(out, rows)


# --- generated Rust compiles, whatever the strings --------------------------------------------------

RUSTC = shutil.which("rustc")
needs_rustc = pytest.mark.skipif(RUSTC is None, reason="rustc not installed")


def _hostile_rows(texts: list[str]) -> list[dict[str, str]]:
    rows = []
    for i, text in enumerate(texts):
        name = text.strip()[:200] or f"model {i}"
        rows.append(make_row(f"acme/m{i:03d}", name=name, description=text.strip()[:4000]))
    return [r for r in rows if not _problems(r).errors]


@needs_rustc
def test_generated_rust_compiles_and_reads_back_exactly(tmp_path: Path) -> None:
    """Build hostile rows, compile a program printing MODEL_DATA, compare with every row."""
    texts = [f"a{h}b" for h in HOSTILE] + ["".join(HOSTILE), '"' + "#" * 300 + '"', 'x"' + "#" * 254]
    rows = _hostile_rows(texts)
    assert len(rows) >= 30  # most fragments are legal text
    out = _build_all(tmp_path, {"core/acme": rows})
    main = tmp_path / "main.rs"
    main.write_text(
        '#[path = "out/models_data.rs"]\n#[allow(dead_code)]\nmod models_data;\n'
        'fn main() { print!("{}", models_data::MODEL_DATA); }\n',
        encoding="utf-8",
    )
    exe = tmp_path / "main"
    subprocess.run(
        [str(RUSTC), "--edition=2021", "-o", str(exe), str(main)],
        check=True,
        cwd=tmp_path,
        capture_output=True,
        timeout=120,
    )
    printed = subprocess.run([str(exe)], check=True, capture_output=True, timeout=30).stdout.decode("utf-8")
    rs_text = (out / "models_data.rs").read_text(encoding="utf-8")
    assert printed == _rust_model_data(rs_text)
    pipes = _pipe_rows(printed)
    assert set(pipes) == {r["id"] for r in rows}
    for row in rows:
        assert pipes[row["id"]][2] == row["name"]
        assert pipes[row["id"]][8] == row["description"]


@needs_rustc
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(hostile_text, min_size=5, max_size=25))
def test_generated_rust_compiles_for_random_hostile_text(tmp_path: Path, texts: list[str]) -> None:
    rows = _hostile_rows(texts) or [make_row("acme/m000", name='"#|\\')]
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        out = _build_all(Path(tmp), {"core/acme": rows})
        proc = subprocess.run(
            [
                str(RUSTC),
                "--crate-type=lib",
                "--emit=metadata",
                "--edition=2021",
                "-o",
                str(Path(tmp) / "m.rmeta"),
                str(out / "models_data.rs"),
            ],
            capture_output=True,
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr.decode()
