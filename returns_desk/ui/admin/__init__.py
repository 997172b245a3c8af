"""The admin side of the app: first-run wizard, settings (behind the admin PIN), About, crash.

Everything here is for the IT admin who installs and configures a dock terminal; the
clerk meets only the PIN prompt and, when something breaks, the crash dialog.
"""

from returns_desk.ui.admin.apply import (
    CredentialStoreError,
    SettingsSaveError,
    apply_settings_dialog,
)
from returns_desk.ui.admin.settings_dialog import SettingsDialog

__all__ = [
    "CredentialStoreError",
    "SettingsDialog",
    "SettingsSaveError",
    "apply_settings_dialog",
]
