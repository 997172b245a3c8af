"""Connections to the site database: the password from the credential store, TLS as the
URL asks (``sslmode``, ``sslrootcert``, ``sslcert``: libpq's own parameters), a short
connect timeout, and errors as the app's ``SiteDatabaseError`` with no secret in them.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from returns_desk.credentials import load_site_password
from returns_desk.errors import SiteDatabaseError
from returns_desk.settings.site import SiteSettings

log = logging.getLogger(__name__)


def redacted(url: str) -> str:
    """The URL as it may be logged or shown: any password replaced."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    netloc = f"{parts.username or ''}:***@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def split_password(url: str) -> tuple[str, str | None]:
    """``postgresql://user:pw@host/db`` -> (``postgresql://user@host/db``, ``pw``)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    from urllib.parse import unquote

    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    if parts.port:
        host += f":{parts.port}"
    netloc = f"{parts.username}@{host}" if parts.username else host
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


#: a server that stops answering mid-query (a cable pulled, a VPN gone: no TCP reset) is
#: noticed within about ten seconds instead of the system's TCP timeout (many minutes):
#: keepalive probes on an idle connection, a limit on unacknowledged data, and on every
#: statement (the site's statements are small; the export's stream turns it off)
_DEAD_PEER: dict[str, Any] = {
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10_000,
}
STATEMENT_TIMEOUT_MS = 15_000


def connect(
    url: str,
    *,
    password: str | None = None,
    timeout_s: float = 3.0,
    application_name: str = "returns-desk",
    statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
) -> Any:
    """An autocommit connection (``psycopg.Connection``); ``SiteDatabaseError`` if none."""
    import psycopg

    url, in_url = split_password(url)
    try:
        return psycopg.connect(
            url,
            password=password if password is not None else in_url,
            connect_timeout=max(1, round(timeout_s)),
            application_name=application_name[:63],
            autocommit=True,
            options=f"-c statement_timeout={int(statement_timeout_ms)}",
            **_DEAD_PEER,
        )
    except psycopg.Error as exc:
        raise SiteDatabaseError(_reason(exc)) from None


def connect_site(
    settings: SiteSettings,
    terminal_id: str,
    role: str = "",
    *,
    statement_timeout_ms: int = STATEMENT_TIMEOUT_MS,
) -> Any:
    """A connection as this terminal: the settings' URL, the credential store's password."""
    name = f"returns-desk {terminal_id} {role}".strip()
    return connect(
        settings.database_url,
        password=load_site_password(settings.database_url),
        timeout_s=settings.connect_timeout_s,
        application_name=name,
        statement_timeout_ms=statement_timeout_ms,
    )


def _reason(exc: BaseException) -> str:
    """The driver's first line, which names the server and the cause but no password."""
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def database_error(exc: BaseException) -> SiteDatabaseError:
    """Any driver error as the app's one error type for the site database."""
    return SiteDatabaseError(_reason(exc))
