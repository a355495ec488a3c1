"""The command line: list, search, show, cost, offerings, providers, stats — output, JSON and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from modelsuite.cli import main
from tests.conftest import SAMPLE
from tests.support import build_module, make_row, registry_from, write_data_dir

CLI_DATA = {
    **SAMPLE,
    "core/openai": [
        make_row(
            "openai/gpt-4o",
            alias="gpt-4o",
            name="GPT-4o",
            input_per_1m="2.5",
            output_per_1m="10",
            cache_per_1m="1.25",
            max_context="128000",
            max_output="16384",
            caps="VTJSC",
            mmlu="88.7",
            batch_input_per_1m="1.25",
            batch_output_per_1m="5",
            description="Omni model for text and images",
        ),
        make_row(
            "openai/gpt-3.5-turbo",
            name="GPT-3.5 Turbo",
            status="D",
            input_per_1m="0.5",
            output_per_1m="1.5",
            max_context="16385",
            caps="TJ",
            deprecation_date="2026-06-01",
        ),
    ],
}


@pytest.fixture(scope="module")
def cli_module(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    base = tmp_path_factory.mktemp("cli")
    return build_module(write_data_dir(base / "data", CLI_DATA), base / "out")


@pytest.fixture
def reg(cli_module: types.ModuleType) -> Iterator[types.ModuleType]:
    with registry_from(cli_module) as module:
        yield module


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


# --- show -------------------------------------------------------------------------------------


def test_show_json_parses_with_prices_as_strings(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "show", "gpt-4o")
    assert isinstance(data, dict)
    assert data["id"] == "openai/gpt-4o"
    assert data["pricing"]["input_per_1m"] == "2.5"
    assert data["capabilities"]["max_context"] == 128000


def test_show_text(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "gemini-2.5-pro")
    assert code == 0
    assert "google/gemini-2.5-pro" in out
    assert "above 200,000 tok" in out and "$2.5 in" in out


def test_show_unknown_suggests(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "no-such-model")
    assert code == 1
    assert out == ""
    assert err.startswith("modelsuite: error: no model 'no-such-model'")
    assert "Traceback" not in err
    code, _, err = run(capsys, "show", "gpt-4-o")
    assert code == 1
    assert "did you mean openai/gpt-4o" in err
    code, _, err = run(capsys, "show", "claude-sonet-4.5")
    assert code == 1 and "anthropic/claude-sonnet-4-5" in err


# --- list / search ----------------------------------------------------------------------------


def test_list_filters(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "list", "--vision", "--max-input-price", "2.5", "--sort", "input_price")
    assert isinstance(data, dict)
    assert [m["id"] for m in data["models"]] == ["google/gemini-2.5-pro", "openai/gpt-4o"]
    data = run_json(capsys, "list", "--provider", "openai", "--status", "deprecated")
    assert [m["id"] for m in data["models"]] == ["openai/gpt-3.5-turbo"]
    data = run_json(capsys, "list", "--min-context", "1M", "--thinking", "--category", "core")
    assert [m["id"] for m in data["models"]] == ["google/gemini-2.5-pro"]
    data = run_json(capsys, "list", "--sort=-context", "--limit", "2")
    assert data["count"] == 7 and data["shown"] == 2
    assert [m["id"] for m in data["models"]] == ["google/gemini-2.5-pro", "openrouter/anthropic/claude-sonnet-4.5"]


def test_list_empty_json_is_valid_and_exits_1(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--provider", "openai", "--min-context", "999999999", "--json")
    assert code == 1
    assert json.loads(out) == {"count": 0, "shown": 0, "models": []}


def test_list_table(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--tools", "--max-output-price", "1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["id", "st", "in", "$/1M"]
    assert [ln.split()[0] for ln in lines[2:4]] == [
        "groq/llama-3.3-70b-versatile",
        "openrouter/meta-llama/llama-3.3-70b-instruct",
    ]
    assert lines[-1] == "2 models"


def test_list_no_match_exits_1(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--min-context", "5M")
    assert code == 1 and out == "" and "no model matches" in err


def test_search(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "search", "llama", "70b", "--sort", "price")
    assert [m["id"] for m in data["models"]] == [
        "openrouter/meta-llama/llama-3.3-70b-instruct",
        "groq/llama-3.3-70b-versatile",
    ]
    data = run_json(capsys, "search", "images")  # description text
    assert [m["id"] for m in data["models"]] == ["openai/gpt-4o"]
    data = run_json(capsys, "search", "gpt-4o")  # exact alias ranks first
    assert data["models"][0]["id"] == "openai/gpt-4o"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--bogus"],
        ["list", "--min-context", "lots"],
        ["list", "--max-input-price", "-1"],
        ["list", "--sort", "popularity"],
        ["list", "--status", "retired"],
        ["list", "--limit", "-3"],
        ["search"],
        ["cost", "gpt-4o", "--input", "1.5.5"],
        ["cost", "gpt-4o", "--input", "0.5"],
        ["offerings", "gpt-4o", "--input-weight", "x"],
        ["nonsense-command"],
        [],
    ],
)
def test_usage_errors_exit_2_without_traceback(
    reg: types.ModuleType, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert "Traceback" not in err
    assert err.strip()


# --- cost -------------------------------------------------------------------------------------


def test_cost_json_is_exact(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "cost", "claude-sonnet-4-5", "--input", "1M", "--output", "1_000_000")
    assert data["total_usd"] == "18"
    data = run_json(capsys, "cost", "gemini-2.5-pro", "-i", "300k")
    assert data["total_usd"] == "0.75" and data["tier_above_tokens"] == 200000
    data = run_json(capsys, "cost", "gpt-4o", "-i", "1M", "-o", "1M", "--batch")
    assert data["total_usd"] == "6.25" and data["batch"] is True
    data = run_json(capsys, "cost", "claude-sonnet-4-5", "-i", "300k", "--long-context")
    assert data["total_usd"] == "1.8"


def test_cost_table(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cost", "gpt-4o", "-i", "10000", "--cached", "90k", "-o", "2k")
    assert code == 0
    assert out.splitlines()[0] == "openai/gpt-4o"
    assert out.splitlines()[-1].split() == ["total", "$0.1575"]  # 0.025 + 0.1125 + 0.02


def test_cost_unknown_price_exits_1(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "cost", "gemini-2.5-pro", "--cache-write", "10")
    assert code == 1 and out == ""
    assert "google/gemini-2.5-pro: the cache write price is unknown" in err
    code, _, err = run(capsys, "cost", "groq/llama-3.3-70b-versatile", "-i", "1", "--batch")
    assert code == 1 and "batch input" in err


def test_cost_unknown_model_exits_1(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "cost", "gpt4o", "-i", "1")
    assert code == 1 and "did you mean openai/gpt-4o" in err


# --- offerings, providers, stats --------------------------------------------------------------


def test_offerings_cheapest_first(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "offerings", "groq/llama-3.3-70b-versatile")
    assert [o["id"] for o in data["offerings"]] == [
        "openrouter/meta-llama/llama-3.3-70b-instruct",
        "groq/llama-3.3-70b-versatile",
    ]
    assert data["offerings"][0]["weighted_price"] == "0.53"
    code, out, _ = run(capsys, "offerings", "claude-sonnet-4-5")
    assert code == 0
    assert out.splitlines()[0] == "2 offerings of anthropic/claude-sonnet-4.5 (cheapest first)"
    code, _, err = run(capsys, "offerings", "no-such")
    assert code == 1 and "no model" in err


def test_providers(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "providers")
    rows = {r["provider"]: r for r in data["providers"]}
    assert list(rows) == ["anthropic", "google", "groq", "openai", "openrouter"]
    assert rows["openai"] == {
        "provider": "openai",
        "category": "core",
        "models": 2,
        "current": 1,
        "priced": 2,
        "updated": "2026-10-25",
    }
    code, out, _ = run(capsys, "providers")
    assert code == 0 and out.splitlines()[-1] == "5 providers, 7 offerings"


def test_stats_json(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, "stats")
    assert data["total"] == 7 and data["by_status"] == {"C": 6, "D": 1}


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["search", "claude"],
        ["show", "claude-sonnet-4-5"],
        ["cost", "gpt-4o", "-i", "1k"],
        ["offerings", "gpt-4o"],
        ["providers"],
        ["stats"],
    ],
)
def test_every_command_has_json(reg: types.ModuleType, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    data = run_json(capsys, *argv)
    text = json.dumps(data)
    assert "Decimal" not in text


# --- the installed console entry --------------------------------------------------------------


def _console() -> list[str]:
    script = Path(sys.executable).with_name("modelsuite")
    return [str(script)] if script.exists() else [sys.executable, "-m", "modelsuite.cli"]


def test_console_entry_exit_codes() -> None:
    bad = subprocess.run([*_console(), "show", "zz-no-such-model-zz"], capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert bad.stderr.startswith("modelsuite: error: no model 'zz-no-such-model-zz'")
    assert "Traceback" not in bad.stderr
    usage = subprocess.run([*_console(), "list", "--bogus"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and "Traceback" not in usage.stderr
    ok = subprocess.run([*_console(), "providers", "--json"], capture_output=True, text=True, check=False)
    assert ok.returncode == 0
    assert isinstance(json.loads(ok.stdout)["providers"], list)


def test_show_points_to_other_offerings(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "claude-sonnet-4-5")
    assert code == 0
    assert "1 other offering (`modelsuite offerings anthropic/claude-sonnet-4-5`)" in out
    code, out, _ = run(capsys, "show", "gpt-4o")
    assert "other offering" not in out


def test_tables_fit_the_terminal(
    reg: types.ModuleType, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 120
    # the free-text name column is narrowed first, so ids stay whole
    assert "openrouter/meta-llama/llama-3.3-70b-instruct" in out
    assert any(line.endswith("…") for line in lines)


def test_list_unknown_provider_is_a_usage_error(reg: types.ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "--provider", "nobody")
    assert code == 2
    assert "unknown provider 'nobody'" in err
    assert "Traceback" not in err
