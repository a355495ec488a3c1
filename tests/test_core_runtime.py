"""The runtime API over a synthetic registry, and the committed registry's invariants."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from decimal import Decimal

import modelsuite
from modelsuite import _registry


def test_lookup_by_id_alias_and_raw_id(sample_registry: types.ModuleType) -> None:
    by_id = modelsuite.get_model_info("anthropic/claude-sonnet-4-5")
    assert by_id is not None
    assert modelsuite.get_model_info("claude-sonnet-4-5") is by_id
    assert modelsuite.get_model_info("  Claude-Sonnet-4-5 ") is by_id
    assert by_id.pricing.input_per_1m == Decimal("3")
    assert by_id.pricing.cached_input_per_1m == Decimal("0.3")
    assert by_id.capabilities.max_context == 200000
    assert by_id.capabilities.vision and by_id.capabilities.tools and by_id.capabilities.caching
    assert by_id.caps == "VTJSKC"
    assert by_id.provider == "anthropic" and by_id.raw_id == "claude-sonnet-4-5"
    or_entry = modelsuite.get_model_info("meta-llama/llama-3.3-70b-instruct")
    assert or_entry is not None and or_entry.id == "openrouter/meta-llama/llama-3.3-70b-instruct"


def test_unknown_and_odd_keys_return_none(sample_registry: types.ModuleType) -> None:
    assert modelsuite.get_model_info("no-such-model") is None
    assert modelsuite.get_model_info("") is None
    assert modelsuite.get_model_info(123) is None  # type: ignore[arg-type]


def test_unknown_values_are_none(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("openrouter/anthropic/claude-sonnet-4.5")
    assert m is not None
    assert m.pricing.cached_input_per_1m is None
    assert m.capabilities.max_output is None
    assert m.benchmarks.mmlu is None


def test_counts_and_providers(sample_registry: types.ModuleType) -> None:
    models = modelsuite.get_all_models()
    assert modelsuite.MODEL_COUNT == len(models) == 5
    assert models[0].category == "core"
    assert modelsuite.list_providers() == ("anthropic", "google", "groq", "openrouter")
    assert [m.id for m in modelsuite.get_models_by_provider("openrouter")] == [
        "openrouter/anthropic/claude-sonnet-4.5", "openrouter/meta-llama/llama-3.3-70b-instruct"]
    assert modelsuite.get_models_by_provider("nobody") == ()
    assert dict(modelsuite.DATA_SOURCES)["aggregators"] == 2


def test_same_object_until_cache_cleared(sample_registry: types.ModuleType) -> None:
    a = modelsuite.get_model_info("gemini-2.5-pro")
    assert a is modelsuite.get_model_info("google/gemini-2.5-pro")
    modelsuite.clear_cache()
    b = modelsuite.get_model_info("gemini-2.5-pro")
    assert b == a and b is not a


def test_to_dict_is_json_ready(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("gemini-2.5-pro")
    assert m is not None
    d = json.loads(json.dumps(m.to_dict()))
    assert d["pricing"]["tiers"][0]["above_tokens"] == 200000
    assert d["pricing"]["tiers"][0]["input_per_1m"] == "2.5"


def test_import_is_lazy_and_standard_library_only() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import modelsuite\n"
        "assert 'modelsuite._data' not in sys.modules\n"
        "modelsuite.get_model_info('claude-sonnet-4-5')\n"
        "assert 'modelsuite._data' in sys.modules\n"
        "mods = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(sorted(m for m in mods if m not in sys.stdlib_module_names and m != 'modelsuite'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_committed_registry_invariants() -> None:
    """The bundled data: counts agree, every row has provenance, ids are unique."""
    _registry.use_data_module(None)
    models = modelsuite.get_all_models()
    assert modelsuite.MODEL_COUNT == len(models)
    assert len({m.id for m in models}) == len(models)
    for m in models:
        assert m.source and m.quality in ("verified", "partial", "estimated", "unknown")
        assert len(m.updated) == 10
        assert modelsuite.get_model_info(m.id) is m
