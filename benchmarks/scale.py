"""How the registry's costs grow: synthetic registries of 1k, 10k and 100k rows, real pipeline.

    python benchmarks/scale.py                         # 1k, 10k, 100k rows (a few minutes)
    python benchmarks/scale.py --sizes 1000,10000      # quicker

For each size: write the CSVs (benchmarks/synth.py, not timed), build them with
``modelsuite_tools.generate.build`` into a temporary directory (validate + merge + every
target), compile the data module's ``.pyc`` (as a wheel install does), then measure in fresh
processes, as bench.py does: cold start (import + first ``get_model_info`` through
``modelsuite._registry.use_data_module``, minus a bare interpreter), warm lookups,
``find_models`` (when query.py is present) and memory with every model materialized.
The last columns give each figure relative to the smallest size.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE), str(HERE.parent / "src")) if p not in sys.path]

import bench  # noqa: E402
import measure  # noqa: E402
import synth  # noqa: E402


def measure_size(rows: int, work: Path, runs: int, build_runs: int) -> dict[str, Any]:
    """Build and measure one synthetic registry of ``rows`` rows under ``work``."""
    python = sys.executable
    data = synth.write_synthetic(work / "data", rows)
    build_s, out, built = bench.time_build(data, work, build_runs)
    shutil.rmtree(data)
    bench.compile_for_import(measure.REPO / "src" / "modelsuite", out / "_data.py")
    env = measure.child_env()
    key = bench.pick_key(python, out)
    preamble, use = measure.modelsuite_preamble(out)
    body = f"import modelsuite\n{use}\nmodelsuite.get_model_info({key!r})"
    cold = measure.cold_start(python, preamble, body, runs=runs, env=env)
    result: dict[str, Any] = {"rows": built, "build_s": build_s, "cold_ms": cold.delta_ms}
    result["pyc_mb"] = sum(p.stat().st_size for p in (out / "__pycache__").glob("_data.*.pyc")) / 2**20
    result.update(measure.probe(python, "warm", str(out), env=env))
    result.update(measure.probe(python, "memory", str(out), env=env))
    return result


def render(results: list[dict[str, Any]]) -> str:
    base = results[0]

    def grow(r: dict[str, Any], key: str) -> str:
        b, v = base.get(key), r.get(key)
        return "-" if not b or v is None else f"{v / b:.1f}x"

    rows = []
    for r in results:
        g = r.get
        rows.append([
            f"{r['rows']:,}",
            f"{r['build_s']:.2f} s",
            measure.fmt_ms(g("cold_ms")),
            measure.fmt_ns(g("lookup_id_ns")),
            measure.fmt_ns(g("lookup_alias_ns")),
            measure.fmt_ms(g("find_all_ms")),
            measure.fmt_ms(g("find_filtered_ms")),
            measure.fmt_mb(g("rss_all_mb")),
            measure.fmt_mb(g("pyc_mb")),
            f"{r['rows'] / base['rows']:.0f}x",
            grow(r, "build_s"),
            grow(r, "cold_ms"),
            grow(r, "lookup_id_ns"),
            grow(r, "rss_all_mb"),
        ])  # fmt: skip
    header = ["rows", "build", "cold start", "lookup id", "lookup alias", "find all", "find filtered", "RSS all",
              ".pyc", "rows x", "build x", "cold x", "lookup x", "RSS x"]  # fmt: skip
    return (
        f"modelsuite at scale (synthetic registries, real pipeline); {measure.machine()}\n\n"
        + measure.table(header, rows)
        + "\n\ncold start = import + first get_model_info minus a bare interpreter (median of interleaved runs, "
        ".pyc present); lookups per call, loop included; find all = find_models() with no filter, warm; "
        "RSS all = resident-set growth with every model and its prices materialized."
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated row counts")
    ap.add_argument("--runs", type=int, default=21, help="cold-start pairs per size (11 above 50k rows)")
    ap.add_argument("--build-runs", type=int, default=3, help="builds to time per size (1 above 50k rows)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = []
    for rows in sizes:
        print(f"scale: {rows} rows ...", file=sys.stderr)
        with tempfile.TemporaryDirectory(prefix=f"modelsuite-scale-{rows}-") as tmp:
            big = rows > 50_000
            runs = min(args.runs, 11) if big else args.runs
            results.append(measure_size(rows, Path(tmp), runs, 1 if big else args.build_runs))
    print(json.dumps(results, indent=1) if args.json else render(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
