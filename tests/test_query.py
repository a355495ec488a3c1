"""find_models, offerings and the quality helpers over a synthetic registry built through the real pipeline."""

from __future__ import annotations

import types
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import modelsuite
from modelsuite import query
from modelsuite._model import ModelInfo
from modelsuite_tools.naming import normalize_model_name
from tests.support import build_module, make_row, registry_from, write_data_dir

ROWS = {
    "core/alpha": [
        make_row(
            "alpha/big",
            alias="big",
            name="Alpha Big",
            input_per_1m="2",
            output_per_1m="8",
            cache_per_1m="0.2",
            max_context="1000000",
            max_output="100000",
            caps="VTJSKC",
            mmlu="90",
            gpqa="70",
            base_model="shared/model-x",
            source="litellm+models.dev",
            quality="verified",
        ),
        make_row(
            "alpha/small",
            alias="small",
            name="Alpha Small",
            input_per_1m="0.1",
            output_per_1m="0.4",
            max_context="128000",
            max_output="8192",
            caps="TJ",
            mmlu="70",
            can_classify="Y",
            description="Fast router for ticket triage",
        ),
        make_row(
            "alpha/old",
            name="Alpha Old",
            status="D",
            input_per_1m="1",
            output_per_1m="2",
            max_context="32000",
            deprecation_date="2026-01-01",
        ),
        make_row(
            "alpha/embed",
            name="Alpha Embed",
            kind="embedding",
            input_per_1m="0.02",
            output_per_1m="0",
            max_context="8192",
        ),
    ],
    "specialized/beta": [
        make_row(
            "beta/model-x",
            name="Model X on Beta",
            status="L",
            input_per_1m="1.5",
            output_per_1m="6",
            max_context="200000",
            caps="TJ",
            base_model="shared/model-x",
            quality="estimated",
            source="estimated",
        ),
        make_row("beta/unpriced", name="Beta Unpriced", caps="V"),
        make_row(
            "beta/exact",
            name="Beta Exact",
            input_per_1m="0.3",
            output_per_1m="0.6",
            max_context="64000",
            max_output="-1",
        ),
        make_row(
            "beta/above", name="Beta Above", input_per_1m="0.300000000001", output_per_1m="0.6", max_context="64000"
        ),
    ],
    "aggregators/gamma": [
        make_row(
            "gamma/shared/model-x",
            name="Gamma: Model X",
            input_per_1m="2",
            output_per_1m="8",
            max_context="1000000",
            caps="VTJ",
            source="openrouter-api",
        ),
        make_row(
            "gamma/shared/model-x:free",
            name="Gamma: Model X (free)",
            input_per_1m="0",
            output_per_1m="0",
            max_context="1000000",
            caps="VTJ",
            source="openrouter-api",
        ),
        make_row(
            "gamma/shared/model-x-mystery",
            name="Gamma: Model X mystery price",
            base_model="shared/model-x",
            max_context="1000000",
            source="openrouter-api",
        ),
    ],
}


@pytest.fixture(scope="module")
def query_module(tmp_path_factory: pytest.TempPathFactory) -> types.ModuleType:
    base = tmp_path_factory.mktemp("query")
    return build_module(write_data_dir(base / "data", ROWS), base / "out")


@pytest.fixture
def reg(query_module: types.ModuleType) -> Iterator[types.ModuleType]:
    with registry_from(query_module) as module:
        yield module


def ids(models: tuple[ModelInfo, ...]) -> list[str]:
    return [m.id for m in models]


def test_no_filter_returns_every_model_in_registry_order(reg: types.ModuleType) -> None:
    assert ids(modelsuite.find_models()) == [m.id for m in modelsuite.get_all_models()]
    assert len(modelsuite.find_models()) == 11


def test_results_are_the_registry_objects(reg: types.ModuleType) -> None:
    (m,) = modelsuite.find_models(provider="alpha", can_classify=True)
    assert m is modelsuite.get_model_info("alpha/small")


def test_provider_and_category(reg: types.ModuleType) -> None:
    assert set(ids(modelsuite.find_models(provider="beta"))) == {
        "beta/model-x",
        "beta/unpriced",
        "beta/exact",
        "beta/above",
    }
    assert ids(modelsuite.find_models(provider="ALPHA, gamma", category="aggregators")) == [
        "gamma/shared/model-x",
        "gamma/shared/model-x-mystery",
        "gamma/shared/model-x:free",
    ]
    with pytest.raises(ValueError, match="unknown provider 'nobody'"):
        modelsuite.find_models(provider="nobody")
    with pytest.raises(ValueError, match="unknown kind 'chatt'"):
        modelsuite.find_models(kind="chatt")


def test_capability_flags_require_and_exclude(reg: types.ModuleType) -> None:
    assert ids(modelsuite.find_models(thinking=True)) == ["alpha/big"]
    vision = set(ids(modelsuite.find_models(vision=True)))
    assert vision == {"alpha/big", "beta/unpriced", "gamma/shared/model-x", "gamma/shared/model-x:free"}
    assert set(ids(modelsuite.find_models(vision=True, caching=False))) == vision - {"alpha/big"}
    assert ids(modelsuite.find_models(tools=True, vision=False, provider="alpha")) == ["alpha/small"]


def test_limits_leave_out_unknown(reg: types.ModuleType) -> None:
    assert set(ids(modelsuite.find_models(min_context=1_000_000))) == {
        "alpha/big",
        "gamma/shared/model-x",
        "gamma/shared/model-x:free",
        "gamma/shared/model-x-mystery",
    }
    assert ids(modelsuite.find_models(min_output=8192)) == ["alpha/big", "alpha/small"]
    assert "beta/unpriced" not in ids(modelsuite.find_models(min_context=1))


def test_price_bounds_are_exact_and_leave_out_unknown(reg: types.ModuleType) -> None:
    cheap = set(ids(modelsuite.find_models(max_input_price="0.3")))
    assert "beta/exact" in cheap
    assert "beta/above" not in cheap  # 0.300000000001 > 0.3, even though the floats are close
    assert "beta/unpriced" not in cheap
    assert set(ids(modelsuite.find_models(max_input_price=Decimal("0.300000000001")))) == cheap | {"beta/above"}
    assert set(ids(modelsuite.find_models(max_output_price=0))) == {"alpha/embed", "gamma/shared/model-x:free"}


def test_status_kind_quality(reg: types.ModuleType) -> None:
    assert ids(modelsuite.find_models(status="D")) == ["alpha/old"]
    assert ids(modelsuite.find_models(status=["deprecated", "legacy"])) == ["alpha/old", "beta/model-x"]
    assert ids(modelsuite.find_models(kind="embedding")) == ["alpha/embed"]
    assert "alpha/embed" not in ids(modelsuite.find_models(kind="chat"))
    assert ids(modelsuite.find_models(quality="verified")) == ["alpha/big"]
    assert ids(modelsuite.find_models(quality="estimated")) == ["beta/model-x"]


def test_bad_arguments_raise(reg: types.ModuleType) -> None:
    with pytest.raises(ValueError, match="unknown status"):
        modelsuite.find_models(status="retired")
    with pytest.raises(ValueError, match="unknown sort_by"):
        modelsuite.find_models(sort_by="popularity")
    with pytest.raises(ValueError, match="limit"):
        modelsuite.find_models(limit=-1)
    with pytest.raises(ValueError, match="max_input_price"):
        modelsuite.find_models(max_input_price="cheap")
    with pytest.raises(TypeError):
        modelsuite.find_models(min_context="big")  # type: ignore[arg-type]


def test_quality_score_filter_and_helpers(reg: types.ModuleType) -> None:
    assert modelsuite.quality_score("alpha/big") == 80.0
    assert modelsuite.quality_score("alpha/old") is None
    assert ids(modelsuite.find_models(min_quality_score=75)) == ["alpha/big"]
    assert ids(modelsuite.find_models(min_quality_score=70)) == ["alpha/big", "alpha/small"]
    assert modelsuite.blended_price("alpha/big") == Decimal("10")
    assert modelsuite.blended_price("alpha/big", 3, 1) == Decimal("14")
    assert modelsuite.blended_price("beta/unpriced") is None
    assert modelsuite.quality_per_dollar("alpha/small") == pytest.approx(70 / 0.5)
    assert modelsuite.quality_per_dollar("alpha/old") is None
    assert ids(modelsuite.find_models(sort_by="-value", limit=1)) == ["alpha/small"]


def test_text_search_ranks_exact_then_name_then_description(reg: types.ModuleType) -> None:
    assert ids(modelsuite.find_models(text="triage")) == ["alpha/small"]
    assert ids(modelsuite.find_models(text="ROUTER ticket")) == ["alpha/small"]
    found = ids(modelsuite.find_models(text="model-x"))
    assert found[0] == "beta/model-x"  # raw id equals the text
    assert set(found) == {
        "beta/model-x",
        "gamma/shared/model-x",
        "gamma/shared/model-x:free",
        "gamma/shared/model-x-mystery",
    }
    assert modelsuite.find_models(text="nothing-like-this") == ()


def test_sort_unknown_last_in_both_directions(reg: types.ModuleType) -> None:
    asc = ids(modelsuite.find_models(sort_by="input_price"))
    desc = ids(modelsuite.find_models(sort_by="input_price", descending=True))
    unknown = {"beta/unpriced", "gamma/shared/model-x-mystery"}
    assert set(asc[-2:]) == unknown and set(desc[-2:]) == unknown
    assert asc[0] == "gamma/shared/model-x:free"
    assert desc[:2] == ["alpha/big", "gamma/shared/model-x"]  # ties keep registry order
    assert ids(modelsuite.find_models(sort_by="-context", limit=2)) == ["alpha/big", "gamma/shared/model-x"]
    assert ids(modelsuite.find_models(sort_by="name", provider="alpha")) == [
        "alpha/big",
        "alpha/embed",
        "alpha/old",
        "alpha/small",
    ]
    assert ids(modelsuite.find_models(sort_by="price", limit=3)) == [
        "gamma/shared/model-x:free",
        "alpha/embed",
        "alpha/small",
    ]
    assert modelsuite.find_models(limit=0) == ()


def test_base_model_groups_offerings(reg: types.ModuleType) -> None:
    group = set(ids(modelsuite.find_models(base_model="shared/model-x")))
    # linked by the base_model column, or by the normalized id when it is empty (":free" folds away)
    assert group == {
        "alpha/big",
        "beta/model-x",
        "gamma/shared/model-x",
        "gamma/shared/model-x:free",
        "gamma/shared/model-x-mystery",
    }
    assert "alpha/small" not in group


def test_offerings_cheapest_first_unknown_last(reg: types.ModuleType) -> None:
    got = ids(modelsuite.offerings("big"))
    assert got == [
        "gamma/shared/model-x:free",
        "beta/model-x",
        "alpha/big",
        "gamma/shared/model-x",
        "gamma/shared/model-x-mystery",
    ]
    assert ids(modelsuite.offerings("gamma/shared/model-x")) == got  # same group from any member
    assert ids(modelsuite.offerings("alpha/small")) == ["alpha/small"]


def test_offerings_weights_and_deprecated(reg: types.ModuleType, tmp_path: Path) -> None:
    rows = {
        "core/p": [
            make_row("p/m", name="M", input_per_1m="1", output_per_1m="10", max_context="8192", base_model="org/m")
        ],
        "specialized/q": [
            make_row("q/m", name="M", input_per_1m="4", output_per_1m="5", max_context="8192", base_model="org/m"),
            make_row(
                "q/m-old",
                name="M old",
                status="D",
                input_per_1m="0.5",
                output_per_1m="0.5",
                max_context="8192",
                base_model="org/m",
            ),
        ],
    }
    module = build_module(write_data_dir(tmp_path / "d", rows), tmp_path / "o")
    with registry_from(module):
        assert ids(modelsuite.offerings("p/m")) == ["q/m-old", "q/m", "p/m"]  # 1, 9, 11
        assert ids(modelsuite.offerings("p/m", include_deprecated=False)) == ["q/m", "p/m"]
        assert ids(modelsuite.offerings("p/m", input_weight=1, output_weight=0, include_deprecated=False)) == [
            "p/m",
            "q/m",
        ]  # 1, 4
        with pytest.raises(ValueError, match="input_weight"):
            modelsuite.offerings("p/m", input_weight=-1)


def test_unknown_model_is_a_lookup_error(reg: types.ModuleType) -> None:
    with pytest.raises(modelsuite.ModelNotFoundError) as info:
        modelsuite.offerings("no-such-model")
    assert isinstance(info.value, LookupError)
    with pytest.raises(LookupError):
        modelsuite.quality_score("no-such-model")


def test_columns_follow_a_registry_swap(reg: types.ModuleType, sample_module: types.ModuleType) -> None:
    assert len(modelsuite.find_models()) == 11
    with registry_from(sample_module):
        assert ids(modelsuite.find_models(provider="groq")) == ["groq/llama-3.3-70b-versatile"]
        assert len(modelsuite.find_models()) == 5


@pytest.mark.parametrize(
    "text",
    [
        "OpenAI: GPT-4o-mini",
        "openrouter/meta-llama/Llama_3.3 70B:free",
        "anthropic/claude-sonnet-4.5",
        "  gpt__4o  mini ",
        "a--b",
        "X:",
    ],
)
def test_runtime_normalizer_agrees_with_the_tools_one(text: str) -> None:
    assert query._normalize(text) == normalize_model_name(text)


# --- every filter combination agrees with a brute-force filter over ModelInfo -------------------

_FLAG_NAMES = ("vision", "tools", "json_mode", "structured_output", "thinking", "caching")


def _reference(models: tuple[ModelInfo, ...], kw: dict[str, object]) -> list[str]:
    out = []
    for m in models:
        c, p = m.capabilities, m.pricing
        if "provider" in kw and m.provider != kw["provider"]:
            continue
        if any(name in kw and getattr(c, name) is not kw[name] for name in _FLAG_NAMES):
            continue
        if "min_context" in kw and (c.max_context is None or c.max_context < kw["min_context"]):  # type: ignore[operator]
            continue
        if "max_input_price" in kw and (p.input_per_1m is None or p.input_per_1m > kw["max_input_price"]):  # type: ignore[operator]
            continue
        if "status" in kw and m.status != kw["status"]:
            continue
        out.append(m.id)
    return out


@settings(max_examples=60, deadline=None)
@given(
    provider=st.sampled_from([None, "alpha", "beta", "gamma"]),
    flags=st.dictionaries(st.sampled_from(_FLAG_NAMES), st.booleans(), max_size=3),
    min_context=st.sampled_from([None, 1, 64000, 128001, 1_000_000]),
    max_input_price=st.sampled_from([None, Decimal(0), Decimal("0.3"), Decimal("1.5"), Decimal(5)]),
    status=st.sampled_from([None, "C", "L", "D"]),
)
def test_filters_match_a_brute_force_reference(
    query_module: types.ModuleType,
    provider: str | None,
    flags: dict[str, bool],
    min_context: int | None,
    max_input_price: Decimal | None,
    status: str | None,
) -> None:
    kw: dict[str, object] = dict(flags)
    for name, value in (
        ("provider", provider),
        ("min_context", min_context),
        ("max_input_price", max_input_price),
        ("status", status),
    ):
        if value is not None:
            kw[name] = value
    with registry_from(query_module):
        assert ids(modelsuite.find_models(**kw)) == _reference(modelsuite.get_all_models(), kw)  # type: ignore[arg-type]


def test_linked_rows_of_different_models_stay_apart(tmp_path: Path) -> None:
    rows = {
        "core/a": [
            make_row(
                "a/foo", name="Foo", input_per_1m="1", output_per_1m="1", max_context="8192", base_model="org-a/foo"
            )
        ],
        "specialized/b": [
            make_row(
                "b/foo", name="Foo B", input_per_1m="1", output_per_1m="1", max_context="8192", base_model="org-b/foo"
            ),
            make_row("b/Foo", name="Foo unlinked", input_per_1m="2", output_per_1m="1", max_context="8192"),
        ],
    }
    module = build_module(write_data_dir(tmp_path / "d", rows), tmp_path / "o")
    with registry_from(module):
        assert ids(modelsuite.offerings("a/foo")) == ["a/foo", "b/Foo"]  # the unlinked row joins by name
        assert ids(modelsuite.offerings("b/foo")) == ["b/foo", "b/Foo"]
        assert ids(modelsuite.offerings("b/Foo")) == ["a/foo", "b/foo", "b/Foo"]
        assert ids(modelsuite.find_models(base_model="ORG-A/foo")) == ["a/foo", "b/Foo"]
        assert ids(modelsuite.find_models(base_model="foo")) == ["a/foo", "b/Foo", "b/foo"]  # registry order
        assert query.link_key("b/foo") == "org-b/foo" and query.link_key("b/Foo") == "foo"


def test_empty_registry(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    module = build_module(tmp_path / "d", tmp_path / "o")
    with registry_from(module):
        assert modelsuite.find_models() == ()
        assert modelsuite.find_models(text="x", sort_by="score", min_quality_score=1) == ()
        with pytest.raises(modelsuite.ModelNotFoundError):
            modelsuite.offerings("anything")
