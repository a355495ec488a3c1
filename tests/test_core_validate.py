"""Validation rules: each bad value is reported with file, line, column and a fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from modelsuite_tools.csvio import Row, parse_csv_bytes
from modelsuite_tools.merge import load_registry
from modelsuite_tools.validate import validate_rows
from tests.support import TODAY, make_row, write_data_dir


def problems(**values: str) -> list[str]:
    row = make_row(values.pop("id", "openai/gpt-x"), **values)
    report = validate_rows([Row(row, "core/openai.csv", 7)], today=TODAY)
    return [str(p) for p in report.errors]


def test_valid_row_has_no_errors() -> None:
    assert problems(input_per_1m="2.5", output_per_1m="10", max_context="128000", caps="VTJS") == []


@pytest.mark.parametrize(
    ("values", "column", "fragment"),
    [
        ({"id": "gpt-x"}, "id", "no provider prefix"),
        ({"id": "OpenAI/gpt-x"}, "id", "not a valid id"),
        ({"id": "openai/gpt x"}, "id", "not a valid id"),
        ({"id": "anthropic/claude"}, "id", "does not match the file name"),
        ({"name": ""}, "name", "missing"),
        ({"name": "bad\nname"}, "name", "U+000A"),
        ({"description": "evil \u202e text"}, "description", "U+202E"),
        ({"status": "X"}, "status", "C (current)"),
        ({"input_per_1m": "abc"}, "input_per_1m", "not a price"),
        ({"input_per_1m": "1e-6"}, "input_per_1m", "not a price"),
        ({"output_per_1m": "99999"}, "output_per_1m", "implausibly high"),
        ({"max_context": "0"}, "max_context", "write -1"),
        ({"max_context": "20000000"}, "max_context", "implausibly large"),
        ({"max_context": "512"}, "max_context", "too small"),
        ({"caps": "TV"}, "caps", "in that order"),
        ({"caps": "VX"}, "caps", "at most once"),
        ({"mmlu": "101"}, "mmlu", "0 to 100"),
        ({"tps": "fast"}, "tps", "not a measurement"),
        ({"can_classify": "yes"}, "can_classify", "Y or N"),
        ({"source": "somewhere"}, "source", "unknown source id"),
        ({"quality": "great"}, "quality", "not one of"),
        ({"quality": "verified", "source": "litellm"}, "quality", "two independent sources"),
        ({"source": "estimated", "quality": "partial"}, "quality", "must be estimated"),
        ({"updated": "2026-13-01"}, "updated", "not a date"),
        ({"updated": "2027-01-01"}, "updated", "in the future"),
        ({"kind": "robot"}, "kind", "not one of"),
        ({"tiers": "200000=1/2"}, "tiers", "THRESHOLD=INPUT/OUTPUT/CACHE_READ"),
        ({"tiers": "200000=1/2/3;100000=1/2/3"}, "tiers", "increasing"),
        ({"source_url": "http://x.y"}, "source_url", "https URL"),
        ({"deprecation_date": "soon"}, "deprecation_date", "not a date"),
        ({"bench_extra": "a=b"}, "bench_extra", "key=value"),
    ],
)
def test_each_rule_reports_file_line_column(values: dict[str, str], column: str, fragment: str) -> None:
    errors = problems(**values)
    assert errors, f"no error for {values}"
    assert any(e.startswith(f"core/openai.csv:7: {column}: ") and fragment in e for e in errors), errors


def test_embedding_models_may_have_small_context() -> None:
    assert problems(kind="embedding", max_context="512") == []


def test_verified_with_two_sources_is_accepted() -> None:
    assert problems(quality="verified", source="litellm+models.dev") == []


def test_warnings_do_not_fail() -> None:
    row = make_row("openai/x", input_per_1m="10", output_per_1m="1", cache_per_1m="20")
    report = validate_rows([Row(row, "core/openai.csv", 2)], today=TODAY)
    assert report.ok
    assert {p.column for p in report.warnings} == {"cache_per_1m", "output_per_1m"}


def test_duplicate_ids_point_at_the_first_definition(tmp_path: Path) -> None:
    write_data_dir(tmp_path, {"core/openai": [make_row("openai/a")]})
    path = tmp_path / "core/openai.csv"
    text = path.read_text()
    path.write_text(text + text.splitlines()[1] + "\n")
    reg = load_registry(tmp_path, today=TODAY)
    msgs = [str(e) for e in reg.report.errors]
    assert len(msgs) == 1
    assert msgs[0].endswith("duplicate id 'openai/a', first defined at " f"{reg.files[0]}:2; keep one row per offering")
    assert ":3: id:" in msgs[0]


def test_provider_in_two_categories_is_an_error(tmp_path: Path) -> None:
    write_data_dir(tmp_path, {"core/acme": [make_row("acme/a")], "regional/acme": [make_row("acme/b")]})
    reg = load_registry(tmp_path, today=TODAY)
    assert any("keep each provider in one category folder" in str(e) for e in reg.report.errors)


def test_csv_outside_category_folder_is_reported(tmp_path: Path) -> None:
    write_data_dir(tmp_path, {"core/acme": [make_row("acme/a")], "misc/acme": [make_row("acme/b")]})
    reg = load_registry(tmp_path, today=TODAY)
    assert any("outside the category folders" in str(e) for e in reg.report.errors)


def test_cross_provider_duplicates_are_reported_not_errors(tmp_path: Path) -> None:
    write_data_dir(tmp_path, {
        "core/meta": [make_row("meta/llama-3.3-70b-instruct", name="Llama 3.3 70B Instruct")],
        "aggregators/openrouter": [make_row("openrouter/meta-llama/llama-3.3-70b-instruct",
                                            name="Meta: Llama 3.3 70B Instruct")],
    })
    reg = load_registry(tmp_path, today=TODAY)
    assert reg.report.ok
    assert ("llama-3-3-70b-instruct", ["meta/llama-3.3-70b-instruct",
                                       "openrouter/meta-llama/llama-3.3-70b-instruct"]) in reg.report.cross_provider


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"\xef\xbb\xbfid,alias\n", "byte-order mark"),
        (b"id,alias\r\n", "carriage return"),
        (b"", "empty"),
        (b"\xff\xfe", "invalid UTF-8"),
        (b"id,name\n", "header must start"),
    ],
)
def test_structural_problems(raw: bytes, fragment: str) -> None:
    parsed = parse_csv_bytes(raw, "x.csv")
    assert parsed.rows == []
    assert len(parsed.problems) == 1
    assert fragment in str(parsed.problems[0])
    assert str(parsed.problems[0]).startswith("x.csv:1: ")


def test_stray_quote_and_wrong_field_count(tmp_path: Path) -> None:
    write_data_dir(tmp_path, {"core/openai": [make_row("openai/a"), make_row("openai/b")]})
    path = tmp_path / "core/openai.csv"
    lines = path.read_text().splitlines()
    lines[1] = lines[1].replace("openai/a", 'openai/"a', 1)
    lines[2] = lines[2] + ",extra"
    path.write_text("\n".join(lines) + "\n")
    reg = load_registry(tmp_path, today=dt.date(2026, 11, 25))
    assert not reg.report.ok
    text = "\n".join(str(e) for e in reg.report.errors)
    assert "core/openai.csv:3: row has" in text or "malformed CSV" in text
