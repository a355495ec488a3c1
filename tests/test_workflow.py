"""The CI workflow does what docs/updates.md says, and the plan's §7.2 scripts work as written.

The workflow is parsed with PyYAML and its structure checked against the code it drives: every
fetcher module has a fetch step with its secrets, every command it runs exists, every generated
file is committed by the update pull request. The scripts run in a subprocess, as a user runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from modelsuite.cli import build_parser
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.build import REPO_ROOT
from tests.support import TODAY, make_row, write_data_dir

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "model-registry.yml"
SCRIPTS = REPO_ROOT / "scripts"
#: The repository secrets the brief names, one per fetcher that needs a key.
SECRET_ENV = ("TOGETHER_API_KEY", "GROQ_API_KEY", "REPLICATE_API_TOKEN", "HF_TOKEN", "AA_API_KEY")
ACTION_OWNERS = ("actions/", "aws-actions/", "peter-evans/")


@pytest.fixture(scope="module")
def wf() -> dict[str, Any]:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def triggers(wf: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the bare key `on` as the boolean True.
    on = wf.get("on", wf.get(True))
    assert isinstance(on, dict), "the workflow needs an `on:` mapping"
    return on


def steps(wf: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return list(wf["jobs"][job]["steps"])


def runs(step_list: list[dict[str, Any]]) -> str:
    return "\n".join(str(s.get("run", "")) for s in step_list)


def index_of(step_list: list[dict[str, Any]], pattern: str) -> int:
    for i, s in enumerate(step_list):
        if re.search(pattern, str(s.get("run", "")) + " " + str(s.get("uses", ""))):
            return i
    raise AssertionError(f"no step matches {pattern!r}")


def fetchers() -> dict[str, tuple[str, ...]]:
    """Return every fetcher ``modelsuite fetch`` knows, with the environment variables it needs."""
    from modelsuite_tools.fetchers import FETCHERS

    return {name: tuple(f.credentials) for name, f in FETCHERS.items()}


def cli_commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# triggers and permissions


def test_triggers(wf: dict[str, Any]) -> None:
    on = triggers(wf)
    for event in ("push", "pull_request"):
        paths = on[event]["paths"]
        for required in ("data/**", "src/**", "scripts/**"):
            assert required in paths, f"{event} must run when {required} changes"
    assert on["schedule"] == [{"cron": "0 6 * * 1"}]  # weekly, Monday 06:00 UTC
    assert "workflow_dispatch" in on
    assert on["release"]["types"] == ["published"]


def test_permissions_are_least_privilege(wf: dict[str, Any]) -> None:
    assert wf["permissions"] == {"contents": "read"}
    jobs = wf["jobs"]
    assert "permissions" not in jobs["check"]  # read-only default
    assert jobs["update"]["permissions"] == {"contents": "write", "pull-requests": "write", "id-token": "write"}
    assert jobs["pages"]["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        for scope, level in job.get("permissions", {}).items():
            assert level in ("read", "write", "none"), (name, scope)


def test_jobs_run_on_their_events(wf: dict[str, Any]) -> None:
    jobs = wf["jobs"]
    assert "push" in jobs["check"]["if"] and "pull_request" in jobs["check"]["if"]
    assert "schedule" in jobs["update"]["if"] and "workflow_dispatch" in jobs["update"]["if"]
    assert jobs["pages"]["if"] == "github.event_name == 'release'"


def test_actions_are_well_known_and_pinned_to_a_major_version(wf: dict[str, Any]) -> None:
    used = [s["uses"] for job in wf["jobs"].values() for s in job["steps"] if "uses" in s]
    assert used
    for ref in used:
        assert ref.startswith(ACTION_OWNERS), ref
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", ref), f"{ref}: pin a major version tag such as @v4"


def test_python_is_311_everywhere(wf: dict[str, Any]) -> None:
    assert wf["env"]["PYTHON_VERSION"] == "3.11"
    for name, job in wf["jobs"].items():
        setups = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/setup-python@")]
        assert len(setups) == 1, name
        assert setups[0]["with"]["python-version"] == "${{ env.PYTHON_VERSION }}"


# --------------------------------------------------------------------------------------------
# the check job: the same checks as .ci/run, plus validation


def test_check_job_validates_then_runs_ci_run(wf: dict[str, Any]) -> None:
    check = steps(wf, "check")
    validate = index_of(check, r"scripts/validate_models\.py|modelsuite validate")
    ci = index_of(check, r"^bash \.ci/run\s*$")
    assert validate < ci
    assert not any(s.get("continue-on-error") for s in check), "no check may be skipped on failure"


def test_ci_run_lints_type_checks_checks_drift_and_tests() -> None:
    # The check job runs .ci/run, so what it checks is what .ci/run does.
    ci_run = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line for line in ci_run.splitlines() if not line.lstrip().startswith("#")]
    text = "\n".join(commands)
    assert "set -euo pipefail" in text  # a failing step fails the job
    for pattern in (r"ruff check", r"\bmypy\b", r"modelsuite build --check|generate_rust\.py --check", r"pytest"):
        assert re.search(pattern, text), f".ci/run no longer runs {pattern}"


# --------------------------------------------------------------------------------------------
# the weekly update


def test_every_fetcher_has_a_step_that_may_fail_alone(wf: dict[str, Any]) -> None:
    update = steps(wf, "update")
    names = fetchers()
    assert names, "no fetcher modules found"
    fetch_steps = {}
    for s in update:
        m = re.search(r"modelsuite fetch ([a-z0-9_-]+)|scripts/fetch_([a-z0-9_]+)\.py", str(s.get("run", "")))
        if m:
            fetch_steps[m[1] or m[2]] = s
    assert set(fetch_steps) == set(names), "one fetch step per fetcher module, no more"
    for name, s in fetch_steps.items():
        assert s.get("continue-on-error") is True, f"{name}: a failed fetch must not stop the update"
        assert s.get("id") == f"fetch-{name}"


def test_fetch_steps_get_their_secrets(wf: dict[str, Any]) -> None:
    update = steps(wf, "update")
    aws = index_of(update, r"aws-actions/configure-aws-credentials@")
    assert update[aws].get("continue-on-error") is True
    for name, credentials in fetchers().items():
        i = index_of(update, rf"modelsuite fetch {re.escape(name)}\b")
        env = update[i].get("env", {})
        for var in credentials:
            if var.startswith("AWS_"):
                assert aws < i, f"{name} needs AWS credentials configured before it"
            else:
                assert env.get(var) == f"${{{{ secrets.{var} }}}}", f"{name}: pass secret {var} as env"
    secret_env = {k for s in update for k, v in s.get("env", {}).items() if str(v).startswith("${{ secrets.")}
    assert set(SECRET_ENV) <= secret_env


def test_update_rebuilds_validates_audits_then_opens_the_pull_request(wf: dict[str, Any]) -> None:
    update = steps(wf, "update")
    last_fetch = max(index_of(update, rf"modelsuite fetch {re.escape(n)}\b") for n in fetchers())
    order = [
        last_fetch,
        index_of(update, r"modelsuite import "),
        index_of(update, r"scripts/generate_rust\.py(?! --check)|modelsuite build(?! --check)"),
        index_of(update, r"scripts/validate_models\.py|modelsuite validate"),
        index_of(update, r"modelsuite audit"),
        index_of(update, r"pytest"),
        index_of(update, r"modelsuite diff HEAD .*--markdown"),
        index_of(update, r"peter-evans/create-pull-request@"),
    ]
    assert order == sorted(order), order
    for i in order[2:]:
        assert not update[i].get("continue-on-error"), update[i].get("name")


def test_pull_request_body_is_the_diff_summary(wf: dict[str, Any]) -> None:
    update = steps(wf, "update")
    summary = update[index_of(update, r"modelsuite diff HEAD .*--markdown")]["run"]
    pr = update[index_of(update, r"peter-evans/create-pull-request@")]
    assert pr["uses"] == "peter-evans/create-pull-request@v7"
    body = pr["with"]["body-path"]
    assert body == "${{ runner.temp }}/pr-body.md"
    assert '"$RUNNER_TEMP/pr-body.md"' in summary, "the summary step must write the body file"
    assert "body" not in pr["with"], "body-path only"
    assert pr["with"]["branch"]
    assert pr["with"]["title"]


def test_pull_request_commits_every_generated_file(wf: dict[str, Any]) -> None:
    update = steps(wf, "update")
    pr = update[index_of(update, r"peter-evans/create-pull-request@")]
    add_paths = pr["with"]["add-paths"].split()
    assert "data/models/**" in add_paths
    for target in default_targets():
        rel = target.path.relative_to(REPO_ROOT).as_posix()
        assert any(rel == p or (p.endswith("/**") and rel.startswith(p[:-2])) for p in add_paths), rel


def test_secrets_never_reach_run_scripts_directly(wf: dict[str, Any]) -> None:
    for job in wf["jobs"].values():
        for s in job["steps"]:
            assert "secrets." not in str(s.get("run", "")), "pass secrets through env, not into scripts"


# --------------------------------------------------------------------------------------------
# the release job


def test_release_publishes_the_site_to_pages(wf: dict[str, Any]) -> None:
    pages = steps(wf, "pages")
    site = index_of(pages, r"modelsuite site --output _site")
    upload = index_of(pages, r"actions/upload-pages-artifact@")
    deploy = index_of(pages, r"actions/deploy-pages@")
    assert site < upload < deploy
    assert pages[upload]["with"]["path"] == "_site"
    assert pages[deploy]["id"] == "deployment"
    assert wf["jobs"]["pages"]["environment"]["name"] == "github-pages"


# --------------------------------------------------------------------------------------------
# everything the workflow runs exists


def test_every_command_the_workflow_runs_exists(wf: dict[str, Any]) -> None:
    commands = cli_commands()
    text = "\n".join(runs(steps(wf, job)) for job in wf["jobs"])
    used = set(re.findall(r"\.venv/bin/modelsuite ([a-z][a-z-]*)", text))
    assert used
    assert used <= commands, f"not a modelsuite command: {sorted(used - commands)}"
    for script in re.findall(r"scripts/([a-z_]+\.py)", text):
        assert (SCRIPTS / script).is_file(), script


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash not installed")
def test_every_run_script_is_valid_bash(wf: dict[str, Any]) -> None:
    for job in wf["jobs"].values():
        for s in job["steps"]:
            if "run" in s:
                done = subprocess.run(["bash", "-n", "-c", s["run"]], capture_output=True, text=True, check=False)
                assert done.returncode == 0, (s.get("name"), done.stderr)


# --------------------------------------------------------------------------------------------
# the plan's §7.2 scripts, run as a user runs them


def run_script(name: str, *args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([sys.executable, str(SCRIPTS / name), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, check=False)  # fmt: skip


def test_validate_models_reports_errors_with_file_line_column(data_dir: Path, tmp_path: Path) -> None:
    ok = run_script("validate_models.py", "--data-dir", str(data_dir), cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert "validate ok: 5 rows in 4 files" in ok.stdout
    write_data_dir(data_dir, {"core/acme": [make_row("acme/a", input_per_1m="$3")]})
    bad = run_script("validate_models.py", "--data-dir", str(data_dir), cwd=tmp_path)
    assert bad.returncode == 1
    assert re.search(r"core/acme\.csv:2: input_per_1m: '\$3' is not a price", bad.stderr), bad.stderr
    assert "Traceback" not in bad.stderr


def test_merge_models_prints_the_summary(data_dir: Path) -> None:
    done = run_script("merge_models.py", "--data-dir", str(data_dir))
    assert done.returncode == 0, done.stderr
    assert "5 offerings from 4 providers in 4 files" in done.stdout
    assert re.search(r"^\s+openrouter\s+2$", done.stdout, re.MULTILINE)
    assert re.search(r"^\s+core\s+2$", done.stdout, re.MULTILINE)


def test_merge_models_writes_the_json_export(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.json"
    done = run_script("merge_models.py", "--data-dir", str(data_dir), "--output", str(out))
    assert done.returncode == 0, done.stderr
    build(data_dir, default_targets(tmp_path / "built"), today=TODAY)
    assert out.read_text(encoding="utf-8") == (tmp_path / "built" / "registry.json").read_text(encoding="utf-8")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["model_count"] == 5
    assert {m["id"] for m in doc["models"]} >= {"anthropic/claude-sonnet-4-5", "groq/llama-3.3-70b-versatile"}


def test_merge_models_writes_nothing_when_the_data_is_bad(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "merged.json"
    out.write_text("last good\n", encoding="utf-8")
    write_data_dir(data_dir, {"core/acme": [make_row("acme/a", status="X")]})
    done = run_script("merge_models.py", "--data-dir", str(data_dir), "--output", str(out))
    assert done.returncode == 1
    assert "status" in done.stderr and "Traceback" not in done.stderr
    assert out.read_text(encoding="utf-8") == "last good\n"


def test_generate_rust_builds_then_checks(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_script("generate_rust.py", "--data-dir", str(data_dir), "--output-dir", str(out))
    assert first.returncode == 0, first.stderr
    rust = (out / "models_data.rs").read_text(encoding="utf-8")
    assert "pub static MODEL_DATA" in rust or "MODEL_DATA" in rust
    assert "anthropic/claude-sonnet-4-5|" in rust
    check = run_script("generate_rust.py", "--data-dir", str(data_dir), "--output-dir", str(out), "--check")
    assert check.returncode == 0, check.stderr
    (out / "models_data.rs").write_text(rust + "// edited\n", encoding="utf-8")
    stale = run_script("generate_rust.py", "--data-dir", str(data_dir), "--output-dir", str(out), "--check")
    assert stale.returncode == 1
    assert "models_data.rs: out of date" in stale.stderr


def test_scripts_run_from_a_plain_checkout_without_the_venv(data_dir: Path, tmp_path: Path) -> None:
    # Any Python 3.11 works: the script puts this checkout's src first on the import path.
    python = shutil.which("python3")
    if python is None:
        pytest.skip("no python3 on PATH")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run([python, str(SCRIPTS / "validate_models.py"), "--data-dir", str(data_dir)],
                          capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120, check=False)  # fmt: skip
    if "requires" in done.stderr and "3.11" in done.stderr:
        pytest.skip("python3 on PATH is older than 3.11")
    assert done.returncode == 0, done.stderr
    assert "validate ok" in done.stdout
