"""What the outbox needs from a destination, and the HTTP plumbing both destinations share.

A ``Sender`` delivers one body (``send``) and, for an entry whose earlier attempt may have
arrived, says whether it did (``check``). HTTP goes through the app's one ``Transport``
with no retries of its own: the outbox retries, and marks each attempt before it is made,
so one attempt is at most one request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit

import requests

from returns_desk.addresses import is_safe_url
from returns_desk.api.transport import RetryPolicy, Timeouts, Transport
from returns_desk.errors import ApiError, NetworkError, RateLimitedError, RemoteError
from returns_desk.handon.errors import (
    DestinationAddressError,
    DestinationAuthError,
    DestinationInsecureError,
    DestinationInvalidResponseError,
    DestinationServerError,
    DestinationUnreachableError,
    HandonError,
)

if TYPE_CHECKING:
    from returns_desk.handon.credentials import DestinationCredentials
    from returns_desk.settings.handon import OmniSettings, PosSettings


class Delivery(StrEnum):
    DELIVERED = "delivered"
    NOT_DELIVERED = "not_delivered"
    UNKNOWN = "unknown"  # the destination cannot tell (no look-up): send, then judge the answer


@dataclass(frozen=True)
class SendResult:
    warnings: list[dict[str, Any]] = field(default_factory=list)
    #: the destination already had it (confirmed, or a duplicate answer taken as delivered)
    duplicate: bool = False
    note: str = ""


class Sender(Protocol):
    destination: str

    def send(self, body: Mapping[str, Any]) -> SendResult: ...

    def check(self, body: Mapping[str, Any]) -> Delivery: ...

    def close(self) -> None: ...


def handon_transport(
    connect_timeout_s: float = 5.0, read_timeout_s: float = 30.0, verify: bool | str = True
) -> Transport:
    """A Transport that never repeats a request itself (see the module docstring)."""
    return Transport(
        timeouts=Timeouts(connect_timeout_s, read_timeout_s),
        retry=RetryPolicy(max_retries=0),
        session=requests.Session(),
        verify=verify,
    )


_JSON = {"Content-Type": "application/json", "Accept": "application/json"}


class HttpSender:
    """What the Omni and POS clients share: the settings' base URL, credentials, a transport."""

    destination: str

    def __init__(
        self,
        settings: OmniSettings | PosSettings,
        credentials: DestinationCredentials,
        transport: Transport | None = None,
    ) -> None:
        self.settings = settings
        self.base_url = settings.base_url.rstrip("/")
        self._credentials = credentials
        self.transport = transport or handon_transport()

    def close(self) -> None:
        self.transport.close()

    def post(self, path: str, headers: dict[str, str], body: Any) -> requests.Response:
        """One JSON POST to ``base_url + path``; transport failures become typed errors.

        Every request carries the destination's key (a header or the token request's body):
        plain http is for this computer only, else nothing is sent."""
        destination = self.destination
        if not is_safe_url(self.base_url):
            raise DestinationInsecureError(self.base_url, destination=destination)
        try:
            return self.transport.send(
                "POST", self.base_url + path, headers=headers | _JSON, json_body=body
            )
        except NetworkError as exc:
            raise DestinationUnreachableError(exc.detail, destination=destination) from None
        except RateLimitedError as exc:
            raise DestinationServerError(
                exc.detail, destination=destination, http_status=429
            ) from None
        except ApiError as exc:
            raise DestinationServerError(
                f"HTTP {exc.http_status}", destination=destination, http_status=exc.http_status
            ) from None
        except RemoteError as exc:
            raise DestinationInvalidResponseError(exc.detail, destination=destination) from None


def status_error(
    response: requests.Response, destination: str, describe: Callable[[Any], str]
) -> HandonError | None:
    """The error for a status that says nothing about the data itself, else None."""
    status = response.status_code
    detail = f"HTTP {status} from {urlsplit(response.url or '').netloc}"
    text = describe(json_or_none(response))
    if text:
        detail += f": {text}"
    if status in (401, 403):
        return DestinationAuthError(detail, destination=destination, http_status=status)
    if status == 404:
        return DestinationAddressError(detail, destination=destination, http_status=status)
    if status == 429 or status >= 500:
        return DestinationServerError(detail, destination=destination, http_status=status)
    return None


def json_or_none(response: requests.Response) -> Any:
    """The body as JSON, or None when it is not JSON (an HTML error page, a body nested
    deeper than the parser goes: a destination's answer is never trusted to parse)."""
    if not response.content:
        return None
    try:
        return response.json()
    except (ValueError, RecursionError):
        return None


def mentions(texts: list[str], markers: tuple[str, ...]) -> bool:
    lowered = " ".join(texts).lower()
    return any(marker.lower() in lowered for marker in markers if marker.strip())
