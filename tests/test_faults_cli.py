"""Every HTTP fault through the real fetch command: ``modelsuite fetch openrouter --output FILE``.

The output file already holds good rows (from a clean fetch of the same server data). Each fault
then runs the whole command path in-process (:func:`modelsuite.cli.main`: HttpClient -> fetcher
-> validation -> guarded write) with the OpenRouter URL pointed at a local
:class:`~tests.faultserver.FaultServer` and the client's limits shortened to the case's (see
``test_faults_http.CLIENT``). Measured: exit code, first error line, retries (from ``--verbose``),
time, and the bytes of good data lost, which must be 0.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.faultserver import GOOD_BODY, Reply, logger_restored, refused_url, sequence, serving

pytest.importorskip("httpx")
import httpx

from modelsuite.cli import main
from modelsuite_tools.fetchers import http as http_mod
from tests.test_faults_http import CASE_BY_NAME, CASES, CLIENT, SURROGATE_BODY

DATE = "2026-11-20"

#: What the command must do per case: (exit code, fragment of the error line or of stdout).
EXPECTED: dict[str, tuple[int, str]] = {
    "connection refused": (1, "openrouter: GET https://openrouter.ai/api/v1/models: connection failed (ConnectError"),
    "timeout": (1, "timed out"),
    "slow drip": (1, "time budget"),
    "429 + Retry-After: 1": (0, "openrouter: 3 rows"),
    "429 + Retry-After: 3600": (1, "would exceed the 5 s budget"),
    "burst of 500s": (0, "openrouter: 3 rows"),
    "500s forever": (1, "HTTP 503: upstream overloaded"),
    "truncated body, then whole": (0, "openrouter: 3 rows"),
    "truncated body": (1, "RemoteProtocolError"),
    "truncated JSON": (1, "invalid JSON"),
    "error body with status 200": (1, "the API returned an error: Rate limit exceeded"),
    "HTML with status 200": (1, "invalid JSON"),
    "empty list": (1, "zero rows; refusing to replace the file"),
    "wrong field types": (1, "fewer than the current 3"),
    "lone surrogate in a name": (0, "openrouter: 3 rows"),  # clean_text drops it; one bad name never blocks a fetch
    "body over the size cap (Content-Length)": (1, "exceeds the 100,000-byte limit"),
    "body over the size cap (streamed)": (1, "exceeds the 100,000-byte limit"),
    "redirect loop": (1, "redirect loop"),
    "endless redirects": (1, "more than 5 redirects"),
    "401 Unauthorized": (1, "HTTP 401 Unauthorized"),
}


@dataclass(frozen=True)
class CliMeasured:
    """What one run of ``modelsuite fetch`` did."""

    code: int
    line: str  #: the error line (exit 1) or the summary line (exit 0)
    retries: int
    seconds: float
    bytes_lost: int
    traceback: bool


def bytes_lost(before: bytes, after: bytes | None) -> int:
    """Return the bytes of ``before``'s lines that are missing from ``after`` (0 if all survive)."""
    if after is None:
        return len(before)
    kept = set(after.split(b"\n"))
    return sum(len(line) + 1 for line in before.split(b"\n") if line and line not in kept)


class ToLocal(httpx.HTTPTransport):
    """An httpx transport that sends every request to 127.0.0.1:``port``, whatever its URL says."""

    def __init__(self, port: int) -> None:
        super().__init__()
        self.port = port

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.url = request.url.copy_with(scheme="http", host="127.0.0.1", port=self.port)
        return super().handle_request(request)


@contextlib.contextmanager
def pointed_at(monkeypatch: pytest.MonkeyPatch, port: int, client: dict[str, Any]) -> Iterator[None]:
    """Route the command's HTTP connections to 127.0.0.1:``port`` and give its HttpClient these limits.

    The fetcher itself is untouched (it still asks for https://openrouter.ai/...); only the
    client's documented ``transport`` parameter and limits are set.
    """
    real = http_mod.HttpClient

    class Bounded(real):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**{**CLIENT, **client, "transport": ToLocal(port), **kwargs})

    monkeypatch.setattr(http_mod, "HttpClient", Bounded)
    yield


def run_fetch(output: Path, *extra: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with logger_restored(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["fetch", "openrouter", "--output", str(output), "--date", DATE, "--verbose", *extra])
    return code, out.getvalue(), err.getvalue(), time.monotonic() - start


def good_csv(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Fetch the good document once through the command; return the CSV it writes."""
    target = tmp / "good" / "openrouter.csv"  # the file name must be the provider's
    with serving(sequence(Reply(body=GOOD_BODY))) as srv, monkeypatch.context() as mp:
        assert srv is not None
        with pointed_at(mp, srv.port, {}):
            code, out, err, _ = run_fetch(target, "--no-cache")
    assert code == 0, err
    assert "openrouter: 3 rows" in out
    data = target.read_bytes()
    assert data.count(b"\nopenrouter/testlab/") == 3
    return data


@functools.cache
def _measure(name: str, tmp: str) -> CliMeasured:
    case = CASE_BY_NAME[name]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MODELSUITE_CACHE_DIR", str(Path(tmp) / "cache"))
        mp.setenv("NO_PROXY", "127.0.0.1")
        good = good_csv(Path(tmp), mp)
        target = Path(tmp) / "openrouter.csv"
        target.write_bytes(good)
        with serving(case.script) as srv:
            port = srv.port if srv else int(refused_url().rsplit(":", 1)[1].strip("/"))
            with pointed_at(mp, port, case.client):
                code, out, err, seconds = run_fetch(target, "--no-cache")
    after = target.read_bytes() if target.exists() else None
    errors = [line for line in err.splitlines() if line.startswith("modelsuite: error: ")]
    line = errors[0] if code else out.strip().splitlines()[-1]
    retries = sum(1 for line_ in err.splitlines() if line_.startswith("modelsuite: retry "))
    return CliMeasured(code, line, retries, seconds, bytes_lost(good, after), "Traceback" in out + err)


_TMP: list[Path] = []


def measure_cli(name: str) -> CliMeasured:
    """Run case ``name`` through the command once per session (shared with the docs test)."""
    if not _TMP:
        _TMP.append(Path(tempfile.mkdtemp(prefix="modelsuite-faults-")))
        atexit.register(shutil.rmtree, _TMP[0], ignore_errors=True)
    folder = _TMP[0] / name.replace(" ", "_").replace("/", "_").replace(":", "")
    folder.mkdir(exist_ok=True)
    return _measure(name, str(folder))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fetch_command_loses_no_good_data(case: Any) -> None:
    got = measure_cli(case.name)
    code, fragment = EXPECTED[case.name]
    assert got.code == code, got
    assert fragment in got.line, got.line
    assert got.bytes_lost == 0, got
    assert not got.traceback
    assert got.retries == case.retries, got
    assert got.seconds <= case.bound + 1.0, got  # the command adds parsing and the guarded write


def test_lone_surrogate_with_the_cache_on_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the response cache on, a lone surrogate is cached (ASCII-escaped) and cleaned like any text."""
    monkeypatch.setenv("MODELSUITE_CACHE_DIR", str(tmp_path / "cache"))
    good = good_csv(tmp_path, monkeypatch)
    target = tmp_path / "openrouter.csv"
    target.write_bytes(good)
    with serving(sequence(Reply(body=SURROGATE_BODY))) as srv:
        assert srv is not None
        with pointed_at(monkeypatch, srv.port, {}):
            code, _, err, _ = run_fetch(target)
    assert code == 0, err
    assert "Traceback" not in err
    assert list((tmp_path / "cache").rglob("*.msfetch.json"))
    assert target.read_bytes() == good


def test_every_case_has_an_expectation() -> None:
    assert set(EXPECTED) == {c.name for c in CASES}


def test_bytes_lost_counts_missing_lines() -> None:
    before = b"h\na,1\nb,2\n"
    assert bytes_lost(before, before) == 0
    assert bytes_lost(before, b"h\na,1\nb,2\nc,3\n") == 0
    assert bytes_lost(before, b"h\na,1\n") == 4
    assert bytes_lost(before, None) == len(before)
