"""The generated module's packed format, older formats, lazy prices and dataclass behaviour."""

from __future__ import annotations

import copy
import dataclasses
import importlib.util
import pickle
import py_compile
import shutil
import struct
import threading
import types
from decimal import Decimal
from pathlib import Path

import pytest

import modelsuite
from modelsuite import _registry
from modelsuite._model import Benchmarks, Capabilities, ModelInfo, PriceTier, Pricing
from tests.conftest import SAMPLE
from tests.support import build_module, registry_from, write_data_dir


def _text_lines(module: types.ModuleType) -> tuple[list[str], list[str]]:
    """Return a format-4 module's rows and keys, read from its comment lines (``TEXT``)."""
    lines = module.TEXT.decode().split("\n")[:-1]
    assert all(line.startswith("#") for line in lines)
    n = module.MODEL_COUNT
    return [line[1:] for line in lines[:n]], [line[1:] for line in lines[n:]]


def _older_format(module: types.ModuleType, fmt: int) -> types.ModuleType:
    """Rewrite a format-4 module into format 3 (packed literals), 2 (tuples, ids first) or 1 (sorted keys)."""
    n = module.MODEL_COUNT
    rows, keys = _text_lines(module)
    key_rows = [*range(n), *(v for (v,) in struct.iter_unpack("<I", module.KEY_ROWS))]
    old = types.ModuleType(f"format{fmt}")
    for name in ("REGISTRY_VERSION", "MODEL_COUNT", "DATA_SOURCES", "FIELDS", "PROVIDERS"):
        setattr(old, name, getattr(module, name))
    old.FORMAT = fmt
    old.ROWS = tuple(rows)
    if fmt == 3:
        encoded = [(r + "\n").encode() for r in rows]
        old.ROWS = b"".join(encoded)
        offsets = [0]
        for line in encoded:
            offsets.append(offsets[-1] + len(line))
        old.ROW_OFFSETS = struct.pack(f"<{len(offsets)}I", *offsets)
        old.KEYS = "".join(k + "\n" for k in keys)
        old.KEY_ROWS = module.KEY_ROWS
    elif fmt == 2:
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
    assert sample_module.FORMAT == 4 and not hasattr(sample_module, "ROWS") and not hasattr(sample_module, "KEYS")
    assert len(sample_module.TEXT) == sample_module.TEXT_SIZE
    rows, keys = _text_lines(sample_module)
    offsets = [v for (v,) in struct.iter_unpack("<I", sample_module.ROW_OFFSETS)]
    assert len(offsets) == n + 1 and offsets[0] == 0 and offsets[-1] == sum(len(r.encode()) + 2 for r in rows)
    assert len(keys) == sample_module.KEY_COUNT
    assert [r.split("\t")[1] for r in rows] == keys[:n]  # full ids first, in row order
    with registry_from(sample_module):
        assert _registry.raw_rows() == tuple(rows)
        assert _registry.raw_rows() is _registry.raw_rows()  # stable until reloaded
        assert [_registry.row_fields(i) for i in range(n)] == [r.split("\t") for r in rows]
        assert _registry.provider_range("groq") == (2, 3) and _registry.provider_range("nobody") == (0, 0)


@pytest.mark.parametrize("fmt", [1, 2, 3])
def test_older_formats_load_to_the_same_registry(sample_module: types.ModuleType, fmt: int) -> None:
    assert _snapshot(_older_format(sample_module, fmt)) == _snapshot(sample_module)


def _import_file(path: Path, name: str) -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated ``_data.py`` of the sample data, as a file."""
    base = tmp_path_factory.mktemp("format4")
    build_module(write_data_dir(base / "data", SAMPLE), base / "out")
    return base / "out" / "_data.py"


def test_imported_module_reads_its_rows_from_its_file(
    sample_module: types.ModuleType, built_source: Path, tmp_path: Path
) -> None:
    source = tmp_path / "_data.py"
    shutil.copy(built_source, source)
    py_compile.compile(str(source), doraise=True)
    pyc = next((tmp_path / "__pycache__").glob("_data.*.pyc")).read_bytes()
    rows, _ = _text_lines(sample_module)
    assert rows and not any(r.split("\t")[3].encode() in pyc for r in rows)  # no row text in the .pyc
    imported = _import_file(source, "imported_data")
    assert not hasattr(imported, "TEXT")
    assert _snapshot(imported) == _snapshot(sample_module)
    with registry_from(imported):  # rows one at a time (pread) and in chunks agree
        one = [_registry.model_at(i).to_dict() for i in range(imported.MODEL_COUNT)]
        assert one == [m.to_dict() for m in modelsuite.get_all_models()]
        assert _registry._get_state().fd >= 0


def test_without_pread_the_file_is_read_through_its_loader(
    sample_module: types.ModuleType, built_source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Windows has no ``os.pread``: the rows then come from one read of the file, same registry."""
    source = tmp_path / "_data.py"
    shutil.copy(built_source, source)
    imported = _import_file(source, "imported_data_nopread")
    monkeypatch.setattr(_registry, "pread", None)
    with registry_from(imported):
        assert _registry._get_state().fd == -1
    assert _snapshot(imported) == _snapshot(sample_module)


def test_a_module_whose_text_does_not_match_is_refused(built_source: Path, tmp_path: Path) -> None:
    source = tmp_path / "_data.py"
    text = built_source.read_text(encoding="utf-8")
    source.write_text(text[: text.rindex("\n#")] + "\n", encoding="utf-8")  # the last key line lost
    truncated = _import_file(source, "truncated_data")
    with registry_from(truncated), pytest.raises(RuntimeError, match="rebuild it with `modelsuite build`"):
        modelsuite.get_model_info("claude-sonnet-4-5")


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


def test_other_keys_join_the_index_on_the_first_lookup_that_needs_them(sample_module: types.ModuleType) -> None:
    with registry_from(sample_module):
        m = modelsuite.get_model_info("anthropic/claude-sonnet-4-5")
        st = _registry._get_state()
        assert not st.complete and set(st.index) == {r.split("\t")[1] for r in _text_lines(sample_module)[0]}
        assert modelsuite.get_model_info("Claude-Sonnet-4-5 ") is m and st.complete
        assert _registry.index_keys() == tuple(_text_lines(sample_module)[1])
    with registry_from(sample_module):
        assert _registry.lookup_index("claude-sonnet-4-5") == _registry.lookup_index("anthropic/claude-sonnet-4-5")
        assert _registry._get_state().complete
