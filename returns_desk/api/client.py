"""The one client of the marketplace's Returns V3 API.

Every part of the app that talks to the marketplace goes through ``ReturnsClient``: it
adds the bearer token (renewing it once, transparently, when the API answers 401),
applies the timeout and retry rules of ``Transport`` and turns every answer into either a
validated model or a typed ``ReturnsDeskError``. One client owns one ``requests.Session``;
give each thread its own client.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote, urlsplit

from pydantic import BaseModel, ValidationError

from returns_desk.addresses import is_safe_url
from returns_desk.api.auth import TokenProvider, token_url_for
from returns_desk.api.models import (
    EndOtcDetails,
    EndOtcRequest,
    InitialLoad,
    LocationRequest,
    ShipmentsPage,
    ShipmentsRequest,
    StartOtcDetails,
)
from returns_desk.api.transport import Transport, error_from_response, read_json
from returns_desk.credentials import Credentials
from returns_desk.errors import ConfigurationError, InsecureAddressError, InvalidResponseError

if TYPE_CHECKING:
    from returns_desk.settings import Settings

log = logging.getLogger(__name__)

INITIAL_LOAD_PATH = "/v3/returns/tasks/initial-load"
START_OTC_PATH = "/v3/returns/otc/start/details"
SHIPMENTS_PATH = "/v3/returns/tasks/shipments"
END_OTC_PATH = "/v3/returns/otc/end/details"

M = TypeVar("M", bound=BaseModel)


class ReturnsClient:
    """Initial load, Start OTC, shipments (first page and ``next_url`` pages), End OTC."""

    def __init__(
        self,
        credentials: Credentials,
        base_url: str,
        *,
        token_url: str | None = None,
        transport: Transport | None = None,
        admin_token_url: str | None = None,
    ) -> None:
        """``token_url`` must be on the API's host unless it is ``admin_token_url``, the one
        the admin set in the per-machine admin file (``returns_desk.admin_pin``)."""
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"the API base URL {base_url!r} is not an http(s) URL",
                message="The marketplace API address in the settings is not valid.",
            )
        self.base_url = base_url.rstrip("/")
        token_url = token_url or token_url_for(self.base_url)
        check_addresses(base_url, token_url, admin_token_url)
        self.transport = transport or Transport()
        self.tokens = TokenProvider(self.transport, token_url, credentials)

    # --- the four calls ------------------------------------------------------------

    def initial_load(self, seller_location_id: str) -> InitialLoad:
        """Which FEs are at the location, where each one is, and the seller's OTC mode."""
        body = LocationRequest(seller_location_id=seller_location_id)
        return self._call("POST", INITIAL_LOAD_PATH, InitialLoad, body)

    def start_otc(self, seller_location_id: str) -> StartOtcDetails:
        """Start OTCs for every FE on the Start OTC page (none: an empty map)."""
        body = LocationRequest(seller_location_id=seller_location_id)
        return self._call("POST", START_OTC_PATH, StartOtcDetails, body)

    def first_shipments(self, task_id: str, fe_id: str, page_size: int = 25) -> ShipmentsPage:
        """The first page of parcels the FE scanned (the POST that opens the cursor)."""
        body = ShipmentsRequest(task_id=task_id, fe_id=fe_id, page_size=page_size)
        return self._call("POST", SHIPMENTS_PATH, ShipmentsPage, body)

    def next_shipments(self, next_url: str) -> ShipmentsPage:
        """The page behind a ``next_url`` cursor of an earlier page."""
        return self._call("GET", self._shipments_url(next_url), ShipmentsPage)

    def end_otc(self, fe_id: str, task_id: str) -> EndOtcDetails:
        """The End OTC and the marketplace's statistics of the handover."""
        body = EndOtcRequest(fe_id=fe_id, task_id=task_id)
        return self._call("POST", END_OTC_PATH, EndOtcDetails, body)

    # --- plumbing ------------------------------------------------------------------

    @property
    def server_clock_offset_s(self) -> float | None:
        """The marketplace's clock minus this terminal's, from the last ``Date`` header."""
        return self.transport.server_clock_offset_s

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> ReturnsClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _call(
        self, method: str, path_or_url: str, model: type[M], body: BaseModel | None = None
    ) -> M:
        url = path_or_url if "://" in path_or_url else self.base_url + path_or_url
        payload = body.model_dump(by_alias=True) if body is not None else None
        response = None
        for attempt in (1, 2):
            token = self.tokens.token()
            response = self.transport.send(
                method,
                url,
                headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
                json_body=payload,
            )
            if response.status_code == 401 and attempt == 1:
                log.info("%s: token refused, renewing it once", urlsplit(url).path)
                self.tokens.invalidate(token)
                continue
            break
        assert response is not None
        if not 200 <= response.status_code < 300:
            raise error_from_response(response)
        return _validate(model, read_json(response), urlsplit(url).path)

    def _shipments_url(self, next_url: str) -> str:
        """Where a ``next_url`` points.

        The documentation calls it a base64 "encoded URL" and shows it as the last path
        segment after ``/shipments/``; a full URL or an absolute path is also accepted, as
        long as it stays on the marketplace's host.
        """
        cursor = next_url.strip()
        if not cursor:
            raise InvalidResponseError("the next_url cursor is empty")
        base = urlsplit(self.base_url)
        if "://" in cursor:
            target = urlsplit(cursor)
            if target.netloc != base.netloc:
                raise InvalidResponseError("the next_url cursor points to another host")
            if target.scheme != base.scheme:
                raise InvalidResponseError(
                    f"the next_url cursor switches from {base.scheme} to {target.scheme[:10]}; "
                    "refused so the token is not sent in clear text"
                )
            return cursor
        if cursor.startswith("/"):
            if cursor.startswith(base.path + "/"):
                return f"{base.scheme}://{base.netloc}{cursor}"
            return self.base_url + cursor
        return f"{self.base_url}{SHIPMENTS_PATH}/{quote(cursor, safe='=+')}"


def client_for(
    settings: Settings, credentials: Credentials, transport: Transport | None = None
) -> ReturnsClient:
    """The client the settings describe, with the token URL the admin file may add.

    A token URL on another host than the API's is accepted only from the admin file
    (``returns_desk.admin_pin``), which a clerk's account cannot change.
    """
    from returns_desk.admin_pin import load_admin_policy
    from returns_desk.api.transport import transport_for

    admin_token_url = load_admin_policy().token_url
    return ReturnsClient(
        credentials,
        settings.api_base_url,
        token_url=settings.token_url or admin_token_url,
        transport=transport or transport_for(settings),
        admin_token_url=admin_token_url,
    )


def check_addresses(base_url: str, token_url: str, admin_token_url: str | None = None) -> None:
    """Both https (or loopback), and the token URL on the API's host unless the admin's.

    ``InsecureAddressError`` says which rule an address breaks.
    """
    require_safe_url(base_url, "the API base URL")
    require_safe_url(token_url, "the token URL")
    api_host, token_host = urlsplit(base_url).hostname, urlsplit(token_url).hostname
    if token_host != api_host and token_url != admin_token_url:
        raise InsecureAddressError(
            f"the token URL is on {token_host}, not on the API's host {api_host}; "
            "only the admin file may name another host"
        )


def address_problem(base_url: str, token_url: str | None) -> str | None:
    """Which setting (``api_base_url``, ``token_url``) breaks ``check_addresses``, or None."""
    from returns_desk.admin_pin import load_admin_policy

    admin_token_url = load_admin_policy().token_url
    try:
        require_safe_url(base_url, "the API base URL")
    except InsecureAddressError:
        return "api_base_url"
    try:
        check_addresses(base_url, token_url or token_url_for(base_url), admin_token_url)
    except InsecureAddressError:
        return "token_url"
    return None


def require_safe_url(url: str, what: str) -> None:
    """https, or http to this computer only: credentials never cross a network in clear."""
    if is_safe_url(url):
        return
    parts = urlsplit(url)
    raise InsecureAddressError(
        f"{what} {parts.scheme or 'without a scheme'}://{parts.hostname or ''} is not https"
    )


def _validate(model: type[M], data: Any, what: str) -> M:
    try:
        return model.model_validate(data)
    except (RecursionError, OverflowError, ArithmeticError) as exc:
        raise InvalidResponseError(f"{what}: {type(exc).__name__}") from None
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'body'}: {err['msg']}"
            for err in exc.errors()[:3]
        )
        raise InvalidResponseError(f"{what}: {problems}") from None
