"""Scans belong to the desk in front: dialogs keep their typing, secrets are never read.

Real key events at scanner speed (8 ms gaps by the filter's clock) into real dialogs over
the real window on the sandbox.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from returns_desk.admin_pin import hash_pin
from returns_desk.settings import Settings
from returns_desk.ui.admin.pin_dialog import PinDialog
from tests.devices.pty_scanner import needs_pty
from tests.ui.conftest import Desk, scanning_fe


def _in_front(desk: Desk, dialog: QWidget) -> None:
    dialog.open() if isinstance(dialog, QDialog) else dialog.show()
    dialog.activateWindow()
    handle = dialog.windowHandle()
    desk.wait(lambda: QApplication.focusWindow() is handle)
    desk.wait(lambda: desk.window.scanner.watches(handle))


def _keys_to(desk: Desk, widget: QWidget, text: str, gap_ms: float = 8.0) -> None:
    """Keys as a scanner types them, into the window that has ``widget``."""
    handle = widget.window().windowHandle()
    for char in text:
        desk.clock.advance_ms(gap_ms)
        QTest.keyClick(handle, char)
    desk.clock.advance_ms(gap_ms)
    QTest.keyClick(handle, Qt.Key.Key_Return)


def test_a_path_typed_at_scanner_speed_into_a_save_dialog_reaches_it_and_is_not_recorded(
    desk: Desk, tmp_path: Path
) -> None:
    fe, _ = scanning_fe(desk, parcels=2)
    dialog = QFileDialog(desk.window, "Save as PDF", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    chosen: list[str] = []
    dialog.fileSelected.connect(chosen.append)
    _in_front(desk, dialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and QApplication.focusWidget() is name
    _keys_to(desk, name, "slip-FMPC0127902385.pdf")
    desk.wait(lambda: chosen)
    assert chosen == [str(tmp_path / "slip-FMPC0127902385.pdf")]  # Enter reached the dialog
    assert desk.view(fe.fe_id).counts.dock_scanned == 0
    assert desk.window.held_scans == []
    assert desk.window.scanning.banner.kind == "ready"


def test_a_parcel_scanned_while_a_dialog_is_open_is_held_then_recorded_with_f3(
    desk: Desk,
) -> None:
    fe, ids = scanning_fe(desk, parcels=2)
    dialog = QDialog(desk.window)
    button = QPushButton("OK", dialog)
    QVBoxLayout(dialog).addWidget(button)
    button.clicked.connect(dialog.accept)
    _in_front(desk, dialog)
    _keys_to(desk, dialog, ids[0])
    assert dialog.isVisible()  # the Enter of the scan did not press OK
    assert desk.window.held_scans == [ids[0]]
    banner = desk.window.scanning.banner
    assert banner.kind == "held" and banner.code.text() == ids[0]
    assert "F3" in banner.detail.text() and fe.name in banner.detail.text()
    assert desk.view(fe.fe_id).counts.dock_scanned == 0  # offered, not recorded
    desk.press(Qt.Key.Key_F3)  # the dialog is modal: the desk's keys do nothing under it
    assert desk.view(fe.fe_id).counts.dock_scanned == 0
    dialog.accept()
    desk.window.activateWindow()
    desk.wait(lambda: QApplication.focusWindow() is desk.window.windowHandle())
    desk.press(Qt.Key.Key_F3)
    assert desk.view(fe.fe_id).counts.dock_scanned == 1
    assert banner.kind == "matched" and desk.window.held_scans == []


def test_esc_drops_held_scans_and_nothing_is_recorded(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=1)
    dialog = QDialog(desk.window)
    QVBoxLayout(dialog).addWidget(QPushButton("OK", dialog))
    _in_front(desk, dialog)
    _keys_to(desk, dialog, ids[0])
    dialog.reject()
    desk.window.activateWindow()
    desk.wait(lambda: QApplication.focusWindow() is desk.window.windowHandle())
    desk.press(Qt.Key.Key_Escape)
    assert desk.window.held_scans == []
    assert "dropped" in desk.window.scanning.banner.detail.text()
    desk.press(Qt.Key.Key_F3)
    assert desk.view(fe.fe_id).counts.dock_scanned == 0


def test_a_tracking_id_scanned_into_a_dialogs_field_is_held_not_typed(desk: Desk) -> None:
    fe, ids = scanning_fe(desk, parcels=1)
    dialog = QDialog(desk.window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    _in_front(desk, dialog)
    field.setFocus()
    desk.wait(lambda: QApplication.focusWidget() is field)
    _keys_to(desk, field, ids[0])
    assert field.text() == "" and desk.window.held_scans == [ids[0]]
    _keys_to(desk, field, "C:/Users/dock/slips")  # not a parcel: the field's own typing
    assert field.text() == "C:/Users/dock/slips"
    assert desk.view(fe.fe_id).counts.dock_scanned == 0


def test_a_pin_typed_at_scanner_speed_is_never_read(desk: Desk) -> None:
    scanning_fe(desk, parcels=1)
    bursts: list[object] = []
    desk.window.scanner.burst_finished.connect(bursts.append)
    pin = PinDialog(hash_pin("24681357"), desk.window)
    _in_front(desk, pin)
    assert QApplication.focusWidget() is pin.entry
    for char in "24681357":
        desk.clock.advance_ms(8)
        QTest.keyClick(pin.windowHandle(), char)
        assert pin.entry.text().endswith(char)  # at once: not even held back
    assert bursts == [] and desk.window.held_scans == []
    desk.clock.advance_ms(8)
    QTest.keyClick(pin.windowHandle(), Qt.Key.Key_Return)
    assert pin.result() == QDialog.DialogCode.Accepted


# --- the scanner test (F11) is an admin screen ------------------------------------------


def _pin_desk(qtbot, sandbox, tmp_path: Path) -> Desk:  # type: ignore[no-untyped-def]
    settings = Settings(
        api_base_url=sandbox.base_url,
        seller_location_id="LOC1",
        terminal_id="DOCK-T",
        admin_pin_hash=hash_pin("432165"),
    )
    return Desk(qtbot, sandbox, tmp_path / "data", settings=settings)


def test_f11_asks_for_the_admin_pin_and_shows_only_what_is_scanned_there(
    qtbot,
    sandbox,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    desk = _pin_desk(qtbot, sandbox, tmp_path)
    try:
        fe, _ = scanning_fe(desk, parcels=1)
        desk.press(Qt.Key.Key_F4)  # the desk's own field, before the test is opened
        desk.type("FMPC0000000001", enter=False)
        desk.wait(lambda: desk.window.scanning.manual.text() == "FMPC0000000001")
        desk.window.scanning.manual.clear()
        desk.window.fe_list.setFocus()
        desk.press(Qt.Key.Key_F11)
        pin = desk.window.pin_dialog
        desk.wait(pin.isVisible)
        assert desk.window.current_screen() == "scanning"  # nothing shown before the PIN
        handle = pin.windowHandle()
        desk.wait(lambda: QApplication.focusWindow() is handle)
        for char in "1111":
            QTest.keyClick(handle, char)
        QTest.keyClick(handle, Qt.Key.Key_Return)
        assert desk.window.current_screen() == "scanning" and pin.isVisible()
        for char in "432165":
            QTest.keyClick(handle, char)
        QTest.keyClick(handle, Qt.Key.Key_Return)
        desk.wait_screen("scanner_test")
        table = desk.window.scanner_test.model
        assert table.rowCount() == 0  # what was typed before is not shown
        # a secret typed into another window while the test shows is not shown either
        other = QDialog(desk.window)
        secret = QLineEdit(other)
        QVBoxLayout(other).addWidget(secret)
        _in_front(desk, other)
        secret.setFocus()
        desk.wait(lambda: QApplication.focusWidget() is secret)
        _keys_to(desk, secret, "s3cr3t-client-value")
        assert secret.text() == "s3cr3t-client-value"
        other.accept()
        desk.window.activateWindow()
        desk.wait(lambda: QApplication.focusWindow() is desk.window.windowHandle())
        assert table.rowCount() == 0
        desk.scan("HELLO12345XYZ")
        assert table.rowCount() == 1
        code = desk.window.scanner_test.banner.code
        assert code.text() == "HELLO12345XYZ"
        assert not QFontInfo(code.font()).fixedPitch()  # a round O, never read as a 0
        assert desk.view(fe.fe_id).counts.dock_scanned == 0  # nothing recorded on the test
    finally:
        desk.close()


@needs_pty
def test_a_serial_scanners_label_is_held_while_a_dialog_is_open(
    qtbot,
    sandbox,
    tmp_path: Path,
    device,  # type: ignore[no-untyped-def]
) -> None:
    settings = Settings(
        api_base_url=sandbox.base_url, seller_location_id="LOC1", terminal_id="DOCK-T",
        scanner_port=device.port,
    )  # fmt: skip
    desk = Desk(qtbot, sandbox, tmp_path / "data", settings=settings)
    try:
        serial = desk.window.serial_scanner
        assert serial is not None
        desk.wait(lambda: serial.state == "connected")
        fe, ids = scanning_fe(desk, parcels=2)
        dialog = QDialog(desk.window)
        QVBoxLayout(dialog).addWidget(QPushButton("OK", dialog))
        _in_front(desk, dialog)
        device.send(ids[0].encode() + b"\r")
        desk.wait(lambda: desk.window.held_scans == [ids[0]])
        assert desk.view(fe.fe_id).counts.dock_scanned == 0
        dialog.accept()
        desk.window.activateWindow()
        desk.wait(lambda: QApplication.focusWindow() is desk.window.windowHandle())
        device.send(ids[1].encode() + b"\r")  # the desk in front: recorded at once
        desk.wait(lambda: desk.view(fe.fe_id).counts.dock_scanned == 1)
        desk.press(Qt.Key.Key_F3)
        assert desk.view(fe.fe_id).counts.dock_scanned == 2
    finally:
        desk.close()
