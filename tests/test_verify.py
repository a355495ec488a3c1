"""Reconcile/verify: precedence, quality, disagreements, API-file annotation, snapshots, CLI."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from modelsuite.cli import main
from modelsuite_tools.csvio import read_csv, write_csv
from modelsuite_tools.importers.base import CatalogError
from modelsuite_tools.verify import reconcile, run_pipeline, stale_rows, write_result
from tests.support import make_row

REPO = Path(__file__).resolve().parent.parent

LITELLM = {
    "claude-sonnet-4-5": {"litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06,
                          "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
                          "max_input_tokens": 200000, "max_output_tokens": 64000, "supports_vision": True},
    "claude-sonnet-4-5-20250929": {"litellm_provider": "anthropic", "mode": "chat",
                                   "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05,
                                   "cache_read_input_token_cost": 3e-07, "max_input_tokens": 200000,
                                   "max_output_tokens": 64000, "supports_vision": True,
                                   "supports_function_calling": True, "supports_prompt_caching": True},
    "mistral/mistral-small-latest": {"litellm_provider": "mistral", "mode": "chat", "input_cost_per_token": 1e-07,
                                     "output_cost_per_token": 3e-07, "max_input_tokens": 32000},
    "groq/llama-3.3-70b-versatile": {"litellm_provider": "groq", "mode": "chat", "input_cost_per_token": 5.9e-07,
                                     "output_cost_per_token": 7.9e-07, "max_input_tokens": 128000,
                                     "max_output_tokens": 32768},
    "groq/catalog-only-model": {"litellm_provider": "groq", "mode": "chat", "input_cost_per_token": 1e-07,
                                "output_cost_per_token": 1e-07},
}
MODELSDEV = {
    "anthropic": {"id": "anthropic", "doc": "https://docs.anthropic.com/en/docs/about-claude/models", "models": {
        "claude-sonnet-4-5-20250929": {"id": "claude-sonnet-4-5-20250929", "name": "Claude Sonnet 4.5",
                                       "tool_call": True, "reasoning": True,
                                       "cost": {"input": 3, "output": 15, "cache_read": 0.3, "cache_write": 3.75},
                                       "limit": {"context": 200000, "output": 64000},
                                       "modalities": {"input": ["text", "image"], "output": ["text"]}}}},
    "mistral": {"id": "mistral", "models": {
        "mistral-small-latest": {"id": "mistral-small-latest", "name": "Mistral Small",
                                 "cost": {"input": 0.2, "output": 0.6}, "limit": {"context": 128000, "output": 0}}}},
    "groq": {"id": "groq", "models": {
        "llama-3.3-70b-versatile": {"id": "llama-3.3-70b-versatile", "name": "Llama 3.3 70B",
                                    "cost": {"input": 0.59, "output": 0.79},
                                    "limit": {"context": 131072, "output": 32768}}}},
}
GROQ_API = [
    make_row("groq/llama-3.3-70b-versatile", name="Llama 3.3 70B Versatile", max_context="131072",
             max_output="32768", caps="TJ", source="groq-api", updated="2026-08-17", notes="owned by Meta"),
]


def write_snapshots(base: Path, litellm: dict[str, object] = LITELLM) -> Path:
    snap = base / "snapshots"
    snap.mkdir(parents=True)
    entries = []
    for source, name, doc, date in (("litellm", "ll.json.gz", litellm, "2026-10-25"),
                                    ("models.dev", "md.json.gz", MODELSDEV, "2026-05-21")):
        raw = json.dumps(doc).encode()
        (snap / name).write_bytes(gzip.compress(raw, mtime=0))
        entries.append({"source": source, "file": name, "uploaded": date,
                        "sha256": hashlib.sha256(raw).hexdigest()})
    (snap / "MANIFEST.json").write_text(json.dumps({"snapshots": entries}))
    return snap


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "models"
    for category in ("core", "regional", "specialized", "aggregators", "community"):
        (data / category).mkdir(parents=True)
    write_csv(data / "specialized" / "groq.csv", GROQ_API)
    return data, write_snapshots(tmp_path)


def rows_of(res_files: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    return {r["id"]: r for rows in res_files.values() for r in rows}


def test_two_agreeing_catalogs_verify_and_undated_id_becomes_alias(tree: tuple[Path, Path]) -> None:
    data, snap = tree
    rows = rows_of(run_pipeline(data, snap).files)
    r = rows["anthropic/claude-sonnet-4-5-20250929"]
    assert (r["input_per_1m"], r["output_per_1m"], r["cache_per_1m"]) == ("3", "15", "0.3")
    assert r["cache_write_per_1m"] == "3.75"  # only models.dev states it
    assert (r["source"], r["quality"], r["updated"]) == ("litellm+models.dev", "verified", "2026-10-25")
    assert r["alias"] == "claude-sonnet-4-5"
    assert "anthropic/claude-sonnet-4-5" not in rows
    assert r["caps"] == "VTKC" and r["name"] == "Claude Sonnet 4.5"
    assert r["base_model"] == "anthropic/claude-sonnet-4.5"


def test_disagreement_is_recorded_and_the_newer_catalog_wins(tree: tuple[Path, Path]) -> None:
    data, snap = tree
    res = run_pipeline(data, snap)
    r = rows_of(res.files)["mistral/mistral-small-latest"]
    assert (r["input_per_1m"], r["quality"], r["max_context"]) == ("0.1", "partial", "32000")
    found = {(d.offering, d.field): d for d in res.disagreements}
    d = found[("mistral/mistral-small-latest", "input_per_1m")]
    assert d.values == {"litellm": "0.1", "models.dev": "0.2"} and d.chosen == "0.1"
    assert "newer snapshot" in d.reason
    assert ("mistral/mistral-small-latest", "max_context") in found
    assert ("anthropic/claude-sonnet-4-5-20250929", "input_per_1m") not in found
    pair = res.agreement[("litellm", "models.dev")]
    assert pair == [3, 2]


def test_api_file_is_annotated_never_overridden_and_idempotent(tree: tuple[Path, Path]) -> None:
    data, snap = tree
    write_result(data, run_pipeline(data, snap))
    first = (data / "specialized" / "groq.csv").read_bytes()
    row = read_csv(data / "specialized" / "groq.csv").rows[0].values
    assert (row["input_per_1m"], row["output_per_1m"]) == ("0.59", "0.79")  # filled from the catalogs
    assert row["max_context"] == "131072"  # the API's value, not LiteLLM's 128000
    assert row["caps"] == "TJ" and row["updated"] == "2026-08-17"
    assert row["source"] == "groq-api+litellm+models.dev" and row["quality"] == "verified"
    assert "catalog-filled: input_per_1m,output_per_1m" in row["notes"] and "owned by Meta" in row["notes"]
    assert row["base_model"] == "meta-llama/llama-3.3-70b"
    assert write_result(data, run_pipeline(data, snap)) == []  # second pass changes nothing
    assert (data / "specialized" / "groq.csv").read_bytes() == first
    ids = {r["id"] for r in read_csv(data / "specialized" / "groq.csv").rows}
    assert "groq/catalog-only-model" not in ids  # catalog-only rows of an API-fetched provider are not added


def test_after_a_refetch_the_api_values_come_back_and_win(tree: tuple[Path, Path]) -> None:
    data, snap = tree
    write_result(data, run_pipeline(data, snap))
    refetched = [dict(GROQ_API[0], input_per_1m="0.6", output_per_1m="0.8")]
    write_csv(data / "specialized" / "groq.csv", refetched)
    res = run_pipeline(data, snap)
    row = rows_of(res.files)["groq/llama-3.3-70b-versatile"]
    assert (row["input_per_1m"], row["output_per_1m"]) == ("0.6", "0.8")
    assert "catalog-filled" not in row["notes"]
    d = next(d for d in res.disagreements if d.field == "output_per_1m")
    assert d.chosen == "0.8" and "provider API" in d.reason


def test_official_page_outranks_catalogs(tree: tuple[Path, Path]) -> None:
    data, snap = tree
    write_csv(snap / "official.csv", [make_row(
        "mistral/mistral-small-latest", input_per_1m="0.2", output_per_1m="0.6", source="official",
        updated="2026-03-01", source_url="https://mistral.ai/pricing")])
    res = run_pipeline(data, snap)
    r = rows_of(res.files)["mistral/mistral-small-latest"]
    assert (r["input_per_1m"], r["source"], r["quality"]) == ("0.2", "official+litellm+models.dev", "verified")
    assert r["source_url"] == "https://mistral.ai/pricing"
    d = next(d for d in res.disagreements if d.offering == r["id"] and d.field == "input_per_1m")
    assert "official page outranks" in d.reason and "older than litellm" in d.reason


def test_snapshot_checksum_is_enforced(tmp_path: Path) -> None:
    snap = write_snapshots(tmp_path)
    (snap / "ll.json.gz").write_bytes(gzip.compress(b"{}"))
    with pytest.raises(CatalogError, match="sha256"):
        run_pipeline(tmp_path, snap)


def test_out_of_range_source_values_are_unset_with_a_note() -> None:
    bad = make_row("mistral/tiny", max_context="512", input_per_1m="0.1", output_per_1m="0.1")
    res = reconcile([bad], [], {})
    row = rows_of(res.files)["mistral/tiny"]
    assert row["max_context"] == "-1" and "rejected as out of range" in row["notes"]


def test_stale_rows() -> None:
    import datetime as dt

    rows = [make_row("a/x", updated="2026-01-01"), make_row("a/y", updated="2026-11-20")]
    assert [r["id"] for r in stale_rows(rows, days=30, today=dt.date(2026, 11, 25))] == ["a/x"]


def test_cli_import_audit_verify_stale(tree: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    data, snap = tree
    args = ["--data-dir", str(data), "--snapshots-dir", str(snap)]
    assert main(["import", "all", "--from-snapshots", *args]) == 0
    assert (data / "core" / "anthropic.csv").exists()
    assert main(["verify", *args]) == 0
    assert "0 files would change" in capsys.readouterr().out
    assert main(["audit", "--json", "--field", "input_per_1m", *args]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [i["offering"] for i in items] == ["mistral/mistral-small-latest"]
    assert main(["stale", "--days", "100", "--today", "2026-11-25", "--data-dir", str(data), "--json"]) == 0
    stale = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert "mistral/mistral-small-latest" not in stale and "anthropic/claude-sonnet-4-5-20250929" not in stale
    assert main(["import", "litellm", "--from-file", str(snap / "ll.json.gz"), *args]) == 0
    capsys.readouterr()


def test_cli_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "--data-dir", str(tmp_path / "missing")]) == 2
    (tmp_path / "models").mkdir()
    assert main(["verify", "--data-dir", str(tmp_path / "models"), "--snapshots-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err and all(line.startswith("modelsuite: error:") for line in err)
    assert main(["import", "all", "--from-file", "x.json", "--data-dir", str(tmp_path / "models")]) == 2


@pytest.mark.skipif(not (REPO / "data" / "snapshots" / "MANIFEST.json").exists(), reason="no committed snapshots")
def test_committed_snapshots_reproduce_the_documented_facts(tmp_path: Path) -> None:
    data = tmp_path / "models"
    data.mkdir()
    res = run_pipeline(data, REPO / "data" / "snapshots")
    rows = rows_of(res.files)
    sonnet = next(r for r in rows.values() if r.get("alias") == "claude-sonnet-4-5")
    assert (sonnet["input_per_1m"], sonnet["output_per_1m"], sonnet["cache_per_1m"]) == ("3", "15", "0.3")
    assert sonnet["max_context"] == "200000" and {"V", "T", "C"} <= set(sonnet["caps"])
    assert "200000=2.5/15/" in rows["google/gemini-2.5-pro"]["tiers"]
    llama = {i.split("/")[0] for i, r in rows.items() if r["base_model"] == "meta-llama/llama-3.3-70b-instruct"}
    assert len(llama) >= 6
    assert len(rows) >= 4000 and len({i.split("/")[0] for i in rows}) >= 80


def test_api_rows_no_catalog_lists_stay_as_the_fetcher_wrote_them() -> None:
    api = {"specialized/groq.csv": [
        make_row("groq/only-in-api", input_per_1m="1", output_per_1m="2", source="groq-api+estimated",
                 quality="estimated", updated="2026-08-17"),
        make_row("groq/was-filled", input_per_1m="0.5", output_per_1m="0.7", source="groq-api+litellm",
                 quality="partial", notes="owned by X; catalog-filled: input_per_1m,output_per_1m"),
    ]}
    rows = rows_of(reconcile([], [], api).files)
    assert rows["groq/only-in-api"]["quality"] == "estimated"
    assert rows["groq/only-in-api"]["source"] == "groq-api+estimated"
    reverted = rows["groq/was-filled"]
    assert (reverted["input_per_1m"], reverted["output_per_1m"]) == ("-1", "-1")
    assert (reverted["source"], reverted["notes"]) == ("groq-api", "owned by X")


def test_an_estimate_marker_is_not_a_second_source() -> None:
    api = {"specialized/groq.csv": [make_row("groq/m", input_per_1m="1", output_per_1m="2",
                                             source="groq-api+estimated", quality="estimated")]}
    cat = [make_row("groq/m", input_per_1m="1", output_per_1m="2", source="litellm")]
    row = rows_of(reconcile(cat, [], api).files)["groq/m"]
    assert (row["source"], row["quality"]) == ("groq-api+estimated+litellm", "estimated")
    alone = rows_of(reconcile([], [], api).files)["groq/m"]
    assert alone["quality"] == "estimated"
