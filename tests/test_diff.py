"""modelsuite diff: the same changes found from data dirs, registry.json, _data.py and git revisions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from modelsuite.cli import main
from modelsuite_tools.diff import Change, DiffError, diff_models, export_revision, load_side, render_markdown
from tests.support import build_module, make_row, write_data_dir

OLD = {
    "core/acme": [
        make_row("acme/steady", name="Steady", input_per_1m="1", output_per_1m="2", max_context="128000"),
        make_row(
            "acme/pricey",
            name="Pricey",
            input_per_1m="3",
            output_per_1m="15",
            max_context="200000",
            max_output="8192",
            caps="VT",
            tiers="200000=6/22.5/0.6",
        ),
        make_row("acme/retiring", name="Retiring", input_per_1m="0.5", output_per_1m="1.5", max_context="16385"),
        make_row("acme/gone", name="Gone", input_per_1m="10", output_per_1m="30", max_context="8192"),
    ],
}
NEW = {
    "core/acme": [
        make_row("acme/steady", name="Steady", input_per_1m="1.0", output_per_1m="2", max_context="128000"),  # same
        make_row(
            "acme/pricey",
            name="Pricey",
            input_per_1m="2.5",
            output_per_1m="15",
            max_context="1000000",
            max_output="8192",
            caps="VTJ",
            tiers="200000=5/22.5/0.5",
        ),
        make_row(
            "acme/retiring",
            name="Retiring",
            status="D",
            input_per_1m="0.5",
            output_per_1m="1.5",
            max_context="16385",
            deprecation_date="2026-12-31",
        ),
    ],
    "aggregators/hub": [
        make_row(
            "hub/acme/new-one",
            name="New One",
            input_per_1m="0.1",
            output_per_1m="0.2",
            max_context="32000",
            source="openrouter-api",
        ),
    ],
}
EXPECTED_CHANGES = [
    ("acme/pricey", "capability", "json_mode", False, True),
    ("acme/pricey", "limit", "max_context", 200000, 1000000),
    ("acme/pricey", "price", "input_per_1m", "3", "2.5"),
    ("acme/pricey", "price", "tiers", "200000=6/22.5/0.6", "200000=5/22.5/0.5"),
    ("acme/retiring", "status", "deprecation_date", "", "2026-12-31"),
    ("acme/retiring", "status", "status", "C", "D"),
]


def _as_tuples(changes: list[Change]) -> list[tuple[object, ...]]:
    return sorted((c.id, c.group, c.field, c.old, c.new) for c in changes)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("diff")
    out: dict[str, Path] = {}
    for name, files in (("old", OLD), ("new", NEW)):
        data = write_data_dir(base / name / "data", files)
        build_module(data, base / name / "out")
        out[f"{name}_data"] = data
        out[f"{name}_json"] = base / name / "out" / "registry.json"
        out[f"{name}_py"] = base / name / "out" / "_data.py"
    return out


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "commit.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("repo")
    _git(root, "init", "-q")
    write_data_dir(root / "data" / "models", OLD)
    (root / "data" / "models" / "schema.json").write_text("{}\n")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "old")
    _git(root, "tag", "v1")
    for f in (root / "data" / "models").rglob("*.csv"):
        f.unlink()
    write_data_dir(root / "data" / "models", NEW)
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "new")
    return root


@pytest.mark.parametrize("kind", ["data", "json", "py"])
def test_every_input_form_gives_the_same_diff(builds: dict[str, Path], kind: str) -> None:
    d = diff_models(load_side(str(builds[f"old_{kind}"])), load_side(str(builds[f"new_{kind}"])))
    assert [m["id"] for m in d.added] == ["hub/acme/new-one"]
    assert [m["id"] for m in d.removed] == ["acme/gone"]
    assert _as_tuples(d.changes) == EXPECTED_CHANGES  # "1" -> "1.0" is no change
    assert [c.id for c in d.deprecated] == ["acme/retiring"]
    assert d.summary() == {
        "added": 1,
        "removed": 1,
        "deprecated": 1,
        "status_changes": 2,
        "price_changes": 2,
        "limit_changes": 1,
        "capability_changes": 1,
    }
    assert (d.old_count, d.new_count) == (4, 4)


def test_percent_change(builds: dict[str, Path]) -> None:
    d = diff_models(load_side(str(builds["old_json"])), load_side(str(builds["new_json"])))
    pct = {(c.id, c.field): c.percent for c in d.changes}
    assert str(pct[("acme/pricey", "input_per_1m")]) == "-16.7"
    assert str(pct[("acme/pricey", "max_context")]) == "400.0"
    assert pct[("acme/retiring", "status")] is None


def test_identical_sides_have_no_changes(builds: dict[str, Path]) -> None:
    d = diff_models(load_side(str(builds["new_json"])), load_side(str(builds["new_py"])))
    assert d.empty
    assert "No changes." in render_markdown(d)


def test_git_revisions_leave_the_repository_untouched(repo: Path) -> None:
    head = _git(repo, "rev-parse", "HEAD")
    status = _git(repo, "status", "--porcelain")
    d = diff_models(load_side("v1", repo=repo), load_side("HEAD", repo=repo))
    assert _as_tuples(d.changes) == EXPECTED_CHANGES
    assert [m["id"] for m in d.added] == ["hub/acme/new-one"]
    # HEAD~1 is the same revision as the tag
    again = diff_models(load_side("HEAD~1", repo=repo), load_side(str(repo / "data" / "models")))
    assert again.to_dict()["changes"] == d.to_dict()["changes"]
    assert _git(repo, "rev-parse", "HEAD") == head
    assert _git(repo, "status", "--porcelain") == status


def test_export_revision_writes_only_the_data_folder(repo: Path, tmp_path: Path) -> None:
    base = export_revision(repo, "v1", "data/models", tmp_path)
    assert sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()) == [
        "core/acme.csv",
        "schema.json",
    ]
    # a revision without the data folder is an empty registry
    empty = export_revision(repo, "v1", "no/such/folder", tmp_path / "e")
    assert list(empty.iterdir()) == []


@pytest.mark.parametrize("spec", ["no-such-rev", "-rf", "HEAD~99"])
def test_bad_revision_is_a_clear_error(repo: Path, spec: str) -> None:
    with pytest.raises(DiffError):
        load_side(spec, repo=repo)


def test_bad_files_are_clear_errors(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("{not json")
    (tmp_path / "x.py").write_text("raise SystemError('boom')\n")
    (tmp_path / "x.txt").write_text("")
    bad_data = write_data_dir(tmp_path / "bad", {"core/acme": [make_row("acme/m", name="M", input_per_1m="abc")]})
    for spec, message in (
        (tmp_path / "x.json", "not a registry.json"),
        (tmp_path / "x.py", "not a generated data"),
        (tmp_path / "x.txt", "expected a registry.json"),
        (bad_data, "does not validate"),
    ):
        with pytest.raises(DiffError, match=message):
            load_side(str(spec))


# --- the command ------------------------------------------------------------------------------


def test_cli_json(builds: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(builds["old_json"]), str(builds["new_data"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["added"] == 1
    price = [c for c in data["changes"] if c["field"] == "input_per_1m"]
    assert price == [
        {"id": "acme/pricey", "group": "price", "field": "input_per_1m", "old": "3", "new": "2.5", "percent": "-16.7"}
    ]
    assert data["added"][0] == {
        "id": "hub/acme/new-one",
        "name": "New One",
        "status": "C",
        "input_per_1m": "0.1",
        "output_per_1m": "0.2",
        "max_context": 32000,
        "max_output": None,
        "source": "openrouter-api",
    }


def test_cli_table_and_exit_code(builds: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(builds["old_json"]), str(builds["new_json"]), "--exit-code"]) == 3
    out = capsys.readouterr().out
    assert "1 added, 1 removed, 1 deprecated" in out
    assert ["acme/retiring", "status", "current", "deprecated"] in [line.split() for line in out.splitlines()]
    assert main(["diff", str(builds["new_json"]), str(builds["new_json"]), "--exit-code"]) == 0


def test_cli_markdown(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--repo", str(repo), "--markdown"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("## Registry changes: `HEAD~1` → `HEAD`")
    assert "### Added (1)" in md and "### Removed (1)" in md
    assert "| acme/pricey | input_per_1m | 3 | 2.5 | -16.7% |" in md
    assert "| acme/pricey | tiers | 200000=6/22.5/0.6 | 200000=5/22.5/0.5 |  |" in md
    assert main(["diff", "HEAD~1", "HEAD", "--repo", str(repo), "--markdown", "--max-rows", "1"]) == 0
    assert "… and 1 more" in capsys.readouterr().out


def test_cli_errors(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "no-such-rev", "HEAD", "--repo", str(repo)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("modelsuite: error: 'no-such-rev' is neither a file, a folder nor a revision")
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as info:
        main(["diff", "HEAD", "--json", "--markdown"])
    assert info.value.code == 2


def test_revision_outside_a_repository_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DiffError, match="not inside a git repository"):
        load_side("HEAD", repo=tmp_path)
