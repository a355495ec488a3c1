"""Secrets (issue 6, part 3): a planted API key never reaches a file, a log line or an error.

``TOGETHER_API_KEY`` is set to a sentinel; ``modelsuite fetch together --verbose`` then runs
against local servers that succeed, fail (401, 500, timeout, error envelope) or echo the key back
in their body or in a redirect. Everything observable is searched for the sentinel (and its
URL-encoded form): stdout, stderr, log records, exception text with tracebacks, and every file
written (output CSV, cache entries, saved responses).
"""

from __future__ import annotations

import contextlib
import io
import logging
import traceback
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.faultserver import FaultServer, Reply, Script, logger_restored, sequence, serving

pytest.importorskip("httpx")
from modelsuite.cli import main
from modelsuite_tools.fetchers import together
from modelsuite_tools.fetchers.http import FetchError, HttpClient
from tests.test_faults_cli import ToLocal, pointed_at
from tests.test_faults_http import CLIENT

SENTINEL = "sk-SENTINEL-" + uuid.uuid4().hex


def together_doc(extra: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """A Together-shaped /v1/models array (synthetic test data)."""
    models = [{"id": f"testlab/model-{i}", "object": "model", "type": "chat", "display_name": f"Model {i}",
               "organization": "TestLab", "context_length": 32768, "pricing": {"input": 0.2, "output": 0.6}}
              for i in range(3)]  # fmt: skip
    if extra:
        models[0].update(extra)
    return models


def leaks(text: str | bytes) -> bool:
    """Return True if ``text`` contains the sentinel in any common encoding."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    forms = {SENTINEL, urllib.parse.quote(SENTINEL, safe=""), urllib.parse.quote_plus(SENTINEL)}
    return any(f in text for f in forms)


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextlib.contextmanager
def planted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    monkeypatch.setenv("TOGETHER_API_KEY", SENTINEL)
    monkeypatch.setenv("MODELSUITE_CACHE_DIR", str(tmp_path / "cache"))
    yield tmp_path


SCENARIOS: dict[str, tuple[Script, int]] = {
    "success (response cached)": (sequence(Reply.json([*together_doc(), {"id": 42}])), 0),
    "401 echoing the key": (sequence(Reply.json({"error": {"message": f"Invalid API key: {SENTINEL}"}}, 401)), 1),
    "500s echoing the key": (sequence(Reply.json({"error": {"message": f"boom for Bearer {SENTINEL}"}}, 500)), 1),
    "timeout": (sequence(Reply(delay=30)), 1),
    "200 error envelope echoing the key": (sequence(Reply.json({"error": f"key {SENTINEL} over quota"})), 1),
    "redirect to another host": (lambda hit: Reply.json(together_doc()) if hit.path.startswith("/elsewhere")
                                 else Reply(302, headers=(("Location", "https://elsewhere.example/elsewhere"),)), 0),
}  # fmt: skip


def run_together(
    script: Script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str, list[str], list[Any]]:
    """Run ``modelsuite fetch together --verbose --save-response`` against ``script``.

    Returns (exit code, stdout, stderr, log record lines, requests the server received).
    """
    records = _Records()
    # the command replaces the handlers of "modelsuite_tools" and stops propagation, so listen on the
    # fetchers' own logger (below it) and on the root: every record, before any redacting filter
    listeners = (logging.getLogger(), logging.getLogger("modelsuite_tools.fetchers"))
    for logger in listeners:
        logger.addHandler(records)
    try:
        with logger_restored(), planted(monkeypatch, tmp_path), serving(script) as srv:
            assert srv is not None
            with pointed_at(monkeypatch, srv.port, {"timeout": 0.3, "max_retries": 1}):
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(
                        [
                            "fetch",
                            "together",
                            "--output",
                            str(tmp_path / "data" / "together.csv"),
                            "--verbose",
                            "--date",
                            "2026-11-20",
                            "--save-response",
                            str(tmp_path / "saved.json"),
                        ]
                    )
            hits = list(srv.hits)
    finally:
        for logger in listeners:
            logger.removeHandler(records)
    return code, out.getvalue(), err.getvalue(), records.lines, hits


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_sentinel_key_never_escapes_the_fetch_command(
    scenario: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script, expected_code = SCENARIOS[scenario]
    code, out, err, records, hits = run_together(script, tmp_path, monkeypatch)
    # the key really was sent to the API host (so the checks below are meaningful) ...
    assert hits[0].headers.get("authorization") == f"Bearer {SENTINEL}"
    # ... but never to another host
    for hit in hits[1:]:
        if hit.path.startswith("/elsewhere"):
            assert "authorization" not in hit.headers
    if scenario.startswith("redirect"):
        assert any(h.path.startswith("/elsewhere") for h in hits)
    assert code == expected_code, err
    observed = {"stdout": out, "stderr": err, "log records": "\n".join(records)}
    for name, text in observed.items():
        assert not leaks(text), f"sentinel in {name}: {text}"
    assert "modelsuite: GET " in err  # --verbose really logged the requests
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    for path in written:
        assert not leaks(path.read_bytes()), f"sentinel in {path.relative_to(tmp_path)}"
    if scenario == "success (response cached)":
        assert list((tmp_path / "cache").rglob("*.msfetch.json")), "the success was not cached"
        assert any("skipped" in r for r in records), records  # the log records were really captured


ECHO_IN_DATA = sequence(Reply.json(together_doc({"organization": f"org {SENTINEL}", "display_name": SENTINEL})))


def test_key_echoed_into_data_stays_out_of_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An API that echoes the key inside model data: nothing printed or logged shows it."""
    _, out, err, records, _ = run_together(ECHO_IN_DATA, tmp_path, monkeypatch)
    for text in (out, err, *records):
        assert not leaks(text), text
    assert not any(leaks(p.read_bytes()) for p in (tmp_path / "cache").rglob("*") if p.is_file())


def test_key_echoed_into_data_is_never_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_together(ECHO_IN_DATA, tmp_path, monkeypatch)
    leaked = [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file() and leaks(p.read_bytes())]
    assert leaked == []


@pytest.mark.parametrize("script", [
    sequence(Reply.json({"error": {"message": f"bad key {SENTINEL}"}}, 401)),
    sequence(Reply.json({"detail": f"bad key {SENTINEL}"}, 503)),
    sequence(Reply(delay=30)),
    sequence(Reply(body=f'{{"data": ["{SENTINEL}"'.encode())),
], ids=["401", "503", "timeout", "truncated JSON echoing the key"])  # fmt: skip
def test_exception_text_and_traceback_hide_the_key(
    script: Script, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fetcher's own exception: str, repr, args and the formatted traceback hold no key."""
    monkeypatch.setenv("TOGETHER_API_KEY", SENTINEL)
    lines: list[str] = []
    with FaultServer(script) as srv:
        client = HttpClient(
            **{
                **CLIENT,
                "timeout": 0.3,
                "max_retries": 1,
                "log": lines.append,
                "transport": ToLocal(srv.port),
                "cache_dir": tmp_path,
                "use_cache": True,
            }
        )
        with client, pytest.raises(FetchError) as info:
            together.fetch(client)
    exc = info.value
    shown = [str(exc), repr(exc), repr(exc.args), "".join(traceback.format_exception(exc)), *lines]
    for text in shown:
        assert not leaks(text), text
    assert not any(leaks(p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file())


def test_key_in_query_parameters_is_hidden(tmp_path: Path) -> None:
    """A key passed as a query parameter is sent, but kept out of messages, logs and the cache."""
    lines: list[str] = []
    with FaultServer(sequence(Reply(500, b"down"), Reply.json({"data": []}))) as srv:
        with HttpClient(
            **{**CLIENT, "log": lines.append, "cache_dir": tmp_path, "use_cache": True, "max_retries": 0}
        ) as client:
            with pytest.raises(FetchError) as info:
                client.get_json(srv.url("/v1/models"), params={"api_key": SENTINEL, "limit": 5})
            assert client.get_json(srv.url("/v1/models"), params={"api_key": SENTINEL, "limit": 5}) == {"data": []}
        assert SENTINEL in urllib.parse.unquote(srv.hits[0].path)  # it was really sent
    assert not leaks(str(info.value)) and not any(leaks(line) for line in lines)
    entries = list(tmp_path.rglob("*.msfetch.json"))
    assert entries and not any(leaks(p.read_bytes()) or leaks(p.name) for p in entries)
