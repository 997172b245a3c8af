"""The scanner page of the settings: the serial (COM) port picker and the baud rate."""

from __future__ import annotations

from PySide6.QtCore import Qt

from returns_desk.devices.serial_scanner import PortInfo
from returns_desk.settings import Settings
from returns_desk.ui.admin.forms import ScannerForm
from returns_desk.ui.admin.settings_dialog import SettingsDialog


class Ports:
    """The ports "present"; the test plugs and unplugs them."""

    def __init__(self, *ports: PortInfo) -> None:
        self.ports = list(ports)

    def __call__(self) -> list[PortInfo]:
        return list(self.ports)


HONEYWELL = PortInfo("COM3", "Honeywell Scanner", "0C2E:0B61")
BUILT_IN = PortInfo("COM1", "")


def items(form: ScannerForm) -> list[tuple[str, str]]:
    return [(form.port.itemText(i), form.port.itemData(i)) for i in range(form.port.count())]


def test_the_picker_lists_the_ports_present(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = ScannerForm(Settings(), ports=Ports(BUILT_IN, HONEYWELL))
    qtbot.addWidget(form)
    assert items(form) == [
        ("None (keyboard scanner)", ""),
        ("COM1", "COM1"),
        ("COM3 — Honeywell Scanner (USB 0C2E:0B61)", "COM3"),
    ]
    values = form.values()
    assert (values["scanner_port"], values["scanner_baud"]) == ("", 9600)  # keyboard: default
    assert not form.baud.isEnabled()  # a baud rate means nothing without a port

    form.port.setCurrentIndex(2)
    form.baud.setCurrentIndex(form.baud.findData(115200))
    values = form.values()
    assert (values["scanner_port"], values["scanner_baud"]) == ("COM3", 115200)
    assert form.baud.isEnabled()


def test_a_port_can_be_typed(qtbot) -> None:  # type: ignore[no-untyped-def]
    form = ScannerForm(Settings(), ports=Ports())
    qtbot.addWidget(form)
    changed: list[bool] = []
    form.changed.connect(lambda: changed.append(True))
    form.port.lineEdit().clear()
    qtbot.keyClicks(form.port.lineEdit(), "/dev/serial/by-id/usb-Scanner-if00")
    assert form.values()["scanner_port"] == "/dev/serial/by-id/usb-Scanner-if00"
    assert changed and form.baud.isEnabled()
    qtbot.keyClick(form.port.lineEdit(), Qt.Key.Key_Return)
    assert form.port.count() == 1  # typing never adds to the list of ports present


def test_the_saved_port_stays_when_it_is_unplugged_and_refresh_finds_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    ports = Ports(BUILT_IN)
    form = ScannerForm(Settings(scanner_port="COM3", scanner_baud=19200), ports=ports)
    qtbot.addWidget(form)
    assert form.port.currentText() == "COM3 (not found now)"
    assert form.values()["scanner_port"] == "COM3"
    assert form.baud.currentData() == 19200

    ports.ports.append(HONEYWELL)  # plugged in while the dialog is open
    with qtbot.waitSignal(form.changed):
        qtbot.mouseClick(form.port_refresh, Qt.MouseButton.LeftButton)
    assert form.port.currentText() == "COM3 — Honeywell Scanner (USB 0C2E:0B61)"
    assert form.values()["scanner_port"] == "COM3"
    assert [data for _text, data in items(form)] == ["", "COM1", "COM3"]


def test_the_dialog_round_trip_keeps_the_serial_scanner(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(Settings(seller_location_id="LOC1"), credentials=None)
    qtbot.addWidget(dialog)
    scanner = dialog.scanner
    scanner.port.setEditText("COM7")
    scanner.baud.setCurrentIndex(scanner.baud.findData(38400))
    assert dialog.is_valid()
    result = dialog.result_settings()
    assert (result.scanner_port, result.scanner_baud) == ("COM7", 38400)
    scanner.port.setCurrentIndex(0)  # None (keyboard scanner)
    assert dialog.result_settings().scanner_port == ""


def test_a_picked_port_keeps_the_scanners_usb_id_to_find_it_under_another_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    ports = Ports(BUILT_IN, HONEYWELL)
    form = ScannerForm(Settings(), ports=ports)
    qtbot.addWidget(form)
    form.port.setCurrentIndex(2)
    assert form.values()["scanner_usb_id"] == "0C2E:0B61"
    form.port.setCurrentIndex(1)  # not a USB device
    assert form.values()["scanner_usb_id"] == ""
    form.port.lineEdit().setText("COM9")  # typed: nothing known about it
    assert form.values()["scanner_usb_id"] == ""

    saved = Settings(scanner_port="COM3", scanner_usb_id="0C2E:0B61")
    ports.ports = []  # the scanner is unplugged while the admin edits other settings
    form = ScannerForm(saved, ports=ports)
    qtbot.addWidget(form)
    assert form.values()["scanner_port"] == "COM3"
    assert form.values()["scanner_usb_id"] == "0C2E:0B61"  # kept, not forgotten
