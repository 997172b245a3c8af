"""The Unicommerce POS contract: a bearer token, then ``POST /v1/returns/{package code}``.

The token comes from ``POST {posbaseurl}/v1/auth/Token`` with the credentials in the
``username``/``password``/``grant_type`` headers (notes B.4); it is cached, renewed at 90 % of
an ``expires_in`` when one is given, and renewed once, transparently, when a call answers 401.
The answer's ``successful`` flag decides, not the HTTP status alone; its ``errors`` and
``warnings`` travel to the admin. The contract has no look-up, so an entry of unknown outcome
is sent again and a "duplicate" answer counts as delivered (``duplicate_means_delivered``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from returns_desk.api.transport import Transport
from returns_desk.handon.credentials import DestinationCredentials
from returns_desk.handon.errors import (
    DestinationAuthError,
    DestinationDuplicateError,
    DestinationInvalidResponseError,
    DestinationRejectedError,
)
from returns_desk.handon.pos_models import PosAnswer, PosMessage
from returns_desk.handon.sender import (
    Delivery,
    HttpSender,
    SendResult,
    json_or_none,
    mentions,
    status_error,
)
from returns_desk.settings.handon import POS, PosSettings

log = logging.getLogger(__name__)

TOKEN_PATH = "/v1/auth/Token"
RETURNS_PATH = "/v1/returns/"


def _describe(body: Any) -> str:
    if not isinstance(body, dict):
        return ""
    if body.get("errorMessage"):
        return str(body["errorMessage"])
    try:
        return _texts(PosAnswer.model_validate(body).errors)
    except ValidationError:
        return ""


def _texts(messages: list[PosMessage]) -> str:
    return "; ".join(
        " ".join(
            str(v) for v in (m.code, m.message, m.description, m.fieldName) if v not in (None, "")
        )
        for m in messages
    )


class PosTokens:
    """A valid bearer token for the POS; thread-safe, one token request at a time."""

    def __init__(self, client: PosClient) -> None:
        self._client = client
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at: float | None = None

    def token(self) -> str:
        with self._lock:
            clock = self._client.transport.clock
            if self._token is None or (self._renew_at is not None and clock() >= self._renew_at):
                self._token, lifetime = self._client.fetch_token()
                self._renew_at = None if lifetime is None else clock() + lifetime * 0.9
            return self._token

    def invalidate(self, token: str) -> None:
        with self._lock:
            if self._token == token:
                self._token = None


class PosClient(HttpSender):
    """Implements ``Sender`` for a POS or ERP that follows Unicommerce's POS contract."""

    destination = POS
    settings: PosSettings

    def __init__(
        self,
        settings: PosSettings,
        credentials: DestinationCredentials,
        transport: Transport | None = None,
    ) -> None:
        super().__init__(settings, credentials, transport)
        self.tokens = PosTokens(self)

    def fetch_token(self) -> tuple[str, float | None]:
        """A new token and its lifetime in seconds (None: the POS gives no expiry)."""
        headers = {
            "username": self._credentials.username,
            "password": self._credentials.password.get_secret_value(),
            "grant_type": "password",
        }
        response = self.post(TOKEN_PATH, headers, {})
        body = json_or_none(response)
        if response.status_code in (400, 401, 403) or (
            isinstance(body, dict) and str(body.get("status", "")).upper() == "FAILED"
        ):
            reason = body.get("errorMessage", "") if isinstance(body, dict) else ""
            raise DestinationAuthError(
                f"token: HTTP {response.status_code} {reason}".strip(), destination=POS
            )
        error = status_error(response, POS, _describe)
        if error is not None:
            raise error
        token = body.get("access_token") if isinstance(body, dict) else None
        if not isinstance(token, str) or not token:
            raise DestinationInvalidResponseError("the token answer has no access_token")
        lifetime = body.get("expires_in")
        if isinstance(lifetime, int | float) and lifetime > 0:
            return token, float(lifetime)
        return token, None

    def post_return(self, body: Mapping[str, Any]) -> PosAnswer:
        """The POS's answer to one return (a typed error when there is no usable answer)."""
        path = RETURNS_PATH + quote(str(body.get("shipmentCode", "")), safe="")
        for attempt in (1, 2):
            token = self.tokens.token()
            response = self.post(path, {"Authorization": f"bearer {token}"}, dict(body))
            if response.status_code == 401 and attempt == 1:
                log.info("POS refused the token; renewing it once")
                self.tokens.invalidate(token)
                continue
            break
        error = status_error(response, POS, _describe)
        if error is not None:
            raise error
        found = json_or_none(response)
        if isinstance(found, dict) and isinstance(found.get("successful"), bool):
            try:
                return PosAnswer.model_validate(found)
            except ValidationError:
                pass
        raise DestinationInvalidResponseError(
            f"HTTP {response.status_code} without a 'successful' flag", destination=POS
        )

    # --- Sender ------------------------------------------------------------------------

    def send(self, body: Mapping[str, Any]) -> SendResult:
        answer = self.post_return(body)
        warnings = [w.model_dump(exclude_none=True) for w in answer.warnings]
        if answer.successful:
            return SendResult(warnings=warnings, note=answer.message or "")
        errors = [e.model_dump(exclude_none=True) for e in answer.errors]
        text = _texts(answer.errors) or answer.message or "successful: false"
        if mentions([text, answer.message or ""], self.settings.duplicate_markers):
            if self.settings.duplicate_means_delivered:
                return SendResult(warnings=warnings, duplicate=True, note=f"POS: {text}")
            raise DestinationDuplicateError(text, destination=POS, errors=errors, warnings=warnings)
        raise DestinationRejectedError(text, destination=POS, errors=errors, warnings=warnings)

    def check(self, body: Mapping[str, Any]) -> Delivery:
        return Delivery.UNKNOWN  # the contract has no look-up
