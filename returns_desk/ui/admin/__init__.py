"""The admin side of the app: first-run wizard, settings (behind the admin PIN), About, crash.

Everything here is for the IT admin who installs and configures a dock terminal; the
clerk meets only the PIN prompt and, when something breaks, the crash dialog.
"""

from typing import TYPE_CHECKING

from returns_desk.lazy import lazy_exports

# name -> module: imported on first use, so that one submodule never loads them all
_EXPORTS = {
    "AboutDialog": "about_dialog",
    "CrashDialog": "crash_dialog",
    "CrashReporter": "crash_dialog",
    "CredentialStoreError": "apply",
    "FirstRunWizard": "first_run",
    "PinDialog": "pin_dialog",
    "SettingsDialog": "settings_dialog",
    "SettingsSaveError": "apply",
    "apply_settings_dialog": "apply",
    "ask_admin_pin": "pin_dialog",
    "show_crash": "crash_dialog",
}
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
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
    "show_crash",
]

if TYPE_CHECKING:
    from returns_desk.ui.admin.about_dialog import AboutDialog
    from returns_desk.ui.admin.apply import (
        CredentialStoreError,
        SettingsSaveError,
        apply_settings_dialog,
    )
    from returns_desk.ui.admin.crash_dialog import CrashDialog, CrashReporter, show_crash
    from returns_desk.ui.admin.first_run import FirstRunWizard
    from returns_desk.ui.admin.pin_dialog import PinDialog, ask_admin_pin
    from returns_desk.ui.admin.settings_dialog import SettingsDialog
