"""Concurrency (issue 6, part 4): many threads touching the registry first at once -> one load.

The loader is wrapped to count calls and to sleep briefly, so every thread arrives while the first
load is still running; the interpreter's switch interval is shortened to interleave threads more.
"""

from __future__ import annotations

import sys
import threading
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import modelsuite
from modelsuite import _registry
from tests.support import TODAY, registry_from

THREADS = 32


@pytest.fixture
def fast_switching() -> Iterator[None]:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(old)


def counting_loader(module: types.ModuleType, loads: list[int], pause: float) -> Callable[[], types.ModuleType]:
    def load() -> types.ModuleType:
        loads.append(threading.get_ident())
        time.sleep(pause)  # widen the window in which other threads can race the first load
        return module

    return load


def run_threads(work: Callable[[int], Any]) -> list[Any]:
    """Start THREADS threads behind a barrier; return their results (re-raising any exception)."""
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    if errors:
        raise errors[0]
    return results


def test_32_threads_first_lookup_load_once_and_share_objects(
    sample_module: types.ModuleType, fast_switching: None
) -> None:
    loads: list[int] = []
    with registry_from(sample_module):
        _registry.use_data_module(counting_loader(sample_module, loads, 0.05))
        results = run_threads(lambda i: (_registry.get_model_info("claude-sonnet-4-5"), _registry.get_all_models()))
    assert len(loads) == 1
    first_model, first_all = results[0]
    assert first_model is not None and first_model.id == "anthropic/claude-sonnet-4-5"
    assert len(first_all) == sample_module.MODEL_COUNT
    for model, every in results:
        assert model is first_model
        assert all(a is b for a, b in zip(every, first_all, strict=True))


def test_mixed_first_calls_from_32_threads(sample_module: types.ModuleType, fast_switching: None) -> None:
    """Different entry points racing each other (lookups, listings, lazy constants) still load once."""
    calls: list[Callable[[], Any]] = [
        lambda: _registry.get_model_info("openrouter/meta-llama/llama-3.3-70b-instruct"),
        lambda: _registry.get_models_by_provider("openrouter"),
        lambda: _registry.get_all_models(),
        lambda: _registry.list_providers(),
        lambda: modelsuite.MODEL_COUNT,
        lambda: _registry.get_model_info("LLAMA-3.3-70B-INSTRUCT"),
    ]
    loads: list[int] = []
    with registry_from(sample_module):
        _registry.use_data_module(counting_loader(sample_module, loads, 0.05))
        results = run_threads(lambda i: calls[i % len(calls)]())
        llama = _registry.get_model_info("openrouter/meta-llama/llama-3.3-70b-instruct")
        everything = _registry.get_all_models()
    assert len(loads) == 1
    for i, result in enumerate(results):
        kind = i % len(calls)
        if kind in (0, 5):
            assert result is llama
        elif kind == 1:
            assert llama in result and all(any(m is x for x in everything) for m in result)
        elif kind == 2:
            assert all(a is b for a, b in zip(result, everything, strict=True))
        elif kind == 3:
            assert result == ("anthropic", "google", "groq", "openrouter")
        else:
            assert result == sample_module.MODEL_COUNT


def test_repeated_races_after_clear_cache(sample_module: types.ModuleType, fast_switching: None) -> None:
    """20 rounds of clear_cache + 32 racing threads: one load per round, one object per id per round."""
    loads: list[int] = []
    rounds = 20
    with registry_from(sample_module):
        _registry.use_data_module(counting_loader(sample_module, loads, 0.002))
        previous = None
        for n in range(rounds):
            _registry.clear_cache()
            results = run_threads(lambda i: _registry.get_model_info("gemini-2.5-pro"))
            assert len(loads) == n + 1
            assert all(r is results[0] for r in results)
            assert results[0] is not previous  # clear_cache really forgets the objects
            previous = results[0]


# --- two fetches writing the same file at once ------------------------------------------------------

guarded_write = pytest.importorskip("modelsuite_tools.guarded_write")


def _rows(version: int, n: int = 400) -> list[dict[str, str]]:
    from tests.support import make_row

    return [
        make_row(
            f"acme/model-{i:04d}",
            name=f"Model {i} v{version}",
            input_per_1m=f"{version}.{i % 10}",
            output_per_1m=f"{version + 1}",
            description="x" * 200,
        )
        for i in range(n)
    ]


def test_concurrent_guarded_writes_never_tear_the_file(tmp_path: Path) -> None:
    """Two writers alternate versions of the same file while a reader polls: every read is whole."""
    from modelsuite_tools.csvio import format_csv

    target = tmp_path / "acme.csv"
    versions = {v: format_csv(_rows(v)).encode() for v in (1, 2, 3)}
    target.write_bytes(versions[3])
    stop = threading.Event()
    seen: list[bytes] = []
    errors: list[BaseException] = []

    def writer(version: int) -> None:
        try:
            for _ in range(15):
                guarded_write.write_rows(target, _rows(version), today=TODAY)
        except BaseException as exc:
            errors.append(exc)

    def reader() -> None:
        while not stop.is_set():
            seen.append(target.read_bytes())

    threads = [threading.Thread(target=writer, args=(v,)) for v in (1, 2)]
    poll = threading.Thread(target=reader)
    poll.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    stop.set()
    poll.join(timeout=10)
    assert not errors, errors
    assert len(seen) > 10
    torn = [len(s) for s in seen if s not in versions.values()]
    assert torn == []
    assert target.read_bytes() in (versions[1], versions[2])
    assert not [p.name for p in tmp_path.iterdir() if p.name != "acme.csv"]  # no temp files left behind


def test_guarded_write_waits_for_the_lock(tmp_path: Path) -> None:
    """While another writer holds the file's lock, a second write blocks, then completes."""
    target = tmp_path / "acme.csv"
    done = threading.Event()

    def write() -> None:
        guarded_write.write_rows(target, _rows(1, 10), today=TODAY)
        done.set()

    with guarded_write.file_lock(target):
        t = threading.Thread(target=write)
        t.start()
        assert not done.wait(0.3)  # blocked behind the held lock
        assert not target.exists()
    assert done.wait(10)
    t.join()
    assert target.exists()


def test_two_fetch_processes_race_on_one_file(tmp_path: Path) -> None:
    """Two `modelsuite fetch --from-file` processes write one CSV at once: the result is one of them, whole."""
    import json
    import subprocess

    from tests.faultserver import openrouter_model

    out_dir = tmp_path / "aggregators"
    target = out_dir / "openrouter.csv"
    docs = []
    for version in (1, 2):
        models = [
            openrouter_model(f"lab/m-{i:03d}", f"Lab: M {i} v{version}", f"0.00000{version}", "0.00001", 8192)
            for i in range(300)
        ]
        path = tmp_path / f"doc{version}.json"
        path.write_text(json.dumps({"data": models}), encoding="utf-8")
        docs.append(path)
    cmd = [sys.executable, "-m", "modelsuite", "fetch", "openrouter", "--output", str(target), "--date", "2026-11-20"]
    procs = [
        subprocess.Popen([*cmd, "--from-file", str(d)], stdout=subprocess.PIPE, stderr=subprocess.PIPE) for d in docs
    ]
    results = [p.communicate(timeout=60) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    final = target.read_bytes()
    singles = []
    for n, d in enumerate(docs):
        alone = tmp_path / f"alone{n}" / "openrouter.csv"
        subprocess.run(
            [*cmd[:5], "--output", str(alone), "--date", "2026-11-20", "--from-file", str(d)],
            check=True,
            capture_output=True,
            timeout=60,
        )
        singles.append(alone.read_bytes())
    assert final in singles
    assert sorted(p.name for p in out_dir.iterdir()) == ["openrouter.csv"]


def test_registry_state_is_restored_after_these_tests() -> None:
    """The tests above swap the loader only inside ``registry_from``: the bundled data is back."""
    assert _registry._data_loader is None
