"""User names and passwords of the seller's systems: OS credential store, or the environment.

Service ``returns-desk`` as for the marketplace; keys ``omni-username``, ``omni-password``,
``omni-domain`` and ``unicommerce_pos-username``, ``unicommerce_pos-password``. The variables
``RETURNS_DESK_OMNI_USERNAME`` / ``_PASSWORD`` / ``_DOMAIN`` and ``RETURNS_DESK_POS_USERNAME`` /
``_PASSWORD`` win when set (a support session, a kiosk script). The password is a
``SecretStr``: it prints as ``**********`` everywhere but in the request's header.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, SecretStr

from returns_desk.credentials import KEYRING_SERVICE
from returns_desk.handon.errors import DestinationCredentialsMissingError
from returns_desk.settings.handon import OMNI, POS

log = logging.getLogger(__name__)

_ENV_PREFIX = {OMNI: "RETURNS_DESK_OMNI_", POS: "RETURNS_DESK_POS_"}


class DestinationCredentials(BaseModel):
    model_config = ConfigDict(frozen=True)

    username: str
    password: SecretStr
    #: Omni's optional ``authDomainName``
    domain: str = ""


def load_destination_credentials(
    destination: str, environ: Mapping[str, str] | None = None
) -> DestinationCredentials:
    """The credentials for ``destination``; ``DestinationCredentialsMissingError`` if none."""
    env = os.environ if environ is None else environ
    prefix = _ENV_PREFIX[destination]
    user, password = env.get(prefix + "USERNAME", "").strip(), env.get(prefix + "PASSWORD", "")
    if user and password:
        return DestinationCredentials(
            username=user, password=SecretStr(password), domain=env.get(prefix + "DOMAIN", "")
        )
    stored = _from_keyring(destination)
    if stored is None:
        raise DestinationCredentialsMissingError(destination)
    return stored


def save_destination_credentials(destination: str, credentials: DestinationCredentials) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, f"{destination}-username", credentials.username)
    keyring.set_password(
        KEYRING_SERVICE, f"{destination}-password", credentials.password.get_secret_value()
    )
    if credentials.domain:
        keyring.set_password(KEYRING_SERVICE, f"{destination}-domain", credentials.domain)
    else:
        _delete(destination, "domain")


def _delete(destination: str, what: str) -> None:
    import keyring
    from keyring.errors import PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError):
        keyring.delete_password(KEYRING_SERVICE, f"{destination}-{what}")


def _from_keyring(destination: str) -> DestinationCredentials | None:
    import keyring
    from keyring.errors import KeyringError

    try:
        user = keyring.get_password(KEYRING_SERVICE, f"{destination}-username")
        password = keyring.get_password(KEYRING_SERVICE, f"{destination}-password")
        domain = keyring.get_password(KEYRING_SERVICE, f"{destination}-domain") or ""
    except KeyringError as exc:
        log.info("OS credential store unavailable: %s", type(exc).__name__)
        return None
    if user and password:
        return DestinationCredentials(username=user, password=SecretStr(password), domain=domain)
    return None
