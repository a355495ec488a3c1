"""The benchmark scripts run end to end at a tiny size, and the lookup path stays light to import.

These check that the scripts work and print their tables, never how fast anything is (timing
targets are measured by the scripts themselves; see benchmarks/README.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"


def _run(*args: str, timeout: float = 60) -> str:
    env = {**os.environ, "MODELSUITE_BENCH_QUICK": "1"}
    proc = subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_bench_prints_every_figure_for_a_small_synthetic_registry() -> None:
    out = _run(str(BENCH / "bench.py"), "--rows", "200", "--runs", "2", "--nopyc-runs", "0", "--build-runs", "1",
               "--json")  # fmt: skip
    figures = json.loads(out)
    assert figures["rows"] == 200
    for key in ("cold_ms", "lookup_id_ns", "lookup_alias_ns", "lookup_miss_ns", "rss_all_mb", "traced_all_mb",
                "build_s"):  # fmt: skip
        assert isinstance(figures[key], float), key
    assert figures["lookup_id_ns"] > 0 and figures["build_s"] > 0
    assert figures["traced_all_mb"] > figures["traced_loaded_mb"] > 0  # materializing models allocates


def test_scale_prints_a_row_per_size() -> None:
    out = _run(str(BENCH / "scale.py"), "--sizes", "100,300", "--runs", "2", "--build-runs", "1")
    lines = [line for line in out.splitlines() if line.startswith("| ")]
    assert lines[0].startswith("| rows")
    assert [line.split("|")[1].strip() for line in lines[1:]] == ["100", "300"]


def test_synth_rows_are_valid_and_deterministic(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import synth
    finally:
        sys.path.remove(str(BENCH))
    from modelsuite_tools.merge import load_registry

    assert synth.make_rows(150, seed=3) == synth.make_rows(150, seed=3)
    files = synth.make_rows(150, seed=3)
    assert sum(len(rows) for rows in files.values()) == 150
    assert {rel.split("/")[0] for rel in files} == {"core", "regional", "specialized", "aggregators", "community"}
    registry = load_registry(synth.write_synthetic(tmp_path / "data", 150, seed=3))
    assert not registry.report.errors, [str(e) for e in registry.report.errors[:5]]
    assert len(registry.rows) == 150


def test_first_lookup_does_not_import_heavy_modules() -> None:
    # import + first lookup is the cold start the benchmark measures; each of these modules
    # costs milliseconds to import (decimal is imported when a price is first read).
    heavy = ("typing", "dataclasses", "re", "inspect", "decimal", "threading", "collections")
    code = (
        "import sys, modelsuite\n"
        "modelsuite.get_model_info('no-such-model')\n"
        "ms = modelsuite.get_all_models()\n"
        "ms and modelsuite.get_model_info(ms[0].id)\n"
        f"print(sorted(set({heavy!r}) & set(sys.modules)))"
    )
    assert _run("-c", code).strip() == "[]"
    priced = (
        "import sys, modelsuite\n"
        "ms = [m for m in modelsuite.get_all_models() if m.pricing.input_per_1m is not None]\n"
        "print('decimal' in sys.modules or not ms)\n"
    )
    assert _run("-c", priced).strip() == "True"
