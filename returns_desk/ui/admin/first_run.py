"""The first-run wizard: what a new terminal needs before a clerk can use it.

Welcome → Marketplace (the connection test must pass, or be skipped on purpose) →
Terminal → Printer → Admin PIN (required: from now on the settings are behind it) →
Finish. Each page is complete when the ``Settings`` model accepts the values so far.
Like the settings dialog, the wizard saves nothing; ``apply_settings_dialog`` does.
"""

from __future__ import annotations

from pydantic import SecretStr
from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from returns_desk.credentials import Credentials
from returns_desk.settings import Settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.ui.admin.fields import ADMIN_STYLE, FieldForm, first_problem
from returns_desk.ui.admin.forms import NewPinForm, TerminalForm
from returns_desk.ui.admin.marketplace_form import MarketplaceForm
from returns_desk.ui.admin.printing_form import PrintingForm
from returns_desk.ui.admin.settings_dialog import PinHasher, stored_credentials
from returns_desk.ui.fit import fit_to_screen


class _FormPage(QWizardPage):
    """A page showing one form; complete when the values up to this page are valid."""

    def __init__(self, wizard: FirstRunWizard, form: FieldForm, title: str, text: str) -> None:
        super().__init__(wizard)
        self._wizard, self.form = wizard, form
        self.setTitle(title)
        self.setSubTitle(text)
        self.column = QVBoxLayout(self)
        self.column.addWidget(form)
        self.column.addStretch(1)
        form.changed.connect(self._on_form_changed)

    @Slot()
    def _on_form_changed(self) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.check_up_to(self.form)


class _MarketplacePage(_FormPage):
    def __init__(self, wizard: FirstRunWizard, form: MarketplaceForm) -> None:
        super().__init__(
            wizard,
            form,
            QCoreApplication.translate("FirstRunWizard", "Marketplace"),
            QCoreApplication.translate(
                "FirstRunWizard",
                "The seller API account of this dock. The secret is kept in the "
                "computer's credential store, never in a file. Test the connection before "
                "you go on.",
            ),
        )
        self.marketplace = form
        self.skip_test = QCheckBox(
            self.tr("Skip the test: the marketplace cannot be reached from here yet"), self
        )
        self.column.insertWidget(1, self.skip_test)
        self.skip_test.toggled.connect(self._on_form_changed)
        form.tested.connect(self._on_form_changed)

    def isComplete(self) -> bool:
        tested = self.marketplace.test_passed() or self.skip_test.isChecked()
        return super().isComplete() and tested


class _FinishPage(QWizardPage):
    def __init__(self, wizard: FirstRunWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("Ready"))
        self.setSubTitle(self.tr("Check the settings, then press Finish to save them."))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.summary.setText(self._wizard.summary())


class FirstRunWizard(QWizard):
    """Open with ``exec()``/``open()``; after ``accept``, ``result_settings()`` and
    ``result_credentials()`` (or ``apply_settings_dialog(wizard)``)."""

    def __init__(
        self,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        *,
        credentials: Credentials | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Set up Returns Desk"))
        self.setStyleSheet(ADMIN_STYLE)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self._base = settings or Settings()
        self._hasher = PinHasher()
        stored = credentials if credentials is not None else stored_credentials()

        self.marketplace = MarketplaceForm(self._base, stored, require_credentials=True)
        self.terminal = TerminalForm(self._base, with_sounds=False)
        self.printing = PrintingForm(self._base, advanced=False)
        # a PIN the IT admin already set in the per-machine admin file is kept
        has_pin = bool(self._base.admin_pin_hash)
        self.pin = NewPinForm(required=not has_pin, has_pin=has_pin)
        self.forms: list[FieldForm] = [self.marketplace, self.terminal, self.printing, self.pin]
        for form in self.forms:
            form.changed.connect(self._on_form_changed)

        welcome = QWizardPage(self)
        welcome.setTitle(self.tr("Welcome to Returns Desk"))
        intro = QLabel(
            self.tr(
                "This terminal needs a few settings before the dock can receive returns: the "
                "marketplace account, the terminal's name, the slip printer and an admin PIN "
                "that keeps the settings away from clerks.\n\nHave the API client id and "
                "secret and the seller location id at hand."
            ),
            welcome,
        )
        intro.setWordWrap(True)
        QVBoxLayout(welcome).addWidget(intro)
        self.marketplace_page = _MarketplacePage(self, self.marketplace)
        terminal_page = _FormPage(
            self,
            self.terminal,
            self.tr("Terminal"),
            self.tr("The name of this terminal (printed on slips) and who works at it."),
        )
        printer_page = _FormPage(
            self,
            self.printing,
            self.tr("Slip printer"),
            self.tr("Where slips are printed, and a folder that keeps a PDF of each one."),
        )
        pin_page = _FormPage(
            self,
            self.pin,
            self.tr("Admin PIN"),
            self.tr("The settings will ask for this PIN. Keep it from the clerks."),
        )
        self.finish_page = _FinishPage(self)
        for page in (
            welcome,
            self.marketplace_page,
            terminal_page,
            printer_page,
            pin_page,
            self.finish_page,
        ):
            self.addPage(page)
        fit_to_screen(self, 820, 640)
        self._on_form_changed()

    # --- results ----------------------------------------------------------------------

    def result_settings(self) -> Settings:
        """The settings entered, with the PIN's hash; ValueError while incomplete."""
        settings, _name, text = self._check(self.forms)
        pin = self.pin.pin()
        if settings is None or text or (pin is None and not self._base.admin_pin_hash):
            raise ValueError(text or "the admin PIN is not set")
        if pin is None:
            return settings.replace(admin_pin_hash=self._base.admin_pin_hash)
        return settings.replace(admin_pin_hash=self._hasher.hash(pin))

    def result_credentials(self) -> Credentials | None:
        """The credentials to store, or None when the stored (or environment) ones stay."""
        return self.marketplace.entered_credentials()

    def result_site_password(self) -> SecretStr | None:
        """None: site mode is set up later, in the settings dialog or with ``site init``."""
        return None

    def wait_for_jobs(self, timeout_ms: int = 15000) -> bool:
        return self.marketplace.wait(timeout_ms) and self.printing.wait(timeout_ms)

    def accept(self) -> None:
        self.result_settings()  # hash the PIN now, not when the caller reads it
        super().accept()

    def summary(self) -> str:
        settings, _name, _text = self._check(self.forms)
        if settings is None:
            return ""
        printer = settings.printer_name or self.tr("System default")
        tested = (
            self.tr("passed")
            if self.marketplace.test_passed()
            else self.tr("skipped: check the connection once the network is ready")
        )
        lines = [
            self.tr("API: %s") % settings.api_base_url,
            self.tr("Seller location: %s") % settings.seller_location_id,
            self.tr("Connection test: %s") % tested,
            self.tr("Terminal: %s") % settings.terminal_id,
            self.tr("Operator: %s") % (settings.operator_name or self.tr("(none)")),
            self.tr("Printer: %s, paper %s") % (printer, settings.paper),
            self.tr("PDF folder: %s") % (settings.pdf_dir or self.tr("(none)")),
            self.tr("Admin PIN: set"),
        ]
        return "\n".join(lines)

    # --- validation -------------------------------------------------------------------

    def check_up_to(self, form: FieldForm) -> bool:
        """Whether the values of the pages up to ``form``'s are valid."""
        upto = self.forms[: self.forms.index(form) + 1]
        settings, _name, text = self._check(upto)
        return settings is not None and not text

    def _check(self, forms: list[FieldForm]) -> tuple[Settings | None, str | None, str]:
        """The settings from the base and ``forms``, and the first problem (name, text)."""
        values = self._base.to_dict()
        for form in forms:
            values.update(form.values())
        try:
            settings = Settings.from_dict(values)
        except InvalidSettings as exc:
            return None, *first_problem(exc)
        for form in forms:
            if found := form.problem():
                return settings, *found
        return settings, None, ""

    @Slot()
    def _on_form_changed(self) -> None:
        for index, form in enumerate(self.forms):  # each page shows its own first problem
            form.clear_errors()
            _settings, name, text = self._check(self.forms[: index + 1])
            if name is not None and form.owns(name):
                form.show_error(name, text)
        up_to_marketplace, _n, market_text = self._check([self.marketplace])
        self.marketplace.set_test_settings(None if market_text else up_to_marketplace)
        up_to_printer, _n, printer_text = self._check(self.forms[:3])
        self.printing.set_test_settings(None if printer_text else up_to_printer)
