"""The smaller admin forms: terminal, scanner, polling and network, record, new admin PIN."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QRegularExpression, QSignalBlocker, Qt, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QLineEdit, QWidget

from returns_desk.admin_pin import MAX_LENGTH, MIN_LENGTH
from returns_desk.devices.serial_scanner import PortInfo, list_ports
from returns_desk.i18n import LANGUAGES
from returns_desk.settings import Settings
from returns_desk.settings.scanner import BAUD_RATES
from returns_desk.store.database import database_path
from returns_desk.store.integrity import disk_use
from returns_desk.ui.admin.fields import FieldForm, optional_text, split_list
from returns_desk.ui.i18n import tr

_USB_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # a listed port's "VID:PID"

MAX_PIN_LENGTH = MAX_LENGTH


class TerminalForm(FieldForm):
    def __init__(
        self, settings: Settings, *, with_sounds: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._with_sounds = with_sounds
        self.terminal_id = self.line_edit(settings.terminal_id, "DOCK-1")
        self.add_row("terminal_id", self.tr("Terminal id"), self.terminal_id)
        self.operator = self.line_edit(settings.operator_name)
        self.add_row("operator_name", self.tr("Operator name"), self.operator)
        # each language in its own script, so a clerk who reads only that one finds it
        self.language = self.combo(
            [(name, code) for code, name in LANGUAGES.items()], settings.language
        )
        self.add_row("language", self.tr("Language (screens and slips)"), self.language)
        self.sounds = self.check_box(self.tr("Play sounds"), settings.sounds)
        if with_sounds:
            self.add_row("sounds", "", self.sounds)
        else:
            self.sounds.hide()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "terminal_id": self.terminal_id.text().strip(),
            "operator_name": self.operator.text().strip(),
            "language": self.language.currentData(),
        }
        if self._with_sounds:
            values["sounds"] = self.sounds.isChecked()
        return values

    def problem(self) -> tuple[str, str] | None:
        if not self.terminal_id.text().strip():
            return "terminal_id", self.tr("Enter a name for this terminal, such as DOCK-1.")
        return None


class ScannerForm(FieldForm):
    """The keyboard scanner's timing, the label rules, and a serial (COM port) scanner.

    ``ports`` lists the serial ports present (``list_ports``; tests hand in their own).
    """

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        ports: Callable[[], list[PortInfo]] = list_ports,
    ) -> None:
        super().__init__(parent)
        self._ports = ports
        self._saved_port = (settings.scanner_port, settings.scanner_usb_id)
        ms, s = self.tr(" ms"), self.tr(" s")
        self.min_length = self.int_spin(settings.scanner_min_length, self.tr(" characters"))
        self.add_row("scanner_min_length", self.tr("Shortest scan"), self.min_length)
        self.mean_gap = self.float_spin(settings.scanner_mean_gap_ms, ms, 1)
        self.add_row("scanner_mean_gap_ms", self.tr("Mean gap between keys"), self.mean_gap)
        self.max_gap = self.float_spin(settings.scanner_max_gap_ms, ms, 1)
        self.add_row("scanner_max_gap_ms", self.tr("Longest gap between keys"), self.max_gap)
        self.duplicate = self.float_spin(settings.duplicate_window_s, s)
        self.add_row("duplicate_window_s", self.tr("Ignore a repeat within"), self.duplicate)
        comma = self.tr("comma-separated, e.g. ]C1, *")
        self.prefixes = self.line_edit(", ".join(settings.barcode_prefixes), comma)
        self.add_row("barcode_prefixes", self.tr("Scanner prefixes"), self.prefixes)
        self.suffixes = self.line_edit(", ".join(settings.barcode_suffixes), comma)
        self.add_row("barcode_suffixes", self.tr("Scanner suffixes"), self.suffixes)
        self.pattern = self.line_edit(settings.shipment_pattern)
        self.add_row("shipment_pattern", self.tr("Tracking id pattern"), self.pattern)
        self._add_serial_rows(settings)

    def _add_serial_rows(self, settings: Settings) -> None:
        note = QLabel(
            self.tr(
                "A scanner set to serial (COM port) mode: choose its port, or type it (e.g. "
                "/dev/serial/by-id/…). None: the scanner types like a keyboard. Applies after "
                "a restart."
            ),
            self,
        )
        note.setWordWrap(True)
        self.add_wide(note)
        self.port = QComboBox(self)
        self.port.setEditable(True)
        self.port.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.port.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.port_refresh = self.button(self.tr("Refresh"))
        self.add_row("scanner_port", self.tr("Serial (COM) port"), self.port, self.port_refresh)
        self.baud = self.combo([(str(rate), rate) for rate in BAUD_RATES], settings.scanner_baud)
        self.add_row("scanner_baud", self.tr("Baud rate"), self.baud)
        self.fill_ports(settings.scanner_port)
        self.port.currentTextChanged.connect(self._on_port_current_text_changed)
        self.port_refresh.clicked.connect(self._on_port_refresh_clicked)

    def fill_ports(self, current: str) -> None:
        """List the ports present now, with ``current`` chosen (kept even when absent)."""
        with QSignalBlocker(self.port):
            self.port.clear()
            self.port.addItem(self.tr("None (keyboard scanner)"), "")
            for info in self._ports():
                self.port.addItem(self.port_text(info), info.device)
                self.port.setItemData(self.port.count() - 1, info.vid_pid, _USB_ID_ROLE)
            if current and self.port.findData(current) < 0:
                absent = self.tr("%1 (not found now)").replace("%1", current)
                self.port.addItem(absent, current)
                saved, usb_id = self._saved_port
                self.port.setItemData(
                    self.port.count() - 1, usb_id if current == saved else "", _USB_ID_ROLE
                )
            self.port.setCurrentIndex(max(0, self.port.findData(current)))
        self.baud.setEnabled(bool(current))

    def port_text(self, info: PortInfo) -> str:
        text = info.device
        if info.description:
            text += " — " + info.description
        if info.vid_pid:
            text += self.tr(" (USB %1)").replace("%1", info.vid_pid)
        return text

    def port_value(self) -> str:
        """The port chosen from the list, or the name typed; "" for the keyboard scanner."""
        text = self.port.currentText().strip()
        index = self.port.findText(text)
        return str(self.port.itemData(index)) if index >= 0 else text

    def usb_id_value(self) -> str:
        """The chosen port's USB id (to find the scanner again under another name), or ""."""
        index = self.port.findText(self.port.currentText().strip())
        return str(self.port.itemData(index, _USB_ID_ROLE) or "") if index >= 0 else ""

    @Slot(str)
    def _on_port_current_text_changed(self, _text: str) -> None:
        self.baud.setEnabled(bool(self.port_value()))
        self.changed.emit()

    @Slot()
    def _on_port_refresh_clicked(self) -> None:
        self.fill_ports(self.port_value())
        self.changed.emit()

    def values(self) -> dict[str, Any]:
        return {
            "scanner_port": self.port_value(),
            "scanner_usb_id": self.usb_id_value(),
            "scanner_baud": self.baud.currentData(),
            "scanner_min_length": self.min_length.value(),
            "scanner_mean_gap_ms": self.mean_gap.value(),
            "scanner_max_gap_ms": self.max_gap.value(),
            "duplicate_window_s": self.duplicate.value(),
            "barcode_prefixes": split_list(self.prefixes.text()),
            "barcode_suffixes": split_list(self.suffixes.text()),
            "shipment_pattern": self.pattern.text(),
        }


class NetworkForm(FieldForm):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        s = self.tr(" s")
        self.poll_interval = self.float_spin(settings.poll_interval_s, s, 1)
        self.add_row("poll_interval_s", self.tr("Poll every"), self.poll_interval)
        self.page_size = self.int_spin(settings.page_size, self.tr(" parcels"))
        self.add_row("page_size", self.tr("Page size"), self.page_size)
        self.connect_timeout = self.float_spin(settings.connect_timeout_s, s, 1)
        self.add_row("connect_timeout_s", self.tr("Connect timeout"), self.connect_timeout)
        self.read_timeout = self.float_spin(settings.read_timeout_s, s, 1)
        self.add_row("read_timeout_s", self.tr("Read timeout"), self.read_timeout)
        self.ca_bundle = self.line_edit(settings.ca_bundle, self.tr("(the system's certificates)"))
        self.ca_button = self.button(self.tr("Choose…"))
        self.add_row("ca_bundle", self.tr("Corporate CA bundle"), self.ca_bundle, self.ca_button)
        self.proxy = self.line_edit(settings.proxy_url, self.tr("(from the environment)"))
        self.add_row("proxy_url", self.tr("Proxy URL"), self.proxy)
        self.ca_button.clicked.connect(self._on_ca_button_clicked)

    def values(self) -> dict[str, Any]:
        return {
            "poll_interval_s": self.poll_interval.value(),
            "page_size": self.page_size.value(),
            "connect_timeout_s": self.connect_timeout.value(),
            "read_timeout_s": self.read_timeout.value(),
            "ca_bundle": optional_text(self.ca_bundle),
            "proxy_url": optional_text(self.proxy),
        }

    def problem(self) -> tuple[str, str] | None:
        ca_bundle = optional_text(self.ca_bundle)
        if ca_bundle and not Path(ca_bundle).expanduser().is_file():
            return "ca_bundle", self.tr("No such file.")
        proxy = optional_text(self.proxy)
        if proxy and "://" not in proxy:
            return "proxy_url", self.tr("Enter the proxy as http://host:port.")
        return None

    @Slot()
    def _on_ca_button_clicked(self) -> None:
        dialog = QFileDialog(
            self, self.tr("Corporate CA bundle"), optional_text(self.ca_bundle) or ""
        )
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(
            [self.tr("Certificates (*.pem *.crt *.cer)"), self.tr("All files (*)")]
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._on_ca_dialog_file_selected)
        dialog.open()

    @Slot(str)
    def _on_ca_dialog_file_selected(self, path: str) -> None:
        if path:
            self.ca_bundle.setText(str(Path(path)))


class RecordForm(FieldForm):
    def __init__(self, settings: Settings, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retention = self.int_spin(settings.retention_days, self.tr(" days"))
        self.add_row("retention_days", self.tr("Keep handovers for"), self.retention)
        self.payload_days = self.int_spin(settings.payload_days, self.tr(" days"))
        self.payload_days.setToolTip(
            self.tr("After this, a closed handover's shipments keep only their tracking id")
        )
        self.add_row("payload_days", self.tr("Keep shipment details for"), self.payload_days)
        self.backup_budget = self.int_spin(settings.backup_budget_mib, self.tr(" MiB"))
        self.add_row("backup_budget_mib", self.tr("Backups may use up to"), self.backup_budget)
        self.data_dir = QLineEdit(str(data_dir), self)
        self.data_dir.setReadOnly(True)
        self.add_row("data_dir", self.tr("Data folder"), self.data_dir)
        self.disk = QLabel(disk_text(data_dir), self)
        self.disk.setWordWrap(True)
        self.add_row("disk", self.tr("Disk"), self.disk)

    def values(self) -> dict[str, Any]:
        return {
            "retention_days": self.retention.value(),
            "payload_days": self.payload_days.value(),
            "backup_budget_mib": self.backup_budget.value(),
        }


def _mib(size: int) -> str:
    return f"{size / 2**30:.1f} GiB" if size >= 2**30 else f"{size / 2**20:.0f} MiB"


def disk_text(data_dir: Path) -> str:
    """What the record and its backups take, what is left, and a warning when little is."""
    use = disk_use(database_path(data_dir), Path(data_dir) / "backups")
    text = tr("Record %1, backups %2 (%n file(s)); %3 free.", None, use.backup_files)
    text = text.replace("%1", _mib(use.record)).replace("%2", _mib(use.backups))
    text = text.replace("%3", _mib(use.free))
    if use.low:
        text += " " + QCoreApplication.translate(
            "RecordForm",
            "The disk is nearly full: free some space or lower the backup budget, or the "
            "record will stop taking scans.",
        )
    return text


class NewPinForm(FieldForm):
    """A new admin PIN, typed twice; ``required=False`` lets both stay empty (keep it)."""

    def __init__(
        self, *, required: bool, has_pin: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._required = required
        if not required:
            note = self.tr("A PIN is set.") if has_pin else self.tr("No PIN is set yet.")
            note += " " + self.tr("Leave both fields empty to keep it as it is.")
            label = QLabel(note, self)
            label.setWordWrap(True)
            self.add_wide(label)
        self.new_pin = self._pin_edit()
        self.add_row("new_pin", self.tr("New admin PIN"), self.new_pin)
        self.repeat_pin = self._pin_edit()
        self.add_row("repeat_pin", self.tr("Repeat the PIN"), self.repeat_pin)

    def _pin_edit(self) -> QLineEdit:
        edit = self.line_edit("", self.tr("%n digits or more", "", MIN_LENGTH))
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setMaxLength(MAX_PIN_LENGTH)
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), edit))
        edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        return edit

    def pin(self) -> str | None:
        """The new PIN when both fields agree and it is long enough, else None."""
        return None if self.problem() or not self.new_pin.text() else self.new_pin.text()

    def problem(self) -> tuple[str, str] | None:
        new, repeat = self.new_pin.text(), self.repeat_pin.text()
        if not new and not repeat:
            if self._required:
                return "new_pin", self.tr("Set a PIN: it keeps clerks out of the settings.")
            return None
        if len(new) < MIN_LENGTH or not new.isdigit():
            return "new_pin", self.tr("Use at least %n digits.", "", MIN_LENGTH)
        if new != repeat:
            return "repeat_pin", self.tr("The two PINs are not the same.")
        return None
