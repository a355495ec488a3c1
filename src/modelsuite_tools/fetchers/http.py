"""The one HTTP layer every provider fetcher uses (httpx): retries, limits, a disk cache, secrets.

Stable API (other code and the fault-injection tests rely on it)::

    from modelsuite_tools.fetchers.http import HttpClient, FetchError, MissingCredentials, api_key

    with HttpClient(timeout=30, max_retries=4) as client:
        doc = client.get_json(url, headers={"Authorization": f"Bearer {api_key('TOGETHER_API_KEY')}"},
                              params={"limit": 100}, cache_key_parts=("page", 1))

``HttpClient(*, timeout=30.0, max_retries=4, backoff_base=0.5, backoff_cap=20.0, retry_after_cap=60.0,
max_total_seconds=120.0, max_body_bytes=64 MiB, max_redirects=5, cache_dir=None, cache_ttl=86400,
use_cache=True, log=None, transport=None, sleep=time.sleep, clock=time.monotonic, rng=None)``

- ``get_json(url, *, headers=None, params=None, cache_key_parts=())`` returns the parsed JSON
  (any JSON value). GET only.
- **Retries**: connection errors, timeouts, HTTP 429 and 5xx are retried at most ``max_retries`` times
  (so at most ``max_retries + 1`` requests per call), with exponential backoff
  ``min(backoff_cap, backoff_base * 2**n)`` and jitter (half fixed, half random). A ``Retry-After``
  header (seconds or an HTTP date) replaces the backoff, capped at ``retry_after_cap``. The whole call,
  waits included, never runs longer than ``max_total_seconds`` (plus scheduling slack): a wait that
  would pass that budget is not started, no connect/read timeout exceeds the time left, and a body
  that is still arriving when it runs out is abandoned.
  Other 4xx statuses are not retried.
- **Refused responses** (each a :class:`FetchError` subclass whose text is one line):
  :class:`RetriesExhausted` (the last retryable failure, after the attempts or the time budget),
  :class:`HttpStatusError` (a non-retryable status such as 401/404), :class:`ResponseTooLarge`
  (``Content-Length`` or the streamed body over ``max_body_bytes``), :class:`RedirectError`
  (a redirect loop, more than ``max_redirects`` hops, or a redirect without a usable Location),
  :class:`InvalidJSON` (not JSON, truncated JSON, not UTF-8), :class:`ApiError` (status 200 but the
  body is an ``{"error": ...}`` envelope). :class:`MissingCredentials` names the missing variable;
  :class:`MissingDependency` says ``pip install 'modelsuite-registry[tools]'``.
- **Redirects** are followed by hand (at most ``max_redirects``); when a redirect leaves the original
  scheme+host+port, the caller's headers (which may carry a key) are dropped.
- **Cache**: successful JSON only, one file per request named ``<sha256>.msfetch.json`` in
  ``<cache dir>/http-v<package version>/``. Cache dir: ``$MODELSUITE_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/modelsuite``, else ``~/.cache/modelsuite``. The key hashes the URL, the params
  and ``cache_key_parts``, with secret-looking params (key, token, secret, password, signature,
  auth...) left out; headers are never stored or hashed. Entries older than ``cache_ttl`` seconds
  (24 h) are ignored; files are written atomically; an unreadable entry is treated as a miss; a
  body that contains a registered secret is never cached.
  :func:`clear_cache` / :meth:`HttpClient.clear_cache` delete only ``*.msfetch.json`` files.
- **Secrets**: :func:`api_key` reads a key from the environment only (``TOGETHER_API_KEY``,
  ``GROQ_API_KEY``, ``REPLICATE_API_TOKEN``, ``HF_TOKEN``, ``AA_API_KEY``) and raises
  :class:`MissingCredentials` if it is unset or empty. Every key read through it, and every value
  of an ``Authorization``/``x-api-key``-like header or secret-looking query parameter passed to
  ``get_json``, is registered with :func:`redact`, which every exception message and every ``log``
  line passes through (the value becomes ``***``).
- ``log``: a callable receiving one redacted line per request/retry/cache event (``--verbose``).
- ``requests_made``: how many HTTP requests this client has sent (redirect hops included).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import email.utils
import hashlib
import json
import os
import random
import re
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from modelsuite_tools.atomic import atomic_write_bytes

if TYPE_CHECKING:
    import httpx

__all__ = [
    "CACHE_SUFFIX",
    "INSTALL_HINT",
    "ApiError",
    "FetchError",
    "HttpClient",
    "HttpStatusError",
    "InvalidJSON",
    "MissingCredentials",
    "MissingDependency",
    "RedirectError",
    "ResponseTooLarge",
    "RetriesExhausted",
    "api_key",
    "cache_root",
    "clear_cache",
    "redact",
    "register_secret",
]

INSTALL_HINT: Final = "pip install 'modelsuite-registry[tools]'"
CACHE_SUFFIX: Final = ".msfetch.json"
DEFAULT_TTL: Final = 24 * 3600
DEFAULT_MAX_BODY: Final = 64 * 1024 * 1024
#: Header names whose values are secrets (compared lower-case).
SECRET_HEADERS: Final = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "api-key", "x-goog-api-key", "cookie", "x-auth-token"}
)
_SECRET_PARAM_RE: Final = re.compile(r"key|token|secret|password|passwd|signature|sig$|auth|credential", re.I)
_CONTROL_RE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]+")
_MAX_MESSAGE: Final = 300


# --------------------------------------------------------------------------------------------------
# secrets and messages

_secrets: set[str] = set()
_secrets_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember ``value`` so :func:`redact` hides it everywhere (values under 4 characters ignored)."""
    if value and len(value) >= 4:
        with _secrets_lock:
            _secrets.add(value)
            # a Bearer header's token alone must also be hidden
            if " " in value:
                tail = value.rsplit(" ", 1)[-1]
                if len(tail) >= 4:
                    _secrets.add(tail)


def redact(text: str) -> str:
    """Return ``text`` with every registered secret (and its URL-encoded form) replaced by ``***``."""
    with _secrets_lock:
        secrets = sorted(_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, "***")
        quoted = urllib.parse.quote(secret, safe="")
        if quoted != secret and quoted in text:
            text = text.replace(quoted, "***")
    return text


def _one_line(text: str, limit: int = _MAX_MESSAGE) -> str:
    text = " ".join(_CONTROL_RE.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _safe_url(url: str) -> str:
    """Return ``url`` with secret-looking query values replaced by ``***`` (for messages/logs)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return redact(url)
    if parts.username or parts.password:
        netloc = parts.hostname or ""
        if parts.port:
            netloc += f":{parts.port}"
        parts = parts._replace(netloc=netloc)
    if parts.query:
        pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        query = urllib.parse.urlencode([(k, "***" if _SECRET_PARAM_RE.search(k) else v) for k, v in pairs], safe="*")
        parts = parts._replace(query=query)
    return redact(urllib.parse.urlunsplit(parts))


class FetchError(Exception):
    """A fetch failed. ``str(error)`` is one redacted line, fit to show a user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(redact(message)))


class MissingCredentials(FetchError):
    """A required API key is not set in the environment."""

    def __init__(self, variable: str, what: str = "") -> None:
        self.variable = variable
        extra = f" ({what})" if what else ""
        super().__init__(f"{variable} is not set; export {variable} with your API key{extra}")


class MissingDependency(FetchError):
    """An optional package (httpx, boto3, huggingface_hub) is not installed."""

    def __init__(self, package: str) -> None:
        self.package = package
        super().__init__(f"{package} is not installed; {INSTALL_HINT}")


class HttpStatusError(FetchError):
    """The server answered with a non-retryable error status (e.g. 401, 403, 404)."""

    def __init__(self, message: str, status: int) -> None:
        self.status = status
        super().__init__(message)


class RetriesExhausted(FetchError):
    """Retryable failures (connection errors, timeouts, 429, 5xx) outlasted the attempts or time budget."""

    def __init__(self, message: str, status: int | None = None, attempts: int = 0) -> None:
        self.status = status
        self.attempts = attempts
        super().__init__(message)


class ResponseTooLarge(FetchError):
    """The response body is larger than the client's ``max_body_bytes``."""


class RedirectError(FetchError):
    """A redirect loop, too many redirects, or a redirect without a usable Location."""


class InvalidJSON(FetchError):
    """The body is not valid (complete, UTF-8) JSON."""


class ApiError(FetchError):
    """The server answered 200 with an ``{"error": ...}`` envelope instead of data."""


def api_key(variable: str, what: str = "") -> str:
    """Return the API key in environment variable ``variable``; raise :class:`MissingCredentials`."""
    value = os.environ.get(variable, "").strip()
    if not value:
        raise MissingCredentials(variable, what)
    register_secret(value)
    return value


def require_httpx() -> Any:
    """Import httpx or raise :class:`MissingDependency`."""
    try:
        import httpx
    except ImportError:
        raise MissingDependency("httpx") from None
    return httpx


# --------------------------------------------------------------------------------------------------
# cache


def _package_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("modelsuite-registry")
        except PackageNotFoundError:
            return "0"
    except ImportError:  # pragma: no cover
        return "0"


def cache_root() -> Path:
    """Return the cache root: ``$MODELSUITE_CACHE_DIR``, ``$XDG_CACHE_HOME/modelsuite`` or ``~/.cache/modelsuite``."""
    override = os.environ.get("MODELSUITE_CACHE_DIR", "").strip()
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "modelsuite"
    return Path.home() / ".cache" / "modelsuite"


def _namespace_dir(root: Path) -> Path:
    version = re.sub(r"[^A-Za-z0-9._+-]", "_", _package_version())
    return root / f"http-v{version}"


def clear_cache(cache_dir: str | os.PathLike[str] | None = None) -> int:
    """Delete this layer's cache files (``*.msfetch.json`` only) under the cache root; return the count.

    Every version namespace (``http-v*``) under the root is cleared; no other file is touched.
    """
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    removed = 0
    if not root.is_dir():
        return 0
    for sub in sorted(root.glob("http-v*")):
        if not sub.is_dir() or sub.is_symlink():
            continue
        for entry in sorted(sub.iterdir()):
            if entry.name.endswith(CACHE_SUFFIX) and entry.is_file() and not entry.is_symlink():
                with contextlib.suppress(FileNotFoundError):
                    entry.unlink()
                    removed += 1
    return removed


def cache_key(url: str, params: Mapping[str, Any] | None, parts: Iterable[object] = ()) -> str:
    """Return the hex cache key of a request: URL + non-secret params + extra parts (never headers)."""
    clean = sorted((str(k), str(v)) for k, v in (params or {}).items() if not _SECRET_PARAM_RE.search(str(k)))
    try:
        split = urllib.parse.urlsplit(url)
        query = sorted(
            (k, v)
            for k, v in urllib.parse.parse_qsl(split.query, keep_blank_values=True)
            if not _SECRET_PARAM_RE.search(k)
        )
        host = (split.hostname or "").lower() + (f":{split.port}" if split.port else "")
        base = urllib.parse.urlunsplit((split.scheme.lower(), host, split.path, "", ""))
    except ValueError:
        base, query = url, []
    material = json.dumps([base, query, clean, [str(p) for p in parts]], separators=(",", ":"))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------------
# client


def _parse_retry_after(value: str | None, now: float) -> float | None:
    """Return the wait in seconds a ``Retry-After`` header asks for (None if absent/unparsable)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=_dt.UTC)
    return max(0.0, when.timestamp() - now)


def _error_message(doc: Any) -> str:
    """Return the human message inside an error body (``{"error": {"message": ...}}`` and variants)."""
    if isinstance(doc, dict):
        err = doc.get("error", doc)
        if isinstance(err, dict):
            for key in ("message", "detail", "error", "title"):
                val = err.get(key)
                if isinstance(val, str) and val.strip():
                    return val
            return ""
        if isinstance(err, str):
            return err
        for key in ("message", "detail", "title"):
            val = doc.get(key)
            if isinstance(val, str) and val.strip():
                return val
    return ""


def _is_error_envelope(doc: Any) -> bool:
    if not isinstance(doc, dict) or "error" not in doc:
        return False
    err = doc["error"]
    return err not in (None, False, "", {}, [])


class HttpClient:
    """A small JSON-over-HTTP client with bounded retries, size limits and a disk cache (see module doc)."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff_base: float = 0.5,
        backoff_cap: float = 20.0,
        retry_after_cap: float = 60.0,
        max_total_seconds: float = 120.0,
        max_body_bytes: int = DEFAULT_MAX_BODY,
        max_redirects: int = 5,
        cache_dir: str | os.PathLike[str] | None = None,
        cache_ttl: float = DEFAULT_TTL,
        use_cache: bool = True,
        log: Callable[[str], None] | None = None,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        user_agent: str | None = None,
    ) -> None:
        httpx_mod = require_httpx()
        if max_retries < 0 or max_redirects < 0 or max_body_bytes <= 0 or timeout <= 0 or max_total_seconds <= 0:
            raise ValueError("HttpClient limits must be positive")
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.backoff_base = float(backoff_base)
        self.backoff_cap = float(backoff_cap)
        self.retry_after_cap = float(retry_after_cap)
        self.max_total_seconds = float(max_total_seconds)
        self.max_body_bytes = int(max_body_bytes)
        self.max_redirects = int(max_redirects)
        self.cache_root = Path(cache_dir) if cache_dir is not None else cache_root()
        self.cache_dir = _namespace_dir(self.cache_root)
        self.cache_ttl = float(cache_ttl)
        self.use_cache = use_cache
        self._log = log
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self.requests_made = 0
        ua = user_agent or f"modelsuite-registry/{_package_version()} (+https://github.com/modelsuite)"
        self._client: httpx.Client = httpx_mod.Client(
            timeout=httpx_mod.Timeout(self.timeout),
            follow_redirects=False,
            transport=transport,
            headers={"User-Agent": ua, "Accept": "application/json"},
            trust_env=True,
        )

    # -- context management
    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- logging
    def log(self, message: str) -> None:
        """Send one redacted line to the ``log`` callable, if any."""
        if self._log is not None:
            self._log(_one_line(redact(message), 500))

    # -- cache
    def clear_cache(self) -> int:
        """Delete this layer's cache files under this client's cache root; return how many."""
        return clear_cache(self.cache_root)

    def _cache_path(self, key: str) -> Path:
        return self.cache_dir / f"{key}{CACHE_SUFFIX}"

    def _cache_get(self, key: str) -> tuple[bool, Any]:
        path = self._cache_path(key)
        try:
            raw = path.read_bytes()
            entry = json.loads(raw)
        except (OSError, ValueError):
            return False, None
        if not isinstance(entry, dict) or entry.get("format") != 1 or "data" not in entry:
            return False, None
        stored = entry.get("stored_at")
        if not isinstance(stored, (int, float)):
            return False, None
        age = time.time() - float(stored)
        if age < 0 or age > self.cache_ttl:
            return False, None
        return True, entry["data"]

    def _cache_put(self, key: str, url: str, data: Any) -> None:
        entry = {"format": 1, "url": _safe_url(url), "stored_at": time.time(), "data": data}
        # ASCII escapes: a lone surrogate from a hostile body can still be cached, and read back as sent
        text = json.dumps(entry, ensure_ascii=True, separators=(",", ":"))
        if redact(text) != text:  # the body echoes a key: never put it on disk
            self.log("cache write skipped: the response contains a secret")
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self._cache_path(key), text.encode("utf-8"))
        except OSError as exc:  # a cache that cannot be written is not a failed fetch
            self.log(f"cache write skipped: {exc.strerror}")

    # -- requests
    def get_json(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, Any] | None = None,
        cache_key_parts: Iterable[object] = (),
    ) -> Any:
        """GET ``url`` and return its parsed JSON body (from the cache when fresh)."""
        headers = dict(headers or {})
        for name, value in headers.items():
            if name.lower() in SECRET_HEADERS:
                register_secret(value)
        for name, value in (params or {}).items():
            if _SECRET_PARAM_RE.search(str(name)):
                register_secret(str(value))
        shown = _safe_url(url)
        key = cache_key(url, params, cache_key_parts)
        if self.use_cache:
            hit, data = self._cache_get(key)
            if hit:
                self.log(f"cache hit {shown}")
                return data
        data = self._fetch(url, headers, params, shown)
        if self.use_cache:
            self._cache_put(key, url, data)
        return data

    def _backoff(self, retry_number: int) -> float:
        full = min(self.backoff_cap, self.backoff_base * (2.0**retry_number))
        return full / 2 + self._rng.uniform(0, full / 2)

    def _fetch(self, url: str, headers: dict[str, str], params: Mapping[str, Any] | None, shown: str) -> Any:
        httpx_mod = require_httpx()
        start = self._clock()
        deadline = start + self.max_total_seconds
        attempt = 0
        while True:
            attempt += 1
            failure: str
            status: int | None = None
            retry_after: float | None = None
            try:
                status, resp_headers, body = self._request_following_redirects(url, headers, params, deadline)
            except httpx_mod.TimeoutException:
                failure = f"timed out after {self.timeout:g} s"
            except httpx_mod.TransportError as exc:
                failure = f"connection failed ({type(exc).__name__}: {exc})"
            except _BudgetExceeded:
                raise RetriesExhausted(
                    f"GET {shown}: gave up after {self.max_total_seconds:g} s (time budget) "
                    f"on attempt {attempt} before the response was complete",
                    attempts=attempt,
                ) from None
            else:
                if status == 429 or 500 <= status <= 599:
                    message = ""
                    with contextlib.suppress(ValueError):
                        message = _error_message(json.loads(body))
                    failure = f"HTTP {status}" + (f": {message}" if message else "")
                    retry_after = _parse_retry_after(resp_headers.get("retry-after"), time.time())
                elif status >= 400:
                    message = ""
                    with contextlib.suppress(ValueError):
                        message = _error_message(json.loads(body))
                    reason = _REASONS.get(status, "")
                    raise HttpStatusError(
                        f"GET {shown}: HTTP {status}{' ' + reason if reason else ''}"
                        + (f": {message}" if message else ""),
                        status,
                    )
                elif 300 <= status <= 399:
                    raise RedirectError(f"GET {shown}: HTTP {status} redirect without a Location header")
                else:
                    return self._decode(body, shown)
            # a retryable failure
            if attempt > self.max_retries:
                raise RetriesExhausted(
                    f"GET {shown}: {failure} (gave up after {attempt} attempts)", status=status, attempts=attempt
                )
            if retry_after is not None:
                delay = min(retry_after, self.retry_after_cap)
                why = f"Retry-After {delay:g} s"
            else:
                delay = self._backoff(attempt - 1)
                why = f"backoff {delay:.2f} s"
            if self._clock() + delay > deadline:
                raise RetriesExhausted(
                    f"GET {shown}: {failure} (gave up after {attempt} attempts: waiting {delay:g} s more "
                    f"would exceed the {self.max_total_seconds:g} s budget)",
                    status=status,
                    attempts=attempt,
                )
            self.log(f"retry {attempt}/{self.max_retries} {shown}: {failure}; {why}")
            self._sleep(delay)

    def _request_following_redirects(
        self, url: str, headers: dict[str, str], params: Mapping[str, Any] | None, deadline: float
    ) -> tuple[int, Mapping[str, str], bytes]:
        httpx_mod = require_httpx()
        current = url
        send_headers = dict(headers)
        send_params: Mapping[str, Any] | None = params
        seen: set[str] = set()
        origin = _origin(url)
        for _hop in range(self.max_redirects + 1):
            remaining = deadline - self._clock()
            if remaining <= 0:
                raise _BudgetExceeded
            # no single connect/read wait may outlast the call's remaining time budget
            request = self._client.build_request(
                "GET", current, headers=send_headers, params=send_params,
                timeout=httpx_mod.Timeout(min(self.timeout, remaining)),
            )
            full = str(request.url)
            if full in seen:
                raise RedirectError(f"GET {_safe_url(url)}: redirect loop at {_safe_url(full)}")
            seen.add(full)
            self.requests_made += 1
            self.log(f"GET {_safe_url(full)}")
            response = self._client.send(request, stream=True)
            try:
                status = response.status_code
                if status in (301, 302, 303, 307, 308) and "location" in response.headers:
                    location = response.headers["location"]
                    try:
                        nxt = str(httpx_mod.URL(full).join(location))
                    except (httpx_mod.InvalidURL, ValueError):
                        raise RedirectError(f"GET {_safe_url(url)}: redirect to an invalid URL") from None
                    if not nxt.startswith(("http://", "https://")):
                        raise RedirectError(f"GET {_safe_url(url)}: redirect to a non-HTTP URL")
                    if _origin(nxt) != origin:
                        send_headers = {}  # never carry credentials to another host
                    current, send_params = nxt, None
                    continue
                body = self._read_body(response, deadline, url)
                return status, response.headers, body
            finally:
                response.close()
        raise RedirectError(f"GET {_safe_url(url)}: more than {self.max_redirects} redirects")

    def _read_body(self, response: httpx.Response, deadline: float, url: str) -> bytes:
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_body_bytes:
            raise ResponseTooLarge(
                f"GET {_safe_url(url)}: response of {int(length):,} bytes exceeds the "
                f"{self.max_body_bytes:,}-byte limit"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise ResponseTooLarge(
                    f"GET {_safe_url(url)}: response exceeds the {self.max_body_bytes:,}-byte limit"
                )
            chunks.append(chunk)
            if self._clock() > deadline:
                raise _BudgetExceeded
        return b"".join(chunks)

    @staticmethod
    def _decode(body: bytes, shown: str) -> Any:
        if not body.strip():
            raise InvalidJSON(f"GET {shown}: empty response body (expected JSON)")
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidJSON(f"GET {shown}: response is not UTF-8 (byte {exc.start})") from None
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            hint = " (truncated?)" if exc.pos >= len(text.rstrip()) else ""
            raise InvalidJSON(
                f"GET {shown}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}"
            ) from None
        except RecursionError:
            raise InvalidJSON(f"GET {shown}: JSON nested too deeply") from None
        if _is_error_envelope(doc):
            message = _error_message(doc) or json.dumps(doc.get("error"))[:200]
            raise ApiError(f"GET {shown}: the API returned an error: {message}")
        return doc


class _BudgetExceeded(Exception):
    """Internal: the total time budget ran out while a body was arriving."""


def _origin(url: str) -> tuple[str, str, int | None]:
    try:
        parts = urllib.parse.urlsplit(url)
        return parts.scheme, (parts.hostname or "").lower(), parts.port
    except ValueError:
        return "", url, None


_REASONS: Final = {
    400: "Bad Request",
    401: "Unauthorized (check the API key)",
    402: "Payment Required",
    403: "Forbidden (check the API key's permissions)",
    404: "Not Found",
    405: "Method Not Allowed",
    408: "Request Timeout",
    410: "Gone",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
}
