"""Lazy, thread-safe access to the generated registry data. Standard library only.

Nothing is read at import time. The first lookup imports the generated ``_data`` module (plain
literals: one marshal load of its ``.pyc``), builds the key index with one ``dict(zip(...))`` and
keeps it. A row becomes a :class:`ModelInfo` the first time it is asked for, once: the same id
always returns the same object until :func:`clear_cache`.

Cold-start budget (see benchmarks/README.md): this module and ``_model`` import only ``_thread``
(``operator`` on the first ``==``/``hash`` of a record); ``decimal`` when a price is first read.

Data module format 3 (``FORMAT``), four literals that compile and unmarshal in one piece each:

- ``ROWS``: bytes, every row's UTF-8 text (tab-separated :data:`FIELDS`) followed by ``\n``;
- ``ROW_OFFSETS``: bytes, little-endian uint32 start of each row, then the end (``MODEL_COUNT + 1``);
- ``KEYS``: str, each key followed by ``\n``: every full id in row order, then the other
  lookup keys (aliases, raw ids, lower-cased forms);
- ``KEY_ROWS``: bytes, little-endian uint32 row of each of those other keys.

A row is decoded only when it is materialized (or when :func:`raw_rows` is first called), so
loading creates no per-row object, and a ``ModelInfo.id`` is the very string the index holds.
Formats 1 and 2 (``ROWS``/``KEYS``/``KEY_ROWS`` as tuples) still load, for older modules.
"""

from __future__ import annotations

from _thread import RLock
from sys import byteorder

from modelsuite import _model
from modelsuite._model import Benchmarks, Capabilities, ModelInfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import ModuleType

#: Field order of a generated row (tab-separated): category, then the CSV columns in schema order.
FIELDS = (
    "category", "id", "alias", "name", "status", "input_per_1m", "output_per_1m", "cache_per_1m",
    "max_context", "max_output", "caps", "mmlu", "humaneval", "math", "gpqa", "swe_bench", "ifeval",
    "mmmu", "mgsm", "ttft_ms", "tps", "description", "can_classify", "source", "quality", "updated",
    "kind", "cache_write_per_1m", "batch_input_per_1m", "batch_output_per_1m", "tiers",
    "input_modalities", "output_modalities", "base_model", "hf_id", "region", "deprecation_date",
    "bench_extra", "source_url", "notes",
)  # fmt: skip

_EMPTY_BENCHMARKS = Benchmarks()
_new = object.__new__
_set = object.__setattr__


def _uint32(raw: bytes) -> Sequence[int]:
    """Return the little-endian uint32 values packed in ``raw`` (a view: nothing is copied).

    ``memoryview`` rather than ``array``: importing ``array`` imports ``collections``.
    """
    view = memoryview(raw)
    if byteorder == "little" and view.cast("B").cast("I").itemsize == 4:
        return view.cast("I")
    return [int.from_bytes(raw[n : n + 4], "little") for n in range(0, len(raw), 4)]


class _State:
    __slots__ = ("blob", "capabilities", "data", "decoded", "ids", "index", "keys", "models", "offsets", "prices",
                 "provider_ranges", "strings")  # fmt: skip

    def __init__(self, data: ModuleType) -> None:
        self.data = data
        n: int = data.MODEL_COUNT
        fmt = getattr(data, "FORMAT", 1)
        self.blob: bytes = b""
        self.offsets: Sequence[int] | None = None
        self.decoded: tuple[str, ...] | None = None  # every row as str, once raw_rows() needs them
        if fmt >= 3:
            keys: tuple[str, ...] | list[str] = data.KEYS[:-1].split("\n") if data.KEYS else []
            self.index: dict[str, int] = dict(zip(keys, range(n), strict=False))  # the full ids: rows 0..n-1
            self.index.update(zip(keys[n:], _uint32(data.KEY_ROWS), strict=True))
            self.ids: tuple[str, ...] | list[str] | None = keys
            self.blob = data.ROWS
            self.offsets = _uint32(data.ROW_OFFSETS)
        else:
            keys = data.KEYS
            self.decoded = data.ROWS
            if fmt == 2:  # full ids first, KEY_ROWS for the other keys
                self.index = dict(zip(keys, range(n), strict=False))
                self.index.update(zip(keys[n:], data.KEY_ROWS, strict=True))
                self.ids = keys
            else:  # format 1: every key with its row, ids only inside the rows
                self.index = dict(zip(keys, data.KEY_ROWS, strict=True))
                self.ids = None
        self.keys = keys
        self.models: list[ModelInfo | None] = [None] * n
        self.provider_ranges: dict[str, tuple[int, int]] = {p: (a, b) for p, a, b in data.PROVIDERS}
        self.strings: dict[str, str] = {}
        self.capabilities: dict[tuple[str, ...], Capabilities] = {}
        self.prices: dict[tuple[str, ...], tuple[str, ...]] = {}


_lock = RLock()
_state: _State | None = None
_data_loader: Callable[[], ModuleType] | None = None


def _import_data() -> ModuleType:
    from modelsuite import _data

    return _data


def _load() -> _State:
    global _state
    with _lock:
        if _state is None:
            data = (_data_loader or _import_data)()
            if tuple(data.FIELDS) != FIELDS:
                raise RuntimeError(
                    "modelsuite: the generated data module does not match this version of "
                    "the library; rebuild it with `modelsuite build`"
                )
            _state = _State(data)
        return _state


def _get_state() -> _State:
    return _state or _load()


def clear_cache() -> None:
    """Forget the loaded registry and every materialized :class:`ModelInfo`.

    The next lookup loads the data again and creates new objects.
    """
    global _state
    with _lock:
        _state = None
        _model.clear_shared()


def use_data_module(loader: Callable[[], ModuleType] | None) -> None:
    """Load the registry from the module ``loader`` returns (``None``: the bundled data).

    Meant for tests and benchmarks of other registry builds; clears the cache.
    """
    global _data_loader
    with _lock:
        _data_loader = loader
        clear_cache()


def lookup_index(key: str) -> int | None:
    """Return the row index for an id, alias or raw id, or ``None``."""
    index = _get_state().index
    i = index.get(key)
    if i is None and isinstance(key, str):
        i = index.get(key.strip().lower())
    return i


def model_at(i: int) -> ModelInfo:
    """Return the :class:`ModelInfo` of row ``i``, creating it once."""
    st = _get_state()
    m = st.models[i]
    if m is None:
        with _lock:
            m = st.models[i]
            if m is None:
                m = _materialize(st, i)
                st.models[i] = m
    return m


def get_model_info(key: str) -> ModelInfo | None:
    """Return the model for a full id, alias or raw id (direct provider first), else ``None``.

    >>> get_model_info("claude-sonnet-4-5").provider
    'anthropic'
    >>> get_model_info("no-such-model") is None
    True
    """
    st = _state or _load()
    i = st.index.get(key)
    if i is None:
        if not isinstance(key, str):
            return None
        i = st.index.get(key.strip().lower())
        if i is None:
            return None
    m = st.models[i]
    return m if m is not None else model_at(i)


def get_all_models() -> tuple[ModelInfo, ...]:
    """Return every model offering: direct providers first, then by provider and id."""
    st = _get_state()
    return tuple(model_at(i) for i in range(st.data.MODEL_COUNT))


def get_models_by_provider(provider: str) -> tuple[ModelInfo, ...]:
    """Return the offerings of one provider (``()`` for an unknown provider)."""
    st = _get_state()
    start, end = st.provider_ranges.get(provider.strip().lower(), (0, 0))
    return tuple(model_at(i) for i in range(start, end))


def list_providers() -> tuple[str, ...]:
    """Return every provider name, sorted."""
    return tuple(sorted(_get_state().provider_ranges))


def model_count() -> int:
    """Return the number of offerings in the registry."""
    return int(_get_state().data.MODEL_COUNT)


def _row(st: _State, i: int) -> str:
    if st.offsets is None:
        return st.decoded[i]  # type: ignore[index]
    o = st.offsets
    return st.blob[o[i] : o[i + 1] - 1].decode()


def row_fields(i: int) -> list[str]:
    """Return the raw string fields of row ``i`` (see :data:`FIELDS`)."""
    return _row(_get_state(), i).split("\t")


def raw_rows() -> tuple[str, ...]:
    """Return every row as its tab-joined string (see :data:`FIELDS`), in registry order.

    The same tuple object is returned until the registry is reloaded (:func:`clear_cache`), so a
    caller may cache values derived from it and check ``rows is raw_rows()``.
    """
    st = _get_state()
    rows = st.decoded
    if rows is None:
        with _lock:
            rows = st.decoded
            if rows is None:
                rows = st.decoded = tuple(st.blob[:-1].decode().split("\n")) if st.blob else ()
    return rows


def index_keys() -> tuple[str, ...]:
    """Return every lookup key (full ids first, then aliases, raw ids and lower-cased forms)."""
    return tuple(_get_state().keys)


def provider_range(provider: str) -> tuple[int, int]:
    """Return the ``(start, end)`` row range of one provider (``(0, 0)`` if unknown)."""
    return _get_state().provider_ranges.get(provider.strip().lower(), (0, 0))


def _materialize(st: _State, i: int) -> ModelInfo:
    f = _row(st, i).split("\t")
    intern = st.strings.setdefault

    # Low-cardinality strings are interned, so the sharing keys below and the pending prices
    # hold one copy of each distinct value rather than one per row.
    caps_key = (intern(f[8], f[8]), intern(f[9], f[9]), intern(f[10], f[10]), f[31], f[32])
    capabilities = st.capabilities.get(caps_key)
    if capabilities is None:
        caps = f[10]
        capabilities = Capabilities(
            None if f[8] == "-1" else int(f[8]),
            None if f[9] == "-1" else int(f[9]),
            "V" in caps,
            "T" in caps,
            "J" in caps,
            "S" in caps,
            "K" in caps,
            "C" in caps,
            tuple(intern(x, x) for x in f[31].split("+")) if f[31] else (),
            tuple(intern(x, x) for x in f[32].split("+")) if f[32] else (),
        )
        st.capabilities[caps_key] = capabilities
    bench = f[11:21]
    extra = f[37]
    if extra or bench.count("-") != 10:
        pairs = tuple((k, float(v)) for k, _, v in (p.partition("=") for p in extra.split(";"))) if extra else ()
        b = [None if x == "-" else float(x) for x in bench]
        benchmarks = Benchmarks(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], pairs)
    else:
        benchmarks = _EMPTY_BENCHMARKS
    mid = f[1] if st.ids is None else st.ids[i]
    m: ModelInfo = _new(ModelInfo)
    _set(m, "id", mid)
    _set(m, "alias", f[2])
    _set(m, "name", f[3])
    _set(m, "provider", intern(p := mid.partition("/")[0], p))
    _set(m, "category", intern(f[0], f[0]))
    _set(m, "status", intern(f[4], f[4]))
    _set(m, "kind", intern(f[26], f[26]) if f[26] else "chat")
    prices = tuple([intern(x, x) for x in (f[5], f[6], f[7], f[27], f[28], f[29], f[30])])
    _set(m, "_pending", st.prices.setdefault(prices, prices))  # the Pricing is built on first access
    _set(m, "capabilities", capabilities)
    _set(m, "benchmarks", benchmarks)
    _set(m, "description", f[21])
    _set(m, "can_classify", f[22] == "Y")
    _set(m, "source", intern(f[23], f[23]))
    _set(m, "quality", intern(f[24], f[24]))
    _set(m, "updated", intern(f[25], f[25]))
    _set(m, "base_model", intern(f[33], f[33]))
    _set(m, "hf_id", f[34])
    _set(m, "region", intern(f[35], f[35]))
    _set(m, "deprecation_date", intern(f[36], f[36]))
    _set(m, "source_url", intern(f[38], f[38]))
    _set(m, "notes", intern(f[39], f[39]))
    return m
