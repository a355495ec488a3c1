"""estimate_cost: exact Decimal arithmetic, tiers billed as providers bill them, no silent $0."""

from __future__ import annotations

import types
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import modelsuite
from modelsuite import PriceUnknownError, cost_breakdown, estimate_cost
from tests.support import build_module, make_row, registry_from, write_data_dir


def test_done_when_checks(sample_registry: types.ModuleType) -> None:
    assert estimate_cost("claude-sonnet-4-5", 1_000_000, 1_000_000) == Decimal("18")
    assert estimate_cost("claude-sonnet-4-5", 0, 0, cached_input_tokens=1_000_000) == Decimal("0.30")
    assert estimate_cost("gemini-2.5-pro", 300_000, 0) == Decimal("0.75")


def test_result_is_exact_and_plainly_formatted(sample_registry: types.ModuleType) -> None:
    cost = estimate_cost("claude-sonnet-4-5", 1_000_000, 1_000_000)
    assert isinstance(cost, Decimal)
    assert str(cost) == "18"
    assert str(estimate_cost("anthropic/claude-sonnet-4-5", 1, 0)) == "0.000003"
    # 0.1 + 0.2 style float error never appears
    assert estimate_cost("groq/llama-3.3-70b-versatile", 100_000, 200_000) == Decimal("0.217")
    assert estimate_cost("claude-sonnet-4-5", 0, 0) == 0


def test_model_info_is_accepted(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("gemini-2.5-pro")
    assert m is not None
    assert estimate_cost(m, 1000, 1000) == estimate_cost("google/gemini-2.5-pro", 1000, 1000) == Decimal("0.01125")


def test_tier_bills_every_token_once_the_prompt_exceeds_it(sample_registry: types.ModuleType) -> None:
    # at the threshold: base rates; one token above: every token at the tier's rates
    assert estimate_cost("gemini-2.5-pro", 200_000, 1000) == Decimal("0.26")  # 0.25 + 0.01
    assert estimate_cost("gemini-2.5-pro", 200_001, 1000) == Decimal("0.5150025")  # 200001*2.5e-6 + 0.015
    # cached tokens count toward the prompt and are billed at the tier's cache rate
    assert estimate_cost("gemini-2.5-pro", 100_000, 0, cached_input_tokens=100_001) == Decimal("0.27500025")
    est = cost_breakdown("gemini-2.5-pro", 300_000, 10_000)
    assert est.tier_above_tokens == 200_000
    assert [(ln.kind, ln.per_1m) for ln in est.lines if ln.tokens] == [
        ("input", Decimal("2.5")),
        ("output", Decimal(15)),
    ]


def test_extended_context_tier_needs_opt_in(sample_registry: types.ModuleType) -> None:
    # claude-sonnet-4-5: 200k context, tier 200000=6/22.5/0.6 belongs to the opt-in 1M window
    assert estimate_cost("claude-sonnet-4-5", 300_000, 0) == Decimal("0.9")
    assert estimate_cost("claude-sonnet-4-5", 300_000, 0, long_context=True) == Decimal("1.8")
    assert estimate_cost("claude-sonnet-4-5", 100_000, 0, long_context=True) == Decimal("0.3")


def test_cache_write_prices(sample_registry: types.ModuleType) -> None:
    assert estimate_cost("claude-sonnet-4-5", 0, 0, cache_write_tokens=1_000_000) == Decimal("3.75")
    with pytest.raises(PriceUnknownError, match="cache write"):
        estimate_cost("gemini-2.5-pro", 0, 0, cache_write_tokens=1)


def test_unknown_price_raises_never_zero(sample_registry: types.ModuleType) -> None:
    # the OpenRouter Claude offering has no cached price in the sample
    with pytest.raises(PriceUnknownError) as info:
        estimate_cost("openrouter/anthropic/claude-sonnet-4.5", 10, 10, cached_input_tokens=5)
    err = info.value
    assert isinstance(err, LookupError)
    assert err.model_id == "openrouter/anthropic/claude-sonnet-4.5"
    assert err.price == "cached input"
    assert "openrouter/anthropic/claude-sonnet-4.5" in str(err) and "cached input" in str(err)
    # a zero count never needs the price
    assert estimate_cost("openrouter/anthropic/claude-sonnet-4.5", 10, 10) == Decimal("0.00018")


def test_batch_prices(tmp_path: Path) -> None:
    rows = {
        "core/acme": [
            make_row(
                "acme/m",
                name="M",
                input_per_1m="2",
                output_per_1m="8",
                cache_per_1m="0.5",
                max_context="128000",
                batch_input_per_1m="1",
                batch_output_per_1m="4",
            ),
            make_row("acme/nobatch", name="N", input_per_1m="2", output_per_1m="8", max_context="128000"),
            make_row(
                "acme/tiered",
                name="T",
                input_per_1m="1",
                output_per_1m="2",
                max_context="1000000",
                batch_input_per_1m="0.5",
                batch_output_per_1m="1",
                tiers="100000=2/4/-1;500000=3/6/0.3",
            ),
        ]
    }
    module = build_module(write_data_dir(tmp_path / "d", rows), tmp_path / "o")
    with registry_from(module):
        assert estimate_cost("acme/m", 1_000_000, 1_000_000, batch=True) == Decimal(5)
        assert estimate_cost("acme/m", 1_000_000, 1_000_000) == Decimal(10)
        with pytest.raises(PriceUnknownError, match="batch input"):
            estimate_cost("acme/nobatch", 1, 0, batch=True)
        with pytest.raises(PriceUnknownError, match="batch cached input"):
            estimate_cost("acme/m", 1, 0, cached_input_tokens=1, batch=True)
        # several tiers: the highest one the prompt exceeds wins
        assert estimate_cost("acme/tiered", 100_000, 0) == Decimal("0.1")
        assert estimate_cost("acme/tiered", 100_001, 1) == Decimal("0.200006")
        assert estimate_cost("acme/tiered", 500_001, 1) == Decimal("1.500009")
        # an unknown tier price is an error only when needed
        with pytest.raises(PriceUnknownError, match=r"cached input.*above 100000"):
            estimate_cost("acme/tiered", 100_001, 0, cached_input_tokens=1)
        assert estimate_cost("acme/tiered", 500_000, 0, cached_input_tokens=1) == Decimal("1.5000003")
        with pytest.raises(PriceUnknownError, match="batch"):
            estimate_cost("acme/tiered", 200_000, 0, batch=True)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((-1, 0), ValueError),
        ((0, -5), ValueError),
        ((0, 0, -1), ValueError),
        ((0, 0, 0, -1), ValueError),
        ((1.5, 0), TypeError),
        (("10", 0), TypeError),
        ((True, 0), TypeError),
    ],
)
def test_bad_token_counts(sample_registry: types.ModuleType, args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        estimate_cost("claude-sonnet-4-5", *args)  # type: ignore[arg-type]


def test_unknown_model(sample_registry: types.ModuleType) -> None:
    with pytest.raises(modelsuite.ModelNotFoundError):
        estimate_cost("no-such-model", 1, 1)


@pytest.fixture(scope="module")
def big_prices(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    tmp = tmp_path_factory.mktemp("big")
    rows = {
        "core/acme": [
            make_row(
                "acme/precise",
                name="P",
                input_per_1m="1999.123456789012",
                output_per_1m="0.000000000001",
                max_context="128000",
            )
        ]
    }
    return build_module(write_data_dir(tmp / "d", rows), tmp / "o")


@settings(max_examples=50, deadline=None)
@given(inp=st.integers(0, 10**15), out=st.integers(0, 10**15))
def test_no_rounding_even_at_extremes(big_prices: types.ModuleType, inp: int, out: int) -> None:
    with registry_from(big_prices):
        cost = estimate_cost("acme/precise", inp, out)
    with localcontext(prec=100):
        exact = Decimal(inp) * Decimal("1999.123456789012") + Decimal(out) * Decimal("0.000000000001")
        assert cost * 1_000_000 == exact


def test_long_context_beyond_the_window_without_a_tier_is_unknown(sample_registry: object) -> None:
    from modelsuite.cost import PriceUnknownError, estimate_cost

    # gemini-2.5-pro's window is 1,048,576 tokens; with long_context a larger prompt has no price
    with pytest.raises(PriceUnknownError, match="exceeds the 1048576-token context window"):
        estimate_cost("gemini-2.5-pro", 2_000_000, 0, long_context=True)
    # without long_context the same tokens are priced as a total over many requests
    assert estimate_cost("gemini-2.5-pro", 2_000_000, 0) == Decimal("5")



def _hand_made(model: modelsuite.ModelInfo, pricing: modelsuite.Pricing,
               max_context: int | None) -> modelsuite.ModelInfo:
    caps = model.capabilities
    return modelsuite.ModelInfo(
        model.id, model.alias, model.name, model.provider, model.category, model.status, model.kind, pricing,
        modelsuite.Capabilities(max_context, caps.max_output, caps.vision, caps.tools, caps.json_mode,
                                caps.structured_output, caps.thinking, caps.caching),
        model.benchmarks, model.description, model.can_classify, model.source, model.quality, model.updated,
        model.base_model, model.hf_id, model.region, model.deprecation_date, model.source_url, model.notes)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(["claude-sonnet-4-5", "gemini-2.5-pro", "groq/llama-3.3-70b-versatile"]),
    inp=st.integers(0, 10**9), out=st.integers(0, 10**9), cached=st.integers(0, 10**6),
    long_context=st.booleans(),
)
def test_the_fast_path_equals_the_itemized_total(
        sample_registry: types.ModuleType, name: str, inp: int, out: int, cached: int, long_context: bool) -> None:
    try:
        expected = cost_breakdown(name, inp, out, cached, long_context=long_context).total
    except PriceUnknownError:
        with pytest.raises(PriceUnknownError):
            estimate_cost(name, inp, out, cached, long_context=long_context)
        return
    got = estimate_cost(name, inp, out, cached, long_context=long_context)
    assert (got, str(got)) == (expected, str(expected))


def test_hand_made_models_with_finer_prices_or_another_window(sample_registry: types.ModuleType) -> None:
    base = modelsuite.get_model_info("gemini-2.5-pro")
    assert base is not None
    fine = modelsuite.Pricing(Decimal("0.0000000000001"), Decimal("1.0000000000001"), None, None, None, None)
    m = _hand_made(base, fine, base.capabilities.max_context)  # 13 decimals: the exact Decimal path
    assert estimate_cost(m, 10**6, 10**6) == Decimal("1.0000000000002")
    estimate_cost("gemini-2.5-pro", 1, 1)  # the registry's own model is cached under the same id ...
    small = _hand_made(base, base.pricing, 100_000)  # ... a smaller window turns its tier into an opt-in one
    assert estimate_cost(small, 300_000, 0) == Decimal("0.375")
    assert estimate_cost(small, 300_000, 0, long_context=True) == Decimal("0.75")
    assert estimate_cost("gemini-2.5-pro", 300_000, 0) == Decimal("0.75")
