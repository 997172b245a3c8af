"""Saving what the settings dialog or the first-run wizard produced.

Kept apart from the dialogs so the caller decides when to save (after ``accept``) and
shows a failure its own way: every failure is a ``ConfigurationError`` with a text for
the IT admin.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from pydantic import SecretStr

from returns_desk.credentials import (
    ENV_CLIENT_ID,
    ENV_CLIENT_SECRET,
    ENV_SITE_PASSWORD,
    Credentials,
    save_credentials,
    save_site_password,
)
from returns_desk.errors import ConfigurationError
from returns_desk.i18n import QT_TRANSLATE_NOOP
from returns_desk.settings import Settings, SettingsSaveError, save_settings


class CredentialStoreError(ConfigurationError):
    code = "CREDENTIAL_STORE"
    message = QT_TRANSLATE_NOOP(
        "Errors", "The client id and secret could not be kept in this computer's credential store."
    )
    action = (
        f"Set the environment variables {ENV_CLIENT_ID} and {ENV_CLIENT_SECRET} for the app "
        "instead, or ask IT to repair the credential store (Windows Credential Manager)."
    )


class SitePasswordStoreError(CredentialStoreError):
    code = "CREDENTIAL_STORE"
    message = QT_TRANSLATE_NOOP(
        "Errors",
        "The site database's password could not be kept in this computer's credential store.",
    )
    action = (
        f"Set the environment variable {ENV_SITE_PASSWORD} for the app instead, or ask IT to "
        "repair the credential store (Windows Credential Manager)."
    )


__all__ = [
    "AdminResult",
    "CredentialStoreError",
    "SettingsSaveError",
    "SitePasswordStoreError",
    "apply_settings_dialog",
]


class AdminResult(Protocol):
    """What ``SettingsDialog`` and ``FirstRunWizard`` give after ``accept``."""

    def result_settings(self) -> Settings: ...

    def result_credentials(self) -> Credentials | None: ...

    def result_site_password(self) -> SecretStr | None: ...


def apply_settings_dialog(
    dialog: AdminResult, path: Path | None = None, *, keep_credentials: bool = True
) -> Settings:
    """Store the credentials and the site database's password (keyring), then the settings
    file; the new settings.

    The credentials go first: a credential store that refuses them leaves the old
    settings file untouched, so nothing points at credentials that were not kept. The demo
    passes its own ``path`` and ``keep_credentials=False``: it never touches the terminal's.
    """
    settings = dialog.result_settings()
    credentials = dialog.result_credentials() if keep_credentials else None
    site_password = dialog.result_site_password() if keep_credentials else None
    if credentials is not None:
        _keep(lambda: save_credentials(credentials), CredentialStoreError)
    if site_password is not None:
        url, password = settings.site.database_url, site_password.get_secret_value()
        _keep(lambda: save_site_password(url, password), SitePasswordStoreError)
    try:
        save_settings(settings, path)
    except OSError as exc:
        where = exc.filename or path or "settings"
        raise SettingsSaveError(f"{where}: {exc.strerror or type(exc).__name__}") from None
    return settings


def _keep(save: Callable[[], None], error: type[CredentialStoreError]) -> None:
    """Save into the credential store; a store that refuses is ``error``, with its reason."""
    from keyring.errors import KeyringError

    try:
        save()
    except KeyringError as exc:
        raise error(f"{type(exc).__name__}: {exc}"[:200]) from None
