"""HTTP plumbing shared by the marketplace client and the token provider.

One place decides timeouts, which failures are retried and how long to wait: only the
failures where the request certainly did no harm or the server asked us to come back
(connection failures, 429, 502, 503, 504) are retried, with exponential backoff and full
jitter, bounded both in count and in total time. Every failure leaves as a typed
``ReturnsDeskError``; requests' own exceptions never escape.

A server may be hostile or broken, so every call is bounded: a total deadline (retries
included) that a watchdog enforces by shutting the call's socket, whatever the per-read
timeout (a server trickling one byte a second never trips a read timeout), and a cap on the
size of an answer's body, read in chunks before any of it is parsed. JSON is parsed without
non-finite numbers and a too-deep nesting is an ``InvalidResponseError``, not a crash.
"""

from __future__ import annotations

import json
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from returns_desk import __version__
from returns_desk.deadline import Deadline
from returns_desk.errors import (
    InvalidResponseError,
    NetworkError,
    RateLimitedError,
    RemoteError,
    RequestTimeoutError,
    ResponseTooLargeError,
    api_error_for,
)

if TYPE_CHECKING:
    from returns_desk.settings import Settings

log = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = f"returns-desk/{__version__}"
#: The most one call may take, retries and their waits included (``request_deadline_s``).
DEFAULT_DEADLINE_S = 90.0
#: The largest answer body read (``max_response_mb``): a page of 100 parcels is ~100 kB.
DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try before a call gives up and the caller's own backoff takes over."""

    max_retries: int = 3
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 8.0
    max_total_s: float = 30.0

    def delay(self, attempt: int, rng: random.Random, retry_after_s: float | None) -> float:
        """Full jitter (AWS style) for attempt 1, 2, ...; a server's Retry-After wins.

        A Retry-After longer than the time left makes the call give up at once (``send``
        checks the deadline), so the caller's own, slower backoff takes over.
        """
        if retry_after_s is not None:
            return max(retry_after_s, 0.0)
        ceiling = min(self.backoff_cap_s, self.backoff_base_s * (2 ** (attempt - 1)))
        return rng.uniform(0, ceiling)


@dataclass(frozen=True)
class Timeouts:
    """Connect and read timeouts, seconds. The marketplace recommends 60 s for order APIs."""

    connect_s: float = 5.0
    read_s: float = 60.0

    def as_tuple(self) -> tuple[float, float]:
        return (self.connect_s, self.read_s)


@dataclass
class Transport:
    """A ``requests.Session`` with the app's timeout and retry rules."""

    timeouts: Timeouts = field(default_factory=Timeouts)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    session: requests.Session = field(default_factory=requests.Session)
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    rng: random.Random = field(default_factory=random.Random)
    verify: bool | str = True
    #: Total seconds one ``send`` may take, every attempt and wait included.
    deadline_s: float = DEFAULT_DEADLINE_S
    #: Bytes of one answer's (decoded) body beyond which the answer is refused.
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
    #: The marketplace's clock minus ours, from the last response's ``Date`` header.
    server_clock_offset_s: float | None = None
    #: names the terminal to the marketplace's logs (support can tell terminals apart)
    user_agent: str = USER_AGENT

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = self.user_agent
        self.session.verify = self.verify
        adapter = _WatchedAdapter()
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)

    def send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        auth: tuple[str, str] | None = None,
    ) -> requests.Response:
        """Send with retries; return the final response (body read), whatever its status."""
        started_at = self.clock()
        hard_deadline = started_at + self.deadline_s
        deadline = started_at + min(self.retry.max_total_s, self.deadline_s)
        attempt = 0
        while True:
            started = self.clock()
            outcome = self._attempt(
                method,
                url,
                hard_deadline - started,
                headers=headers,
                json_body=json_body,
                auth=auth,
            )
            retry_after: float | None = None
            if isinstance(outcome, RemoteError):
                error = outcome
            else:
                response = outcome
                self._note_server_date(response)
                log.debug(
                    "%s %s -> %s in %.0f ms",
                    method,
                    urlsplit(url).path,
                    response.status_code,
                    (self.clock() - started) * 1000,
                )
                if response.status_code not in RETRYABLE_STATUSES:
                    return response
                error = error_from_response(response)
                retry_after = _retry_after_s(response)
            attempt += 1
            if attempt > self.retry.max_retries:
                raise error
            delay = self.retry.delay(attempt, self.rng, retry_after)
            if self.clock() + delay > deadline:
                raise error
            log.info(
                "%s %s: %s; retry %d in %.1f s", method, _host(url), error.code, attempt, delay
            )
            self.sleep(delay)

    def _attempt(
        self,
        method: str,
        url: str,
        remaining_s: float,
        *,
        headers: dict[str, str] | None,
        json_body: Any,
        auth: tuple[str, str] | None,
    ) -> requests.Response | RemoteError:
        """One request with its body read: the response, a retryable error, or a raise.

        The watchdog shuts the socket when ``remaining_s`` runs out, so neither a slow
        header nor a trickled body can hold the call past the deadline.
        """
        if remaining_s <= 0:
            raise RequestTimeoutError(self._late(url))
        with Deadline(remaining_s) as watchdog:
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=headers,
                    json=json_body,
                    auth=auth,
                    # no single wait may outlast the deadline either (in case a shut
                    # socket did not wake a read on some platform)
                    timeout=(
                        min(self.timeouts.connect_s, remaining_s),
                        min(self.timeouts.read_s, remaining_s),
                    ),
                    allow_redirects=False,
                    stream=True,
                )
            except requests.exceptions.ConnectTimeout:
                return RequestTimeoutError(f"no connection to {_host(url)}")
            except requests.exceptions.RequestException as exc:
                if watchdog.fired:
                    raise RequestTimeoutError(self._late(url)) from exc
                if isinstance(exc, requests.exceptions.ReadTimeout):
                    # The request may have been acted on: not ours to repeat.
                    raise RequestTimeoutError(f"{_host(url)} sent no answer") from exc
                if isinstance(exc, requests.exceptions.ConnectionError):
                    return NetworkError(f"connection to {_host(url)} failed")
                raise NetworkError(f"{type(exc).__name__} for {_host(url)}") from exc
            self._read_body(response, watchdog, url)
            return response

    def _read_body(self, response: requests.Response, watchdog: Deadline, url: str) -> None:
        """Read the whole body into the response, refusing it past ``max_response_bytes``."""
        limit = self.max_response_bytes
        try:
            declared = int(response.headers.get("Content-Length", ""))
        except ValueError:
            declared = None
        try:
            if declared is not None and declared > limit:
                raise ResponseTooLargeError(_too_large(url, limit))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise ResponseTooLargeError(_too_large(url, limit))
                chunks.append(chunk)
        except requests.exceptions.RequestException as exc:
            response.close()
            if watchdog.fired:
                raise RequestTimeoutError(self._late(url)) from exc
            if isinstance(exc, requests.exceptions.ContentDecodingError):
                raise InvalidResponseError(
                    f"{_host(url)} sent a body that cannot be decoded"
                ) from exc
            raise RequestTimeoutError(f"{_host(url)} broke off its answer") from exc
        except ResponseTooLargeError:
            response.close()
            raise
        if watchdog.fired:  # the socket was shut mid-answer: what came is cut short
            response.close()
            raise RequestTimeoutError(self._late(url))
        # requests keeps a read body here; .json(), .text and .content then use it.
        response._content = b"".join(chunks)

    def _late(self, url: str) -> str:
        return f"{_host(url)} did not finish answering within {self.deadline_s:g} s"

    def close(self) -> None:
        self.session.close()

    def _note_server_date(self, response: requests.Response) -> None:
        header = response.headers.get("Date")
        if not header:
            return
        try:
            server_time = parsedate_to_datetime(header).timestamp()
        except (TypeError, ValueError):
            return
        self.server_clock_offset_s = server_time - time.time()


def parse_json(data: bytes | str) -> Any:
    """JSON as the app accepts it: finite numbers only, nesting bounded by the parser.

    Raises ``ValueError`` for anything else (``1e400``, ``NaN``, a thousand ``[``).
    """
    try:
        value = json.loads(data, parse_float=_finite_float, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    _check_depth(value)
    return value


#: Deeper JSON than this is refused: the marketplace's answers are 4 levels deep, and a
#: value hundreds deep that parsed would still break validation or the record later.
MAX_JSON_DEPTH = 32


def _check_depth(value: Any) -> None:
    """``ValueError`` when ``value`` nests deeper than ``MAX_JSON_DEPTH`` (no recursion)."""
    stack = [(value, 1)] if isinstance(value, dict | list) else []
    while stack:
        item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:20]}")
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(f"{text} is not a number")


def read_json(response: requests.Response) -> Any:
    """The response body as JSON, or a typed error that says what came instead."""
    try:
        return parse_json(response.content)
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        kind = response.headers.get("Content-Type", "no content type").split(";")[0]
        raise InvalidResponseError(
            f"HTTP {response.status_code} from {_host(response.url)} was not valid JSON "
            f"({kind}: {str(exc)[:80]})"
        ) from None


def error_from_response(response: requests.Response) -> RemoteError:
    """The typed error for a non-2xx answer of the marketplace."""
    if response.status_code == 429:
        return RateLimitedError(f"HTTP 429 from {_host(response.url)}")
    body = json_object(response)
    raw_code = body.get("errorCode") or body.get("error_code") or body.get("code")
    code = str(raw_code)[:80] if raw_code else None
    message = str(body.get("message") or body.get("errorMessage") or "")[:200]
    return api_error_for(response.status_code, code, message)


def json_object(response: requests.Response) -> dict[str, Any]:
    """An error answer's JSON object, or an empty one when the body is anything else."""
    try:
        body = parse_json(response.content)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after_s(response: requests.Response) -> float | None:
    """The server's Retry-After in seconds; None when absent or not a sane number/date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError, OverflowError):
            return None
    return seconds if math.isfinite(seconds) else None


def _too_large(url: str, limit: int) -> str:
    return f"{_host(url)} sent more than {limit / (1024 * 1024):g} MB"


class _TrackedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        Deadline.note(self.sock)


class _TrackedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        Deadline.note(self.sock)


class _TrackedHTTPPool(HTTPConnectionPool):
    """Notes the socket of a kept-alive connection; a new one notes itself on connect.

    The socket is what the watchdog needs: http.client drops a connection's reference to
    it once a ``Connection: close`` answer's headers are in, while the body still streams.
    """

    ConnectionCls = _TrackedHTTPConnection

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        Deadline.note(getattr(connection, "sock", None))
        return connection


class _TrackedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection

    def _get_conn(self, timeout: float | None = None) -> Any:
        connection = super()._get_conn(timeout)
        Deadline.note(getattr(connection, "sock", None))
        return connection


_TRACKED_POOLS = {"http": _TrackedHTTPPool, "https": _TrackedHTTPSPool}


class _WatchedAdapter(HTTPAdapter):
    """requests' adapter whose pools tell the watchdog which connection a call uses."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _TRACKED_POOLS

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = _TRACKED_POOLS
        return manager


def _host(url: str | None) -> str:
    return urlsplit(url or "").netloc or "the server"


def transport_for(settings: Settings, **overrides: Any) -> Transport:
    """The transport the settings describe: timeouts, a corporate CA bundle, a proxy.

    TLS verification is always on. Without ``proxy_url`` the environment's proxies
    (``HTTPS_PROXY``, ``NO_PROXY``) apply, as requests does by default.
    """
    session = requests.Session()
    if settings.proxy_url:
        session.proxies = {"http": settings.proxy_url, "https": settings.proxy_url}
    options: dict[str, Any] = {
        "timeouts": Timeouts(settings.connect_timeout_s, settings.read_timeout_s),
        "session": session,
        "verify": settings.ca_bundle or True,
        "deadline_s": settings.request_deadline_s,
        "max_response_bytes": int(settings.max_response_mb * 1024 * 1024),
        "user_agent": f"{USER_AGENT} ({settings.terminal_id})",
    }
    return Transport(**(options | overrides))
