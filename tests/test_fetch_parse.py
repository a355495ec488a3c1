"""Fetcher parse tests on small hand-written responses in each API's real schema (tests/fixtures/fetchers)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelsuite_tools.csvio import Row
from modelsuite_tools.fetchers import FETCHERS, artificial_analysis, groq, huggingface, openrouter, replicate, together
from modelsuite_tools.fetchers.base import (
    FetchParseError,
    clean_text,
    per_1m,
    per_token_to_per_1m,
)
from modelsuite_tools.schema import BENCHMARK_COLUMNS, COLUMN_NAMES, SOURCES
from modelsuite_tools.validate import TEXT_LIMITS, validate_rows

FIX = Path(__file__).parent / "fixtures" / "fetchers"


def load(name: str) -> Any:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


def by_id(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["id"]: r for r in rows}


def assert_valid(rows: list[dict[str, str]], provider: str) -> None:
    """Every row has every column and passes the registry validator as ``<provider>.csv``."""
    assert rows
    for r in rows:
        assert tuple(r) == COLUMN_NAMES
    report = validate_rows([Row(r, f"{provider}.csv", n + 2) for n, r in enumerate(rows)])
    assert report.errors == []


# ---------------------------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0.00000015", "0.15"), ("0.0000006", "0.6"), ("0.000015", "15"), ("0.0000025", "2.5"), ("0", "0"),
     ("-1", "-1"), ("-0.5", "-1"), (None, "-1"), ("abc", "-1"), ("NaN", "-1"), ("1e-7", "0.1"),
     ("0.00000838323353293413", "8.383233532934"), (True, "-1"), ("Infinity", "-1"),
     ("123456789012345678901234567890.1234567890123", "-1"), ("1e30", "-1"), ("0." + "0" * 40 + "1", "-1")],
)
def test_per_token_prices_become_canonical_per_million(raw: object, expected: str) -> None:
    assert per_token_to_per_1m(raw) == expected


def test_per_1m_numbers_keep_their_decimal_value() -> None:
    assert per_1m(0.88) == "0.88"
    assert per_1m(0.1 + 0.2) == "0.3"  # float noise beyond the schema's 12 decimals is rounded away
    assert per_1m(65) == "65"
    assert per_1m(12345678) == "-1"  # does not fit the schema: unknown, never a wrong number


def test_clean_text_makes_hostile_text_one_safe_line() -> None:
    text = clean_text("a\nb\tc\x00d\u202eevil\u2066 e\ufeff  ")
    assert text == "a b c d evil e"
    assert len(clean_text("x" * 10_000)) == TEXT_LIMITS["description"]
    assert clean_text(["not", "text"]) == ""


# ----------------------------------------------------------------------------------------- openrouter


def test_openrouter_rows() -> None:
    rows = openrouter.parse(load("openrouter_models.json"), updated="2026-02-01")
    assert_valid(rows, "openrouter")
    got = by_id(rows)
    assert len(got) == 7
    mini = got["openrouter/testlab/alpha-mini"]
    assert (mini["input_per_1m"], mini["output_per_1m"], mini["cache_per_1m"]) == ("0.15", "0.6", "0.075")
    assert mini["cache_write_per_1m"] == "0.1875"
    assert (mini["max_context"], mini["max_output"]) == ("128000", "16384")
    assert mini["caps"] == "VTJSKC"
    assert mini["alias"] == ""
    assert mini["base_model"] == "testlab/alpha-mini-20260101"  # canonical_slug verbatim
    assert mini["description"] == "A small model. Second line with a tab and a bidi override ."
    assert (mini["source"], mini["quality"], mini["updated"]) == ("openrouter-api", "partial", "2026-02-01")
    assert mini["input_modalities"] == "text+image"


def test_openrouter_variants_aliases_and_status() -> None:
    got = by_id(openrouter.parse(load("openrouter_models.json"), updated="2026-02-01"))
    free = got["openrouter/testlab/alpha-mini:free"]
    assert (free["input_per_1m"], free["output_per_1m"]) == ("0", "0")  # :free really is free
    assert free["hf_id"] == "TestLab/Alpha-Mini"
    assert (free["status"], free["deprecation_date"]) == ("C", "2026-03-01")  # expires after the snapshot
    assert free["max_output"] == "-1"
    beta = got["openrouter/testlab/beta-pro"]
    assert (beta["status"], beta["deprecation_date"]) == ("D", "2026-01-15")  # expired before the snapshot
    alias = got["openrouter/~testlab/beta-latest"]
    assert "testlab/beta-pro" in alias["notes"]
    router = got["openrouter/openrouter/router"]
    assert (router["input_per_1m"], router["output_per_1m"]) == ("-1", "-1")


def test_openrouter_overrides_become_tiers() -> None:
    from modelsuite._model import pricing_from_fields

    beta = by_id(openrouter.parse(load("openrouter_models.json"), updated="2026-02-01"))["openrouter/testlab/beta-pro"]
    # min_prompt_tokens: 200000 applies from 200,000 prompt tokens on; a tier applies when the prompt
    # *exceeds* its threshold, so the threshold written is 199999
    assert beta["tiers"] == "199999=5/22.5/0.5"
    assert "time-of-day" in beta["notes"]  # the utc window override is reported, not dropped silently
    (tier,) = pricing_from_fields(("5", "22.5", "0.5", "-1", "-1", "-1", beta["tiers"])).tiers
    assert 200_000 > tier.above_tokens  # a 200,000-token prompt gets the override's prices, as on OpenRouter
    assert not 199_999 > tier.above_tokens  # one token fewer does not


def test_openrouter_tier_threshold_is_min_prompt_tokens_minus_one() -> None:
    def tiers(*starts: object) -> str:
        model = {"id": "testlab/t", "canonical_slug": "testlab/t", "architecture": {"output_modalities": ["text"]},
                 "pricing": {"prompt": "0.000001", "completion": "0.000002",
                             "overrides": [{"min_prompt_tokens": n, "prompt": "0.000002", "completion": "0.000004"}
                                           for n in starts]}}
        return openrouter.parse({"data": [model]}, updated="2026-02-01")[0]["tiers"]

    assert tiers(128000) == "127999=2/4/-1"
    assert tiers(272000, 32000) == "31999=2/4/-1;271999=2/4/-1"
    assert tiers(1) == "0=2/4/-1"  # from the first token on: every prompt exceeds 0
    assert tiers(0, -5, True, "128000") == ""  # not a token threshold: no tier


def test_openrouter_artificial_analysis_scores_go_to_bench_extra() -> None:
    got = by_id(openrouter.parse(load("openrouter_models.json"), updated="2026-02-01"))
    beta = got["openrouter/testlab/beta-pro"]
    assert beta["bench_extra"] == "aa_intelligence_index=56;aa_coding_index=76.1"  # agentic_index null: skipped
    mini = got["openrouter/testlab/alpha-mini"]
    assert mini["bench_extra"] == "aa_intelligence_index=30.5;aa_coding_index=21;aa_agentic_index=12.25"
    for row in (beta, mini):
        assert "Artificial Analysis" in row["notes"] and "via OpenRouter" in row["notes"]
        # composite indices are none of the plan's benchmarks
        assert {row[c] for c in BENCHMARK_COLUMNS} == {"-"}
    free = got["openrouter/testlab/alpha-mini:free"]
    assert free["bench_extra"] == "" and "Artificial Analysis" not in free["notes"]


def test_openrouter_media_and_embedding_models() -> None:
    got = by_id(openrouter.parse(load("openrouter_models.json"), updated="2026-02-01"))
    voice = got["openrouter/testlab/voice-1"]
    assert voice["kind"] == "speech"
    assert (voice["input_per_1m"], voice["max_context"]) == ("-1", "-1")  # per-character price, context 0
    assert "0.000015" in voice["notes"]
    embed = got["openrouter/testlab/embed-small"]
    assert (embed["kind"], embed["input_per_1m"], embed["max_context"]) == ("embedding", "0.02", "512")


def test_openrouter_rejects_a_non_list_and_skips_bad_entries() -> None:
    with pytest.raises(FetchParseError, match="'data' list"):
        openrouter.parse({"error": "nope"}, updated="2026-02-01")
    good = load("openrouter_models.json")["data"]
    odd = {"id": "testlab/odd", "canonical_slug": "testlab/odd", "name": 7, "pricing": {"prompt": "free"},
           "context_length": "big", "architecture": {"input_modalities": "text"}, "top_provider": None,
           "supported_parameters": "tools"}
    # a few bad entries among real ones are skipped; the rest of the list still counts as OpenRouter's
    doc = {"data": [{**good[0], "id": 42}, {**good[1], "id": "has space"}, "junk", odd, *good[2:]]}
    rows = openrouter.parse(doc, updated="2026-02-01")
    assert rows[0]["id"] == "openrouter/testlab/odd"
    assert len(rows) == len(good) - 1
    assert_valid(rows, "openrouter")
    assert rows[0]["input_per_1m"] == "-1"


# ------------------------------------------------------------------------------------ together / groq


def test_together_rows() -> None:
    rows = together.parse(load("together_models.json"), updated="2026-01-23")
    assert_valid(rows, "together")
    got = by_id(rows)
    chat = got["together/testlab/Chat-70B-Turbo"]
    assert (chat["input_per_1m"], chat["output_per_1m"], chat["kind"]) == ("0.88", "0.88", "chat")
    assert (chat["max_context"], chat["max_output"]) == ("131072", "8192")
    draw = got["together/testlab/Draw-1"]
    assert (draw["kind"], draw["input_per_1m"], draw["output_per_1m"]) == ("image", "-1", "-1")
    assert "0/0" in draw["notes"]
    assert got["together/testlab/Embed-Base"]["input_per_1m"] == "0.008"
    assert got["together/testlab/Base-8B"]["kind"] == "completion"
    assert got["together/testlab/Base-8B"]["max_context"] == "-1"
    speak = got["together/testlab/Speak"]
    assert (speak["kind"], speak["input_per_1m"]) == ("speech", "-1")
    with pytest.raises(FetchParseError, match="JSON array"):
        together.parse({"models": []}, updated="2026-01-23")
    # the endpoint returns a bare array: an OpenAI-style {"data": [...]} envelope is not Together's
    with pytest.raises(FetchParseError, match="JSON array"):
        together.parse({"object": "list", "data": load("together_models.json")}, updated="2026-01-23")


def test_groq_rows() -> None:
    rows = groq.parse(load("groq_models.json"), updated="2026-08-17")
    assert_valid(rows, "groq")
    got = by_id(rows)
    oss = got["groq/testlab/oss-120b"]
    assert (oss["input_per_1m"], oss["output_per_1m"], oss["cache_per_1m"]) == ("0.15", "0.6", "0.075")
    assert (oss["max_context"], oss["max_output"], oss["caps"]) == ("131072", "65536", "TJSKC")
    assert oss["hf_id"] == "testlab/oss-120b"
    whisper = got["groq/whisper-large-v3"]
    assert (whisper["kind"], whisper["input_per_1m"]) == ("transcription", "-1")
    tts = got["groq/testlab/tts-english"]
    assert (tts["kind"], tts["input_per_1m"], tts["cache_per_1m"]) == ("speech", "-1", "-1")
    assert "per input character" in tts["notes"]
    guard = got["groq/testlab/prompt-guard-22m"]
    assert guard["kind"] == "moderation"  # 512-token context: a classifier, not a chat model
    compound = got["groq/testlab/compound"]
    assert (compound["status"], compound["caps"], compound["input_per_1m"]) == ("D", "VJ", "-1")


# ------------------------------------------------------------------------------- replicate / HF / AA


def test_replicate_pagination_follows_next(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {replicate.MODELS_URL: load("replicate_page1.json"),
             "https://api.replicate.com/v1/models?cursor=cD0yMDI2": load("replicate_page2.json")}
    calls: list[tuple[str, dict[str, str]]] = []

    class Client:
        def get_json(self, url: str, *, headers: dict[str, str]) -> Any:
            calls.append((url, headers))
            return pages[url]

    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_test_token_value")
    doc = replicate.fetch(Client())  # type: ignore[arg-type]
    assert [u for u, _ in calls] == list(pages)
    assert calls[0][1]["Authorization"] == "Bearer r8_test_token_value"
    rows = replicate.parse(doc, updated="2026-02-01")
    assert_valid(rows, "replicate")
    assert [r["id"] for r in rows] == ["replicate/testlab/painter", "replicate/testlab/llm-7b"]  # private skipped
    painter = rows[0]
    assert (painter["input_per_1m"], painter["output_per_1m"]) == ("-1", "-1")  # unknown, never 0
    assert painter["description"] == "Paints pictures."
    assert painter["source_url"] == "https://replicate.com/testlab/painter"


def test_replicate_stops_at_the_page_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    class Client:
        n = 0

        def get_json(self, url: str, *, headers: dict[str, str]) -> Any:
            Client.n += 1
            return {"next": f"https://api.replicate.com/v1/models?cursor={Client.n}", "results": []}

    monkeypatch.setenv("REPLICATE_API_TOKEN", "r8_test_token_value")
    doc = replicate.fetch(Client(), max_pages=3)  # type: ignore[arg-type]
    assert Client.n == 3
    assert doc["next"] is not None


def test_huggingface_with_mocked_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    hub = pytest.importorskip("huggingface_hub")
    infos = [
        hub.ModelInfo(id="testlab/Chat-8B", downloads=900, likes=10, pipeline_tag="text-generation",
                      tags=["license:apache-2.0"], inferenceProviderMapping=[
                          {"provider": "groq", "providerId": "chat-8b", "status": "live", "task": "conversational"},
                          {"provider": "together", "providerId": "x", "status": "staging", "task": "conversational"}]),
        hub.ModelInfo(id="testlab/Research-8B", downloads=800, pipeline_tag="text-generation",
                      tags=["license:cc-by-nc-4.0"], inferenceProviderMapping=[
                          {"provider": "groq", "providerId": "r", "status": "live", "task": "conversational"}]),
        hub.ModelInfo(id="testlab/Offline-8B", downloads=700, pipeline_tag="text-generation",
                      tags=["license:mit"], inferenceProviderMapping=[]),
    ]
    seen: dict[str, Any] = {}

    class FakeApi:
        def __init__(self, token: str | None = None) -> None:
            seen["token"] = token

        def list_models(self, **kwargs: Any) -> Any:
            seen.update(kwargs)
            return iter(infos)

    monkeypatch.setattr(hub, "HfApi", FakeApi)
    monkeypatch.delenv("HF_TOKEN", raising=False)
    doc = huggingface.fetch(None)  # type: ignore[arg-type]
    assert seen["pipeline_tag"] == "text-generation" and seen["sort"] == "downloads"
    assert seen["token"] is None
    json.dumps(doc)  # the document can be saved for --from-file
    rows = huggingface.parse(doc, updated="2026-02-01")
    assert_valid(rows, "huggingface")
    assert [r["id"] for r in rows] == ["huggingface/testlab/Chat-8B"]  # non-commercial and unserved dropped
    assert rows[0]["hf_id"] == "testlab/Chat-8B"
    assert "groq" in rows[0]["notes"] and "together" not in rows[0]["notes"]


def test_artificial_analysis_only_exact_benchmarks_fill_plan_columns() -> None:
    rows = artificial_analysis.parse(load("aa_models.json"), updated="2026-02-01")
    assert_valid(rows, "artificialanalysis")
    got = by_id(rows)
    alpha = got["artificialanalysis/testlab/alpha-mini"]
    assert alpha["gpqa"] == "65.1"
    assert alpha["mmlu"] == "-"  # MMLU-Pro is not MMLU
    assert alpha["math"] == "-"  # MATH-500 is not MATH
    extra = dict(item.split("=") for item in alpha["bench_extra"].split(";"))
    assert extra == {"aa_intelligence": "61.2", "aa_coding": "48.05", "aa_mmlu_pro": "80.3", "aa_hle": "4.5",
                     "aa_livecodebench": "50", "aa_math_500": "97"}
    assert (alpha["tps"], alpha["ttft_ms"]) == ("74.1", "457")
    assert "artificialanalysis.ai" in alpha["source_url"] and "Artificial Analysis" in alpha["notes"]
    empty = got["artificialanalysis/testlab/no-data"]
    assert (empty["tps"], empty["ttft_ms"], empty["bench_extra"]) == ("-", "-", "")


def test_every_fetcher_uses_a_registered_source_and_a_csv_path() -> None:
    for name, f in FETCHERS.items():
        assert f.name == name
        assert f.source_id in SOURCES
        assert f.default_output == f"{f.category}/{f.provider}.csv"


def test_openrouter_fetch_follows_links_next_on_its_own_host() -> None:
    doc = load("openrouter_models.json")
    first = {"data": doc["data"][:3], "links": {"next": "/api/v1/models?offset=3&limit=3"}}
    second = {"data": doc["data"][3:], "links": {"next": None}}
    calls: list[tuple[str, Any]] = []

    class Client:
        def get_json(self, url: str, *, params: Any = None) -> Any:
            calls.append((url, params))
            return first if len(calls) == 1 else second

    merged = openrouter.fetch(Client())  # type: ignore[arg-type]
    assert calls == [(openrouter.MODELS_URL, {"output_modalities": "all"}),
                     ("https://openrouter.ai/api/v1/models?offset=3&limit=3", None)]
    assert len(merged["data"]) == len(doc["data"])
    assert openrouter.parse(merged, updated="2026-02-01") == openrouter.parse(doc, updated="2026-02-01")

    class OffSite:
        def get_json(self, url: str, *, params: Any = None) -> Any:
            return {"data": [], "links": {"next": "https://evil.example/api/v1/models"}}

    with pytest.raises(FetchParseError, match="off-site"):
        openrouter.fetch(OffSite())  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------- shape checks

#: One small response per source, each in that API's real schema.
SAMPLES: dict[str, Any] = {
    "openrouter": lambda: load("openrouter_models.json"),
    "together": lambda: load("together_models.json"),
    "groq": lambda: load("groq_models.json"),
    "bedrock": lambda: load("bedrock_list_us-west-2.json"),
    "replicate": lambda: load("replicate_page1.json"),
    "artificial_analysis": lambda: load("aa_models.json"),
    "huggingface": lambda: [{"id": "testlab/Chat-8B", "downloads": 9, "pipeline_tag": "text-generation",
                             "tags": ["license:mit"], "inferenceProviderMapping": [
                                 {"provider": "groq", "providerId": "c", "status": "live", "task": "conversational"}]}],
}
LABELS = {name: f.shape.label for name, f in FETCHERS.items() if f.shape is not None}


@pytest.mark.parametrize("source", sorted(SAMPLES))
def test_each_sample_is_accepted_only_by_its_own_fetcher(source: str) -> None:
    doc = SAMPLES[source]()
    assert FETCHERS[source].parse(doc, updated="2026-02-01")
    for other, fetcher in FETCHERS.items():
        if other == source:
            continue
        with pytest.raises(FetchParseError) as info:
            fetcher.parse(doc, updated="2026-02-01")
        message = str(info.value)
        assert message.startswith(f"this looks like a{'n' if LABELS[source][0] in 'AEIOU' else ''} "
                                  f"{LABELS[source]} response, not {LABELS[other]}'s"), message
        assert "\n" not in message


def test_every_fetcher_checks_a_shape() -> None:
    assert set(LABELS) == set(FETCHERS) == set(SAMPLES)
    assert len(set(LABELS.values())) == len(LABELS)


def test_unknown_documents_get_a_one_line_reason() -> None:
    with pytest.raises(FetchParseError, match=r"not a Together response: expected a JSON array"):
        together.parse({"hello": "world"}, updated="2026-02-01")
    # the right envelope holding another API's entries: how many entries lack the fields
    with pytest.raises(FetchParseError, match=r"only 0 of 2 entries have canonical_slug"):
        openrouter.parse({"data": [{"id": "a/b"}, {"id": "c/d"}]}, updated="2026-02-01")
    with pytest.raises(FetchParseError, match=r"only 0 of 1 entries have a numeric context_window"):
        groq.parse({"object": "list", "data": [{"id": "x", "context_window": "big", "owned_by": "x"}]},
                   updated="2026-02-01")
    # an empty list is a valid (if useless) response: the guarded write refuses zero rows later
    assert openrouter.parse({"data": []}, updated="2026-02-01") == []


def test_together_prices_must_be_numbers_per_million() -> None:
    doc = load("together_models.json")
    as_strings = [{**m, "pricing": {k: str(v) for k, v in m["pricing"].items()}} for m in doc]
    with pytest.raises(FetchParseError, match="numeric input/output"):
        together.parse(as_strings, updated="2026-01-23")
