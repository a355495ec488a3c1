"""Replays of real recorded API responses (../shared/fixtures, skipped when absent) and Bedrock via Stubber."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from modelsuite.cli import main as cli
from modelsuite_tools.csvio import Row, read_csv
from modelsuite_tools.fetchers import bedrock, groq, openrouter, together
from modelsuite_tools.fetchers.http import FetchError, MissingCredentials
from modelsuite_tools.validate import validate_rows

SHARED = Path(os.environ.get("MODELSUITE_SHARED_FIXTURES", Path(__file__).resolve().parents[2] / "shared" / "fixtures"))
FIX = Path(__file__).parent / "fixtures" / "fetchers"


def shared(rel: str) -> Path:
    path = SHARED / rel
    if not path.is_file():
        pytest.skip(f"recorded response {rel} not present")
    return path


def valid(rows: list[dict[str, str]], provider: str) -> None:
    report = validate_rows([Row(r, f"{provider}.csv", n + 2) for n, r in enumerate(rows)])
    assert report.errors == []


def test_replay_openrouter_recorded_response() -> None:
    doc = json.loads(shared("openrouter/openrouter_models.json").read_text(encoding="utf-8"))
    rows = openrouter.parse(doc, updated="2026-08-19")
    assert len(rows) >= 350
    assert len(rows) == len(doc["data"])  # every entry, variants and aliases included
    valid(rows, "openrouter")
    got = {r["id"]: r for r in rows}
    mini = got["openrouter/openai/gpt-4o-mini"]
    assert (mini["input_per_1m"], mini["output_per_1m"], mini["max_context"]) == ("0.15", "0.6", "128000")
    assert "V" in mini["caps"]
    assert any(r["id"].endswith(":free") for r in rows)
    assert any(r["id"].startswith("openrouter/~") for r in rows)
    assert any(r["tiers"] for r in rows)


def test_replay_openrouter_tiers_and_artificial_analysis_scores() -> None:
    doc = json.loads(shared("openrouter/openrouter_models.json").read_text(encoding="utf-8"))
    got = {r["id"]: r for r in openrouter.parse(doc, updated="2026-08-19")}
    starts: set[int] = set()
    scored = 0
    for m in doc["data"]:
        row = got[f"openrouter/{m['id']}"]
        mine = {o["min_prompt_tokens"] for o in m["pricing"].get("overrides") or [] if "min_prompt_tokens" in o}
        starts |= mine
        # each override "from N prompt tokens" is the tier "prompt exceeds N - 1"
        assert {int(t.split("=")[0]) + 1 for t in row["tiers"].split(";") if t} == mine
        aa = (m.get("benchmarks") or {}).get("artificial_analysis") or {}
        expected = {f"aa_{k}": v for k, v in aa.items() if v is not None}
        extra = {k: float(v) for k, v in (i.split("=") for i in row["bench_extra"].split(";") if i)}
        assert extra == expected
        scored += bool(extra)
        assert ("via OpenRouter" in row["notes"]) == bool(extra)
    assert starts >= {128000, 200000}
    assert scored >= 150  # 166 models carry Artificial Analysis indices in the 2026-08 snapshot


def test_replay_together_and_groq_recorded_responses() -> None:
    tdoc = json.loads(shared("together/together_models.json").read_text(encoding="utf-8"))
    trows = together.parse(tdoc, updated="2026-01-23")
    assert len(trows) == len(tdoc) == 131
    valid(trows, "together")
    gdoc = json.loads(shared("groq/groq_models.json").read_text(encoding="utf-8"))
    grows = groq.parse(gdoc, updated="2026-08-17")
    assert len(grows) == len(gdoc["data"]) == 14
    valid(grows, "groq")
    oss = {r["id"]: r for r in grows}["groq/openai/gpt-oss-120b"]
    assert (oss["input_per_1m"], oss["output_per_1m"]) == ("0.15", "0.6")


def test_replay_bedrock_recorded_responses_through_the_cli(tmp_path: Path) -> None:
    listing = shared("bedrock/list_foundation_models_us-east-1.json")
    prices = shared("bedrock/pricing_get_products_response_reconstructed.json")
    out = tmp_path / "bedrock.csv"
    code = cli(["fetch", "bedrock", "--from-file", str(listing), "--from-file", str(prices),
                "--output", str(out), "--date", "2025-11-04"])
    assert code == 0
    rows = {r["id"]: r for r in read_csv(out).rows}
    assert len(rows) == 106  # 105 listed models + the one region-specific priced entry
    claude2 = rows["bedrock/us-east-1/anthropic.claude-v2"]
    assert (claude2["input_per_1m"], claude2["output_per_1m"], claude2["region"]) == ("8", "-1", "us-east-1")
    assert (claude2["source"], claude2["updated"]) == ("aws-price-list", "2025-06-18")
    legacy = [r for r in rows.values() if r["status"] == "L"]
    assert len(legacy) >= 14
    # the API lists rerank models with TEXT output; the id says what they are
    assert rows["bedrock/cohere.rerank-v3-5:0"]["kind"] == "rerank"
    assert rows["bedrock/cohere.command-r-plus-v1:0"]["kind"] == "chat"


# ------------------------------------------------------------------------------------ bedrock Stubber


def _stubbed_clients() -> tuple[dict[str, Any], Any, list[Any]]:
    boto3 = pytest.importorskip("boto3")
    stub_mod = pytest.importorskip("botocore.stub")
    creds = {"aws_access_key_id": "AKIATESTTESTTESTTEST", "aws_secret_access_key": "test-secret-not-real"}
    west = boto3.client("bedrock", region_name="us-west-2", **creds)
    pricing = boto3.client("pricing", region_name="us-east-1", **creds)
    listing = json.loads((FIX / "bedrock_list_us-west-2.json").read_text(encoding="utf-8"))
    products = json.loads((FIX / "bedrock_get_products.json").read_text(encoding="utf-8"))
    stubs = [stub_mod.Stubber(west), stub_mod.Stubber(pricing)]
    stubs[0].add_response("list_foundation_models", listing, {})
    for code in bedrock.SERVICE_CODES:
        expected = {"ServiceCode": code, "FormatVersion": "aws_v1", "MaxResults": 100,
                    "Filters": [{"Type": "TERM_MATCH", "Field": "regionCode", "Value": "us-west-2"}]}
        body = products if code == "AmazonBedrock" else {"FormatVersion": "aws_v1", "PriceList": []}
        stubs[1].add_response("get_products", body, expected)
    for s in stubs:
        s.activate()
    return {"us-west-2": west}, pricing, stubs


def test_bedrock_fetch_with_stubbed_boto3_clients() -> None:
    clients, pricing, stubs = _stubbed_clients()
    doc = bedrock.fetch_with_clients(clients, pricing)
    for s in stubs:
        s.assert_no_pending_responses()
    json.dumps(doc)  # savable for --from-file
    rows = bedrock.parse(doc, updated="2025-11-04")
    valid(rows, "bedrock")
    got = {r["id"]: r for r in rows}
    assert set(got) == {"bedrock/testlab.chat-v1:0", "bedrock/testlab.chat-v1:0:100k", "bedrock/testlab.old-v1",
                        "bedrock/testlab.embed-v1", "bedrock/us-west-2/testlab.chat-v1:0"}
    priced = got["bedrock/us-west-2/testlab.chat-v1:0"]
    # AmazonBedrock is per 1K tokens (0.0008 -> 0.8 per 1M); AmazonBedrockFoundationModels per 1M (3.2)
    assert (priced["input_per_1m"], priced["output_per_1m"], priced["region"]) == ("0.8", "3.2", "us-west-2")
    assert priced["updated"] == "2025-06-18"
    base = got["bedrock/testlab.chat-v1:0"]
    assert (base["input_per_1m"], base["caps"], base["kind"]) == ("-1", "V", "chat")
    assert got["bedrock/testlab.old-v1"]["status"] == "L"
    assert "inference profile only" in got["bedrock/testlab.old-v1"]["notes"]
    assert "provisioned throughput only" in got["bedrock/testlab.chat-v1:0:100k"]["notes"]
    assert got["bedrock/testlab.embed-v1"]["kind"] == "embedding"


def test_bedrock_client_error_is_one_line() -> None:
    boto3 = pytest.importorskip("boto3")
    stub_mod = pytest.importorskip("botocore.stub")
    west = boto3.client("bedrock", region_name="us-west-2", aws_access_key_id="AKIATESTTESTTESTTEST",
                        aws_secret_access_key="test-secret-not-real")
    with stub_mod.Stubber(west) as stub:
        stub.add_client_error("list_foundation_models", "ThrottlingException", "Rate exceeded", 429)
        with pytest.raises(FetchError) as info:
            bedrock.fetch_with_clients({"us-west-2": west}, None)
    assert str(info.value) == "AWS list_foundation_models (us-west-2): ThrottlingException: Rate exceeded"


def test_bedrock_missing_aws_credentials_names_them(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pytest.importorskip("boto3")
    for var in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_WEB_IDENTITY_TOKEN_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    monkeypatch.setenv("MODELSUITE_BEDROCK_REGIONS", "us-west-2")
    with pytest.raises(MissingCredentials, match="AWS_PROFILE or AWS_ACCESS_KEY_ID"):
        bedrock.fetch(None)  # type: ignore[arg-type]


def test_bedrock_loader_reads_the_region_from_the_arn_and_rejects_other_json(tmp_path: Path) -> None:
    doc = bedrock.load([FIX / "bedrock_list_us-west-2.json", FIX / "bedrock_get_products.json"])
    assert list(doc["regions"]) == ["us-west-2"]
    assert len(doc["price_list"]) == 3
    other = tmp_path / "other.json"
    other.write_text('{"data": []}', encoding="utf-8")
    from modelsuite_tools.fetchers.base import FetchParseError

    with pytest.raises(FetchParseError, match="not a Bedrock"):
        bedrock.load([other])
