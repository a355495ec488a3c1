"""The registry's own benchmark: cold start, warm lookups, memory and build time.

    python benchmarks/bench.py                  # the bundled registry (src/modelsuite/_data.py, data/models)
    python benchmarks/bench.py --rows 10000     # a synthetic registry of 10,000 rows, built by the real pipeline

Figures (each from fresh child processes; the machine is noisy, so compare ratios):

- cold start: ``import modelsuite`` + the first ``get_model_info`` in a fresh interpreter, minus a
  bare interpreter, median of ``--runs`` interleaved pairs. Measured with the ``.pyc`` of the
  package and of the data module present (as after a wheel install, which compiles them); the
  same figure without the data module's ``.pyc`` is printed for reference.
- warm lookup by full id, alias, provider's raw id and a miss (ns per call, loop included);
  ``find_models()`` and ``estimate_cost()`` when those modules are present.
- memory with every model materialized: RSS growth over the bare interpreter, and Python
  allocations (tracemalloc) after loading the data and after materializing every model.
- build: ``modelsuite_tools.generate.build`` of the data directory into a temporary directory
  (validate + merge + every target), median of ``--build-runs``.

Targets (issue 8): cold start <= 10 ms, lookup by id <= 150 ns, by alias <= 300 ns,
estimate_cost <= 2 µs, find_models <= 2 ms, <= 8 MB, build <= 3 s.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import py_compile
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE), str(HERE.parent / "src")) if p not in sys.path]

import measure  # noqa: E402
import synth  # noqa: E402

TARGETS = {
    "cold_ms": 10.0,
    "lookup_id_ns": 150.0,
    "lookup_alias_ns": 300.0,
    "estimate_cost_us": 2.0,
    "find_all_ms": 2.0,
    "rss_all_mb": 8.0,
    "build_s": 3.0,
}


def time_build(data_dir: Path, work: Path, runs: int) -> tuple[float, Path, int]:
    """Build ``data_dir`` ``runs`` times into fresh directories; return (median s, last out dir, rows)."""
    from modelsuite_tools.generate import build, default_targets

    times: list[float] = []
    out = work / "out0"
    rows = 0
    for n in range(runs):
        out = work / f"out{n}"
        t0 = time.perf_counter()
        result = build(data_dir, default_targets(out), today=dt.date.today())
        times.append(time.perf_counter() - t0)
        if result.errors:
            raise SystemExit("bench: the data does not validate:\n" + "\n".join(str(p) for p in result.errors[:20]))
        rows = len(result.registry.rows)
        if n < runs - 1:
            shutil.rmtree(out)
    return statistics.median(times), out, rows


def compile_for_import(package_dir: Path, data_module: Path | None) -> None:
    """Write the ``.pyc`` files a wheel install would (this environment may disable writing them)."""
    compileall.compile_dir(str(package_dir), quiet=1)
    if data_module is not None:
        py_compile.compile(str(data_module), doraise=True)


def pick_key(python: str, data_dir: Path | None) -> str:
    """Return an id from the middle of the registry, for the cold-start lookup."""
    preamble, use = measure.modelsuite_preamble(data_dir)
    code = (
        f"{preamble}\nimport modelsuite\n{use}\n"
        "ms = modelsuite.get_all_models()\nprint(ms[len(ms) // 2].id if ms else '')"
    )
    _, out = measure._run_timed([python, "-c", code], measure.child_env())
    return out.strip()


def run(args: argparse.Namespace) -> dict[str, Any]:
    python = sys.executable
    results: dict[str, Any] = {"machine": measure.machine()}
    with tempfile.TemporaryDirectory(prefix="modelsuite-bench-") as tmp:
        work = Path(tmp)
        if args.rows:
            data_dir = synth.write_synthetic(work / "data", args.rows)
            results["registry"] = f"synthetic, {args.rows} rows"
        else:
            data_dir = Path(args.data_dir) if args.data_dir else measure.REPO / "data" / "models"
            results["registry"] = str(data_dir)
        build_s, out, rows = time_build(data_dir, work, args.build_runs)
        results["rows"] = rows
        results["build_s"] = build_s
        # runtime figures: the freshly built module for synthetic data, else the bundled one
        module_dir = out if (args.rows or args.data_dir) else None
        if module_dir is None:
            bundled = measure.REPO / "src" / "modelsuite" / "_data.py"
            if bundled.read_bytes() != (out / "_data.py").read_bytes():
                results["note"] = "src/modelsuite/_data.py differs from a fresh build: run `modelsuite build`"
        compile_for_import(measure.REPO / "src" / "modelsuite", out / "_data.py" if module_dir else None)
        env = measure.child_env()
        key = pick_key(python, module_dir)
        preamble, use = measure.modelsuite_preamble(module_dir)
        body = f"import modelsuite\n{use}\nmodelsuite.get_model_info({key!r})"
        cold = measure.cold_start(python, preamble, body, runs=args.runs, env=env)
        results.update(cold_ms=cold.delta_ms, cold_inproc_ms=cold.inproc_ms, bare_ms=cold.bare_ms)
        if args.nopyc_runs:  # the freshly built module, imported from a directory without __pycache__
            nopyc = work / "nopyc"
            nopyc.mkdir()
            shutil.copy(out / "_data.py", nopyc / "_data.py")
            pre2, use2 = measure.modelsuite_preamble(nopyc)
            body2 = f"import modelsuite\n{use2}\nmodelsuite.get_model_info({key!r})"
            env2 = measure.child_env(PYTHONDONTWRITEBYTECODE="1")
            cold2 = measure.cold_start(python, pre2, body2, runs=args.nopyc_runs, env=env2, warmup=1)
            results["cold_nopyc_ms"] = cold2.delta_ms
        extra = [str(module_dir)] if module_dir else []
        results.update(measure.probe(python, "warm", *extra, env=env))
        results.update(measure.probe(python, "memory", *extra, env=env))
        results.update(measure.probe(python, "traced", *extra, env=env))
    return results


def report(r: dict[str, Any]) -> str:
    def target(key: str, value: float | None) -> str:
        limit = TARGETS.get(key)
        if limit is None or value is None:
            return ""
        return f"<= {limit:g}: {'ok' if value <= limit else 'MISSED'}"

    g = r.get
    ms, mb = measure.fmt_ms, measure.fmt_mb
    rows = [
        ["cold start (import + first get_model_info, over bare)", ms(g("cold_ms")), target("cold_ms", g("cold_ms"))],
        ["  the same, measured inside the process", measure.fmt_ms(g("cold_inproc_ms")), ""],
        ["  the same, data module without .pyc", measure.fmt_ms(g("cold_nopyc_ms")), ""],
        ["  bare interpreter (reference)", measure.fmt_ms(g("bare_ms")), ""],
        ["lookup by full id", measure.fmt_ns(g("lookup_id_ns")), target("lookup_id_ns", g("lookup_id_ns"))],
        ["lookup by alias", measure.fmt_ns(g("lookup_alias_ns")), target("lookup_alias_ns", g("lookup_alias_ns"))],
        ["lookup by provider's raw id", measure.fmt_ns(g("lookup_raw_ns")), ""],
        ["lookup miss (None)", measure.fmt_ns(g("lookup_miss_ns")), ""],
        ["find_models() over everything", measure.fmt_ms(g("find_all_ms")), target("find_all_ms", g("find_all_ms"))],
        ["find_models(tools, min_context, sort_by)", measure.fmt_ms(g("find_filtered_ms")), ""],
        ["estimate_cost()", "-" if g("estimate_cost_us") is None else f"{g('estimate_cost_us'):.2f} µs",
         target("estimate_cost_us", g("estimate_cost_us"))],
        ["memory: RSS growth, every model materialized", mb(g("rss_all_mb")), target("rss_all_mb", g("rss_all_mb"))],
        ["  Python allocations after loading (tracemalloc)", measure.fmt_mb(g("traced_loaded_mb")), ""],
        ["  Python allocations, every model materialized", measure.fmt_mb(g("traced_all_mb")), ""],
        ["build (validate + merge + all targets)", f"{r['build_s']:.2f} s", target("build_s", r["build_s"])],
    ]  # fmt: skip
    head = f"modelsuite benchmark: {r['registry']} ({r['rows']} rows); {r['machine']}"
    if r.get("note"):
        head += f"\nWARNING: {r['note']}"
    return head + "\n\n" + measure.table(["measure", "value", "target"], rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=0, help="benchmark a synthetic registry of this many rows")
    ap.add_argument("--data-dir", help="benchmark this data directory (default: data/models and the bundled module)")
    ap.add_argument("--runs", type=int, default=41, help="cold-start process pairs (default 41)")
    ap.add_argument("--nopyc-runs", type=int, default=5, help="cold starts without the data .pyc (0: skip)")
    ap.add_argument("--build-runs", type=int, default=3, help="builds to time (default 3)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = ap.parse_args(argv)
    results = run(args)
    print(json.dumps(results, indent=1, sort_keys=True) if args.json else report(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
