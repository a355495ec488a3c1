"""A misbehaving HTTP server on 127.0.0.1 for fault-injection tests, and the catalogue of faults.

:class:`FaultServer` answers each request with the :class:`Reply` its script returns for that
request (number and path): any status, headers and body, optionally after a delay (a timeout),
dripped slowly, cut short (a truncated body) or streamed without a length. It binds port 0 on
127.0.0.1 only, records every request it receives, and stops promptly even while a reply is
still sleeping or dripping.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Reply:
    """What the server sends for one request."""

    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0  #: seconds to wait before sending anything (exceed the client timeout)
    drip: float = 0.0  #: seconds between body chunks of ``drip_size`` bytes
    drip_size: int = 1
    send_bytes: int | None = None  #: send only this many body bytes, then close (truncated body)
    length: bool = True  #: send Content-Length (False: the body ends when the connection closes)

    @staticmethod
    def json(doc: Any, status: int = 200, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
        return Reply(status, json.dumps(doc).encode(), (("Content-Type", "application/json"), *headers))


@dataclass(frozen=True)
class Hit:
    """One request the server received."""

    number: int  #: 0-based, in arrival order
    path: str
    headers: dict[str, str] = field(default_factory=dict)


Script = Callable[[Hit], Reply]


def sequence(*replies: Reply) -> Script:
    """Answer request n with ``replies[n]``, and every later request with the last one."""
    return lambda hit: replies[min(hit.number, len(replies) - 1)]


def by_path(routes: dict[str, Reply], default: Reply | None = None) -> Script:
    """Answer by request path (query string ignored); unknown paths get 404."""
    missing = default or Reply(404, b'{"error": {"message": "not found"}}')
    return lambda hit: routes.get(hit.path.split("?", 1)[0], missing)


class FaultServer:
    """A threaded HTTP/1.0 server on 127.0.0.1 driven by a :data:`Script`.

    >>> with FaultServer(sequence(Reply.json({"ok": 1}))) as srv:
    ...     srv.url("/x").startswith("http://127.0.0.1:")
    True
    """

    def __init__(self, script: Script) -> None:
        self.script = script
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                with server._lock:
                    hit = Hit(len(server.hits), self.path, {k.lower(): v for k, v in self.headers.items()})
                    server.hits.append(hit)
                try:
                    reply = server.script(hit)
                except Exception as exc:  # a broken script must show up as such, not as a dropped connection
                    reply = Reply(599, f"fault script error: {exc!r}".encode())
                with contextlib.suppress(OSError):
                    server._answer(self, reply)

        self._httpd = ThreadingHTTPServer((HOST, 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self.port = int(self._httpd.server_address[1])
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def _answer(self, h: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.delay and self._stop.wait(reply.delay):
            return
        h.send_response(reply.status)
        for name, value in reply.headers:
            h.send_header(name, value)
        if reply.length:
            h.send_header("Content-Length", str(len(reply.body)))
        h.end_headers()
        body = reply.body if reply.send_bytes is None else reply.body[: reply.send_bytes]
        if not reply.drip:
            h.wfile.write(body)
            h.wfile.flush()
            return
        for i in range(0, len(body), reply.drip_size):
            h.wfile.write(body[i : i + reply.drip_size])
            h.wfile.flush()
            if self._stop.wait(reply.drip):
                return

    def url(self, path: str = "/") -> str:
        """Return the absolute URL of ``path`` on this server."""
        return f"http://{HOST}:{self.port}{path}"

    @property
    def requests(self) -> int:
        """Return how many requests arrived so far."""
        with self._lock:
            return len(self.hits)

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def refused_url(path: str = "/") -> str:
    """Return a 127.0.0.1 URL on a port where nothing listens (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
    return f"http://{HOST}:{port}{path}"


@contextlib.contextmanager
def logger_restored(name: str = "modelsuite_tools") -> Iterator[None]:
    """Put logger ``name`` back as it was (handlers, level, propagation) after a CLI run reconfigures it."""
    logger = logging.getLogger(name)
    saved = (list(logger.handlers), logger.level, logger.propagate)
    try:
        yield
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved[0], saved[1], saved[2]


@contextlib.contextmanager
def serving(script: Script | None) -> Iterator[FaultServer | None]:
    """Run a :class:`FaultServer` for ``script`` (``None``: no server, for connection-refused cases)."""
    if script is None:
        yield None
        return
    with FaultServer(script) as srv:
        yield srv


# --------------------------------------------------------------------------------------------------
# an OpenRouter-shaped /api/v1/models document (synthetic test data, not registry data)


def openrouter_model(raw_id: str, name: str, prompt: str, completion: str, context: int) -> dict[str, Any]:
    """Return one entry in the shape of OpenRouter's ``/api/v1/models`` ``data`` list."""
    return {
        "id": raw_id,
        "canonical_slug": raw_id,
        "name": name,
        "created": 1750000000,
        "description": f"Synthetic test model {name}.",
        "context_length": context,
        "architecture": {"modality": "text->text", "input_modalities": ["text"], "output_modalities": ["text"],
                         "tokenizer": "Other", "instruct_type": None},
        "pricing": {"prompt": prompt, "completion": completion},
        "top_provider": {"context_length": context, "max_completion_tokens": 4096, "is_moderated": False},
        "per_request_limits": None,
        "supported_parameters": ["tools", "response_format"],
    }  # fmt: skip


GOOD_MODELS: Sequence[dict[str, Any]] = (
    openrouter_model("testlab/alpha-1", "TestLab: Alpha 1", "0.00000015", "0.0000006", 131072),
    openrouter_model("testlab/beta-2", "TestLab: Beta 2", "0.000003", "0.000015", 200000),
    openrouter_model("testlab/gamma-3:free", "TestLab: Gamma 3 (free)", "0", "0", 32768),
)
GOOD_DOC: dict[str, Any] = {"data": list(GOOD_MODELS)}
GOOD_BODY: bytes = json.dumps(GOOD_DOC).encode()
