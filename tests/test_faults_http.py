"""Fault injection for the fetchers' HTTP layer (issue 6, part 2), against 127.0.0.1 only.

Each case runs :class:`~modelsuite_tools.fetchers.http.HttpClient` against a
:class:`~tests.faultserver.FaultServer` with small limits, and records what happened: the outcome
(a value or the exception class), the requests sent, the retries (counted from the client's log),
and the time taken, which must stay under the case's bound. The measured rows feed
``docs/reliability.md`` (see ``test_reliability_docs.py``).
"""

from __future__ import annotations

import functools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.faultserver import GOOD_BODY, GOOD_DOC, Reply, Script, by_path, refused_url, sequence, serving

httpx = pytest.importorskip("httpx")
from modelsuite_tools.fetchers.http import FetchError, HttpClient  # noqa: E402

#: The client settings every case starts from: short timeouts and backoff, so faults resolve fast.
CLIENT: dict[str, Any] = {"timeout": 1.0, "max_retries": 2, "backoff_base": 0.01, "backoff_cap": 0.05,
                          "retry_after_cap": 5.0, "max_total_seconds": 5.0, "use_cache": False}  # fmt: skip

API_ERROR = {"error": {"message": "Rate limit exceeded: free-models-per-day", "code": 429}}
BIG = b'{"data": [' + b'{"id": "x/y", "name": "' + b"z" * 300_000 + b'"}]}'
SURROGATE_BODY = GOOD_BODY.replace(b"TestLab: Alpha 1", b"TestLab: Alpha \\ud800 1")
#: OpenRouter-shaped entries (canonical_slug, an architecture object, a pricing.prompt string, so the
#: document is recognised as OpenRouter's) whose other fields have the wrong JSON types.
WRONG_TYPES = {"data": [{"id": 42, "canonical_slug": "testlab/alpha-1", "name": ["not", "text"],
                         "architecture": {"input_modalities": "text", "output_modalities": None},
                         "pricing": {"prompt": "0.00000015", "completion": 6e-7}},
                        {"id": "testlab/odd", "canonical_slug": "testlab/odd", "name": 7, "context_length": "big",
                         "pricing": {"prompt": "free", "completion": None, "input_cache_read": []},
                         "architecture": {"input_modalities": None}, "top_provider": None,
                         "supported_parameters": "tools"}]}  # fmt: skip


@dataclass(frozen=True)
class FaultCase:
    """One fault: what the server does, the client limits, and what must happen."""

    name: str
    server: str  #: what the server does, for the docs
    script: Script | None  #: None: nothing listens (connection refused)
    outcome: str  #: "ok" or the exception class name
    message: str  #: fragment of the result (ok) or of the one-line error message
    requests: int
    retries: int
    bound: float  #: seconds the whole call may take (asserted)
    min_time: float = 0.0  #: seconds it must at least take (a Retry-After honoured)
    client: dict[str, Any] = field(default_factory=dict)
    path: str = "/api/v1/models"


CASES: tuple[FaultCase, ...] = (
    FaultCase("connection refused", "nothing listens on the port", None,
              "RetriesExhausted", "connection failed (ConnectError", 3, 2, 2.0),
    FaultCase("timeout", "accepts, never answers", sequence(Reply(delay=30)),
              "RetriesExhausted", "timed out after 0.3 s (gave up after 2 attempts)", 2, 1, 2.0,
              client={"timeout": 0.3, "max_retries": 1}),
    FaultCase("slow drip", "sends the body 16 bytes every 50 ms (≈5 s in all)",
              sequence(Reply(body=GOOD_BODY, drip=0.05, drip_size=16)),
              "RetriesExhausted", "gave up after 1 s (time budget)", 1, 0, 2.5, client={"max_total_seconds": 1.0}),
    FaultCase("429 + Retry-After: 1", "429 with Retry-After: 1, then the list",
              sequence(Reply.json(API_ERROR, 429, (("Retry-After", "1"),)), Reply(body=GOOD_BODY)),
              "ok", "3 models", 2, 1, 3.0, min_time=1.0),
    FaultCase("429 + Retry-After: 3600", "429 with Retry-After: 3600, always",
              sequence(Reply.json(API_ERROR, 429, (("Retry-After", "3600"),))),
              "RetriesExhausted", "waiting 60 s more would exceed the 5 s budget", 1, 0, 1.0,
              client={"retry_after_cap": 60.0}),
    FaultCase("burst of 500s", "three 500s, then the list",
              sequence(*[Reply(500, b"Internal Server Error")] * 3, Reply(body=GOOD_BODY)),
              "ok", "3 models", 4, 3, 2.0, client={"max_retries": 4}),
    FaultCase("500s forever", "503 with a JSON error body, always",
              sequence(Reply.json({"error": {"message": "upstream overloaded"}}, 503)),
              "RetriesExhausted", "HTTP 503: upstream overloaded (gave up after 5 attempts)", 5, 4, 2.0,
              client={"max_retries": 4}),
    FaultCase("truncated body, then whole", "closes after 500 of its bytes once, then the list",
              sequence(Reply(body=GOOD_BODY, send_bytes=500), Reply(body=GOOD_BODY)),
              "ok", "3 models", 2, 1, 2.0),
    FaultCase("truncated body", "closes after 500 bytes of a longer Content-Length, always",
              sequence(Reply(body=GOOD_BODY, send_bytes=500)),
              "RetriesExhausted", "connection failed (RemoteProtocolError", 3, 2, 2.0),
    FaultCase("truncated JSON", "a complete 200 response holding half a document",
              sequence(Reply(body=GOOD_BODY[:500])), "InvalidJSON", "invalid JSON at line 1", 1, 0, 1.0),
    FaultCase("error body with status 200", '200 with {"error": {"message": …}}', sequence(Reply.json(API_ERROR)),
              "ApiError", "the API returned an error: Rate limit exceeded", 1, 0, 1.0),
    FaultCase("HTML with status 200", "200 with an HTML login page",
              sequence(Reply(body=b"<html><body>Please log in</body></html>")),
              "InvalidJSON", "invalid JSON at line 1 column 1", 1, 0, 1.0),
    FaultCase("empty list", '200 with {"data": []}', sequence(Reply.json({"data": []})), "ok", "0 models", 1, 0, 1.0),
    FaultCase("wrong field types", "ids, names, prices and limits of the wrong JSON types",
              sequence(Reply.json(WRONG_TYPES)), "ok", "2 models", 1, 0, 1.0),
    FaultCase("lone surrogate in a name", 'the list, one name holding the JSON escape "\\ud800"',
              sequence(Reply(body=SURROGATE_BODY)), "ok", "3 models", 1, 0, 1.0),
    FaultCase("body over the size cap (Content-Length)", "300 KB body, cap 100 KB, with Content-Length",
              sequence(Reply(body=BIG)), "ResponseTooLarge", "exceeds the 100,000-byte limit", 1, 0, 1.0,
              client={"max_body_bytes": 100_000}),
    FaultCase("body over the size cap (streamed)", "300 KB body, cap 100 KB, no Content-Length",
              sequence(Reply(body=BIG, length=False)), "ResponseTooLarge", "exceeds the 100,000-byte limit",
              1, 0, 1.0, client={"max_body_bytes": 100_000}),
    FaultCase("redirect loop", "302s: /api/v1/models → /b → /a → /b", by_path(
        {"/b": Reply(302, headers=(("Location", "/a"),))}, Reply(302, headers=(("Location", "/b"),))),
              "RedirectError", "redirect loop", 3, 0, 1.0),
    FaultCase("endless redirects", "302s: → /r/1 → /r/2 → … for ever", lambda hit: Reply(302, headers=(
        ("Location", f"/r/{int(hit.path[3:]) + 1 if hit.path.startswith('/r/') else 1}"),)),
              "RedirectError", "more than 5 redirects", 6, 0, 1.0),
    FaultCase("401 Unauthorized", "401 with a JSON error", sequence(Reply.json({"error": "invalid api key"}, 401)),
              "HttpStatusError", "HTTP 401 Unauthorized (check the API key): invalid api key", 1, 0, 1.0),
)  # fmt: skip

CASE_BY_NAME = {c.name: c for c in CASES}


@dataclass(frozen=True)
class Measured:
    """What one run of a case did."""

    outcome: str
    message: str
    requests: int
    retries: int
    seconds: float
    server_hits: int | None


@functools.cache
def measure(name: str) -> Measured:
    """Run case ``name`` once (cached: the tests and the docs table share one run)."""
    case = CASE_BY_NAME[name]
    lines: list[str] = []
    with serving(case.script) as srv:
        url = srv.url(case.path) if srv else refused_url(case.path)
        client = HttpClient(**{**CLIENT, **case.client, "log": lines.append})
        start = time.monotonic()
        try:
            doc = client.get_json(url)
        except FetchError as exc:
            outcome, message = type(exc).__name__, str(exc)
        else:
            data = doc.get("data") if isinstance(doc, dict) else None
            outcome, message = "ok", f"{len(data) if isinstance(data, list) else '?'} models"
        finally:
            seconds = time.monotonic() - start
            client.close()
        hits = srv.requests if srv else None
    retries = sum(1 for line in lines if line.startswith("retry "))
    return Measured(outcome, message, client.requests_made, retries, seconds, hits)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fault(case: FaultCase) -> None:
    got = measure(case.name)
    assert (got.outcome, got.requests, got.retries) == (case.outcome, case.requests, case.retries), got
    assert case.message in got.message, got.message
    assert "\n" not in got.message and len(got.message) <= 300
    assert got.server_hits in (None, got.requests)  # the client's count is what the server saw
    assert case.min_time <= got.seconds <= case.bound, got.seconds


def test_good_document_round_trips() -> None:
    """The baseline: the server's good body comes back whole and parsed."""
    with serving(sequence(Reply(body=GOOD_BODY))) as srv:
        assert srv is not None
        with HttpClient(**CLIENT) as client:
            assert client.get_json(srv.url("/api/v1/models")) == GOOD_DOC


def test_failures_are_not_cached(tmp_path: Path) -> None:
    """A failed or refused response never lands in the cache; the next good answer does."""
    script = sequence(Reply.json(API_ERROR), Reply(body=GOOD_BODY))
    with serving(script) as srv:
        assert srv is not None
        with HttpClient(**{**CLIENT, "use_cache": True, "cache_dir": tmp_path}) as client:
            with pytest.raises(FetchError):
                client.get_json(srv.url("/m"))
            assert not list(tmp_path.rglob("*.msfetch.json"))
            assert client.get_json(srv.url("/m")) == GOOD_DOC
            assert client.get_json(srv.url("/m")) == GOOD_DOC  # from the cache
        assert srv.requests == 2
    (entry,) = tmp_path.rglob("*.msfetch.json")
    assert json.loads(entry.read_text())["data"] == GOOD_DOC
