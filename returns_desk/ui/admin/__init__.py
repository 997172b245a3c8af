"""The admin side of the app: first-run wizard, settings (behind the admin PIN), About, crash.

Everything here is for the IT admin who installs and configures a dock terminal; the
clerk meets only the PIN prompt and, when something breaks, the crash dialog.
"""

from returns_desk.ui.admin.about_dialog import AboutDialog
from returns_desk.ui.admin.apply import (
    CredentialStoreError,
    SettingsSaveError,
    apply_settings_dialog,
)
from returns_desk.ui.admin.crash_dialog import CrashDialog, CrashReporter, show_crash
from returns_desk.ui.admin.first_run import FirstRunWizard, needs_first_run
from returns_desk.ui.admin.pin_dialog import PinDialog, ask_admin_pin
from returns_desk.ui.admin.settings_dialog import SettingsDialog

__all__ = [
    "AboutDialog",
    "CrashDialog",
    "CrashReporter",
    "CredentialStoreError",
    "FirstRunWizard",
    "PinDialog",
    "SettingsDialog",
    "SettingsSaveError",
    "apply_settings_dialog",
    "ask_admin_pin",
    "needs_first_run",
    "show_crash",
]
