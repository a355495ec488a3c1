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
    # the context window (models.dev limit.context) wins over LiteLLM's input limit (max_input_tokens)
    assert (r["input_per_1m"], r["quality"], r["max_context"]) == ("0.1", "partial", "128000")
    found = {(d.offering, d.field): d for d in res.disagreements}
    d = found[("mistral/mistral-small-latest", "input_per_1m")]
    assert d.values == {"litellm": "0.1", "models.dev": "0.2"} and d.chosen == "0.1"
    assert "newer snapshot" in d.reason
    ctx = found[("mistral/mistral-small-latest", "max_context")]
    assert ctx.chosen == "128000" and "input limit, not the context window" in ctx.reason
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
    # models.dev agrees with the page and LiteLLM does not: the confirmed catalog is listed first
    assert (r["input_per_1m"], r["source"], r["quality"]) == ("0.2", "official+models.dev+litellm", "verified")
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


# --- independence, carried values, zero prices, units, status, id spellings, online snapshots ------


def test_a_value_carried_into_a_refetched_api_row_is_not_the_apis_observation(tmp_path: Path) -> None:
    from modelsuite_tools.guarded_write import write_rows

    data = tmp_path / "models"
    (data / "specialized").mkdir(parents=True)
    api = make_row("groq/allam-2-7b", source="groq-api", updated="2026-08-17", notes="no pricing in the API")
    write_csv(data / "specialized" / "groq.csv", [api])
    catalog = [make_row("groq/allam-2-7b", input_per_1m="0", output_per_1m="0", source="models.dev",
                        updated="2026-05-21")]

    def reconcile_and_write() -> bytes:
        res = reconcile(catalog, [], {"specialized/groq.csv": [
            r.values for r in read_csv(data / "specialized" / "groq.csv").rows]})
        write_result(data, res)
        return (data / "specialized" / "groq.csv").read_bytes()

    first = reconcile_and_write()
    row = read_csv(data / "specialized" / "groq.csv").rows[0].values
    assert (row["input_per_1m"], row["quality"]) == ("0", "partial")  # one source (models.dev) says 0
    assert "catalog-filled: input_per_1m,output_per_1m" in row["notes"]
    # the fetch runs again: the guarded write carries the catalog's numbers into the fresh row …
    write_rows(data / "specialized" / "groq.csv", [api], source_ids={"groq-api"})
    carried = read_csv(data / "specialized" / "groq.csv").rows[0].values
    assert carried["input_per_1m"] == "0" and "catalog-filled" in carried["notes"]
    # … and the next verify must not read them as the API's own: still partial, same bytes
    assert reconcile_and_write() == first
    # an old-style carry note ("kept from the previous row") is undone the same way
    legacy = dict(api, input_per_1m="0", output_per_1m="0", source="groq-api+models.dev", quality="verified",
                  notes="no pricing in the API; kept from the previous row (models.dev): input_per_1m, output_per_1m")
    write_csv(data / "specialized" / "groq.csv", [legacy])
    assert reconcile_and_write() == first


def test_derived_sources_are_not_independent() -> None:
    api = {"aggregators/openrouter.csv": [make_row("openrouter/x/m", input_per_1m="1", output_per_1m="2",
                                                   source="openrouter-api", updated="2026-08-19")]}
    md = make_row("openrouter/x/m", input_per_1m="1", output_per_1m="2", source="models.dev", updated="2026-05-21")
    res = reconcile([md], [], api)
    assert rows_of(res.files)["openrouter/x/m"]["quality"] == "partial"
    assert any("derived" in b for _, b in res.agreement)
    ll = make_row("openrouter/x/m", input_per_1m="1", output_per_1m="2", source="litellm", updated="2026-10-25")
    assert rows_of(reconcile([md, ll], [], api).files)["openrouter/x/m"]["quality"] == "verified"
    # the same pair for another provider is independent
    other = [make_row("mistral/m", input_per_1m="1", output_per_1m="2", source=s) for s in ("models.dev", "litellm")]
    assert rows_of(reconcile(other, [], {}).files)["mistral/m"]["quality"] == "verified"


def test_a_catalog_zero_counts_only_when_another_independent_source_says_zero() -> None:
    md = make_row("mistral/free", source="models.dev", updated="2026-05-21")
    md["_zero"] = "input_per_1m,output_per_1m"
    alone = rows_of(reconcile([dict(md)], [], {}).files)["mistral/free"]
    assert (alone["input_per_1m"], alone["quality"]) == ("-1", "partial")
    ll = make_row("mistral/free", input_per_1m="0", output_per_1m="0", source="litellm")
    both = rows_of(reconcile([dict(md), ll], [], {}).files)["mistral/free"]
    assert (both["input_per_1m"], both["output_per_1m"], both["quality"]) == ("0", "0", "verified")


def test_a_price_the_fetcher_left_unknown_for_a_unit_mismatch_is_never_filled() -> None:
    api = {"aggregators/together.csv": [make_row(
        "together/flux", source="together-api", kind="image", updated="2026-01-23",
        notes="image model: the API lists 0/0, which is not its real (per-unit) price")]}
    cat = [make_row("together/flux", input_per_1m="0.5", output_per_1m="0.5", max_context="4096", source="litellm")]
    row = rows_of(reconcile(cat, [], api).files)["together/flux"]
    assert (row["input_per_1m"], row["output_per_1m"], row["quality"]) == ("-1", "-1", "partial")
    assert row["max_context"] == "4096"  # limits are still filled


def test_deprecation_on_or_before_the_row_date_is_d() -> None:
    cat = [make_row("mistral/old", input_per_1m="1", output_per_1m="1", source="litellm", updated="2026-10-25",
                    deprecation_date="2026-10-25"),
           make_row("mistral/later", input_per_1m="1", output_per_1m="1", source="litellm", updated="2026-10-25",
                    deprecation_date="2026-12-01")]
    rows = rows_of(reconcile(cat, [], {}).files)
    assert (rows["mistral/old"]["status"], rows["mistral/later"]["status"]) == ("D", "C")


def test_provider_prefixed_litellm_key_wins_over_the_bare_key(tmp_path: Path) -> None:
    doc = {"gemini-exp-1206": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 3e-07,
                               "output_cost_per_token": 2.5e-06, "cache_read_input_token_cost": 3e-08,
                               "max_output_tokens": 65535},
           "gemini/gemini-exp-1206": {"litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1e-06,
                                      "output_cost_per_token": 2e-06, "max_input_tokens": 2097152}}
    data = tmp_path / "models"
    data.mkdir()
    row = rows_of(run_pipeline(data, write_snapshots(tmp_path, doc)).files)["google/gemini-exp-1206"]
    assert (row["input_per_1m"], row["output_per_1m"], row["max_context"]) == ("1", "2", "2097152")
    # the bare entry fills a missing limit, but never a price from its different price list
    assert (row["max_output"], row["cache_per_1m"]) == ("65535", "-1")


def test_version_dot_spellings_merge_only_onto_a_listed_dotted_id() -> None:
    cat = [make_row("vercel/anthropic/claude-3-7-sonnet", input_per_1m="3", output_per_1m="15", source="litellm"),
           make_row("vercel/anthropic/claude-3.7-sonnet", input_per_1m="3", output_per_1m="15", source="models.dev"),
           make_row("vercel/x/model-2-5", input_per_1m="1", output_per_1m="1", source="litellm")]
    rows = rows_of(reconcile(cat, [], {}).files)
    assert "vercel/anthropic/claude-3-7-sonnet" not in rows
    assert rows["vercel/anthropic/claude-3.7-sonnet"]["quality"] == "verified"
    assert "vercel/x/model-2-5" in rows  # no dotted spelling is listed: the id is kept as is


def test_online_import_saves_the_snapshot_and_offline_reproduces_it(
        tree: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from modelsuite.cli import cmd_import

    data, snap = tree
    newer = dict(LITELLM)
    newer["mistral/mistral-small-latest"] = dict(LITELLM["mistral/mistral-small-latest"], input_cost_per_token=2e-07,
                                                 output_cost_per_token=6e-07)
    genai = [{"id": "mistral", "models": [{"id": "mistral-small", "match": {"starts_with": "mistral-small"},
                                           "prices": {"input_mtok": 0.2, "output_mtok": 0.6}}]}]
    local = {"litellm": json.dumps(newer).encode(), "models.dev": json.dumps(MODELSDEV).encode(),
             "genai-prices": json.dumps(genai).encode()}
    urls = {mod.URL: src for src, mod in __import__("modelsuite_tools.importers", fromlist=["x"]).importers().items()}
    monkeypatch.setattr(cmd_import, "download", lambda url: local[urls[url]])  # a local file stands in
    args = ["--data-dir", str(data), "--snapshots-dir", str(snap)]
    assert main(["import", "all", "--date", "2026-11-25", *args]) == 0
    manifest = json.loads((snap / "MANIFEST.json").read_text())
    entry = next(e for e in manifest["snapshots"] if e["source"] == "litellm")
    saved = (snap / entry["file"]).read_bytes()
    assert saved[4:8] == b"\0\0\0\0"  # gzip mtime 0: the same document gives the same bytes
    assert gzip.decompress(saved) == local["litellm"]
    assert entry["uploaded"] == "2026-11-25" and entry["sha256"] == hashlib.sha256(local["litellm"]).hexdigest()
    assert entry["url"].startswith("https://")
    rows = rows_of({"x": [r.values for r in read_csv(data / "core" / "mistral.csv").rows]})
    row = rows["mistral/mistral-small-latest"]
    assert (row["input_per_1m"], row["quality"], row["updated"]) == ("0.2", "verified", "2026-11-25")
    before = {p: p.read_bytes() for p in sorted(data.rglob("*.csv"))}
    capsys.readouterr()
    assert main(["import", "all", "--from-snapshots", *args]) == 0
    assert "0 files changed" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in sorted(data.rglob("*.csv"))} == before
    # a download listing far fewer offerings is refused and the snapshot kept
    local["litellm"] = json.dumps({"gpt-x": {"litellm_provider": "openai", "mode": "chat"}}).encode()
    assert main(["import", "litellm", *args]) == 1
    assert (snap / entry["file"]).read_bytes() == saved


def test_a_file_may_shrink_only_when_its_rows_moved_to_another_file(tmp_path: Path) -> None:
    data = tmp_path / "models"
    for category in ("core", "aggregators"):
        (data / category).mkdir(parents=True)
    resold = [make_row(f"perplexity/anthropic/claude-{i}", input_per_1m="1", output_per_1m="2", source="litellm",
                       updated="2026-10-25") for i in range(4)]
    own = make_row("perplexity/sonar", input_per_1m="1", output_per_1m="1", source="litellm", updated="2026-10-25")
    write_csv(data / "core" / "perplexity.csv", [*resold, own])
    moved = [dict(r, id=r["id"].replace("perplexity/", "perplexity-agent/", 1)) for r in resold]
    write_result(data, reconcile([*moved, own], [], {}))  # Perplexity's resold models became perplexity-agent
    assert [r["id"] for r in read_csv(data / "core" / "perplexity.csv").rows] == ["perplexity/sonar"]
    assert len(read_csv(data / "aggregators" / "perplexity-agent.csv").rows) == 4
    write_csv(data / "core" / "perplexity.csv", [*resold, own])
    with pytest.raises(CatalogError, match="fewer"):  # rows that vanish (not moved) are refused
        write_result(data, reconcile([own], [], {}))


def test_cache_price_comes_only_from_a_source_that_agrees_on_the_input_price() -> None:
    official = make_row("venice/m", input_per_1m="0.15", output_per_1m="0.6", source="official",
                        updated="2026-10-07", source_url="https://docs.venice.ai/models/m")
    stale = make_row("venice/m", input_per_1m="0.1875", output_per_1m="0.75", cache_per_1m="0.09375",
                     batch_input_per_1m="0.09", tiers="200000=1/2/0.5", source="models.dev", updated="2026-05-21")
    r = rows_of(reconcile([stale], [official], {}).files)["venice/m"]
    assert (r["input_per_1m"], r["output_per_1m"]) == ("0.15", "0.6")
    # the marked-up catalog's cache, batch and tier prices belong to its (other) price list: not mixed in
    assert (r["cache_per_1m"], r["batch_input_per_1m"], r["tiers"]) == ("-1", "-1", "")
    agreeing = make_row("venice/m", input_per_1m="0.15", output_per_1m="0.6", cache_per_1m="0.075",
                        source="litellm", updated="2026-10-25")
    r = rows_of(reconcile([stale, agreeing], [official], {}).files)["venice/m"]
    assert r["cache_per_1m"] == "0.075"


def test_the_audit_lists_disagreements_on_registry_rows_only() -> None:
    catalog = [make_row("groq/catalog-only-model", input_per_1m=price, output_per_1m=price, source=src,
                        updated=date)
               for src, price, date in (("litellm", "0.1", "2026-10-25"), ("models.dev", "0.5", "2026-05-21"))]
    catalog += [make_row("mistral/tiny", input_per_1m=price, output_per_1m="1", source=src, updated=date)
                for src, price, date in (("litellm", "0.1", "2026-10-25"), ("models.dev", "0.5", "2026-05-21"))]
    res = reconcile(catalog, [], {"specialized/groq.csv": GROQ_API})
    assert {d.offering for d in res.disagreements} == {"mistral/tiny"}  # the groq row is not added
    assert res.stats["disagreements on offerings not added"] == 2  # its input and its output price
    assert "groq/catalog-only-model" not in rows_of(res.files)


def test_an_absorbed_undated_id_keeps_finding_the_dated_row() -> None:
    # a non-core provider: the provider-prefixed undated id becomes the alias; whichever source ranks
    # first (here genai-prices' newer snapshot, seen only under the undated id), the row keeps the dated id
    catalog = [
        make_row("alibaba/qwen-flash-2025-07-28", input_per_1m="0.05", output_per_1m="0.4", source="litellm",
                 updated="2026-10-25"),
        make_row("alibaba/qwen-flash", input_per_1m="0.05", output_per_1m="0.4", source="models.dev",
                 updated="2026-05-21"),
        make_row("alibaba/qwen-flash", input_per_1m="0.05", output_per_1m="0.4", source="genai-prices",
                 updated="2026-11-10"),
    ]
    res = reconcile(catalog, [], {})
    (row,) = res.files["regional/alibaba.csv"]
    assert (row["id"], row["alias"], row["quality"]) == ("alibaba/qwen-flash-2025-07-28", "alibaba/qwen-flash",
                                                          "verified")
    assert row["source"] == "genai-prices+litellm+models.dev" and "also listed as qwen-flash" in row["notes"]
