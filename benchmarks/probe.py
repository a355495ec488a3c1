"""Child side of the benchmarks: measure the warm runtime or its memory, print one JSON line.

    python benchmarks/probe.py warm   [DATA_DIR]   lookups (ns), find_models (ms), estimate_cost (µs)
    python benchmarks/probe.py memory [DATA_DIR]   RSS and tracemalloc growth, every model materialized
    python benchmarks/probe.py traced [DATA_DIR]   the same under tracemalloc (Python allocations only)

``DATA_DIR`` holds a generated ``_data.py`` (else the bundled registry is used). Run by
bench.py and scale.py; not meant to be run by hand. Standard library only.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any


def _rss() -> int:
    """Current resident set size in bytes (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def _use(data_dir: str | None) -> None:
    if data_dir:
        sys.path.insert(0, data_dir)
        from modelsuite import _registry

        _registry.use_data_module(lambda: __import__("_data"))


#: Set by the smoke test: spend a tenth of the usual time on each timing (figures get noisier).
_BUDGET = 0.1 if os.environ.get("MODELSUITE_BENCH_QUICK") else 1.0


def _per_call_ns(fn: Callable[[Any], object], keys: list[Any], budget_s: float = 0.25) -> float:
    """Median over 7 repeats of the time per ``fn(key)`` call, loop overhead included."""
    import statistics
    import timeit

    timer = timeit.Timer("for k in keys: f(k)", globals={"keys": keys, "f": fn})
    number = max(1, int(budget_s * _BUDGET / 7 / max(timer.timeit(1), 1e-9)))
    return statistics.median(timer.repeat(7, number)) / (number * len(keys)) * 1e9


def _time_ms(fn: Callable[[], object], budget_s: float = 0.5) -> float:
    import statistics
    import timeit

    timer = timeit.Timer(fn)
    number = max(1, int(budget_s * _BUDGET / 7 / max(timer.timeit(1), 1e-9)))
    return statistics.median(timer.repeat(7, number)) / number * 1000


def warm(data_dir: str | None) -> dict[str, float]:
    import modelsuite

    _use(data_dir)
    models = modelsuite.get_all_models()
    step = max(1, len(models) // 1000)
    ids = [m.id for m in models[::step]]
    aliased = [m.alias for m in models if m.alias]
    aliases = aliased[:: max(1, len(aliased) // 1000)]
    raw = [m.raw_id for m in models[::step]]
    out: dict[str, float] = {"models": len(models)}
    get = modelsuite.get_model_info
    out["lookup_id_ns"] = _per_call_ns(get, ids)
    if aliases:
        out["lookup_alias_ns"] = _per_call_ns(get, aliases)
    out["lookup_raw_ns"] = _per_call_ns(get, raw)
    out["lookup_miss_ns"] = _per_call_ns(get, [f"no-such-model-{i}" for i in range(200)])
    find = getattr(modelsuite, "find_models", None)
    if find is not None:
        find()  # build any lazy columns first: this measures the warm query
        out["find_all_ms"] = _time_ms(find)
        out["find_filtered_ms"] = _time_ms(lambda: find(tools=True, min_context=100_000, sort_by="input_price"))
    estimate = getattr(modelsuite, "estimate_cost", None)
    if estimate is not None:
        priced = [m.id for m in models if m.pricing.input_per_1m is not None and m.pricing.output_per_1m is not None]
        if priced:
            mid = priced[len(priced) // 2]
            out["estimate_cost_us"] = _per_call_ns(lambda k: estimate(k, 12_345, 678), [mid] * 100) / 1000
    return out


def memory(data_dir: str | None) -> dict[str, float]:
    import gc

    gc.collect()
    r0 = _rss()
    import modelsuite

    _use(data_dir)
    models = modelsuite.get_all_models()
    for m in models:
        m.pricing  # noqa: B018 - prices are built on first access: materialize them too
    r_loaded = _rss()
    n = len(models)
    del models
    gc.collect()
    return {"models": n, "rss_all_mb": (r_loaded - r0) / 2**20}


def traced(data_dir: str | None) -> dict[str, float]:
    import tracemalloc

    tracemalloc.start()
    import modelsuite

    _use(data_dir)
    first = modelsuite.get_model_info("no-such-model")  # loads the data and the index, materializes nothing
    t_loaded = tracemalloc.get_traced_memory()[0]
    models = modelsuite.get_all_models()
    for m in models:
        m.pricing  # noqa: B018
    t_all, t_peak = tracemalloc.get_traced_memory()
    return {
        "models": len(models) + (first is not None),
        "traced_loaded_mb": t_loaded / 2**20,
        "traced_all_mb": t_all / 2**20,
        "traced_peak_mb": t_peak / 2**20,
    }


def main(argv: list[str]) -> int:
    modes = {"warm": warm, "memory": memory, "traced": traced}
    if not argv or argv[0] not in modes:
        print(f"usage: probe.py {{{'|'.join(modes)}}} [DATA_DIR]", file=sys.stderr)
        return 2
    print(json.dumps(modes[argv[0]](argv[1] if len(argv) > 1 else None)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
