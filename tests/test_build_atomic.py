"""The build changes its targets together or not at all, and a target it cannot write is one line.

A first build writes version 1 of every target; the data then changes and a second build fails at
some point (a render, a folder that cannot be made, a target that is a directory, a rename). The
targets must still hold version 1 byte for byte, with no temporary file left beside them.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

import pytest

from modelsuite.cli import main
from modelsuite_tools.generate import build, default_targets
from modelsuite_tools.generate.build import BuildWriteError, Target
from tests.conftest import SAMPLE
from tests.support import TODAY, make_row, write_data_dir

build_module = importlib.import_module("modelsuite_tools.generate.build")  # the package exports a function `build`


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """(data dir, output dir, the output of a first build); the data then changes."""
    data = write_data_dir(tmp_path / "data", SAMPLE)
    out = tmp_path / "out"
    assert not build(data, default_targets(out), today=TODAY).errors
    before = snapshot(out)
    assert len(before) == len(default_targets(out))
    rel, rows = next(iter(SAMPLE.items()))
    provider = rel.rsplit("/", 1)[-1]
    write_data_dir(data, {rel: [*rows, make_row(f"{provider}/added-in-v2", input_per_1m="1", output_per_1m="2")]})
    return data, out, before


def test_a_second_build_changes_every_target(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    data, out, before = built
    result = build(data, default_targets(out), today=TODAY)
    after = snapshot(out)
    assert set(after) == set(before)
    changed = {name for name in after if after[name] != before[name]}
    assert {"_data.py", "models_data.rs", "registry.json"} <= changed  # the test data really changed
    assert sorted(p.name for p in result.written) == sorted(changed)


def test_a_render_failure_writes_nothing(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    data, out, before = built

    def broken(*_: object) -> str:
        raise RuntimeError("renderer bug")

    targets = default_targets(out)
    targets[-1] = Target(targets[-1].name, targets[-1].path, broken)
    with pytest.raises(RuntimeError, match="renderer bug"):
        build(data, targets, today=TODAY)
    assert snapshot(out) == before


def test_a_target_that_cannot_be_written_changes_no_other(
    built: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    data, out, before = built
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    targets = default_targets(out)
    json_at = next(n for n, t in enumerate(targets) if t.name == "json")
    targets[json_at] = Target("json", blocker / "registry.json", targets[json_at].render)  # after python and rust
    with pytest.raises(BuildWriteError) as info:
        build(data, targets, today=TODAY)
    assert info.value.filename == str(blocker / "registry.json")
    assert "not a folder" in str(info.value.strerror)
    assert snapshot(out) == before  # _data.py and models_data.rs were staged, never renamed, and removed


def test_a_target_that_is_a_directory_changes_nothing(built: tuple[Path, Path, dict[str, bytes]]) -> None:
    data, out, before = built
    (out / "registry.json").unlink()
    (out / "registry.json").mkdir()
    del before["registry.json"]
    with pytest.raises(BuildWriteError, match="not a regular file"):
        build(data, default_targets(out), today=TODAY)
    assert snapshot(out) == before


def test_folders_made_for_a_failed_build_are_removed(tmp_path: Path) -> None:
    data = write_data_dir(tmp_path / "data", SAMPLE)
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    targets = default_targets(tmp_path / "new" / "deep")
    targets[-1] = Target(targets[-1].name, blocker / "x.md", targets[-1].render)
    with pytest.raises(BuildWriteError):
        build(data, targets, today=TODAY)
    assert not (tmp_path / "new").exists()


def test_a_failed_rename_puts_back_the_targets_already_replaced(
    built: tuple[Path, Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch
) -> None:
    data, out, before = built
    real = os.replace
    calls: list[str] = []

    def flaky(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        if Path(dst).name == "registry.json" and Path(src).suffix == ".tmp" and not calls:
            calls.append(str(dst))
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(build_module.os, "replace", flaky)
    with pytest.raises(BuildWriteError, match="No space left"):
        build(data, default_targets(out), today=TODAY)
    assert calls  # the third rename really failed, after _data.py and models_data.rs were replaced
    assert snapshot(out) == before


# ------------------------------------------------------------------------------------------------ CLI


def run_build(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["build", *args])
    return code, capsys.readouterr().err


def test_cli_output_dir_that_is_a_file(
    built: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _, _ = built
    target = tmp_path / "a-file"
    target.write_bytes(b"keep me")
    code, err = run_build(capsys, "--data-dir", str(data), "--output-dir", str(target))
    assert code == 1
    assert err == f"modelsuite: error: cannot write {target / '_data.py'}: {target} is a file, not a folder\n"
    assert target.read_bytes() == b"keep me"


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self").exists(), reason="needs Linux /proc")
def test_cli_output_dir_that_cannot_be_created(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, _, _ = built
    code, err = run_build(capsys, "--data-dir", str(data), "--output-dir", "/proc/nope")
    assert code == 1
    assert err.startswith("modelsuite: error: cannot write /proc/nope/_data.py: ")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not Path("/proc/nope").exists()


def test_cli_target_that_is_a_directory(
    built: tuple[Path, Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    data, out, before = built
    (out / "schema.json").unlink()
    (out / "schema.json").mkdir()
    del before["schema.json"]
    code, err = run_build(capsys, "--data-dir", str(data), "--output-dir", str(out))
    assert code == 1
    assert err == f"modelsuite: error: cannot write {out / 'schema.json'}: exists and is not a regular file\n"
    assert snapshot(out) == before
    (out / "schema.json").rmdir()
    code, err = run_build(capsys, "--data-dir", str(data), "--output-dir", str(out))
    assert code == 0, err
