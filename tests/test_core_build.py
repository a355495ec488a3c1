"""The build: merge precedence, determinism, the three targets, drift detection."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.json_export import load_generated
from modelsuite_tools.generate.rust import split_pipe_line
from modelsuite_tools.merge import load_registry
from tests.conftest import SAMPLE
from tests.support import TODAY, make_row, write_data_dir


def test_rebuild_is_byte_identical(data_dir: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    r1 = build(data_dir, default_targets(first), today=TODAY)
    r2 = build(data_dir, default_targets(second), today=TODAY)
    assert not r1.errors and not r2.errors
    names = sorted(p.name for p in first.iterdir())
    assert {"_data.py", "models_data.rs", "registry.json", "schema.json"} <= set(names)
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    again = build(data_dir, default_targets(first), today=TODAY)
    assert again.written == []
    assert len(again.unchanged) == len(default_targets(first))


def test_generated_files_are_stamped(data_dir: Path, tmp_path: Path) -> None:
    build(data_dir, default_targets(tmp_path), today=TODAY)
    assert "DO NOT EDIT" in (tmp_path / "_data.py").read_text().splitlines()[0]
    assert "DO NOT EDIT" in (tmp_path / "models_data.rs").read_text().splitlines()[0]


def test_invalid_data_generates_nothing(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data", {"core/openai": [make_row("openai/a", status="?")]})
    out = tmp_path / "out"
    result = build(data, default_targets(out), today=TODAY)
    assert result.errors
    assert not out.exists()


def test_check_only_reports_drift_without_writing(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(data_dir, default_targets(out), today=TODAY)
    before = (out / "_data.py").read_bytes()
    rows = SAMPLE["core/google"] + [make_row("google/gemini-new", input_per_1m="1", output_per_1m="2")]
    write_data_dir(data_dir, {"core/google": rows})
    result = build(data_dir, default_targets(out), check_only=True, today=TODAY)
    assert out / "_data.py" in result.drifted
    assert (out / "_data.py").read_bytes() == before


def test_lookup_precedence_direct_provider_first(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path, {
        "aggregators/openrouter": [make_row("openrouter/openai/gpt-4o")],
        "core/azure": [make_row("azure/gpt-4o")],
        "core/openai": [make_row("openai/gpt-4o"), make_row("openai/gpt-4o-2024-08-06", alias="gpt4o-latest")],
    })
    reg = load_registry(data, today=TODAY)
    ids = [r["id"] for r in reg.rows]
    assert ids[:3] == ["azure/gpt-4o", "openai/gpt-4o", "openai/gpt-4o-2024-08-06"]
    keys = reg.keys

    def at(k: str) -> str:
        return reg.rows[keys[k]]["id"]

    assert at("gpt-4o") == "azure/gpt-4o"  # first core provider alphabetically claims the raw id
    assert at("openai/gpt-4o") == "openai/gpt-4o"  # a full id always wins
    assert at("openrouter/openai/gpt-4o") == "openrouter/openai/gpt-4o"
    assert at("gpt4o-latest") == "openai/gpt-4o-2024-08-06"
    assert at("OPENAI/GPT-4O".lower()) == "openai/gpt-4o"


def test_provider_prefixed_alias_beats_a_resellers_raw_id(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path, {
        "core/anthropic": [make_row("anthropic/claude-x-20250929", alias="claude-x")],
        "aggregators/perplexity": [make_row("perplexity/anthropic/claude-x")],
    })
    reg = load_registry(data, today=TODAY)
    assert reg.rows[reg.keys["anthropic/claude-x"]]["id"] == "anthropic/claude-x-20250929"
    assert reg.rows[reg.keys["claude-x"]]["id"] == "anthropic/claude-x-20250929"
    assert reg.rows[reg.keys["perplexity/anthropic/claude-x"]]["id"] == "perplexity/anthropic/claude-x"


def test_rust_output_compiles_and_round_trips(tmp_path: Path) -> None:
    nasty = 'Evil "## name | with \\ backslash </script>'
    data = write_data_dir(tmp_path / "d", {"core/acme": [make_row("acme/m", name=nasty, description='"#"##|')]})
    out = tmp_path / "out"
    assert not build(data, default_targets(out), today=TODAY).errors
    text = (out / "models_data.rs").read_text()
    rows = [ln for ln in text.split("\n") if ln.startswith("acme/")]
    fields = split_pipe_line(rows[0])
    assert len(fields) == 13
    assert fields[2] == nasty and fields[8] == '"#"##|'
    assert 'r###"' in text
    if shutil.which("rustc") is None:
        pytest.skip("rustc not installed")
    proc = subprocess.run(["rustc", "--crate-type=lib", "--emit=metadata", "-o", str(tmp_path / "x.rmeta"),
                           str(out / "models_data.rs")], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_json_export_matches_runtime_dicts(data_dir: Path, tmp_path: Path) -> None:
    build(data_dir, default_targets(tmp_path), today=TODAY)
    doc = json.loads((tmp_path / "registry.json").read_text())
    module = load_generated((tmp_path / "_data.py").read_text())
    assert doc["model_count"] == module.MODEL_COUNT == len(doc["models"]) == 5
    assert doc["registry_version"] == module.REGISTRY_VERSION
    sonnet = next(m for m in doc["models"] if m["id"] == "anthropic/claude-sonnet-4-5")
    assert sonnet["pricing"]["input_per_1m"] == "3"
    assert sonnet["pricing"]["tiers"] == [{"above_tokens": 200000, "input_per_1m": "6", "output_per_1m": "22.5",
                                           "cached_input_per_1m": "0.6"}]
    assert sonnet["capabilities"]["max_output"] == 64000
    assert doc["data_sources"] == {"core": 2, "regional": 0, "specialized": 1, "aggregators": 2, "community": 0}


def test_schema_json_lists_every_column_in_order(tmp_path: Path, data_dir: Path) -> None:
    from modelsuite_tools.schema import COLUMN_NAMES, PLAN_COLUMNS

    build(data_dir, default_targets(tmp_path), today=TODAY)
    schema = json.loads((tmp_path / "schema.json").read_text())
    assert schema["x-column-order"] == list(COLUMN_NAMES)
    assert schema["x-column-order"][:25] == list(PLAN_COLUMNS)
    assert set(schema["properties"]) == set(COLUMN_NAMES)


def test_schema_json_accepts_a_valid_row_and_rejects_a_bad_one() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from modelsuite_tools.generate.schema_json import schema_document

    doc = schema_document()
    good = make_row("openai/gpt-x", input_per_1m="2.5", output_per_1m="10", caps="VT")
    jsonschema.validate(good, doc)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**good, "status": "Z"}, doc)


def test_reseller_raw_id_never_answers_for_another_provider(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path, {
        "core/xai": [make_row("xai/grok-4", input_per_1m="3", output_per_1m="15", base_model="xai/grok-4")],
        "aggregators/replicate": [make_row("replicate/xai/grok-4", input_per_1m="7.2", output_per_1m="36",
                                           base_model="xai/grok-4"),
                                  make_row("replicate/xai/grok-9", base_model="xai/grok-9")],
        "specialized/groq": [make_row("groq/openai/gpt-oss-120b", base_model="openai/gpt-oss-120b")],
        "regional/qiniu": [make_row("qiniu/gpt-oss-120b", base_model="openai/gpt-oss-120b")],
        "regional/siliconflow": [make_row("siliconflow/openai/gpt-oss-120b", input_per_1m="0.1",
                                          output_per_1m="0.5", base_model="openai/gpt-oss-120b")],
        "core/openai": [make_row("openai/gpt-4o")],
    })
    reg = load_registry(data, today=TODAY)

    def at(k: str) -> str | None:
        i = reg.keys.get(k)
        return None if i is None else reg.rows[i]["id"]

    assert at("xai/grok-4") == "xai/grok-4"
    assert at("xai/grok-9") == "replicate/xai/grok-9"  # via the base model: the only offering
    # not a raw-id key (openai is a provider); the base model finds the priced regional row first
    assert at("openai/gpt-oss-120b") == "siliconflow/openai/gpt-oss-120b"
    assert at("gpt-oss-120b") == "qiniu/gpt-oss-120b"  # the exact raw id of a regional row
