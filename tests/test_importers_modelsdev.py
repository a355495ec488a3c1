"""models.dev importer: per-1M costs, tiers, limits, modalities and flags, status, family, doc URL."""

from __future__ import annotations

import gzip
import json

import pytest

from modelsuite_tools.importers import modelsdev
from modelsuite_tools.importers.base import CatalogError

DOC = {
    "google": {"id": "google", "doc": "https://ai.google.dev/gemini-api/docs/models", "models": {
        "gemini-2.5-pro": {
            "id": "gemini-2.5-pro", "name": "Gemini 2.5 Pro", "family": "gemini-pro", "reasoning": True,
            "tool_call": True, "structured_output": True,
            "cost": {"input": 1.25, "output": 10, "cache_read": 0.125,
                     "tiers": [{"input": 2.5, "output": 15, "cache_read": 0.25,
                                "tier": {"size": 200000, "type": "context"}}]},
            "limit": {"context": 1048576, "output": 65536},
            "modalities": {"input": ["text", "image", "pdf"], "output": ["text"]},
        },
        "gemini-1.5-flash": {"id": "gemini-1.5-flash", "name": "Gemini 1.5 Flash", "status": "deprecated",
                             "cost": {"input": 0.075, "output": 0.3, "context_over_200k": {"input": 0.15,
                                                                                         "output": 0.6}},
                             "limit": {"context": 1000000, "output": 0},
                             "modalities": {"input": ["text"], "output": ["text"]}},
    }},
    "togetherai": {"id": "togetherai", "doc": "https://docs.together.ai/docs/serverless-models", "models": {
        "meta-llama/Llama-3.3-70B-Instruct-Turbo": {"id": "meta-llama/Llama-3.3-70B-Instruct-Turbo",
                                                    "name": "Llama 3.3 70B", "cost": {"input": 0.88, "output": 0.88},
                                                    "limit": {"context": 131072, "output": 0}},
    }},
    "huggingface": {"id": "huggingface", "doc": "https://huggingface.co/docs/inference-providers", "models": {
        "Qwen/Qwen3-235B-A22B-Thinking-2507": {"id": "Qwen/Qwen3-235B-A22B-Thinking-2507", "name": "Qwen3",
                                               "reasoning": True, "cost": {"input": 0.3, "output": 3},
                                               "limit": {"context": 262144, "output": 131072}},
    }},
    "zai-coding-plan": {"id": "zai-coding-plan", "models": {"glm-4.6": {"id": "glm-4.6", "cost": {"input": 0}}}},
}


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, str]]:
    raw = json.dumps(DOC).encode()
    return {r["id"]: r for r in modelsdev.parse(modelsdev.load(raw), updated="2026-05-21")}


def test_costs_tiers_limits_and_flags(rows: dict[str, dict[str, str]]) -> None:
    r = rows["google/gemini-2.5-pro"]
    assert (r["input_per_1m"], r["output_per_1m"], r["cache_per_1m"]) == ("1.25", "10", "0.125")
    assert r["tiers"] == "200000=2.5/15/0.25"
    assert (r["max_context"], r["max_output"]) == ("1048576", "65536")
    assert r["caps"] == "VTJSKC"
    assert r["input_modalities"] == "text+image+file"
    assert r["_family"] == "gemini-pro"
    assert r["source_url"] == "https://ai.google.dev/gemini-api/docs/models"
    assert r["updated"] == "2026-05-21" and r["source"] == "models.dev"


def test_context_over_200k_fallback_zero_limits_and_status(rows: dict[str, dict[str, str]]) -> None:
    r = rows["google/gemini-1.5-flash"]
    assert r["tiers"] == "200000=0.15/0.6/-1"
    assert r["max_output"] == "-1"
    assert r["status"] == "D"
    assert r["caps"] == ""


def test_provider_names_are_mapped_and_plans_skipped(rows: dict[str, dict[str, str]]) -> None:
    assert "together/meta-llama/Llama-3.3-70B-Instruct-Turbo" in rows
    assert rows["huggingface/Qwen/Qwen3-235B-A22B-Thinking-2507"]["hf_id"] == "Qwen/Qwen3-235B-A22B-Thinking-2507"
    assert not any(i.startswith(("zai", "zai-coding-plan")) for i in rows)


def test_gzipped_document_loads_the_same() -> None:
    raw = json.dumps(DOC).encode()
    assert modelsdev.parse(modelsdev.load(gzip.compress(raw)), updated="x") == \
        modelsdev.parse(modelsdev.load(raw), updated="x")


@pytest.mark.parametrize("raw", [b"", b"{}", b'{"a": 1}', b"\x1f\x8bnot-gzip"])
def test_bad_documents_raise_one_line_errors(raw: bytes) -> None:
    with pytest.raises(CatalogError) as info:
        modelsdev.load(raw)
    assert "\n" not in str(info.value)


def test_zero_cost_is_unknown_except_free_local_and_marks_it_for_confirmation() -> None:
    doc = {
        "groq": {"id": "groq", "models": {"allam-2-7b": {"id": "allam-2-7b", "cost": {"input": 0, "output": 0}}}},
        "openrouter": {"id": "openrouter", "models": {
            "x/y:free": {"id": "x/y:free", "cost": {"input": 0, "output": 0}}}},
        "lmstudio": {"id": "lmstudio", "models": {"qwen3-8b": {"id": "qwen3-8b", "cost": {"input": 0, "output": 0}}}},
        "gitlab": {"id": "gitlab", "models": {"duo": {"id": "duo", "cost": {"input": 0, "output": 0}}}},
        "perplexity-agent": {"id": "perplexity-agent", "models": {
            "anthropic/claude-opus-4-6": {"id": "anthropic/claude-opus-4-6", "cost": {"input": 5, "output": 25}}}},
        "huggingface": {"id": "huggingface", "models": {
            "Qwen/Qwen3-8B": {"id": "Qwen/Qwen3-8B", "cost": {"input": 0.1, "output": 0.2}}}},
    }
    rows = {r["id"]: r for r in modelsdev.parse(doc, updated="2026-05-21")}
    allam = rows["groq/allam-2-7b"]
    assert (allam["input_per_1m"], allam["output_per_1m"], allam["_zero"]) == ("-1", "-1", "input_per_1m,output_per_1m")
    assert (rows["openrouter/x/y:free"]["input_per_1m"], rows["lmstudio/qwen3-8b"]["output_per_1m"]) == ("0", "0")
    duo = rows["gitlab/duo"]
    assert (duo["input_per_1m"], duo["notes"]) == ("-1", "subscription; no per-token price")
    assert rows["perplexity-agent/anthropic/claude-opus-4-6"]["input_per_1m"] == "5"
    assert rows["huggingface/Qwen/Qwen3-8B"]["hf_id"] == "Qwen/Qwen3-8B"


def test_a_provider_billing_only_in_another_currency_gets_no_usd_price() -> None:
    doc = {"zhipuai": {"id": "zhipuai", "models": {
        "glm-5.1": {"id": "glm-5.1", "cost": {"input": 6, "output": 24, "cache_read": 1.3}},
        "glm-4.5-flash": {"id": "glm-4.5-flash", "cost": {"input": 0, "output": 0}}}},
        "zai": {"id": "zai", "models": {"glm-5.1": {"id": "glm-5.1", "cost": {"input": 1.4, "output": 4.4}}}}}
    rows = {r["id"]: r for r in modelsdev.parse(doc, updated="2026-05-21")}
    glm = rows["zhipu/glm-5.1"]
    assert (glm["input_per_1m"], glm["output_per_1m"], glm["cache_per_1m"]) == ("-1", "-1", "-1")
    assert glm["notes"] == "bills only in CNY; the catalog's USD figure 6/24 (in/out per 1M) is not a list price"
    assert "_zero" not in rows["zhipu/glm-4.5-flash"] and rows["zhipu/glm-4.5-flash"]["notes"] == ""
    assert (rows["zai/glm-5.1"]["input_per_1m"], rows["zai/glm-5.1"]["notes"]) == ("1.4", "")  # z.ai bills in USD
