"""Guarded writes and the ``modelsuite fetch`` command: refused fetches leave the old file byte-identical."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import pytest

from modelsuite.cli import main as cli
from modelsuite_tools.csvio import format_csv, read_csv
from modelsuite_tools.guarded_write import GuardError, file_lock, write_rows
from tests.support import make_row

FIX = Path(__file__).parent / "fixtures" / "fetchers"


def rows(n: int, provider: str = "groq", **values: str) -> list[dict[str, str]]:
    return [make_row(f"{provider}/model-{i:03d}", source="groq-api", updated="2026-08-17", **values)
            for i in range(n)]


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "specialized" / "groq.csv"  # inside a category folder: the name must be the provider
    path.parent.mkdir()
    path.write_text(format_csv(rows(10, input_per_1m="1")), encoding="utf-8")
    return path


def test_write_replaces_the_file_with_canonical_csv(old_file: Path) -> None:
    result = write_rows(old_file, rows(10, input_per_1m="2"))
    assert (result.old_rows, result.new_rows, result.changed) == (10, 10, True)
    assert {r["input_per_1m"] for r in read_csv(old_file).rows} == {"2"}
    again = write_rows(old_file, rows(10, input_per_1m="2"))
    assert again.changed is False


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ([], "zero rows"),
        (rows(7), "3 fewer than the current 10"),
        ([*rows(9), make_row("groq/bad", input_per_1m="abc", source="groq-api")], "input_per_1m of groq/bad"),
        (rows(10, provider="together"), "does not match the file name"),
        ([*rows(10), *rows(1)], "duplicate id"),
    ],
)
def test_refused_writes_leave_the_old_file_byte_identical(old_file: Path, new: list[dict[str, str]],
                                                          message: str) -> None:
    before = old_file.read_bytes()
    with pytest.raises(GuardError) as info:
        write_rows(old_file, new)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert old_file.read_bytes() == before
    assert sorted(p.name for p in old_file.parent.iterdir()) == ["groq.csv"]  # no temp file left behind


def test_rows_of_other_sources_are_kept_and_win(tmp_path: Path) -> None:
    path = tmp_path / "groq.csv"
    curated = make_row("groq/model-000", source="litellm", input_per_1m="0.5", updated="2026-08-17")
    other = make_row("groq/legacy-x", source="litellm", input_per_1m="0.7", updated="2026-08-17")
    write_rows(path, [curated, other, *rows(10)[1:]])
    fetched = rows(11)  # includes groq/model-000 again, unpriced
    result = write_rows(path, fetched, source_ids={"groq-api"})
    assert (result.kept, result.shadowed, result.new_rows) == (2, 1, 12)
    got = {r["id"]: r.values for r in read_csv(path).rows}
    assert got["groq/model-000"] == curated  # the other source's row is untouched
    assert got["groq/legacy-x"] == other
    assert "groq/model-010" in got
    # the shrink guard counts only this source's rows (10 of the 12), 2 fetched -> refused
    before = path.read_bytes()
    with pytest.raises(GuardError, match="8 fewer than the current 10"):
        write_rows(path, rows(3)[1:], source_ids={"groq-api"})
    assert path.read_bytes() == before


def test_numbers_another_source_added_survive_a_fetch_that_lacks_them(tmp_path: Path) -> None:
    path = tmp_path / "groq.csv"
    enriched = make_row("groq/model-000", source="groq-api+official", quality="verified", input_per_1m="0.5",
                        output_per_1m="0.8", max_context="8192", updated="2026-08-17")
    own_only = make_row("groq/model-001", source="groq-api", input_per_1m="0.3", updated="2026-08-17")
    write_rows(path, [enriched, own_only, *rows(10)[2:]])
    fresh = rows(10, output_per_1m="0.9")  # the API now states output prices, no input prices
    result = write_rows(path, fresh, source_ids={"groq-api"})
    assert result.carried == 1
    got = {r["id"]: r.values for r in read_csv(path).rows}
    row = got["groq/model-000"]
    assert (row["input_per_1m"], row["output_per_1m"], row["max_context"]) == ("0.5", "0.9", "8192")
    assert (row["source"], row["quality"]) == ("groq-api+official", "partial")
    assert "kept from the previous row (official): input_per_1m, max_context" in row["notes"]
    assert got["groq/model-001"]["input_per_1m"] == "-1"  # the API's own earlier value is not resurrected


def test_a_current_file_that_does_not_read_cleanly_is_not_replaced(tmp_path: Path) -> None:
    path = tmp_path / "groq.csv"
    path.write_bytes(b"id,name\r\nbroken\r\n")
    with pytest.raises(GuardError, match="does not read cleanly"):
        write_rows(path, rows(3))
    assert path.read_bytes() == b"id,name\r\nbroken\r\n"


def test_allow_shrink_and_dry_run(old_file: Path) -> None:
    before = old_file.read_bytes()
    result = write_rows(old_file, rows(3), allow_shrink=True, dry_run=True)
    assert (result.new_rows, result.changed) == (3, False)
    assert old_file.read_bytes() == before
    write_rows(old_file, rows(3), allow_shrink=True)
    assert len(read_csv(old_file).rows) == 3


def _writer(path: str, value: str, n: int) -> None:
    for _ in range(n):
        write_rows(path, rows(200, input_per_1m=value, description="x" * 200))


def test_concurrent_writers_never_tear_the_file(tmp_path: Path) -> None:
    path = tmp_path / "groq.csv"
    write_rows(path, rows(200, input_per_1m="1", description="x" * 200))
    ctx = multiprocessing.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(path), v, 15)) for v in ("2", "3")]
    for p in procs:
        p.start()
    seen: set[str] = set()
    while any(p.is_alive() for p in procs):
        parsed = read_csv(path)
        assert parsed.problems == []
        assert len(parsed.rows) == 200
        values = {r["input_per_1m"] for r in parsed.rows}
        assert len(values) == 1  # one writer's whole file, never a mix
        seen |= values
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert read_csv(path).problems == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["groq.csv"]


def test_the_lock_serialises_writers_of_one_file(tmp_path: Path) -> None:
    path = tmp_path / "groq.csv"
    write_rows(path, rows(10, input_per_1m="1"))
    ctx = multiprocessing.get_context("fork")
    with file_lock(path):
        proc = ctx.Process(target=_writer, args=(str(path), "2", 1))
        proc.start()
        proc.join(timeout=0.5)
        assert proc.is_alive()  # waiting for the lock
        assert {r["input_per_1m"] for r in read_csv(path).rows} == {"1"}
    proc.join(timeout=30)
    assert proc.exitcode == 0
    assert {r["input_per_1m"] for r in read_csv(path).rows} == {"2"}


# -------------------------------------------------------------------------------------------------- CLI


def test_cli_replay_writes_then_refuses_a_bad_replay(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "groq.csv"
    assert cli(["fetch", "groq", "--from-file", str(FIX / "groq_models.json"), "--output", str(out),
                "--date", "2026-08-17"]) == 0
    assert "groq: 5 rows fetched" in capsys.readouterr().out
    before = out.read_bytes()
    empty = tmp_path / "empty.json"
    empty.write_text('{"object": "list", "data": []}', encoding="utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text((FIX / "groq_models.json").read_text(encoding="utf-8")[:300], encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('[{"id": "x"}]', encoding="utf-8")
    for bad, fragment in ((empty, "zero rows"), (truncated, "invalid JSON"), (wrong, "'data' list")):
        code = cli(["fetch", "groq", "--from-file", str(bad), "--output", str(out), "--date", "2026-08-17"])
        err = capsys.readouterr().err
        assert code == 1
        assert fragment in err
        assert err.count("\n") == 1 and "Traceback" not in err
        assert out.read_bytes() == before


def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["fetch", "nosuch"]) == 2
    assert "unknown source 'nosuch'" in capsys.readouterr().err
    assert cli(["fetch", "groq", "--from-file", str(FIX / "groq_models.json"), "--date", "2026-13-01"]) == 2
    assert "--date" in capsys.readouterr().err
    assert cli(["fetch", "groq", "--from-file", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert cli(["fetch"]) == 2
    assert cli(["fetch", "--list"]) == 0
    assert "openrouter" in capsys.readouterr().out


def test_cli_dry_run_and_future_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "openrouter.csv"
    assert cli(["fetch", "openrouter", "--from-file", str(FIX / "openrouter_models.json"), "--output", str(out),
                "--dry-run", "--date", "2026-02-01"]) == 0
    assert not out.exists()
    assert "dry run" in capsys.readouterr().out
    assert cli(["fetch", "openrouter", "--from-file", str(FIX / "openrouter_models.json"), "--output", str(out),
                "--date", "2999-01-01"]) == 1
    assert "in the future" in capsys.readouterr().err
    assert not out.exists()


def test_cli_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("httpx")
    monkeypatch.delenv("GROQ_API_KEY", raising=False)
    monkeypatch.setenv("MODELSUITE_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "groq.csv"
    assert cli(["fetch", "groq", "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "GROQ_API_KEY is not set" in err
    assert not out.exists()


def test_cli_all_fetches_skips_sources_without_keys_and_reports_failures(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import dataclasses

    from modelsuite_tools.fetchers import FETCHERS
    from modelsuite_tools.fetchers.http import FetchError, MissingCredentials

    pytest.importorskip("httpx")
    doc = json.loads((FIX / "groq_models.json").read_text(encoding="utf-8"))

    def offline(name: str) -> object:
        def fetch(client: object) -> object:
            if name == "groq":
                return doc
            if name == "openrouter":
                raise FetchError("GET https://openrouter.ai/api/v1/models: HTTP 503 (gave up after 5 attempts)")
            raise MissingCredentials(f"{name.upper()}_KEY")

        return fetch

    # Fetcher is frozen: replace the registry with copies whose live fetch is offline
    patched = {n: dataclasses.replace(f, fetch=offline(n)) for n, f in FETCHERS.items()}
    monkeypatch.setattr("modelsuite_tools.fetchers.FETCHERS", patched)
    data = tmp_path / "data"
    code = cli(["fetch", "--all", "--data-dir", str(data), "--date", "2026-08-17"])
    captured = capsys.readouterr()
    assert code == 1
    assert "groq: 5 rows fetched" in captured.out
    assert "together: skipped: TOGETHER_KEY is not set" in captured.out
    assert "openrouter: GET https://openrouter.ai/api/v1/models: HTTP 503" in captured.err
    assert f"1 of {len(patched)} sources failed" in captured.err
    assert [p.relative_to(data).as_posix() for p in data.rglob("*.csv")] == ["specialized/groq.csv"]


def test_cli_save_response_then_replay_gives_the_same_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import dataclasses

    from modelsuite_tools.fetchers import FETCHERS

    pytest.importorskip("httpx")
    doc = json.loads((FIX / "openrouter_models.json").read_text(encoding="utf-8"))

    def boom(client: object) -> object:
        raise RuntimeError("socket exploded")

    live = {**FETCHERS, "openrouter": dataclasses.replace(FETCHERS["openrouter"], fetch=lambda client: doc)}
    monkeypatch.setattr("modelsuite_tools.fetchers.FETCHERS", live)
    saved, first, second = tmp_path / "saved.json", tmp_path / "a" / "openrouter.csv", tmp_path / "b" / "openrouter.csv"
    assert cli(["fetch", "openrouter", "--output", str(first), "--save-response", str(saved),
                "--date", "2026-02-01", "--no-cache"]) == 0
    assert cli(["fetch", "openrouter", "--from-file", str(saved), "--output", str(second),
                "--date", "2026-02-01"]) == 0
    assert first.read_bytes() == second.read_bytes()
    live["openrouter"] = dataclasses.replace(FETCHERS["openrouter"], fetch=boom)
    capsys.readouterr()
    assert cli(["fetch", "openrouter", "--output", str(first), "--date", "2026-02-01", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert err == "modelsuite: error: openrouter: fetch failed: RuntimeError: socket exploded\n"
    assert first.read_bytes() == second.read_bytes()


def test_output_outside_the_registry_may_have_any_name(tmp_path: Path) -> None:
    target = tmp_path / "snapshot-of-groq.csv"
    write_rows(target, rows(3, input_per_1m="1"))
    assert target.read_text(encoding="utf-8").count("groq/") == 3


def test_carried_catalog_fills_stay_marked_so_verify_can_undo_them(tmp_path: Path) -> None:
    from modelsuite_tools.guarded_write import marked_columns

    path = tmp_path / "groq.csv"
    annotated = make_row("groq/model-000", source="groq-api+litellm", quality="verified", input_per_1m="0.5",
                         output_per_1m="0.8", max_context="8192", updated="2026-08-17",
                         notes="owned by X; catalog-filled: input_per_1m,output_per_1m")
    write_rows(path, [annotated])
    fresh = make_row("groq/model-000", source="groq-api", max_context="8192", updated="2026-08-17",
                     notes="owned by X")
    write_rows(path, [fresh], source_ids={"groq-api"})
    row = read_csv(path).rows[0].values
    assert (row["input_per_1m"], row["output_per_1m"], row["quality"]) == ("0.5", "0.8", "partial")
    assert row["notes"] == "owned by X; catalog-filled: input_per_1m,output_per_1m"
    cols, other = marked_columns(row["notes"])
    assert (cols, other) == ({"input_per_1m", "output_per_1m"}, ["owned by X"])
