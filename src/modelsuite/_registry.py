"""Lazy, thread-safe access to the generated registry data. Standard library only.

Nothing is read at import time. The first lookup imports the generated ``_data`` module (plain
literals, so this is a marshal load), builds the key index with one ``dict(zip(...))`` and keeps
it. A row becomes a :class:`ModelInfo` the first time it is asked for, once: the same id always
returns the same object until :func:`clear_cache`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal
from types import ModuleType

from modelsuite._model import Benchmarks, Capabilities, ModelInfo, PriceTier, Pricing

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


class _State:
    __slots__ = ("data", "index", "models", "provider_ranges", "decimals", "strings")

    def __init__(self, data: ModuleType) -> None:
        self.data = data
        self.index: dict[str, int] = dict(zip(data.KEYS, data.KEY_ROWS, strict=True))
        self.models: list[ModelInfo | None] = [None] * data.MODEL_COUNT
        self.provider_ranges: dict[str, tuple[int, int]] = {p: (a, b) for p, a, b in data.PROVIDERS}
        self.decimals: dict[str, Decimal | None] = {"-1": None, "": None}
        self.strings: dict[str, str] = {}


_lock = threading.RLock()
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
                raise RuntimeError("modelsuite: the generated data module does not match this version of "
                                   "the library; rebuild it with `modelsuite build`")
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


def row_fields(i: int) -> list[str]:
    """Return the raw string fields of row ``i`` (see :data:`FIELDS`)."""
    return list(_get_state().data.ROWS[i].split("\t"))


def _materialize(st: _State, i: int) -> ModelInfo:
    f = st.data.ROWS[i].split("\t")
    dec = st.decimals
    strings = st.strings

    def money(s: str) -> Decimal | None:
        d = dec.get(s, False)
        if d is False:
            d = dec[s] = Decimal(s)
        return d  # type: ignore[return-value]

    def intern(s: str) -> str:
        return strings.setdefault(s, s)

    def count(s: str) -> int | None:
        return None if s == "-1" else int(s)

    def score(s: str) -> float | None:
        return None if s == "-" else float(s)

    tiers: tuple[PriceTier, ...] = ()
    if f[30]:
        parts = []
        for item in f[30].split(";"):
            threshold, _, prices = item.partition("=")
            pi, po, pc = prices.split("/")
            parts.append(PriceTier(int(threshold), money(pi), money(po), money(pc)))
        tiers = tuple(parts)
    caps = f[10]
    bench = f[11:21]
    extra = f[37]
    if extra or any(x != "-" for x in bench):
        pairs = tuple((k, float(v)) for k, _, v in (p.partition("=") for p in extra.split(";"))) if extra else ()
        s = [score(x) for x in bench]
        benchmarks = Benchmarks(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], pairs)
    else:
        benchmarks = _EMPTY_BENCHMARKS
    mid = f[1]
    return ModelInfo(
        id=mid,
        alias=f[2],
        name=f[3],
        provider=intern(mid.partition("/")[0]),
        category=intern(f[0]),
        status=intern(f[4]),
        kind=intern(f[26] or "chat"),
        pricing=Pricing(money(f[5]), money(f[6]), money(f[7]), money(f[27]), money(f[28]), money(f[29]), tiers),
        capabilities=Capabilities(
            count(f[8]),
            count(f[9]),
            "V" in caps,
            "T" in caps,
            "J" in caps,
            "S" in caps,
            "K" in caps,
            "C" in caps,
            tuple(intern(x) for x in f[31].split("+")) if f[31] else (),
            tuple(intern(x) for x in f[32].split("+")) if f[32] else (),
        ),
        benchmarks=benchmarks,
        description=f[21],
        can_classify=f[22] == "Y",
        source=intern(f[23]),
        quality=intern(f[24]),
        updated=intern(f[25]),
        base_model=intern(f[33]),
        hf_id=f[34],
        region=intern(f[35]),
        deprecation_date=intern(f[36]),
        source_url=intern(f[38]),
        notes=f[39],
    )


def raw_rows() -> tuple[str, ...]:
    """Return every row as its tab-joined string (fields in :data:`FIELDS` order), in registry order.

    The same tuple object is returned until the data is reloaded, so callers may key caches on it.
    """
    rows: tuple[str, ...] = _get_state().data.ROWS
    return rows


def index_keys() -> tuple[str, ...]:
    """Return every lookup key (ids, aliases, raw ids and their lower-case forms)."""
    return tuple(_get_state().index)


def provider_range(provider: str) -> tuple[int, int]:
    """Return the ``[start, end)`` row range of ``provider`` (``(0, 0)`` if it has no rows)."""
    return _get_state().provider_ranges.get(provider.strip().lower(), (0, 0))
