"""Lazy, thread-safe access to the generated registry data. Standard library only.

Nothing is read at import time. The first lookup imports the generated ``_data`` module (small
literals: one marshal load of its ``.pyc``), reads the full ids from its file and indexes them
with one ``dict(zip(...))``; the other keys (aliases, raw ids, lower-cased forms) join the index
the first time a lookup is not a full id. A row becomes a :class:`ModelInfo` the first time it
is asked for, once: the same id always returns the same object until :func:`clear_cache`.

Cold-start budget (see benchmarks/README.md): this module and ``_model`` import only ``_thread``
(``operator`` on the first ``==``/``hash`` of a record); ``decimal`` when a price is first read.

Data module format 4 (``FORMAT``): the rows and the keys are not compiled into the module at
all. They are its last ``TEXT_SIZE`` bytes, one comment line each (``#`` + text + ``\n``): every
row's UTF-8 text (tab-separated :data:`FIELDS`) in registry order, then every lookup key (every
full id in row order, then the other keys: aliases, raw ids, lower-cased forms). The code holds:

- ``ROW_OFFSETS``: bytes, little-endian uint32 start of each row's line within that text, then
  the start of the keys (``MODEL_COUNT + 1`` values);
- ``KEY_ROWS``: bytes, little-endian uint32 row of each key after the full ids;
- ``KEY_COUNT`` (every key), ``ID_TEXT_SIZE`` (bytes of the full ids' lines), ``TEXT_SIZE``.

The first lookup opens the module's file (``__file__``) and reads the full ids (one ``pread``),
the first lookup that is not a full id the other keys (one more); a row is read (``pread``; in
chunks for ``get_all_models``) and decoded when it is materialized, so neither the
``.pyc`` nor the process holds the row text. A module executed from source (the build tools'
``load_generated``) carries the text as ``TEXT`` instead. The descriptor is closed when the state
is dropped (:func:`clear_cache`).

Format 3, four literals that compile and unmarshal in one piece each:

- ``ROWS``: bytes, every row's UTF-8 text (tab-separated :data:`FIELDS`) followed by ``\n``;
- ``ROW_OFFSETS``: bytes, little-endian uint32 start of each row, then the end (``MODEL_COUNT + 1``);
- ``KEYS``: str, each key followed by ``\n``: every full id in row order, then the other
  lookup keys (aliases, raw ids, lower-cased forms);
- ``KEY_ROWS``: bytes, little-endian uint32 row of each of those other keys.

A row is decoded only when it is materialized (or when :func:`raw_rows` is first called), so
loading creates no per-row object, and a ``ModelInfo.id`` is the very string the index holds.
Formats 1-3 still load, for older modules (formats 1 and 2: ``ROWS``/``KEYS``/``KEY_ROWS`` as tuples).
"""

from __future__ import annotations

from _thread import RLock
from os import O_RDONLY, close, fstat
from os import open as os_open

try:
    from os import pread
except ImportError:  # Windows has no pread: the data file is then read once through its loader
    pread = None  # type: ignore[assignment]
from sys import byteorder

from modelsuite import _model
from modelsuite._model import Benchmarks, Capabilities, ModelInfo

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from types import ModuleType
    from typing import Any

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
    __slots__ = ("base", "blob", "capabilities", "complete", "data", "decoded", "fd", "ids", "index", "models",
                 "offsets", "prices", "provider_ranges", "skip", "strings")  # fmt: skip

    def __init__(self, data: ModuleType) -> None:
        self.fd = -1  # format 4 read from its file: an open descriptor, text read with pread
        self.data = data
        n: int = data.MODEL_COUNT
        fmt = getattr(data, "FORMAT", 1)
        self.base = 0  # format 4: where the text starts in the file (0 in ``blob``)
        self.skip = 0  # bytes before a row's text (format 4: the comment's "#")
        self.blob: bytes = b""
        self.offsets: Sequence[int] | None = None
        self.decoded: tuple[str, ...] | None = None  # every row as str, once raw_rows() needs them
        self.complete = True  # False: a format-4 index holding only the full ids so far (see _complete)
        if fmt >= 4:
            self.offsets = _uint32(data.ROW_OFFSETS)
            self.skip = 1
            self._open(data)
            start = self.offsets[n]
            ids: list[str] = self.text(start, start + data.ID_TEXT_SIZE)[1:-1].split("\n#") if n else []
            if len(ids) != n:
                raise _mismatch()
            self.index: dict[str, int] = dict(zip(ids, range(n), strict=True))  # the other keys: _complete()
            self.ids: tuple[str, ...] | list[str] | None = ids
            self.complete = False
        elif fmt == 3:
            keys = data.KEYS[:-1].split("\n") if data.KEYS else []
            self.index = dict(zip(keys, range(n), strict=False))
            self.index.update(zip(keys[n:], _uint32(data.KEY_ROWS), strict=True))
            self.ids = keys
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
        self.models: list[ModelInfo | None] = [None] * n
        self.provider_ranges: dict[str, tuple[int, int]] = {p: (a, b) for p, a, b in data.PROVIDERS}
        self.strings: dict[str, str] = {}
        self.capabilities: dict[tuple[str, ...], Capabilities] = {}
        self.prices: dict[tuple[str, ...], tuple[str, ...]] = {}

    def _open(self, data: ModuleType) -> None:
        """Find the format-4 text: ``TEXT`` (a module executed from source) or the module's file.

        The file stays open for the rows (``pread``: no shared position, thread-safe) until this
        state is dropped; a file that is not a plain one (a zip, say) is read through its loader.
        """
        size: int = data.TEXT_SIZE
        if not size:  # an empty registry
            return
        text: bytes | None = getattr(data, "TEXT", None)
        if text is None:
            path: str = getattr(data, "__file__", None) or ""
            if not path.endswith(".py"):
                where = path or data.__name__
                raise RuntimeError(f"modelsuite: the registry rows are read from the data module's "
                                   f"source file, and {where} has none; install the .py files")  # fmt: skip
            try:
                if pread is None:
                    raise OSError("no os.pread on this platform")
                fd = os_open(path, O_RDONLY)
                self.fd = fd  # closed by __del__, even if what follows fails
                self.base = fstat(fd).st_size - size
                edges = pread(fd, 2, self.base - 1) + pread(fd, 1, self.base + size - 1) if self.base > 0 else b""
            except OSError:
                loader: Any = getattr(data, "__loader__", None)
                try:
                    text = loader.get_data(path)
                except Exception as exc:
                    raise RuntimeError(f"modelsuite: cannot read the registry data in {path}: {exc}") from None
                if self.fd >= 0:
                    close(self.fd)
                    self.fd = -1
        if text is not None:
            self.base = 0
            self.blob = text[len(text) - size :] if len(text) >= size else b""
            edges = (text[-size - 1 : -size] if len(text) > size else b"\n") + self.blob[:1] + self.blob[-1:]
        if edges != b"\n#\n":
            raise _mismatch()

    def text(self, a: int, b: int) -> str:
        """Return bytes ``a:b`` of the format-4 text, decoded."""
        if self.fd >= 0:
            return pread(self.fd, b - a, self.base + a).decode()
        return self.blob[a:b].decode()

    def __del__(self) -> None:
        if self.fd >= 0:
            close(self.fd)
            self.fd = -1


def _mismatch() -> RuntimeError:
    return RuntimeError(
        "modelsuite: the generated data module's text does not match its code; rebuild it with `modelsuite build`"
    )


def _complete(st: _State) -> dict[str, int]:
    """Add the keys other than full ids to a format-4 index (once, on the first lookup that needs them).

    In place: a reader that misses a key while this runs sees ``complete`` still False, comes here,
    waits for the lock and looks again; ``complete`` is set only once every key is in.
    """
    with _lock:
        if not st.complete:
            data = st.data
            n = len(st.models)
            start: int = st.offsets[n] + data.ID_TEXT_SIZE  # type: ignore[index]
            others = st.text(start, data.TEXT_SIZE)[1:-1].split("\n#") if data.KEY_COUNT > n else []
            if len(others) != data.KEY_COUNT - n:
                raise _mismatch()
            rows = list(st.index.values())  # one int object per row, shared by all its keys
            st.index.update(zip(others, map(rows.__getitem__, _uint32(data.KEY_ROWS)), strict=True))
            st.complete = True
        return st.index


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
    st = _get_state()
    i = st.index.get(key)
    if i is None and isinstance(key, str):
        index = st.index if st.complete else _complete(st)
        i = index.get(key)
        if i is None:
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
        if st.complete:
            i = st.index.get(key.strip().lower())
        else:  # only the full ids so far: add the other keys, then look again
            index = _complete(st)
            i = index.get(key)
            if i is None:
                i = index.get(key.strip().lower())
        if i is None:
            return None
    m = st.models[i]
    return m if m is not None else model_at(i)


def _models(st: _State, start: int, end: int) -> tuple[ModelInfo, ...]:
    """Return the models of rows ``start:end``, materializing the missing ones.

    Rows read from the file are read in chunks (one ``pread`` each) rather than one by one.
    """
    models = st.models
    if None in models[start:end]:
        with _lock:
            o = st.offsets
            step = 256 if st.fd >= 0 and o is not None else end - start
            for a in range(start, end, step):
                b = min(a + step, end)
                if None not in models[a:b]:
                    continue
                if st.fd >= 0 and o is not None:
                    raw = pread(st.fd, o[b] - o[a], st.base + o[a])
                    for i in range(a, b):
                        if models[i] is None:
                            models[i] = _materialize(st, i, raw[o[i] - o[a] + 1 : o[i + 1] - o[a] - 1].decode())
                else:
                    for i in range(a, b):
                        if models[i] is None:
                            models[i] = _materialize(st, i)
    return tuple(models[start:end])  # type: ignore[arg-type]


def get_all_models() -> tuple[ModelInfo, ...]:
    """Return every model offering: direct providers first, then by provider and id."""
    st = _get_state()
    return _models(st, 0, len(st.models))


def get_models_by_provider(provider: str) -> tuple[ModelInfo, ...]:
    """Return the offerings of one provider (``()`` for an unknown provider)."""
    st = _get_state()
    start, end = st.provider_ranges.get(provider.strip().lower(), (0, 0))
    return _models(st, start, end)


def list_providers() -> tuple[str, ...]:
    """Return every provider name, sorted."""
    return tuple(sorted(_get_state().provider_ranges))


def model_count() -> int:
    """Return the number of offerings in the registry."""
    return int(_get_state().data.MODEL_COUNT)


def _row(st: _State, i: int) -> str:
    o = st.offsets
    if o is None:
        return st.decoded[i]  # type: ignore[index]
    if st.fd >= 0:
        return pread(st.fd, o[i + 1] - o[i] - 2, st.base + o[i] + 1).decode()
    return st.blob[o[i] + st.skip : o[i + 1] - 1].decode()


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
                rows = st.decoded = _all_rows(st)
    return rows


def _all_rows(st: _State) -> tuple[str, ...]:
    o = st.offsets
    n = len(st.models)
    if o is None or not n:
        return ()
    if not st.skip:  # format 3
        return tuple(st.blob[:-1].decode().split("\n"))
    raw = pread(st.fd, o[n], st.base) if st.fd >= 0 else st.blob[: o[n]]
    return tuple(raw[1:-1].decode().split("\n#"))


def index_keys() -> tuple[str, ...]:
    """Return every lookup key (full ids first, then aliases, raw ids and lower-cased forms)."""
    st = _get_state()
    return tuple(st.index if st.complete else _complete(st))  # in order: dicts keep insertion order


def provider_range(provider: str) -> tuple[int, int]:
    """Return the ``(start, end)`` row range of one provider (``(0, 0)`` if unknown)."""
    return _get_state().provider_ranges.get(provider.strip().lower(), (0, 0))


def _materialize(st: _State, i: int, text: str | None = None) -> ModelInfo:
    f = (_row(st, i) if text is None else text).split("\t")
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
