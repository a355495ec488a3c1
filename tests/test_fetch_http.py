"""HTTP-layer basics against a tiny server on 127.0.0.1: retry, Retry-After, cache hit, TTL, key hygiene.

(The broader fault-injection and secret-leak suite is tests/test_faults_http.py.)
"""

from __future__ import annotations

import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("httpx")

from modelsuite_tools.fetchers.http import (
    CACHE_SUFFIX,
    ApiError,
    HttpClient,
    HttpStatusError,
    MissingCredentials,
    RetriesExhausted,
    api_key,
    clear_cache,
)

Reply = tuple[int, dict[str, str], bytes]


class Server:
    """Answers request n with ``script(n, path)``; records the paths and headers it saw."""

    def __init__(self, script: Callable[[int, str], Reply]) -> None:
        self.script = script
        self.hits: list[tuple[str, dict[str, str]]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer.hits.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                status, headers, body = outer.script(len(outer.hits) - 1, self.path)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}"

    def __enter__(self) -> Server:
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


OK = (200, {"Content-Type": "application/json"}, b'{"data": [{"id": "a"}]}')


@pytest.fixture
def client_factory(tmp_path: Path) -> Iterator[Callable[..., HttpClient]]:
    made: list[HttpClient] = []
    sleeps: list[float] = []

    def make(**kw: Any) -> HttpClient:
        opts: dict[str, Any] = {"timeout": 2.0, "max_retries": 3, "backoff_base": 0.01, "backoff_cap": 0.02,
                                "max_total_seconds": 10.0, "cache_dir": tmp_path / "cache", "use_cache": False}
        opts.update(kw)
        def sleep(seconds: float) -> None:
            sleeps.append(seconds)
            time.sleep(min(seconds, 0.01))

        opts.setdefault("sleep", sleep)
        c = HttpClient(**opts)
        c.sleeps = sleeps  # type: ignore[attr-defined]
        made.append(c)
        return c

    yield make
    for c in made:
        c.close()


def test_retry_on_500_then_success(client_factory: Callable[..., HttpClient]) -> None:
    replies = [(500, {}, b'{"error": {"message": "boom"}}'), OK]
    with Server(lambda n, p: replies[min(n, 1)]) as srv:
        doc = client_factory().get_json(srv.url + "/v1/models")
    assert doc == {"data": [{"id": "a"}]}
    assert len(srv.hits) == 2


def test_retries_are_bounded(client_factory: Callable[..., HttpClient]) -> None:
    with Server(lambda n, p: (503, {}, b"")) as srv, pytest.raises(RetriesExhausted) as info:
        client_factory(max_retries=2).get_json(srv.url + "/m")
    assert len(srv.hits) == 3
    assert "HTTP 503" in str(info.value) and "3 attempts" in str(info.value)


@pytest.mark.parametrize("form", ["seconds", "http-date"])
def test_retry_after_is_honoured(client_factory: Callable[..., HttpClient], form: str) -> None:
    def script(n: int, path: str) -> Reply:
        if n == 0:
            value = "7" if form == "seconds" else email.utils.formatdate(time.time() + 7, usegmt=True)
            return 429, {"Retry-After": value}, b'{"error": {"message": "slow down"}}'
        return OK

    with Server(script) as srv:
        client = client_factory()
        assert client.get_json(srv.url + "/m") == {"data": [{"id": "a"}]}
    waited = client.sleeps  # type: ignore[attr-defined]
    assert len(waited) == 1
    assert 5.5 <= waited[0] <= 7.0  # the server's wait, not the 0.01 s backoff


def test_retry_after_beyond_the_budget_gives_up_at_once(client_factory: Callable[..., HttpClient]) -> None:
    with Server(lambda n, p: (429, {"Retry-After": "3600"}, b"")) as srv, pytest.raises(RetriesExhausted):
        client_factory(max_total_seconds=5.0, retry_after_cap=3600).get_json(srv.url + "/m")
    assert len(srv.hits) == 1


def test_client_errors_are_not_retried_and_error_envelopes_are_refused(
    client_factory: Callable[..., HttpClient],
) -> None:
    def script(n: int, path: str) -> Reply:
        if path.startswith("/denied"):
            return 401, {}, b'{"error": {"message": "Invalid API key"}}'
        return 200, {}, b'{"error": {"message": "No auth credentials found", "code": 401}}'

    with Server(script) as srv:
        client = client_factory()
        with pytest.raises(HttpStatusError, match=r"HTTP 401 Unauthorized.*Invalid API key"):
            client.get_json(srv.url + "/denied")
        with pytest.raises(ApiError, match="No auth credentials found"):
            client.get_json(srv.url + "/envelope")
    assert len(srv.hits) == 2


def test_cache_hit_skips_the_network_and_stores_no_headers(client_factory: Callable[..., HttpClient],
                                                           tmp_path: Path) -> None:
    secret = "sk-test-cache-secret-123456"
    with Server(lambda n, p: OK) as srv:
        client = client_factory(use_cache=True)
        first = client.get_json(srv.url + "/m", headers={"Authorization": f"Bearer {secret}"}, params={"a": "1"})
        second = client.get_json(srv.url + "/m", headers={"Authorization": f"Bearer {secret}"}, params={"a": "1"})
        third = client.get_json(srv.url + "/m", params={"a": "2"})  # other params: another entry
    assert first == second == third
    assert len(srv.hits) == 2
    assert srv.hits[0][1]["authorization"] == f"Bearer {secret}"
    files = list((tmp_path / "cache").rglob("*"))
    entries = [f for f in files if f.is_file()]
    assert len(entries) == 2 and all(f.name.endswith(CACHE_SUFFIX) for f in entries)
    for f in entries:
        text = f.read_text(encoding="utf-8")
        assert secret not in text and "Authorization" not in text


def test_cache_entries_expire_after_the_ttl(client_factory: Callable[..., HttpClient], tmp_path: Path) -> None:
    with Server(lambda n, p: OK) as srv:
        client = client_factory(use_cache=True)
        client.get_json(srv.url + "/m")
        (entry,) = list((tmp_path / "cache").rglob(f"*{CACHE_SUFFIX}"))
        stored = json.loads(entry.read_text(encoding="utf-8"))
        stored["stored_at"] -= 24 * 3600 + 1  # a day and a second old
        entry.write_text(json.dumps(stored), encoding="utf-8")
        client.get_json(srv.url + "/m")
        assert len(srv.hits) == 2  # expired: fetched again
        client.get_json(srv.url + "/m")
        assert len(srv.hits) == 2  # refreshed entry is fresh


def test_clear_cache_deletes_only_its_own_files(client_factory: Callable[..., HttpClient], tmp_path: Path) -> None:
    with Server(lambda n, p: OK) as srv:
        client = client_factory(use_cache=True)
        client.get_json(srv.url + "/m")
    keep = [tmp_path / "cache" / "notes.json", client.cache_dir / "other.json", client.cache_dir / "x.msfetch"]
    for k in keep:
        k.write_text("{}", encoding="utf-8")
    assert clear_cache(tmp_path / "cache") == 1
    assert all(k.exists() for k in keep)
    assert not list((tmp_path / "cache").rglob(f"*{CACHE_SUFFIX}"))


def test_cache_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from modelsuite_tools.fetchers.http import cache_root

    monkeypatch.setenv("MODELSUITE_CACHE_DIR", str(tmp_path / "override"))
    assert cache_root() == tmp_path / "override"
    monkeypatch.delenv("MODELSUITE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_root() == tmp_path / "xdg" / "modelsuite"


def test_api_key_comes_from_the_environment_and_is_redacted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TOGETHER_API_KEY", raising=False)
    with pytest.raises(MissingCredentials) as info:
        api_key("TOGETHER_API_KEY")
    assert str(info.value).startswith("TOGETHER_API_KEY is not set")
    monkeypatch.setenv("TOGETHER_API_KEY", "tok-very-secret-value-42")
    assert api_key("TOGETHER_API_KEY") == "tok-very-secret-value-42"
    from modelsuite_tools.fetchers.http import FetchError

    assert "tok-very-secret-value-42" not in str(FetchError("server said: bad key tok-very-secret-value-42"))
