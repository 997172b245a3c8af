"""Site mode: several dock terminals of one site sharing a PostgreSQL database (docs/site.md).

Off by default; a terminal without it works exactly as a single terminal. The database's
password is never here: it lives in the OS credential store (``credentials.site_password``).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import msgspec
from msgspec import Meta

from returns_desk.settings.model import InvalidSettings, SettingsModel


class SiteSettings(SettingsModel, frozen=True):
    """How this terminal reaches the site database, and how quickly it hands an FE on."""

    enabled: bool = False
    #: postgresql://USER@HOST:5432/DB?sslmode=verify-full&sslrootcert=C:/site/ca.pem
    database_url: str = ""
    #: how long the terminal polling an FE's shipments keeps the lease without renewing it;
    #: after that another terminal takes the FE over
    lease_s: Annotated[float, Meta(ge=5, le=3600)] = 90.0
    #: a catch-up query this often even when no notification came (a lost NOTIFY, a
    #: reconnect); notifications make changes arrive sooner
    catch_up_s: Annotated[float, Meta(gt=0, le=60)] = 2.0
    #: seconds to wait for the database before working alone for a while
    connect_timeout_s: Annotated[float, Meta(gt=0, le=60)] = 3.0

    def __post_init__(self) -> None:
        url = self.database_url.strip()
        msgspec.structs.force_setattr(self, "database_url", url)
        if url and (problem := _url_problem(url)):
            raise InvalidSettings(("database_url",), problem)

    @property
    def active(self) -> bool:
        return self.enabled and bool(self.database_url)


def _url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        return "must start with postgresql://"
    if parts.password:
        return (
            "must not contain the password: type it in the password field of Settings → Site "
            "(or give it to 'returns-desk site init'), which keeps it in the OS credential store"
        )
    if not parts.hostname:
        return "must name the database server (postgresql://USER@HOST/DB)"
    return None
