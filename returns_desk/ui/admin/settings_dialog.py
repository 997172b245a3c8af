"""The settings dialog: every setting of a terminal on nine tabs, validated as you type.

Validation is the ``Settings`` model's own: the values on screen are made into a
``Settings`` on every change and pydantic's first error is shown under its field, with a
mark on its tab; OK stays disabled until the model accepts them. The dialog saves
nothing: after ``accept`` the caller passes it to ``apply_settings_dialog``.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from returns_desk.admin_pin import hash_pin
from returns_desk.credentials import Credentials, load_credentials
from returns_desk.errors import ReturnsDeskError
from returns_desk.paths import data_dir as default_data_dir
from returns_desk.settings import Settings
from returns_desk.settings.model import InvalidSettings
from returns_desk.ui.admin.camera_form import CameraForm
from returns_desk.ui.admin.fields import ADMIN_STYLE, FieldForm, first_problem
from returns_desk.ui.admin.forms import (
    NetworkForm,
    NewPinForm,
    RecordForm,
    ScannerForm,
    TerminalForm,
)
from returns_desk.ui.admin.marketplace_form import MarketplaceForm
from returns_desk.ui.admin.printing_form import PrintingForm
from returns_desk.ui.admin.site_form import SiteForm
from returns_desk.ui.fit import fit_to_screen


def stored_credentials() -> Credentials | None:
    """The credentials the app would use now (environment or keyring), None if there are none."""
    try:
        return load_credentials()
    except ReturnsDeskError:
        return None


class PinHasher:
    """Hashes a new PIN once (PBKDF2 takes a moment), however often the result is asked for."""

    def __init__(self) -> None:
        self._pin: str | None = None
        self._hash: str | None = None

    def hash(self, pin: str) -> str:
        if pin != self._pin:
            self._pin, self._hash = pin, hash_pin(pin)
        assert self._hash is not None
        return self._hash


class SettingsDialog(QDialog):
    """Open with ``exec()``/``open()``; after ``accept``, read ``result_settings()`` and
    ``result_credentials()`` (and ``result_site_password()``) or hand the dialog to
    ``apply_settings_dialog``."""

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        credentials: Credentials | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Returns Desk settings"))
        self.setStyleSheet(ADMIN_STYLE)
        self._base = settings
        self._valid: Settings | None = settings
        self._hasher = PinHasher()
        stored = credentials if credentials is not None else stored_credentials()
        folder = data_dir or default_data_dir(settings.data_dir)

        self.marketplace = MarketplaceForm(settings, stored, parent=self)
        self.terminal = TerminalForm(settings, parent=self)
        self.printing = PrintingForm(settings, parent=self)
        self.scanner = ScannerForm(settings, parent=self)
        self.camera = CameraForm(settings, parent=self)
        self.network = NetworkForm(settings, parent=self)
        self.record = RecordForm(settings, folder, parent=self)
        self.site = SiteForm(settings, parent=self)
        self.pin = NewPinForm(required=False, has_pin=bool(settings.admin_pin_hash), parent=self)
        self.forms: list[tuple[FieldForm, str]] = [
            (self.marketplace, self.tr("Marketplace")),
            (self.terminal, self.tr("Terminal")),
            (self.printing, self.tr("Printing")),
            (self.scanner, self.tr("Scanner")),
            (self.camera, self.tr("Camera")),
            (self.network, self.tr("Polling && network")),
            (self.record, self.tr("Record")),
            (self.site, self.tr("Site")),
            (self.pin, self.tr("Admin PIN")),
        ]

        self.tabs = QTabWidget(self)
        self.tabs.setUsesScrollButtons(False)  # every tab in sight, a marked one too
        for form, title in self.forms:
            self.add_page(form, title)
            form.changed.connect(self._on_form_changed)
        self.problem_label = QLabel(self)
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self._fit_to_screen()
        self._validate()

    def _fit_to_screen(self) -> None:
        """Every page at full size where the screen is tall enough; the tallest scrolls if not."""
        hints = [form.sizeHint() for form, _title in self.forms]
        chrome = 190  # tabs, the problem line, the buttons, margins
        height = max(h.height() for h in hints) + chrome
        widest = max(self.sizeHint().width(), max(h.width() for h in hints) + 80)
        fit_to_screen(self, widest, max(height, 480))

    def add_page(self, page: QWidget, title: str) -> int:
        """A tab whose page scrolls when taller than the dialog (a 768-pixel-high screen)."""
        area = QScrollArea(self.tabs)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        page.setMinimumHeight(page.sizeHint().height())  # scrolled, never squeezed
        area.setWidget(page)
        return self.tabs.addTab(area, title)

    def page_index(self, page: QWidget) -> int:
        """The tab showing ``page``; -1 when it has none."""
        for index in range(self.tabs.count()):
            area = self.tabs.widget(index)
            if isinstance(area, QScrollArea) and area.widget() is page:
                return index
        return -1

    # --- results ----------------------------------------------------------------------

    def result_settings(self) -> Settings:
        """The settings on screen (with the new PIN's hash); ValueError while invalid."""
        if self._valid is None:
            raise ValueError(self.problem_label.text())
        pin = self.pin.pin()
        if pin is None:
            return self._valid
        return self._valid.replace(admin_pin_hash=self._hasher.hash(pin))

    def result_credentials(self) -> Credentials | None:
        """New credentials to store, or None when the stored ones stay."""
        return self.marketplace.entered_credentials()

    def result_site_password(self) -> SecretStr | None:
        """A site database password to store for the result's URL, or None (keep the stored)."""
        return self.site.entered_password()

    def is_valid(self) -> bool:
        return self._valid is not None

    def wait_for_jobs(self, timeout_ms: int = 15000) -> bool:
        """Wait for a running test (tests, shutdown); deleting the dialog also waits."""
        return (
            self.marketplace.wait(timeout_ms)
            and self.printing.wait(timeout_ms)
            and self.site.wait(timeout_ms)
        )

    def accept(self) -> None:
        self._validate()
        if self._valid is None:
            return
        self.result_settings()  # hash a new PIN now, not when the caller reads it
        super().accept()

    # --- validation -------------------------------------------------------------------

    @Slot()
    def _on_form_changed(self) -> None:
        self._validate()

    def _validate(self) -> None:
        for index, (form, _title) in enumerate(self.forms):
            form.clear_errors()
            self.tabs.setTabIcon(index, QIcon())
        values = self._base.to_dict()
        for form, _title in self.forms:
            values.update(form.values())
        name: str | None = None
        text = ""
        try:
            settings: Settings | None = Settings.from_dict(values)
        except InvalidSettings as exc:
            settings = None
            name, text = first_problem(exc)
        else:
            for form, _title in self.forms:
                if found := form.problem():
                    name, text = found
                    break
        self.marketplace.set_test_settings(settings)
        self.printing.set_test_settings(settings)
        self._valid = settings if not text else None
        self.ok_button.setEnabled(self._valid is not None)
        self._show_problem(name, text)

    def _show_problem(self, name: str | None, text: str) -> None:
        if not text:
            self.problem_label.clear()
            self.problem_label.hide()
            return
        where = ""
        for index, (form, title) in enumerate(self.forms):
            if name is not None and form.owns(name):
                form.show_error(name, text)
                icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                self.tabs.setTabIcon(index, icon)
                where = title.replace("&&", "&") + ": "
                break
        self.problem_label.setText(where + text)
        self.problem_label.show()
