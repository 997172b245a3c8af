"""Site mode: several dock terminals of one site sharing a PostgreSQL database (docs/site.md).

Off by default; a terminal without it works exactly as a single terminal. The database's
password is never here: it lives in the OS credential store (``credentials.site_password``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator


class SiteSettings(BaseModel):
    """How this terminal reaches the site database, and how quickly it hands an FE on."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    enabled: bool = False
    #: postgresql://USER@HOST:5432/DB?sslmode=verify-full&sslrootcert=C:/site/ca.pem
    database_url: str = ""
    #: how long the terminal polling an FE's shipments keeps the lease without renewing it;
    #: after that another terminal takes the FE over
    lease_s: float = Field(default=90.0, ge=5, le=3600)
    #: a catch-up query this often even when no notification came (a lost NOTIFY, a
    #: reconnect); notifications make changes arrive sooner
    catch_up_s: float = Field(default=2.0, gt=0, le=60)
    #: seconds to wait for the database before working alone for a while
    connect_timeout_s: float = Field(default=3.0, gt=0, le=60)

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: str) -> str:
        value = value.strip()
        if not value:
            return value
        parts = urlsplit(value)
        if parts.scheme not in ("postgresql", "postgres"):
            raise ValueError("database_url must start with postgresql://")
        if parts.password:
            raise ValueError(
                "database_url must not contain the password: type it in the password field "
                "of Settings → Site (or give it to 'returns-desk site init'), which keeps it in "
                "the OS credential store"
            )
        if not parts.hostname:
            raise ValueError(
                "database_url must name the database server (postgresql://USER@HOST/DB)"
            )
        return value

    @property
    def active(self) -> bool:
        return self.enabled and bool(self.database_url)
