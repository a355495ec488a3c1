"""Linking offerings to their underlying model, on real provider ids; the provider-name table."""

from __future__ import annotations

from collections import defaultdict

import pytest

from modelsuite_tools.linking import link_rows
from modelsuite_tools.naming import link_name, model_key, strip_date_suffix
from modelsuite_tools.providers import PROVIDERS, canonical_provider, category_of


def rows_for(ids: list[str], **extra: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for mid in ids:
        row = {"id": mid, "base_model": "", "hf_id": "", "_family": ""}
        row.update(extra.get(mid, {}))
        out.append(row)
    return out


def linked(ids: list[str], **extra: dict[str, str]) -> dict[str, str]:
    rows = rows_for(ids, **extra)
    link_rows(rows)
    return {r["id"]: r["base_model"] for r in rows}


LLAMA_33 = [  # real ids of Llama 3.3 70B offerings
    "groq/llama-3.3-70b-versatile",
    "together/meta-llama/Llama-3.3-70B-Instruct-Turbo",
    "cerebras/llama-3.3-70b",
    "deepinfra/meta-llama/Llama-3.3-70B-Instruct",
    "fireworks/accounts/fireworks/models/llama-v3p3-70b-instruct",
    "bedrock/meta.llama3-3-70b-instruct-v1:0",
    "bedrock/us.meta.llama3-3-70b-instruct-v1:0",
    "openrouter/meta-llama/llama-3.3-70b-instruct",
    "sambanova/Meta-Llama-3.3-70B-Instruct",
]


def test_llama_33_70b_links_across_providers() -> None:
    got = linked(LLAMA_33, **{"openrouter/meta-llama/llama-3.3-70b-instruct":
                              {"base_model": "meta-llama/llama-3.3-70b-instruct"}})
    assert set(got.values()) == {"meta-llama/llama-3.3-70b-instruct"}
    assert len({i.split("/")[0] for i in got}) >= 6


def test_llama_31_8b_does_not_join_llama_33_70b() -> None:
    got = linked([*LLAMA_33[:3], "groq/llama-3.1-8b-instant", "cerebras/llama3.1-8b"])
    assert got["groq/llama-3.1-8b-instant"] == got["cerebras/llama3.1-8b"] == "meta-llama/llama-3.1-8b"
    assert got["groq/llama-3.1-8b-instant"] != got["groq/llama-3.3-70b-versatile"]


def test_claude_on_anthropic_bedrock_vertex_openrouter() -> None:
    ids = ["anthropic/claude-sonnet-4-5-20250929", "bedrock/anthropic.claude-sonnet-4-5-20250929-v1:0",
           "bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0", "vertex/claude-sonnet-4-5@20250929",
           "openrouter/anthropic/claude-sonnet-4.5", "anthropic/claude-haiku-4-5-20251001",
           "anthropic/claude-3-5-sonnet-20241022"]
    got = linked(ids, **{"openrouter/anthropic/claude-sonnet-4.5":
                         {"base_model": "anthropic/claude-4.5-sonnet-20250929"}})
    assert {got[i] for i in ids[:5]} == {"anthropic/claude-sonnet-4.5"}
    assert got["anthropic/claude-haiku-4-5-20251001"] == "anthropic/claude-haiku-4.5"
    assert got["anthropic/claude-3-5-sonnet-20241022"] == "anthropic/claude-3.5-sonnet"


@pytest.mark.parametrize(("ids", "expected"), [
    (["together/deepseek-ai/DeepSeek-V3", "fireworks/accounts/fireworks/models/deepseek-v3",
      "bedrock/deepseek.v3-v1:0", "deepinfra/deepseek-ai/DeepSeek-V3"], "deepseek-ai/deepseek-v3"),
    (["together/deepseek-ai/DeepSeek-R1", "bedrock/us.deepseek.r1-v1:0", "groq/deepseek-r1",
      "sambanova/DeepSeek-R1"], "deepseek-ai/deepseek-r1"),
    (["groq/openai/gpt-oss-120b", "cerebras/gpt-oss-120b", "bedrock/openai.gpt-oss-120b-1:0",
      "fireworks/accounts/fireworks/models/gpt-oss-120b"], "openai/gpt-oss-120b"),
    (["together/Qwen/Qwen3-235B-A22B-Instruct-2507-tput", "deepinfra/Qwen/Qwen3-235B-A22B-Instruct-2507",
      "fireworks/accounts/fireworks/models/qwen3-235b-a22b-instruct-2507"],
     "qwen/qwen3-235b-a22b-instruct-2507"),
    (["bedrock/qwen.qwen3-32b-v1:0", "groq/qwen/qwen3-32b", "cerebras/qwen-3-32b"], "qwen/qwen3-32b"),
    (["mistral/mistral-large-2411", "bedrock/mistral.mistral-large-2411-v1:0",
      "vertex/mistral-large-2411@001"], "mistralai/mistral-large-2411"),
])
def test_open_weight_families_link(ids: list[str], expected: str) -> None:
    assert set(linked(ids).values()) == {expected}


def test_unknown_organisation_stays_unlinked_and_linking_is_idempotent() -> None:
    rows = rows_for(["somecloud/mystery-model-x", *LLAMA_33])
    link_rows(rows)
    assert rows[0]["base_model"] == ""
    first = [r["base_model"] for r in rows]
    link_rows(rows)
    assert [r["base_model"] for r in rows] == first


def test_name_rules() -> None:
    assert strip_date_suffix("gpt-4o-2024-08-06") == "gpt-4o"
    assert strip_date_suffix("deepseek-r1-0528") == "deepseek-r1-0528"  # a release, not a date
    assert link_name("gemini-2-5-pro") == "gemini-2.5-pro"
    assert model_key("Llama-3.3-70B") == model_key("llama3.3-70b-instruct")
    assert model_key("llama-3.3-70b") != model_key("llama-3.1-70b")


def test_provider_table_maps_every_spelling() -> None:
    assert canonical_provider("together_ai", "litellm") == canonical_provider("togetherai", "models.dev") \
        == canonical_provider("together") == "together"
    assert canonical_provider("bedrock_converse", "litellm") == canonical_provider("amazon-bedrock", "models.dev") \
        == "bedrock"
    assert canonical_provider("gemini", "litellm") == canonical_provider("google", "models.dev") == "google"
    assert canonical_provider("vertex_ai-anthropic_models", "litellm") == "vertex"
    assert canonical_provider("fireworks_ai", "litellm") == canonical_provider("fireworks-ai", "models.dev") \
        == "fireworks"
    assert canonical_provider("no-such-provider") is None
    assert category_of("anthropic") == "core" and category_of("cerebras") == "specialized"
    assert category_of("zhipu") == "regional" and category_of("openrouter") == "aggregators"
    assert category_of("huggingface") == "community"
    seen: dict[tuple[str, str], str] = defaultdict(str)
    for p in PROVIDERS:
        for name in p.litellm:
            assert not seen[("litellm", name)], name
            seen[("litellm", name)] = p.id
