"""LiteLLM importer: exact unit conversion, key conventions, tiers, caps, kinds, status."""

from __future__ import annotations

import json

import pytest

from modelsuite_tools.importers import litellm
from modelsuite_tools.importers.base import CatalogError, ImportStats

SNAPSHOT_DATE = "2026-10-25"

# Shaped like real entries of model_prices_and_context_window.json (values as LiteLLM writes them).
DOC_TEXT = json.dumps({
    "sample_spec": {"litellm_provider": "one of https://docs.litellm.ai/docs/providers", "mode": "chat"},
    "claude-sonnet-4-5-20250929": {
        "litellm_provider": "anthropic", "mode": "chat", "input_cost_per_token": 3e-06,
        "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3e-07,
        "cache_creation_input_token_cost": 3.75e-06, "input_cost_per_token_batches": 1.5e-06,
        "output_cost_per_token_batches": 7.5e-06, "max_input_tokens": 200000, "max_output_tokens": 64000,
        "supports_vision": True, "supports_function_calling": True, "supports_prompt_caching": True,
        "supports_reasoning": True, "supports_response_schema": True, "deprecation_date": "2026-11-30",
        "source": "https://docs.anthropic.com/en/docs/about-claude/pricing",
    },
    "gemini/gemini-2.5-pro": {
        "litellm_provider": "gemini", "mode": "chat", "input_cost_per_token": 1.25e-06,
        "output_cost_per_token": 1e-05, "cache_read_input_token_cost": 1.25e-07,
        "input_cost_per_token_above_200k_tokens": 2.5e-06, "output_cost_per_token_above_200k_tokens": 1.5e-05,
        "cache_read_input_token_cost_above_200k_tokens": 2.5e-07, "max_input_tokens": 1048576,
        "max_output_tokens": 65536,
    },
    "dashscope/qwen-flash": {
        "litellm_provider": "dashscope", "mode": "chat",
        "tiered_pricing": [
            {"input_cost_per_token": 5e-08, "output_cost_per_token": 4e-07, "range": [0, 256000.0]},
            {"input_cost_per_token": 2.5e-07, "output_cost_per_token": 2e-06, "range": [256000.0, 1000000.0]},
        ],
    },
    "gpt-3.5-turbo-0301": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.5e-06,
                           "output_cost_per_token": 2e-06, "deprecation_date": "2024-06-13"},
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0": {"litellm_provider": "bedrock_converse", "mode": "chat",
                                                     "input_cost_per_token": 3.3e-06},
    "bedrock/us-west-2/meta.llama3-70b-instruct-v1:0": {"litellm_provider": "bedrock", "mode": "chat",
                                                        "input_cost_per_token": 2.65e-06},
    "bedrock/us-east-1/1-month-commitment/cohere.command-text-v14": {"litellm_provider": "bedrock",
                                                                     "mode": "chat"},
    "low/1024-x-1024/gpt-image-1": {"litellm_provider": "openai", "mode": "image_generation"},
    "fireworks-ai-4.1b-to-16b": {"litellm_provider": "fireworks_ai", "mode": "chat",
                                 "input_cost_per_token": 2e-07},
    "fireworks_ai/accounts/fireworks/models/llama-v3p3-70b-instruct": {
        "litellm_provider": "fireworks_ai", "mode": "chat", "input_cost_per_token": 9e-07},
    "text-embedding-3-small": {"litellm_provider": "openai", "mode": "embedding", "input_cost_per_token": 2e-08},
    "tavily/search": {"litellm_provider": "tavily", "mode": "search"},
    "together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo": {"litellm_provider": "together_ai", "mode": "chat"},
})


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    stats = ImportStats()
    out = litellm.parse(litellm.load(DOC_TEXT.encode()), updated=SNAPSHOT_DATE, stats=stats)
    assert stats.skipped
    return {(r["id"] + ("@" + r["region"] if r["region"] else "")): r for r in out}


def test_per_token_prices_become_exact_per_million(rows: dict[str, dict[str, str]]) -> None:
    r = rows["anthropic/claude-sonnet-4-5-20250929"]
    prices = (r["input_per_1m"], r["output_per_1m"], r["cache_per_1m"], r["cache_write_per_1m"])
    assert prices == ("3", "15", "0.3", "3.75")
    assert (r["batch_input_per_1m"], r["batch_output_per_1m"]) == ("1.5", "7.5")
    assert rows["google/gemini-2.5-pro"]["cache_per_1m"] == "0.125"
    assert rows["openai/text-embedding-3-small"]["input_per_1m"] == "0.02"


def test_limits_caps_url_and_snapshot_date(rows: dict[str, dict[str, str]]) -> None:
    r = rows["anthropic/claude-sonnet-4-5-20250929"]
    assert (r["max_context"], r["max_output"]) == ("200000", "64000")
    assert r["caps"] == "VTJSKC"
    assert r["updated"] == SNAPSHOT_DATE and r["source"] == "litellm"
    assert r["source_url"] == "https://docs.anthropic.com/en/docs/about-claude/pricing"


def test_above_200k_fields_and_ranges_become_tiers(rows: dict[str, dict[str, str]]) -> None:
    assert rows["google/gemini-2.5-pro"]["tiers"] == "200000=2.5/15/0.25"
    qwen = rows["alibaba/qwen-flash"]
    assert (qwen["input_per_1m"], qwen["output_per_1m"]) == ("0.05", "0.4")
    assert qwen["tiers"] == "256000=0.25/2/-1"


def test_deprecation_date_sets_status_only_when_past(rows: dict[str, dict[str, str]]) -> None:
    old = rows["openai/gpt-3.5-turbo-0301"]
    assert (old["status"], old["deprecation_date"]) == ("D", "2024-06-13")
    future = rows["anthropic/claude-sonnet-4-5-20250929"]
    assert (future["status"], future["deprecation_date"]) == ("C", "2026-11-30")


def test_key_conventions(rows: dict[str, dict[str, str]]) -> None:
    assert "bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0" in rows  # geo prefix kept, converse = bedrock
    assert rows["bedrock/meta.llama3-70b-instruct-v1:0@us-west-2"]["region"] == "us-west-2"
    assert "fireworks/accounts/fireworks/models/llama-v3p3-70b-instruct" in rows
    assert "together/meta-llama/Llama-3.3-70B-Instruct-Turbo" in rows
    ids = set(rows)
    assert not any("commitment" in i or "1024-x-1024" in i or "4.1b-to-16b" in i or "tavily" in i for i in ids)
    assert not any(i.startswith("one of") for i in ids)


def test_mode_becomes_kind(rows: dict[str, dict[str, str]]) -> None:
    assert rows["openai/text-embedding-3-small"]["kind"] == "embedding"
    assert rows["anthropic/claude-sonnet-4-5-20250929"]["kind"] == ""


@pytest.mark.parametrize("raw", [b"{not json", b"[1, 2]", b"\xff\xfe", b'{"a": {"mode": "chat"}}'])
def test_bad_documents_raise_one_line_errors(raw: bytes) -> None:
    with pytest.raises(CatalogError) as info:
        litellm.load(raw)
    assert "\n" not in str(info.value)


def _one(entries: dict[str, object], key: str, date: str = SNAPSHOT_DATE) -> dict[str, str]:
    doc = litellm.load(json.dumps(entries).encode())
    rows = {r["_key"]: r for r in litellm.parse(doc, updated=date)}
    return rows[key]


def test_unit_priced_and_non_token_entries_never_yield_a_zero_token_price() -> None:
    entries = {
        "dall-e-3": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_token": 0,
                     "output_cost_per_token": 0, "output_cost_per_image": 0.04},
        "whisper-1": {"litellm_provider": "openai", "mode": "audio_transcription", "input_cost_per_token": 0,
                      "output_cost_per_token": 0},
        "tts-1": {"litellm_provider": "openai", "mode": "audio_speech", "input_cost_per_character": 1.5e-05,
                  "output_cost_per_token": 0},
        "gpt-4o-mini": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1.5e-07,
                        "output_cost_per_token": 6e-07, "search_context_cost_per_query": {"low": 0.025}},
        "mistral/free-chat": {"litellm_provider": "mistral", "mode": "chat", "input_cost_per_token": 0,
                              "output_cost_per_token": 0},
    }
    img = _one(entries, "dall-e-3")
    assert (img["input_per_1m"], img["output_per_1m"]) == ("-1", "-1")
    assert "output_cost_per_image=0.04" in img["notes"]
    stt = _one(entries, "whisper-1")
    assert (stt["input_per_1m"], stt["output_per_1m"]) == ("-1", "-1") and "audio_transcription" in stt["notes"]
    tts = _one(entries, "tts-1")
    assert tts["output_per_1m"] == "-1" and "input_cost_per_character=0.000015" in tts["notes"]
    chat = _one(entries, "gpt-4o-mini")  # real token prices stay, the unit cost is noted
    assert (chat["input_per_1m"], chat["output_per_1m"]) == ("0.15", "0.6")
    # a lone catalog 0 is held as unknown until an independent source confirms it (see verify)
    free = _one(entries, "mistral/free-chat")
    assert (free["input_per_1m"], free["output_per_1m"], free["_zero"]) == ("-1", "-1", "input_per_1m,output_per_1m")


def test_image_token_output_price_only_for_image_models() -> None:
    entries = {
        "gpt-image-1": {"litellm_provider": "openai", "mode": "image_generation", "input_cost_per_token": 5e-06,
                        "output_cost_per_image_token": 4e-05},
        "gemini/gemini-2.5-flash-image": {"litellm_provider": "gemini", "mode": "chat",
                                          "input_cost_per_token": 3e-07, "output_cost_per_token": 2.5e-06,
                                          "output_cost_per_image_token": 3e-05},
    }
    img = _one(entries, "gpt-image-1")
    assert (img["input_per_1m"], img["output_per_1m"], img["kind"]) == ("5", "40", "image")
    assert "output_cost_per_image_token" in img["notes"]
    chat = _one(entries, "gemini/gemini-2.5-flash-image")
    assert chat["output_per_1m"] == "2.5" and "image_token" not in chat["notes"]


def test_deprecation_on_the_snapshot_date_is_d_and_provider_rules_apply() -> None:
    entries = {
        "gpt-4-0613": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-05,
                       "output_cost_per_token": 6e-05, "deprecation_date": SNAPSHOT_DATE},
        "gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 2.5e-06,
                   "output_cost_per_token": 1e-05, "deprecation_date": "2026-10-26"},
        "fireworks_ai/glm-5p1": {"litellm_provider": "fireworks_ai", "mode": "chat",
                                 "input_cost_per_token": 1.4e-06, "output_cost_per_token": 4.4e-06},
        "perplexity/anthropic/claude-opus-4-6": {"litellm_provider": "perplexity", "mode": "chat",
                                                 "input_cost_per_token": 5e-06, "output_cost_per_token": 2.5e-05},
        "perplexity/sonar": {"litellm_provider": "perplexity", "mode": "chat", "input_cost_per_token": 1e-06,
                             "output_cost_per_token": 1e-06},
        "github_copilot/gpt-4.1": {"litellm_provider": "github_copilot", "mode": "chat",
                                   "input_cost_per_token": 0, "output_cost_per_token": 0},
    }
    assert _one(entries, "gpt-4-0613")["status"] == "D"
    assert _one(entries, "gpt-4o")["status"] == "C"
    assert _one(entries, "fireworks_ai/glm-5p1")["id"] == "fireworks/accounts/fireworks/models/glm-5p1"
    assert _one(entries, "perplexity/anthropic/claude-opus-4-6")["id"] == "perplexity-agent/anthropic/claude-opus-4-6"
    assert _one(entries, "perplexity/sonar")["id"] == "perplexity/sonar"
    sub = _one(entries, "github_copilot/gpt-4.1")
    assert (sub["input_per_1m"], sub["output_per_1m"], sub["notes"]) == ("-1", "-1", "subscription; no per-token price")


def test_tiered_pricing_base_range_gives_the_base_prices_including_cache() -> None:
    entries = {
        "dashscope/qwen-x-plus": {"litellm_provider": "dashscope", "mode": "chat", "max_input_tokens": 991808,
                                  "tiered_pricing": [
                                      {"cache_read_input_token_cost": 8e-08, "input_cost_per_token": 4e-07,
                                       "output_cost_per_token": 1.6e-06, "range": [0, 256000.0]},
                                      {"cache_read_input_token_cost": 2.4e-07, "input_cost_per_token": 1.2e-06,
                                       "output_cost_per_token": 4.8e-06, "range": [256000.0, 1000000.0]}]},
    }
    row = _one(entries, "dashscope/qwen-x-plus")
    assert (row["input_per_1m"], row["output_per_1m"], row["cache_per_1m"]) == ("0.4", "1.6", "0.08")
    assert row["tiers"] == "256000=1.2/4.8/0.24"
    assert "C" in row["caps"]

