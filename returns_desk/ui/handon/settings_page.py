"""The settings dialog's "Hand-on" tab: which seller systems get the returns, and how.

``values()`` and ``set_values()`` exchange a ``HandonSettings``; fields this page does not
show (the drop address, dimensions, back-off) are kept from the last ``set_values``. The
model validates (one place for the rules): the first error is shown on the page. User names
and passwords are never part of the values: ``save_credentials()`` puts them in the OS
credential store, and only when the dialog calls it.
"""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon import (
    OMNI,
    POS,
    DestinationCredentials,
    HandonSettings,
    ReturnKind,
    load_destination_credentials,
    save_destination_credentials,
)
from returns_desk.settings.model import InvalidSettings


def first_error(exc: InvalidSettings) -> str:
    """The settings' error as one line an admin can act on."""
    text = exc.reason
    if text.startswith(("Omni", "Unicommerce")) or not exc.field:
        return text
    return f"{exc.field}: {text}"


class _Credentials:
    """User name, password (and Omni's domain) rows of one destination."""

    def __init__(self, form: QFormLayout, parent: QWidget, labels: tuple[str, ...]) -> None:
        self.username = QLineEdit(parent)
        self.password = QLineEdit(parent)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.domain = QLineEdit(parent) if len(labels) > 2 else None
        self.saved: DestinationCredentials | None = None
        form.addRow(labels[0], self.username)
        form.addRow(labels[1], self.password)
        if self.domain is not None:
            form.addRow(labels[2], self.domain)


class HandonSettingsPage(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base = HandonSettings()
        self.omni_box = QGroupBox(self.tr("Send returns to Omni (Increff)"), self)
        self.omni_box.setCheckable(True)
        omni = QFormLayout(self.omni_box)
        self.omni_url = self._line(omni, self.tr("Base URL"), "https://…/assure-magic2")
        self.omni_location = self._line(omni, self.tr("Location code"))
        self.omni_awb = QCheckBox(self.tr("AWB integration with RMS"), self.omni_box)
        omni.addRow("", self.omni_awb)
        self.omni_seller_gstin = self._line(omni, self.tr("Seller GSTIN"))
        self.omni_consignee_gstin = self._line(omni, self.tr("Consignee GSTIN"))
        self.omni_aggregator = QComboBox(self.omni_box)
        self.omni_aggregator.addItem(self.tr("— none or not known —"), "")
        self.omni_aggregator.addItem("CLICKPOST", "CLICKPOST")
        self.omni_aggregator.addItem("SHIPROCKET", "SHIPROCKET")
        self.omni_aggregator.setToolTip(
            self.tr("With CLICKPOST, Omni needs the seller GSTIN and the invoice number and time.")
        )
        omni.addRow(self.tr("Logistics aggregator"), self.omni_aggregator)
        self.omni_lookup = QCheckBox(self.tr("Ask Omni's look-up by AWB"), self.omni_box)
        omni.addRow("", self.omni_lookup)
        labels = (self.tr("User name"), self.tr("Password"), self.tr("Domain (optional)"))
        self.omni_credentials = _Credentials(omni, self.omni_box, labels)

        self.pos_box = QGroupBox(self.tr("Send returns to the Unicommerce POS"), self)
        self.pos_box.setCheckable(True)
        pos = QFormLayout(self.pos_box)
        self.pos_url = self._line(pos, self.tr("Base URL"), "https://pos.example.com")
        self.pos_facility = self._line(pos, self.tr("Facility code"))
        self.pos_duplicate = QCheckBox(
            self.tr("A duplicate answer means the POS has the return"), self.pos_box
        )
        pos.addRow("", self.pos_duplicate)
        self.pos_credentials = _Credentials(pos, self.pos_box, labels[:2])

        general = QFormLayout()
        self.max_attempts = QSpinBox(self)
        self.max_attempts.setRange(1, 1000)  # the model's limit is the one the admin hears
        general.addRow(self.tr("Attempts before “needs attention”"), self.max_attempts)
        self.default_kind = QComboBox(self)
        self.default_kind.addItem(self.tr("— the report must say —"), None)
        self.default_kind.addItem(self.tr("Customer return"), ReturnKind.CUSTOMER_RETURN)
        self.default_kind.addItem(self.tr("Return to origin"), ReturnKind.RETURN_TO_ORIGIN)
        self.default_kind.addItem(self.tr("Self ship"), ReturnKind.SELF_SHIP)
        general.addRow(self.tr("Kind of return when the report does not say"), self.default_kind)

        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.error.hide()
        note = QLabel(
            self.tr("Passwords are kept in the OS credential store, never in the settings file."),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.error)
        layout.addWidget(self.omni_box)
        layout.addWidget(self.pos_box)
        layout.addLayout(general)
        layout.addWidget(note)
        layout.addStretch(1)

        for box in (self.omni_box, self.pos_box):
            box.toggled.connect(self._on_box_toggled)
        for check in (self.omni_awb, self.omni_lookup, self.pos_duplicate):
            check.toggled.connect(self._on_box_toggled)
        self.max_attempts.valueChanged.connect(self._on_max_attempts_value_changed)
        self.default_kind.currentIndexChanged.connect(self._on_default_kind_current_index_changed)
        self.omni_aggregator.currentIndexChanged.connect(self._on_aggregator_current_index_changed)
        self.set_values(self._base)
        self.load_credentials()

    def _line(self, form: QFormLayout, label: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._on_line_text_edited)
        form.addRow(label, edit)
        return edit

    # --- the values -----------------------------------------------------------------------

    def set_values(self, settings: HandonSettings) -> None:
        self._base = settings
        self.omni_box.setChecked(settings.omni.enabled)
        self.omni_url.setText(settings.omni.base_url)
        self.omni_location.setText(settings.omni.location_code)
        self.omni_awb.setChecked(settings.omni.awb_integration)
        self.omni_seller_gstin.setText(settings.omni.seller_gstin)
        self.omni_consignee_gstin.setText(settings.omni.consignee_gstin)
        self.omni_lookup.setChecked(settings.omni.lookup_by_awb)
        self.omni_aggregator.setCurrentIndex(
            max(0, self.omni_aggregator.findData(settings.omni.logistic_aggregator))
        )
        self.pos_box.setChecked(settings.pos.enabled)
        self.pos_url.setText(settings.pos.base_url)
        self.pos_facility.setText(settings.pos.facility_code)
        self.pos_duplicate.setChecked(settings.pos.duplicate_means_delivered)
        self.max_attempts.setValue(settings.retry.max_attempts)
        self.default_kind.setCurrentIndex(
            max(0, self.default_kind.findData(settings.default_return_kind))
        )
        self._show_error("")

    def values(self) -> HandonSettings:
        """The page's settings; raises ``InvalidSettings`` after showing the error."""
        data: dict[str, Any] = self._base.to_dict()
        data["omni"].update(
            enabled=self.omni_box.isChecked(),
            base_url=self.omni_url.text().strip(),
            location_code=self.omni_location.text().strip(),
            awb_integration=self.omni_awb.isChecked(),
            seller_gstin=self.omni_seller_gstin.text().strip(),
            consignee_gstin=self.omni_consignee_gstin.text().strip(),
            lookup_by_awb=self.omni_lookup.isChecked(),
            logistic_aggregator=self.omni_aggregator.currentData(),
        )
        data["pos"].update(
            enabled=self.pos_box.isChecked(),
            base_url=self.pos_url.text().strip(),
            facility_code=self.pos_facility.text().strip(),
            duplicate_means_delivered=self.pos_duplicate.isChecked(),
        )
        data["retry"]["max_attempts"] = self.max_attempts.value()
        data["default_return_kind"] = self.default_kind.currentData()
        try:
            settings = HandonSettings.from_dict(data)
        except InvalidSettings as exc:
            self._show_error(first_error(exc))
            raise
        self._show_error("")
        return settings

    def problem(self) -> str | None:
        """The first error of the page's values (also shown on the page), or None."""
        try:
            self.values()
        except InvalidSettings as exc:
            return first_error(exc)
        return None

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # --- the credentials --------------------------------------------------------------------

    def _credentials(self) -> dict[str, _Credentials]:
        return {OMNI: self.omni_credentials, POS: self.pos_credentials}

    def load_credentials(self) -> None:
        """Show the saved user names; a saved password shows only as a hint."""
        for destination, rows in self._credentials().items():
            try:
                rows.saved = load_destination_credentials(destination)
            except ReturnsDeskError:
                rows.saved = None
            rows.username.setText(rows.saved.username if rows.saved else "")
            rows.password.clear()
            rows.password.setPlaceholderText(
                self.tr("saved — leave empty to keep it") if rows.saved else ""
            )
            if rows.domain is not None:
                rows.domain.setText(rows.saved.domain if rows.saved else "")

    def save_credentials(self) -> bool:
        """Put what was entered in the OS credential store; False (and the error shown) if not.

        A password left empty keeps the saved one; nothing entered changes nothing.
        """
        import keyring.errors

        for destination, rows in self._credentials().items():
            username = rows.username.text().strip()
            password = rows.password.text()
            domain = rows.domain.text().strip() if rows.domain is not None else ""
            if not password and rows.saved is not None:
                password = rows.saved.password.get_secret_value()
            unchanged = rows.saved is not None and (
                (username, password, domain)
                == (rows.saved.username, rows.saved.password.get_secret_value(), rows.saved.domain)
            )
            if unchanged or not (username or rows.password.text()):
                continue
            if not username or not password:
                self._show_error(
                    self.tr("%1: enter both the user name and the password.").replace(
                        "%1", self._box(destination).title()
                    )
                )
                return False
            credentials = DestinationCredentials(
                username=username, password=SecretStr(password), domain=domain
            )
            try:
                save_destination_credentials(destination, credentials)
            except keyring.errors.KeyringError:
                self._show_error(self.tr("The OS credential store cannot be reached."))
                return False
        self.load_credentials()
        return True

    def _box(self, destination: str) -> QGroupBox:
        return self.omni_box if destination == OMNI else self.pos_box

    # --- slots ----------------------------------------------------------------------------

    @Slot(bool)
    def _on_box_toggled(self, checked: bool) -> None:
        self.changed.emit()

    @Slot(str)
    def _on_line_text_edited(self, text: str) -> None:
        self.changed.emit()

    @Slot(int)
    def _on_max_attempts_value_changed(self, value: int) -> None:
        self.changed.emit()

    @Slot(int)
    def _on_default_kind_current_index_changed(self, index: int) -> None:
        self.changed.emit()

    @Slot(int)
    def _on_aggregator_current_index_changed(self, index: int) -> None:
        self.changed.emit()
