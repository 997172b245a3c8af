"""OAuth client-credentials tokens for the Seller API, cached and renewed before expiry."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from returns_desk.api.transport import Transport, error_from_response, json_object, read_json
from returns_desk.credentials import Credentials
from returns_desk.errors import AuthenticationError, InvalidResponseError

TOKEN_PATH = "/oauth-service/oauth/token"
SCOPE = "Seller_Api"


def token_url_for(base_url: str) -> str:
    """``https://api.flipkart.net/sellers`` -> ``https://api.flipkart.net/oauth-service/oauth/token``."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}{TOKEN_PATH}"


class TokenResponse(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    access_token: str = Field(min_length=1)
    token_type: str = "bearer"
    expires_in: float = Field(gt=0)
    scope: str = ""


class TokenProvider:
    """Hands out a valid bearer token; thread-safe, one token request at a time.

    A token is renewed when 90 % of its lifetime has passed (at most five minutes early),
    so a long scanning session never meets an expired token in the middle of a poll.
    """

    def __init__(self, transport: Transport, token_url: str, credentials: Credentials) -> None:
        self._transport = transport
        self._token_url = token_url
        self._credentials = credentials
        self._lock = threading.Lock()
        self._token: str | None = None
        self._renew_at = 0.0

    @property
    def token_url(self) -> str:
        return self._token_url

    def token(self) -> str:
        with self._lock:
            if self._token is None or self._transport.clock() >= self._renew_at:
                self._fetch()
            assert self._token is not None
            return self._token

    def invalidate(self, token: str) -> None:
        """Forget ``token`` (the API refused it); a newer token fetched meanwhile is kept."""
        with self._lock:
            if self._token == token:
                self._token = None

    def _fetch(self) -> None:
        url = f"{self._token_url}?grant_type=client_credentials&scope={SCOPE}"
        response = self._transport.send(
            "GET",
            url,
            headers={"Accept": "application/json"},
            auth=(
                self._credentials.client_id,
                self._credentials.client_secret.get_secret_value(),
            ),
        )
        if response.status_code in (400, 401, 403):
            body = json_object(response)
            reason = body.get("error_description") or body.get("error") or ""
            raise AuthenticationError(f"HTTP {response.status_code} {reason}".strip())
        if response.status_code != 200:
            raise error_from_response(response)
        try:
            token = TokenResponse.model_validate(read_json(response))
        except ValidationError:
            raise InvalidResponseError(
                "the token answer lacks access_token or expires_in"
            ) from None
        lifetime = token.expires_in
        self._token = token.access_token
        self._renew_at = self._transport.clock() + lifetime - min(300.0, lifetime * 0.1)
