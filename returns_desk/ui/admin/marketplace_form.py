"""The marketplace fields (API URLs, location, client id and secret) and "Test connection".

The secret field starts empty: a stored secret is never read back into a widget, and an
empty field means "keep the stored one". The test runs ``check_connection`` (what
``returns-desk check`` runs) on a pool thread with the values on screen, saved or not.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QWidget

from returns_desk.api.check import CheckResult
from returns_desk.api.client import address_problem
from returns_desk.credentials import Credentials
from returns_desk.settings import Settings
from returns_desk.ui.admin.fields import FieldForm, is_http_url, optional_text, set_status
from returns_desk.ui.admin.jobs import JobOutcome, JobRunner, run_connection_test

TestKey = tuple[str, str | None, str, str, str]


class MarketplaceForm(FieldForm):
    """``tested(bool)``: a connection test finished, passed or not."""

    tested = Signal(bool)

    def __init__(
        self,
        settings: Settings,
        stored: Credentials | None,
        *,
        require_credentials: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._stored = stored
        self._require_credentials = require_credentials
        self._test_settings: Settings | None = None
        self._tested_key: TestKey | None = None
        self._passed_key: TestKey | None = None

        self.base_url = self.line_edit(settings.api_base_url, "https://api.flipkart.net/sellers")
        self.add_row("api_base_url", self.tr("API base URL"), self.base_url)
        self.token_url = self.line_edit(settings.token_url, self.tr("(derived from the base URL)"))
        self.add_row("token_url", self.tr("Token URL override"), self.token_url)
        self.location = self.line_edit(settings.seller_location_id, "LOC…")
        self.add_row("seller_location_id", self.tr("Seller location id"), self.location)
        self.client_id = self.line_edit(stored.client_id if stored else "")
        self.add_row("client_id", self.tr("Client id"), self.client_id)
        self.secret = self.line_edit(
            "", self.tr("stored; leave empty to keep it") if stored else ""
        )
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
        self.add_row("client_secret", self.tr("Client secret"), self.secret)

        self.test_button, self.test_result = self.add_test_row(self.tr("Test connection"))

        self._jobs = JobRunner(self)
        self._jobs.finished.connect(self._on_jobs_finished)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.changed.connect(self._on_self_changed)
        self._update_button()

    # --- what the form contributes ----------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {
            "api_base_url": self.base_url.text().strip(),
            "token_url": optional_text(self.token_url),
            "seller_location_id": self.location.text().strip(),
        }

    def problem(self) -> tuple[str, str] | None:
        if not is_http_url(self.base_url.text().strip()):
            return "api_base_url", self.tr("Enter an http:// or https:// address.")
        token_url = optional_text(self.token_url)
        if token_url and not is_http_url(token_url):
            return "token_url", self.tr("Enter an http:// or https:// address, or nothing.")
        unsafe = address_problem(self.base_url.text().strip(), token_url)
        if unsafe == "api_base_url":
            return unsafe, self.tr("Use https:// (http:// only for the sandbox on this computer).")
        if unsafe == "token_url":
            return unsafe, self.tr(
                "Use https:// on the API's own host. A token URL on another host is set by "
                "the IT admin in the admin file (returns-desk-cli admin-pin --admin-token-url)."
            )
        if not self.location.text().strip():
            return "seller_location_id", self.tr("Enter the seller location id of this dock.")
        client_id, secret = self.client_id.text().strip(), self.secret.text()
        if secret and not client_id:
            return "client_id", self.tr("Enter the client id that goes with the secret.")
        has_secret = bool(secret) or self._stored is not None
        if client_id and not has_secret:
            return "client_secret", self.tr("Enter the client secret.")
        if self._require_credentials and not (client_id and has_secret):
            return "client_id", self.tr("Enter the client id and secret.")
        return None

    def entered_credentials(self) -> Credentials | None:
        """New credentials to store, or None when the stored ones stay as they are."""
        client_id, secret = self.client_id.text().strip(), self.secret.text()
        if client_id and secret:
            return Credentials(client_id=client_id, client_secret=SecretStr(secret))
        stored = self._stored
        if client_id and stored is not None and client_id != stored.client_id:
            return Credentials(client_id=client_id, client_secret=stored.client_secret)
        return None

    def effective_credentials(self) -> Credentials | None:
        """The credentials a test (and the app) would use with what is on screen."""
        entered = self.entered_credentials()
        if entered is not None:
            return entered
        return self._stored if self.client_id.text().strip() else None

    # --- the test ---------------------------------------------------------------------

    def set_test_settings(self, settings: Settings | None) -> None:
        """The settings a test would use now (None while the form is invalid)."""
        self._test_settings = settings
        self._update_button()

    def test_passed(self) -> bool:
        """Whether the last test passed with the values now on screen."""
        return self._passed_key is not None and self._passed_key == self._key()

    def busy(self) -> bool:
        return self._jobs.busy()

    def wait(self, timeout_ms: int = 15000) -> bool:
        return self._jobs.wait(timeout_ms)

    def _key(self) -> TestKey:
        values = self.values()
        return (
            values["api_base_url"],
            values["token_url"],
            values["seller_location_id"],
            self.client_id.text().strip(),
            self.secret.text(),
        )

    def _update_button(self) -> None:
        self.test_button.setEnabled(
            not self._jobs.busy()
            and self._test_settings is not None
            and self.problem() is None
            and self.effective_credentials() is not None
        )

    @Slot()
    def _on_test_button_clicked(self) -> None:
        settings, credentials = self._test_settings, self.effective_credentials()
        if settings is None or credentials is None or self._jobs.busy():
            return
        self._tested_key = self._key()
        self._passed_key = None
        set_status(self.test_result, "busy", self.tr("Testing the connection…"))
        self._jobs.start(lambda: run_connection_test(settings, credentials))
        self._update_button()

    @Slot(object)
    def _on_jobs_finished(self, outcome: JobOutcome) -> None:
        if self._tested_key is None:  # the values changed during the test: not theirs
            set_status(self.test_result, "", "")
            self._update_button()
            self.tested.emit(False)
            return
        failure = outcome.failure_line(
            crashed=self.tr("FAILED: the test stopped on an error; the details are in the log."),
            failed=self.tr("FAILED: %s"),
            what="connection test",
        )
        if failure is None:
            result: CheckResult = outcome.value
            line, passed = result.line, result.ok
        else:
            line, passed = failure, False
        if passed:
            self._passed_key = self._tested_key
        set_status(self.test_result, "ok" if passed else "failed", line)
        self._update_button()
        self.tested.emit(passed)

    @Slot()
    def _on_self_changed(self) -> None:
        if self._tested_key is not None and self._key() != self._tested_key:
            self._tested_key = self._passed_key = None
            if not self._jobs.busy():
                set_status(self.test_result, "", "")
        self._update_button()
