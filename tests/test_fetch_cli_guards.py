"""``modelsuite fetch`` guards: another API's response, replays without a date, results that keep few ids.

Also the plan's ``scripts/fetch_<source>.py`` wrappers: each runs ``modelsuite fetch <its source>``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

from modelsuite.cli import main as cli
from modelsuite_tools.csvio import read_csv
from tests.faultserver import openrouter_model

ROOT = Path(__file__).resolve().parents[1]
FIX = Path(__file__).parent / "fixtures" / "fetchers"
SHARED = Path(os.environ.get("MODELSUITE_SHARED_FIXTURES", ROOT.parent / "shared" / "fixtures"))
DATE = "2026-08-19"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli(list(args))
    return code, out.getvalue(), err.getvalue()


def openrouter_doc(path: Path, ids: list[str]) -> Path:
    models = [openrouter_model(i, f"Lab: {i}", "0.000001", "0.000002", 8192) for i in ids]
    path.write_text(json.dumps({"data": models}), encoding="utf-8")
    return path


# ------------------------------------------------------------------------------ another API's response


@pytest.mark.parametrize("recorded", [False, True], ids=["small fixture", "recorded 549-model response"])
def test_together_refuses_an_openrouter_response(tmp_path: Path, recorded: bool) -> None:
    source = SHARED / "openrouter" / "openrouter_models.json" if recorded else FIX / "openrouter_models.json"
    if not source.is_file():
        pytest.skip("recorded response not present")
    out = tmp_path / "aggregators" / "together.csv"
    assert run("fetch", "together", "--from-file", str(FIX / "together_models.json"), "--output", str(out),
               "--date", "2026-01-23")[0] == 0
    before = out.read_bytes()
    code, stdout, err = run("fetch", "together", "--from-file", str(source), "--output", str(out), "--date", DATE)
    assert code == 1
    assert err == "modelsuite: error: together: this looks like an OpenRouter response, not Together's\n"
    assert stdout == ""
    assert out.read_bytes() == before
    fresh = tmp_path / "fresh" / "together.csv"
    assert run("fetch", "together", "--from-file", str(source), "--output", str(fresh), "--date", DATE)[0] == 1
    assert not fresh.exists()


def test_groq_and_bedrock_name_the_api_a_file_comes_from(tmp_path: Path) -> None:
    code, _, err = run("fetch", "groq", "--from-file", str(FIX / "together_models.json"), "--dry-run",
                       "--date", DATE, "--output", str(tmp_path / "groq.csv"))
    assert (code, err) == (1, "modelsuite: error: groq: this looks like a Together response, not Groq's\n")
    code, _, err = run("fetch", "bedrock", "--from-file", str(FIX / "groq_models.json"), "--dry-run",
                       "--date", DATE, "--output", str(tmp_path / "bedrock.csv"))
    assert code == 1
    assert err.endswith("groq_models.json: this looks like a Groq response, not Bedrock's\n")


# --------------------------------------------------------------------------------------- replay date


def test_a_replay_needs_its_date(tmp_path: Path) -> None:
    out = tmp_path / "groq.csv"
    code, _, err = run("fetch", "groq", "--from-file", str(FIX / "groq_models.json"), "--output", str(out))
    assert code == 2
    assert err.startswith("modelsuite: error: --from-file needs --date YYYY-MM-DD")
    assert err.count("\n") == 1
    assert not out.exists()
    code, _, _ = run("fetch", "groq", "--from-file", str(FIX / "groq_models.json"), "--output", str(out),
                     "--date", "2026-08-17")
    assert code == 0
    assert {r["updated"] for r in read_csv(out).rows} == {"2026-08-17"}


def test_a_live_fetch_is_dated_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("httpx")
    from modelsuite_tools.fetchers import FETCHERS

    doc = json.loads((FIX / "groq_models.json").read_text(encoding="utf-8"))
    monkeypatch.setenv("MODELSUITE_CACHE_DIR", str(tmp_path / "cache"))
    live = {**FETCHERS, "groq": dataclasses.replace(FETCHERS["groq"], fetch=lambda client: doc)}
    monkeypatch.setattr("modelsuite_tools.fetchers.FETCHERS", live)
    out = tmp_path / "groq.csv"
    before = dt.date.today().isoformat()
    code, _, err = run("fetch", "groq", "--output", str(out), "--no-cache")
    assert code == 0, err
    assert {r["updated"] for r in read_csv(out).rows} <= {before, dt.date.today().isoformat()}


# ------------------------------------------------------------------------------------ ids kept (50%)


@pytest.mark.parametrize(
    ("kept", "new", "allowed"),
    [(10, 0, True), (6, 4, True), (5, 5, True), (4, 6, False), (0, 10, False)],
)
def test_a_result_must_keep_half_of_the_ids(tmp_path: Path, kept: int, new: int, allowed: bool) -> None:
    out = tmp_path / "openrouter.csv"
    old_ids = [f"lab/m-{i:02d}" for i in range(10)]
    assert run("fetch", "openrouter", "--from-file", str(openrouter_doc(tmp_path / "v1.json", old_ids)),
               "--output", str(out), "--date", DATE)[0] == 0
    before = out.read_bytes()
    ids = old_ids[:kept] + [f"lab/new-{i:02d}" for i in range(new)]  # same row count: the 20% guard passes
    doc = openrouter_doc(tmp_path / "v2.json", ids)
    code, _, err = run("fetch", "openrouter", "--from-file", str(doc), "--output", str(out), "--date", DATE)
    if allowed:
        assert code == 0, err
        assert {r["id"] for r in read_csv(out).rows} == {f"openrouter/{i}" for i in ids}
        return
    assert code == 1
    assert err == (f"modelsuite: error: openrouter: {out}: only {kept} of the 10 ids this source has in the file "
                   "are in the fetched rows (under 50%): a different API's response or the wrong file? nothing "
                   "written; rerun with --allow-shrink if intended\n")
    assert out.read_bytes() == before
    code, _, err = run("fetch", "openrouter", "--from-file", str(doc), "--output", str(out), "--date", DATE,
                       "--allow-shrink")
    assert code == 0, err
    assert out.read_bytes() != before


def test_rows_of_other_sources_do_not_count(tmp_path: Path) -> None:
    """Only the ids this fetcher's own source has in the file are compared; other sources' rows stay."""
    from modelsuite_tools.csvio import write_csv
    from tests.support import make_row

    out = tmp_path / "openrouter.csv"
    theirs = [make_row(f"openrouter/other/m-{i}", source="litellm") for i in range(20)]
    ours = [make_row(f"openrouter/lab/m-{i}", source="openrouter-api") for i in range(2)]
    write_csv(out, [*theirs, *ours])
    doc = openrouter_doc(tmp_path / "v2.json", ["lab/m-0", "lab/m-1", "lab/m-2"])
    code, _, err = run("fetch", "openrouter", "--from-file", str(doc), "--output", str(out), "--date", DATE)
    assert code == 0, err
    ids = {r["id"] for r in read_csv(out).rows}
    assert len(ids) == 23 and "openrouter/lab/m-2" in ids


# ------------------------------------------------------------------------------------ script wrappers

SCRIPT_INPUTS = {
    "openrouter": "openrouter_models.json",
    "together": "together_models.json",
    "groq": "groq_models.json",
    "bedrock": "bedrock_list_us-west-2.json",
    "replicate": "replicate_page1.json",
    "artificial_analysis": "aa_models.json",
    "huggingface": None,
}


@pytest.mark.parametrize("source", sorted(SCRIPT_INPUTS))
def test_each_fetch_script_runs_its_own_source(source: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    name = SCRIPT_INPUTS[source]
    if name is None:
        saved = tmp_path / "hf.json"
        saved.write_text(json.dumps([{"id": "testlab/Chat-8B", "pipeline_tag": "text-generation",
                                      "tags": ["license:mit"], "inferenceProviderMapping": [
                                          {"provider": "groq", "status": "live"}]}]), encoding="utf-8")
    else:
        saved = FIX / name
    script = ROOT / "scripts" / f"fetch_{source}.py"
    out = tmp_path / "out.csv"
    monkeypatch.setattr(sys, "argv", [str(script), "--from-file", str(saved), "--output", str(out), "--date", DATE,
                                      "--dry-run"])
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout), pytest.raises(SystemExit) as info:
        runpy.run_path(str(script), run_name="__main__")
    assert info.value.code == 0
    assert stdout.getvalue().startswith(f"{source}: ")
    assert "dry run" in stdout.getvalue()


def test_the_plans_script_command_in_a_subprocess(tmp_path: Path) -> None:
    """``python scripts/fetch_openrouter.py --output …`` from a plain checkout; a replay needs --date."""
    out = tmp_path / "aggregators" / "openrouter.csv"
    script = str(ROOT / "scripts" / "fetch_openrouter.py")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    base = [sys.executable, script, "--output", str(out), "--from-file", str(FIX / "openrouter_models.json")]
    done = subprocess.run(base, capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 2 and "--from-file needs --date" in done.stderr
    done = subprocess.run([*base, "--date", DATE], capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("openrouter: 7 rows fetched")
    assert len(read_csv(out).rows) == 7
