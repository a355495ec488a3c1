"""The generated module's packed format, older formats, lazy prices and dataclass behaviour."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import struct
import threading
import types
from decimal import Decimal

import pytest

import modelsuite
from modelsuite import _registry
from modelsuite._model import Benchmarks, Capabilities, ModelInfo, PriceTier, Pricing
from tests.support import registry_from


def _older_format(module: types.ModuleType, fmt: int) -> types.ModuleType:
    """Rewrite a format-3 module into format 2 (tuples, ids first) or 1 (tuples, sorted keys)."""
    n = module.MODEL_COUNT
    rows = tuple(module.ROWS[:-1].decode().split("\n")) if n else ()
    keys = module.KEYS[:-1].split("\n") if module.KEYS else []
    key_rows = [*range(n), *(v for (v,) in struct.iter_unpack("<I", module.KEY_ROWS))]
    old = types.ModuleType(f"format{fmt}")
    for name in ("REGISTRY_VERSION", "MODEL_COUNT", "DATA_SOURCES", "FIELDS", "PROVIDERS"):
        setattr(old, name, getattr(module, name))
    old.FORMAT = fmt
    old.ROWS = rows
    if fmt == 2:
        old.KEYS, old.KEY_ROWS = tuple(keys), tuple(key_rows[n:])
    else:
        pairs = sorted(zip(keys, key_rows, strict=True))
        old.KEYS, old.KEY_ROWS = tuple(k for k, _ in pairs), tuple(i for _, i in pairs)
    return old


def _snapshot(module: types.ModuleType) -> tuple[list[dict[str, object]], dict[str, str | None], tuple[str, ...]]:
    with registry_from(module):
        models = [m.to_dict() for m in modelsuite.get_all_models()]
        keys = list(_registry.index_keys())
        lookups = {k: getattr(modelsuite.get_model_info(k), "id", None) for k in [*keys, "No-Such", " GEMINI-2.5-PRO "]}
        return models, lookups, _registry.raw_rows()


def test_packed_module_layout(sample_module: types.ModuleType) -> None:
    n = sample_module.MODEL_COUNT
    assert sample_module.FORMAT == 3 and isinstance(sample_module.ROWS, bytes)
    offsets = [v for (v,) in struct.iter_unpack("<I", sample_module.ROW_OFFSETS)]
    assert len(offsets) == n + 1 and offsets[0] == 0 and offsets[-1] == len(sample_module.ROWS)
    rows = sample_module.ROWS.decode().split("\n")[:-1]
    assert [r.split("\t")[1] for r in rows] == sample_module.KEYS.split("\n")[:n]  # full ids first, in row order
    with registry_from(sample_module):
        assert _registry.raw_rows() == tuple(rows)
        assert _registry.raw_rows() is _registry.raw_rows()  # stable until reloaded
        assert [_registry.row_fields(i) for i in range(n)] == [r.split("\t") for r in rows]
        assert _registry.provider_range("groq") == (2, 3) and _registry.provider_range("nobody") == (0, 0)


@pytest.mark.parametrize("fmt", [1, 2])
def test_older_formats_load_to_the_same_registry(sample_module: types.ModuleType, fmt: int) -> None:
    assert _snapshot(_older_format(sample_module, fmt)) == _snapshot(sample_module)


def test_model_id_is_the_index_key_object(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("claude-sonnet-4-5")
    assert m is not None
    key = next(k for k in _registry._get_state().index if k == m.id)
    assert m.id is key


def test_prices_are_built_on_first_access_shared_and_thread_safe(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("anthropic/claude-sonnet-4-5")
    assert m is not None
    seen: list[Pricing] = []
    threads = [threading.Thread(target=lambda: seen.append(m.pricing)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8 and all(p is seen[0] for p in seen)
    assert seen[0] == Pricing(Decimal("3"), Decimal("15"), Decimal("0.3"), Decimal("3.75"), None, None,
                              (PriceTier(200000, Decimal("6"), Decimal("22.5"), Decimal("0.6")),))  # fmt: skip
    a = modelsuite.get_model_info("openrouter/anthropic/claude-sonnet-4.5")
    assert a is not None and a.pricing.input_per_1m is m.pricing.input_per_1m  # one Decimal per distinct price
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        m.nope  # type: ignore[attr-defined]  # noqa: B018


def test_records_behave_as_frozen_dataclasses(sample_registry: types.ModuleType) -> None:
    m = modelsuite.get_model_info("gemini-2.5-pro")
    assert m is not None
    assert dataclasses.is_dataclass(m) and dataclasses.is_dataclass(ModelInfo)
    assert [f.name for f in dataclasses.fields(m)] == list(ModelInfo.__match_args__)
    assert "_pending" not in ModelInfo.__match_args__
    assert dataclasses.asdict(m)["pricing"]["input_per_1m"] == Decimal("1.25")
    changed = dataclasses.replace(m, name="Other")
    assert changed.name == "Other" and changed.pricing == m.pricing and changed != m
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.name = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del m.name  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(m))
    assert again == m and hash(again) == hash(m) and again is not m
    assert copy.deepcopy(m) == m and copy.copy(m) == m
    assert repr(Benchmarks(mmlu=1.0)).startswith("Benchmarks(mmlu=1.0, humaneval=None")
    caps = Capabilities(1, 2, True, False, False, False, False, False)
    assert caps.input_modalities == () and caps == Capabilities(1, 2, True, False, False, False, False, False)
    assert caps != (1, 2) and {caps: 1}[Capabilities(1, 2, True, False, False, False, False, False)] == 1
    match m:
        case ModelInfo(model_id, alias):
            assert (model_id, alias) == ("google/gemini-2.5-pro", "gemini-2.5-pro")
