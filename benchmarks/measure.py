"""Measurement helpers shared by bench.py, scale.py and compare.py (standard library only).

Every figure is taken in fresh child processes so the parent's imports never leak into it:

- cold start: wall time of ``python -c "<import + first lookup>"`` minus the wall time of
  ``python -c "<same preamble, no import>"``, the two interleaved, median of ``runs`` each;
- warm figures and memory: a child runs :mod:`probe` and prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PROBE = HERE / "probe.py"


@dataclass(frozen=True, slots=True)
class ColdStart:
    """Median wall times (ms) of the bare and the measured process, and their difference."""

    bare_ms: float
    full_ms: float
    delta_ms: float
    inproc_ms: float  # median time the child itself measured from before the import to after the lookup
    runs: int

    def ratio_to(self, other: ColdStart) -> float:
        """Return how many times slower ``other`` is than this one (by delta)."""
        return other.delta_ms / self.delta_ms if self.delta_ms > 0 else float("inf")


def _run_timed(cmd: list[str], env: dict[str, str] | None) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    elapsed = (time.perf_counter() - t0) * 1000
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({' '.join(cmd[:2])} ...):\n{proc.stderr.strip()[-2000:]}")
    return elapsed, proc.stdout


def cold_start(
    python: str, preamble: str, body: str, *, runs: int, env: dict[str, str] | None = None, warmup: int = 2
) -> ColdStart:
    """Time ``python -c preamble`` against ``python -c preamble+body`` (interleaved).

    ``body`` runs between two ``time.perf_counter()`` reads and the child prints the difference,
    so the result also carries the in-process figure. ``warmup`` runs (not counted) fill the OS
    file cache and let Python write any missing ``.pyc`` first.
    """
    bare_code = f"import time\n{preamble}\n"
    full_code = f"import time\n{preamble}\n_t0 = time.perf_counter()\n{body}\nprint(time.perf_counter() - _t0)\n"
    for _ in range(warmup):
        _run_timed([python, "-c", full_code], env)
        _run_timed([python, "-c", bare_code], env)
    bare: list[float] = []
    full: list[float] = []
    inproc: list[float] = []
    for _ in range(runs):
        bare.append(_run_timed([python, "-c", bare_code], env)[0])
        ms, out = _run_timed([python, "-c", full_code], env)
        full.append(ms)
        inproc.append(float(out.strip().splitlines()[-1]) * 1000)
    b, f = statistics.median(bare), statistics.median(full)
    return ColdStart(b, f, f - b, statistics.median(inproc), runs)


def probe(python: str, mode: str, *args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run ``probe.py MODE ARGS`` in a fresh process and return the JSON it prints."""
    _, out = _run_timed([python, str(PROBE), mode, *args], env)
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def modelsuite_preamble(data_dir: Path | None) -> tuple[str, str]:
    """Return the (preamble, load statement) that point the runtime at a generated module.

    ``data_dir`` holds a generated ``_data.py``; ``None`` means the bundled ``modelsuite._data``.
    """
    if data_dir is None:
        return "", ""
    return (
        f"import sys\nsys.path.insert(0, {str(data_dir)!r})",
        "from modelsuite import _registry\n_registry.use_data_module(lambda: __import__('_data'))",
    )


def child_env(**extra: str) -> dict[str, str]:
    """Return the environment for children: this one, with the repository's ``src`` importable."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env


def fmt_ns(value: float | None) -> str:
    """Format nanoseconds for a table."""
    return "-" if value is None else f"{value:,.0f} ns"


def fmt_ms(value: float | None) -> str:
    """Format milliseconds for a table."""
    return "-" if value is None else (f"{value:.1f} ms" if value < 100 else f"{value:,.0f} ms")


def fmt_mb(value: float | None) -> str:
    """Format megabytes for a table."""
    return "-" if value is None else f"{value:.1f} MB"


def table(header: list[str], rows: list[list[str]]) -> str:
    """Return a Markdown table (columns padded to line up in a terminal too)."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def machine() -> str:
    """Return a one-line description of the machine and interpreter."""
    cpu = ""
    try:
        for text in Path("/proc/cpuinfo").read_text().splitlines():
            if text.startswith("model name"):
                cpu = text.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"Python {sys.version.split()[0]}, {os.cpu_count()} cores{', ' + cpu if cpu else ''}"
