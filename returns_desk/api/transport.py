"""HTTP plumbing shared by the marketplace client and the token provider.

One place decides timeouts, which failures are retried and how long to wait: only the
failures where the request certainly did no harm or the server asked us to come back
(connection failures, 429, 502, 503, 504) are retried, with exponential backoff and full
jitter, bounded both in count and in total time. Every failure leaves as a typed
``ReturnsDeskError``; requests' own exceptions never escape.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests

from returns_desk import __version__
from returns_desk.errors import (
    InvalidResponseError,
    NetworkError,
    RateLimitedError,
    RemoteError,
    RequestTimeoutError,
    api_error_for,
)

if TYPE_CHECKING:
    from returns_desk.settings import Settings

log = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = f"returns-desk/{__version__}"


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
    #: The marketplace's clock minus ours, from the last response's ``Date`` header.
    server_clock_offset_s: float | None = None

    def __post_init__(self) -> None:
        self.session.headers["User-Agent"] = USER_AGENT
        self.session.verify = self.verify

    def send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
        auth: tuple[str, str] | None = None,
    ) -> requests.Response:
        """Send with retries; return the final response, whatever its status."""
        deadline = self.clock() + self.retry.max_total_s
        attempt = 0
        while True:
            started = self.clock()
            error: RemoteError
            retry_after: float | None = None
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=headers,
                    json=json_body,
                    auth=auth,
                    timeout=self.timeouts.as_tuple(),
                    allow_redirects=False,
                )
            except requests.exceptions.ConnectTimeout:
                error = RequestTimeoutError(f"no connection to {_host(url)}")
            except requests.exceptions.ReadTimeout as exc:
                # The request may have been acted on: not ours to repeat.
                raise RequestTimeoutError(f"{_host(url)} sent no answer") from exc
            except requests.exceptions.ConnectionError:
                error = NetworkError(f"connection to {_host(url)} failed")
            except requests.exceptions.RequestException as exc:
                raise NetworkError(f"{type(exc).__name__} for {_host(url)}") from exc
            else:
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


def read_json(response: requests.Response) -> Any:
    """The response body as JSON, or a typed error that says what came instead."""
    try:
        return response.json()
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "no content type").split(";")[0]
        raise InvalidResponseError(
            f"HTTP {response.status_code} from {_host(response.url)} was not JSON ({kind})"
        ) from exc


def error_from_response(response: requests.Response) -> RemoteError:
    """The typed error for a non-2xx answer of the marketplace."""
    if response.status_code == 429:
        return RateLimitedError(f"HTTP 429 from {_host(response.url)}")
    body = json_object(response)
    raw_code = body.get("errorCode") or body.get("error_code") or body.get("code")
    code = str(raw_code) if raw_code else None
    message = str(body.get("message") or body.get("errorMessage") or "")[:200]
    return api_error_for(response.status_code, code, message)


def json_object(response: requests.Response) -> dict[str, Any]:
    """An error answer's JSON object, or an empty one when the body is anything else."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after_s(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        try:
            return parsedate_to_datetime(value).timestamp() - time.time()
        except (TypeError, ValueError):
            return None


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
    }
    return Transport(**(options | overrides))
