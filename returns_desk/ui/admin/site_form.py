"""Site mode (docs/site.md): this terminal and the others of its site share a PostgreSQL
database; its address, the password and "Check connection".

The password field starts empty and is never filled from the credential store: a password
typed here goes to the credential store when the dialog's OK is applied
(``apply_settings_dialog``), never to settings.toml. "Check connection" runs what
``returns-desk site check`` runs, on a pool thread; the site modules and psycopg load only
then, so opening the dialog costs a single terminal nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from returns_desk.settings import Settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.settings.site import SiteSettings
from returns_desk.ui.admin.fields import FieldForm, set_status
from returns_desk.ui.admin.jobs import JobOutcome, JobRunner, run_site_check

CheckKey = tuple[str, str, float]


def url_accepted(url: str) -> bool:
    """Whether the settings would take ``url`` (their message shows under the field if not)."""
    if not url:
        return False
    try:
        SiteSettings.from_dict({"database_url": url})
    except InvalidSettings:
        return False
    return True


class SiteForm(FieldForm):
    """``checked(bool)``: a connection check finished, passed or not."""

    checked = Signal(bool)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        site = settings.site
        self._tested_key: CheckKey | None = None

        note = QLabel(
            self.tr(
                "Several dock terminals of one site can share a PostgreSQL database: each FE's "
                "shipments are polled by one terminal at a time and every terminal sees the "
                "site's handovers. Changes here take effect at the next start of Returns Desk."
            ),
            self,
        )
        note.setWordWrap(True)
        self.add_wide(note)
        self.enabled = self.check_box(
            self.tr("Work with the other terminals of this site"), site.enabled
        )
        self.add_row("site.enabled", "", self.enabled)
        self.database_url = self.line_edit(
            site.database_url,
            "postgresql://USER@HOST:5432/DB?sslmode=verify-full&sslrootcert=…",
        )
        self.add_row("site.database_url", self.tr("Database URL"), self.database_url)
        self.password = self.line_edit(
            "", self.tr("empty: keep the password stored on this computer, if any")
        )
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.add_row("site.password", self.tr("Database password"), self.password)
        self.check_button, self.check_result = self.add_test_row(self.tr("Check connection"))

        advanced = QLabel(
            self.tr("Advanced: leave these as they are unless IT support asks."), self
        )
        advanced.setWordWrap(True)
        self.add_wide(advanced)
        self.lease = self.float_spin(site.lease_s, self.tr(" s"), decimals=0)
        self.add_row("site.lease_s", self.tr("Hand an FE on after"), self.lease)
        self.catch_up = self.float_spin(site.catch_up_s, self.tr(" s"), decimals=1)
        self.add_row("site.catch_up_s", self.tr("Catch up every"), self.catch_up)
        self.connect_timeout = self.float_spin(site.connect_timeout_s, self.tr(" s"), decimals=1)
        self.add_row("site.connect_timeout_s", self.tr("Connect timeout"), self.connect_timeout)

        self._jobs = JobRunner(self)
        self._jobs.finished.connect(self._on_jobs_finished)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.changed.connect(self._on_self_changed)
        self._update_button()

    # --- what the form contributes ----------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "site": {
                "enabled": self.enabled.isChecked(),
                "database_url": self.database_url.text().strip(),
                "lease_s": self.lease.value(),
                "catch_up_s": self.catch_up.value(),
                "connect_timeout_s": self.connect_timeout.value(),
            }
        }

    def problem(self) -> tuple[str, str] | None:
        url = self.database_url.text().strip()
        if self.enabled.isChecked() and not url:
            return "site.database_url", self.tr("Enter the address of the site database.")
        if self.password.text() and not url:
            return "site.database_url", self.tr(
                "Enter the address of the database the password belongs to."
            )
        return None

    def entered_password(self) -> SecretStr | None:
        """A password to store for the URL on screen, or None when the stored one stays."""
        return SecretStr(self.password.text()) if self.password.text() else None

    # --- the check --------------------------------------------------------------------

    def busy(self) -> bool:
        return self._jobs.busy()

    def wait(self, timeout_ms: int = 15000) -> bool:
        return self._jobs.wait(timeout_ms)

    def _key(self) -> CheckKey:
        return (
            self.database_url.text().strip(),
            self.password.text(),
            self.connect_timeout.value(),
        )

    def _update_button(self) -> None:
        self.check_button.setEnabled(
            not self._jobs.busy() and url_accepted(self.database_url.text().strip())
        )

    @Slot()
    def _on_check_button_clicked(self) -> None:
        if self._jobs.busy() or not self.check_button.isEnabled():
            return
        url, password, timeout_s = self._tested_key = self._key()
        set_status(self.check_result, "busy", self.tr("Checking the connection…"))
        self._jobs.start(lambda: run_site_check(url, password or None, timeout_s))
        self._update_button()

    @Slot(object)
    def _on_jobs_finished(self, outcome: JobOutcome) -> None:
        if self._tested_key is None:  # the values changed during the check: not theirs
            set_status(self.check_result, "", "")
            self._update_button()
            self.checked.emit(False)
            return
        failure = outcome.failure_line(
            crashed=self.tr("FAILED: the check stopped on an error; the details are in the log."),
            failed=self.tr("FAILED: %s"),
            what="site connection check",
        )
        line, passed = (str(outcome.value), True) if failure is None else (failure, False)
        set_status(self.check_result, "ok" if passed else "failed", line)
        self._update_button()
        self.checked.emit(passed)

    @Slot()
    def _on_self_changed(self) -> None:
        if self._tested_key is not None and self._key() != self._tested_key:
            self._tested_key = None
            if not self._jobs.busy():
                set_status(self.check_result, "", "")
        self._update_button()
