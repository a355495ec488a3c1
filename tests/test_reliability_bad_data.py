"""Bad curated data (issue 6, part 5): malformed CSVs give ``file:line`` errors, exit 1, generate nothing.

Each case starts from a valid ``data/core/acme.csv`` (header + rows on lines 2-4), breaks it one
way, and runs ``modelsuite validate`` and ``modelsuite build --output-dir`` through
:func:`modelsuite.cli.main`; once more through a subprocess. A fuzz test mutates the file at random
and checks the command never crashes and every message is located.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelsuite.cli import main
from modelsuite_tools.csvio import format_csv
from modelsuite_tools.schema import COLUMN_NAMES
from tests.support import make_row

FILE = "data/core/acme.csv"
LOCATED = re.compile(r"^data/core/acme\.csv(:\d+)?: \S")


def good_csv() -> str:
    """A valid file: header on line 1, rows acme/a, acme/b, acme/c on lines 2, 3, 4."""
    return format_csv([
        make_row("acme/a", name="Model A", input_per_1m="1", output_per_1m="2", max_context="8192"),
        make_row("acme/b", name="Model B", input_per_1m="0.5", output_per_1m="1.5", max_context="32768"),
        make_row("acme/c", name="Model C"),
    ])  # fmt: skip


def _lines() -> list[str]:
    return good_csv().split("\n")


def _set(line: int, column: str, value: str) -> Callable[[str], bytes]:
    """Return a mutation writing ``value`` (raw CSV text) into ``column`` of file line ``line``."""

    def mutate(text: str) -> bytes:
        lines = text.split("\n")
        fields = lines[line - 1].split(",")
        fields[COLUMN_NAMES.index(column)] = value
        lines[line - 1] = ",".join(fields)
        return "\n".join(lines).encode("utf-8")

    return mutate


def _drop_column(column: str) -> Callable[[str], bytes]:
    def mutate(text: str) -> bytes:
        i = COLUMN_NAMES.index(column)
        out = []
        for line in text.split("\n"):
            if line:
                fields = line.split(",")
                del fields[i]
                line = ",".join(fields)
            out.append(line)
        return "\n".join(out).encode("utf-8")

    return mutate


def _replace_line(line: int, new: Callable[[str], str]) -> Callable[[str], bytes]:
    def mutate(text: str) -> bytes:
        lines = text.split("\n")
        lines[line - 1] = new(lines[line - 1])
        return "\n".join(lines).encode("utf-8")

    return mutate


@dataclass(frozen=True)
class BadCase:
    """One way to break the file, and the first error it must produce."""

    name: str
    mutate: Callable[[str], bytes]
    line: int
    expect: str  # a fragment of the first error message


BAD_CASES = (
    BadCase("missing column (quality)", _drop_column("quality"), 1, "missing quality"),
    BadCase("wrong type: price `$3`", _set(3, "input_per_1m", "$3"), 3, "input_per_1m: '$3' is not a price"),
    BadCase("wrong type: token count `128k`", _set(3, "max_context", "128k"), 3, "max_context: '128k' is not a token"),
    BadCase("wrong type: score `high`", _set(4, "mmlu", "high"), 4, "mmlu: 'high' is not a score"),
    BadCase("bad date `2026-02-30`", _set(4, "updated", "2026-02-30"), 4, "updated: '2026-02-30' is not a date"),
    BadCase("bad date `25/10/2026`", _set(2, "updated", "25/10/2026"), 2, "updated: '25/10/2026' is not a date"),
    BadCase("duplicate id", _set(4, "id", "acme/a"), 4, f"duplicate id 'acme/a', first defined at {FILE}:2"),
    BadCase("stray quote: unterminated `\"Model B`", _set(3, "name", '"Model B'), 3, "malformed CSV"),
    BadCase("stray quote after a quoted field `\"B\"x`", _set(3, "name", '"B"x'), 3, "malformed CSV"),
    BadCase("byte-order mark", lambda t: b"\xef\xbb\xbf" + t.encode(), 1, "byte-order mark"),
    BadCase("CRLF line endings", lambda t: t.replace("\n", "\r\n").encode(), 1, "carriage return"),
    BadCase("a CR inside line 3", _set(3, "name", "Model\rB"), 3, "carriage return"),
    BadCase("unknown column `price_usd`", lambda t: t.replace("\n", ",\n").replace(",\n", ",price_usd\n", 1)
            .encode(), 1, "price_usd: unknown column"),
    BadCase("a newline inside a quoted header name", _replace_line(1, lambda h: h.replace(",kind,", ',"ki\nnd",')),
            1, "'ki\\nnd': unknown column"),
    BadCase("empty file", lambda t: b"", 1, "file is empty"),
    BadCase("header columns out of order", _replace_line(1, lambda h: h.replace("id,alias,name", "id,name,alias")),
            1, "columns out of order"),
    BadCase("row with too few fields", _replace_line(3, lambda r: r.rsplit(",", 3)[0]), 3, "fields, the header has"),
    BadCase("invalid UTF-8 (a Latin-1 byte)", lambda t: t.encode().replace(b"Model C", b"Mod\xe8le C"), 4,
            "invalid UTF-8"),
    BadCase("blank line", _replace_line(3, lambda r: ""), 3, "blank line"),
    BadCase("row of another provider", _set(2, "id", "other/a"), 2, "does not match the file name"),
    BadCase("control character in a name", _set(3, "name", "Model\x07B"), 3, "U+0007"),
    BadCase("NUL byte in a name", _set(3, "name", "Model\x00B"), 3, "U+0000"),
    BadCase("right-to-left override in a name", _set(3, "name", "Model\u202eB"), 3, "U+202E"),
    BadCase("unknown source id", _set(2, "source", "my-blog"), 2, "unknown source id 'my-blog'"),
    BadCase("price in the wrong unit (per token)", _set(2, "input_per_1m", "3000"), 2, "implausibly high"),
)  # fmt: skip


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Run :func:`modelsuite.cli.main`; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, str]:
    """Return {relative path: sha256} of every file under ``folder``."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}  # fmt: skip


def first_error(case: BadCase, base: Path) -> tuple[int, str, int, dict[str, str], dict[str, str]]:
    """Write the broken file under ``base`` (the cwd), validate and build; return what happened.

    Returns (validate exit code, first stderr line, build exit code, output snapshot before, after).
    """
    target = base / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(good_csv(), encoding="utf-8")
    out_dir = base / "out"
    code, _, _ = run_cli(["build", "--data-dir", "data", "--output-dir", "out"])
    assert code == 0  # a previous good build is in place
    before = snapshot(out_dir)
    target.write_bytes(case.mutate(good_csv()))
    vcode, _, verr = run_cli(["validate", "--data-dir", "data"])
    bcode, _, berr = run_cli(["build", "--data-dir", "data", "--output-dir", "out"])
    assert "nothing was generated" in berr
    return vcode, verr.splitlines()[0] if verr else "", bcode, before, snapshot(out_dir)


@pytest.mark.parametrize("case", BAD_CASES, ids=[c.name for c in BAD_CASES])
def test_bad_file_is_located_and_nothing_is_generated(
    case: BadCase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    vcode, first, bcode, before, after = first_error(case, tmp_path)
    assert vcode == 1
    assert bcode == 1
    assert first.startswith(f"{FILE}:{case.line}: "), first
    assert case.expect in first, first
    assert "Traceback" not in first
    assert after == before  # the previous good output is untouched


def test_empty_output_dir_stays_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data/core").mkdir(parents=True)
    (tmp_path / FILE).write_bytes(_set(3, "updated", "yesterday")(good_csv()))
    code, _, err = run_cli(["build", "--data-dir", "data", "--output-dir", "out"])
    assert code == 1
    assert f"{FILE}:3: updated:" in err
    assert not (tmp_path / "out").exists()


def test_good_file_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The unbroken base file is valid, so each case above fails only because of its mutation."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data/core").mkdir(parents=True)
    (tmp_path / FILE).write_text(good_csv(), encoding="utf-8")
    assert run_cli(["validate", "--data-dir", "data"])[0] == 0
    assert run_cli(["build", "--data-dir", "data", "--output-dir", "out"])[0] == 0
    assert {"_data.py", "models_data.rs", "registry.json"} <= set(snapshot(tmp_path / "out"))


def test_subprocess_reports_file_line_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "data/core").mkdir(parents=True)
    (tmp_path / FILE).write_bytes(_set(3, "name", '"Model B')(good_csv()))
    for argv in (["validate", "--data-dir", "data"], ["build", "--data-dir", "data", "--output-dir", "out"]):
        proc = subprocess.run(
            [sys.executable, "-m", "modelsuite", *argv], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stderr.startswith(f"{FILE}:3: malformed CSV"), proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


# --- fuzz: random damage never crashes the validator and every message is located -----------------

damage = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 3),
              st.sampled_from([b'"', b",", b"\n", b"\r", b"\xef\xbb\xbf", b"\xff", b"\x00", b"|", b"-1", b"", b"\t",
                               b"\xe2\x80\xae", b'""', b"#"])),
    min_size=1, max_size=4,
)  # fmt: skip


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(damage)
def test_random_damage_never_crashes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[int, int, bytes]]
) -> None:
    monkeypatch.chdir(tmp_path)
    raw = bytearray(good_csv().encode())
    for pos, cut, insert in edits:
        pos %= len(raw) + 1
        raw[pos : pos + cut] = insert
    (tmp_path / "data/core").mkdir(parents=True, exist_ok=True)
    (tmp_path / FILE).write_bytes(bytes(raw))
    code, _, err = run_cli(["validate", "--data-dir", "data"])
    assert code in (0, 1)
    lines = err.splitlines()
    if code == 1:
        assert lines[-1].startswith("validate FAILED")
        for line in lines[:-1]:
            assert LOCATED.match(line), line
    else:
        assert not err
        bcode, _, _ = run_cli(["build", "--data-dir", "data", "--output-dir", "out"])
        assert bcode == 0
