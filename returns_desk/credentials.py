"""API credentials: from the OS credential store, or from the environment.

The secret is held as a ``pydantic.SecretStr`` so that it prints as ``**********`` in any
repr, log line or traceback; only the HTTP layer reads its value.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, SecretStr

from returns_desk.errors import CredentialsMissingError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "returns-desk"
KEYRING_CLIENT_ID_KEY = "marketplace-client-id"
KEYRING_SECRET_KEY = "marketplace-client-secret"
ENV_CLIENT_ID = "RETURNS_DESK_CLIENT_ID"
ENV_CLIENT_SECRET = "RETURNS_DESK_CLIENT_SECRET"


class Credentials(BaseModel):
    """An OAuth client id and secret."""

    model_config = ConfigDict(frozen=True)

    client_id: str
    client_secret: SecretStr


def load_credentials(environ: Mapping[str, str] | None = None) -> Credentials:
    """The credentials the app uses: the environment variables if both are set, else keyring.

    The environment wins so that a kiosk script or a support session can override the
    stored ones for one run. Raises ``CredentialsMissingError`` when neither has them.
    """
    env = os.environ if environ is None else environ
    client_id, secret = env.get(ENV_CLIENT_ID, "").strip(), env.get(ENV_CLIENT_SECRET, "")
    if client_id and secret:
        return Credentials(client_id=client_id, client_secret=SecretStr(secret))
    stored = _from_keyring()
    if stored is not None:
        return stored
    raise CredentialsMissingError()


def save_credentials(credentials: Credentials) -> None:
    """Keep the credentials in the OS credential store (Windows Credential Manager)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, KEYRING_CLIENT_ID_KEY, credentials.client_id)
    keyring.set_password(
        KEYRING_SERVICE, KEYRING_SECRET_KEY, credentials.client_secret.get_secret_value()
    )


def _from_keyring() -> Credentials | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            client_id = keyring.get_password(KEYRING_SERVICE, KEYRING_CLIENT_ID_KEY)
            secret = keyring.get_password(KEYRING_SERVICE, KEYRING_SECRET_KEY)
        except KeyringError as exc:  # e.g. no backend on a headless Linux machine
            log.info("OS credential store unavailable: %s", type(exc).__name__)
            return None
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None
    if client_id and secret:
        return Credentials(client_id=client_id, client_secret=SecretStr(secret))
    return None


# --- the site database (site mode, docs/site.md) -----------------------------------

ENV_SITE_PASSWORD = "RETURNS_DESK_SITE_PASSWORD"


def site_password_key(database_url: str) -> str:
    """The credential store's name for one database login: user, server, port, database."""
    from urllib.parse import urlsplit

    parts = urlsplit(database_url)
    user = parts.username or ""
    return f"site-database:{user}@{parts.hostname or ''}:{parts.port or 5432}{parts.path}"


def load_site_password(database_url: str, environ: Mapping[str, str] | None = None) -> str | None:
    """The site database's password: the environment's for one run, else the credential
    store's; None when neither has one (a server that trusts the terminal, or a client
    certificate)."""
    env = os.environ if environ is None else environ
    if env.get(ENV_SITE_PASSWORD):
        return env[ENV_SITE_PASSWORD]
    try:
        import keyring
        from keyring.errors import KeyringError

        return keyring.get_password(KEYRING_SERVICE, site_password_key(database_url))
    except (ImportError, KeyringError) as exc:
        log.info("OS credential store unavailable: %s", type(exc).__name__)
        return None


def save_site_password(database_url: str, password: str) -> None:
    """Keep the site database's password in the OS credential store."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, site_password_key(database_url), password)
