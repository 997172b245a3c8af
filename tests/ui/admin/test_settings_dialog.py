"""The settings dialog: a round trip to the file and the keyring, validation, the two tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from keyring.errors import PasswordSetError
from pydantic import SecretStr
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from returns_desk.admin_pin import verify_pin
from returns_desk.credentials import (
    KEYRING_CLIENT_ID_KEY,
    KEYRING_SECRET_KEY,
    KEYRING_SERVICE,
    Credentials,
    save_credentials,
)
from returns_desk.settings import Settings, load_settings
from returns_desk.ui.admin import CredentialStoreError, SettingsDialog, apply_settings_dialog
from tests.ui.admin.conftest import SANDBOX_CREDENTIALS, quick_hash


def open_dialog(qtbot, settings: Settings, **kwargs) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings, **kwargs)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_round_trip_saves_the_file_and_the_secret_in_the_keyring(
    qtbot, memory_keyring, settings_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    start = Settings(seller_location_id="LOC9", admin_pin_hash=quick_hash("1111"))
    dialog = open_dialog(qtbot, start)
    assert dialog.is_valid() and dialog.result_credentials() is None

    m = dialog.marketplace
    m.base_url.setText("https://seller.example.test/sellers")
    m.location.setText(" LOC1 ")
    qtbot.keyClicks(m.client_id, "dock-client")
    qtbot.keyClicks(m.secret, "s3cr3t-value")
    dialog.terminal.terminal_id.setText("DOCK-7")
    dialog.terminal.operator.setText("Asha")
    dialog.terminal.sounds.setChecked(False)
    dialog.printing.paper.setCurrentIndex(dialog.printing.paper.findData("58mm"))
    dialog.printing.pdf_dir.setText(str(tmp_path / "slips"))
    dialog.printing.raw_escpos.setChecked(True)
    dialog.scanner.min_length.setValue(10)
    dialog.scanner.prefixes.setText("]C1, *")
    dialog.scanner.duplicate.setValue(2.5)
    dialog.network.poll_interval.setValue(12)
    dialog.network.proxy.setText("http://proxy.example.test:3128")
    dialog.record.retention.setValue(30)
    qtbot.keyClicks(dialog.pin.new_pin, "43210987")
    qtbot.keyClicks(dialog.pin.repeat_pin, "43210987")

    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.terminal.operator, Qt.Key.Key_Return)  # Enter means OK

    expected = start.replace(
        **dict(
            api_base_url="https://seller.example.test/sellers",
            seller_location_id="LOC1",
            terminal_id="DOCK-7",
            operator_name="Asha",
            sounds=False,
            paper="58mm",
            pdf_dir=str(tmp_path / "slips"),
            print_raw_escpos=True,
            scanner_min_length=10,
            barcode_prefixes=("]C1", "*"),
            duplicate_window_s=2.5,
            poll_interval_s=12.0,
            proxy_url="http://proxy.example.test:3128",
            retention_days=30,
        )
    )
    result = dialog.result_settings()
    assert result.replace(admin_pin_hash=start.admin_pin_hash) == expected
    assert verify_pin("43210987", result.admin_pin_hash) and not verify_pin(
        "1111", result.admin_pin_hash
    )
    assert dialog.result_credentials() == Credentials(
        client_id="dock-client", client_secret=SecretStr("s3cr3t-value")
    )

    saved = apply_settings_dialog(dialog, settings_file)
    assert saved == result == load_settings(settings_file)
    assert memory_keyring.passwords[(KEYRING_SERVICE, KEYRING_CLIENT_ID_KEY)] == "dock-client"
    assert memory_keyring.passwords[(KEYRING_SERVICE, KEYRING_SECRET_KEY)] == "s3cr3t-value"
    for written in settings_file.parent.iterdir():
        assert "s3cr3t" not in written.read_text(encoding="utf-8")


def test_an_empty_secret_keeps_the_stored_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    save_credentials(Credentials(client_id="old-id", client_secret=SecretStr("kept-secret")))
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    m = dialog.marketplace
    assert m.client_id.text() == "old-id" and m.secret.text() == ""  # never read back
    assert dialog.is_valid() and dialog.result_credentials() is None
    m.client_id.setText("new-id")
    assert dialog.result_credentials() == Credentials(
        client_id="new-id", client_secret=SecretStr("kept-secret")
    )


def test_model_errors_show_under_their_field_and_disable_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    scanner_tab = dialog.page_index(dialog.scanner)
    dialog.scanner.pattern.setText("FMP(C|P")
    assert not dialog.ok_button.isEnabled()
    assert "not a valid pattern" in dialog.scanner.error_text("shipment_pattern")
    assert dialog.problem_label.text().startswith("Scanner: ")
    assert not dialog.tabs.tabIcon(scanner_tab).isNull()
    with pytest.raises(ValueError):
        dialog.result_settings()
    qtbot.keyClick(dialog.scanner.pattern, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not accept invalid settings

    dialog.scanner.pattern.setText(r"FMP[CP]\d{10}")
    assert dialog.ok_button.isEnabled() and dialog.scanner.error_text("shipment_pattern") == ""
    assert dialog.tabs.tabIcon(scanner_tab).isNull()

    dialog.network.poll_interval.setValue(1)
    assert not dialog.ok_button.isEnabled()
    assert "must be at least 5" in dialog.network.error_text("poll_interval_s")
    dialog.network.poll_interval.setValue(5)
    dialog.pin.new_pin.setText("12")
    assert "at least 6 digits" in dialog.pin.error_text("new_pin")
    dialog.pin.new_pin.setText("1234")
    assert "at least 6 digits" in dialog.pin.error_text("new_pin")  # 4 digits: too few now
    dialog.pin.new_pin.setText("123456789012345678901234")  # a long PIN is welcome
    dialog.pin.repeat_pin.setText("1235")
    assert "not the same" in dialog.pin.error_text("repeat_pin")
    assert not dialog.ok_button.isEnabled()
    dialog.pin.repeat_pin.setText("123456789012345678901234")
    assert dialog.ok_button.isEnabled()


def test_test_connection_against_the_sandbox(qtbot, sandbox_settings, admin_widgets) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, sandbox_settings, credentials=SANDBOX_CREDENTIALS)
    admin_widgets.append(dialog)
    m = dialog.marketplace
    with qtbot.waitSignal(m.tested, timeout=10000) as passed:
        qtbot.mouseClick(m.test_button, Qt.MouseButton.LeftButton)
        assert not m.test_button.isEnabled()  # one test at a time, GUI not blocked
    assert passed.args == [True]
    assert m.test_result.text().startswith("OK: ") and m.test_result.property("status") == "ok"
    assert m.test_passed()

    qtbot.keyClicks(m.secret, "wrong")
    assert not m.test_passed() and m.test_result.isHidden()  # the result was for other values
    with qtbot.waitSignal(m.tested, timeout=10000) as failed:
        qtbot.mouseClick(m.test_button, Qt.MouseButton.LeftButton)
    assert failed.args == [False]
    assert m.test_result.text().startswith("FAILED: ")
    assert "rejected" in m.test_result.text()
    assert "wrong" not in m.test_result.text()


def test_test_print_to_the_pdf_folder(qtbot, tmp_path: Path, admin_widgets) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "slips"
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1", pdf_dir=str(folder)))
    admin_widgets.append(dialog)
    p = dialog.printing
    assert p.printer.currentData() is None  # "System default"; this machine has no printer
    qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.test_result.property("status") in ("ok", "failed"), timeout=10000)
    assert p.test_result.property("status") == "ok", p.test_result.text()
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and all(pdf.read_bytes().startswith(b"%PDF") for pdf in pdfs)
    assert str(folder) in p.test_result.text()

    p.pdf_dir.clear()  # no printer and no folder: the error is shown, nothing crashes
    qtbot.mouseClick(p.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: p.test_result.property("status") == "failed", timeout=10000)
    assert "printer" in p.test_result.text().lower()


def test_a_refusing_keyring_is_a_configuration_error(
    qtbot, memory_keyring, monkeypatch, settings_file: Path
) -> None:  # type: ignore[no-untyped-def]
    def refuse(service: str, username: str, password: str) -> None:
        raise PasswordSetError("the credential store is locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    dialog.marketplace.client_id.setText("id")
    dialog.marketplace.secret.setText("secret")
    with pytest.raises(CredentialStoreError) as caught:
        apply_settings_dialog(dialog, settings_file)
    assert "RETURNS_DESK_CLIENT_ID" in caught.value.user_text
    assert not settings_file.exists()


def test_the_dialog_fits_the_screen_and_long_pages_scroll_instead_of_squeezing(qtbot) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.ui.theme import apply_theme

    apply_theme(QApplication.instance())  # the dock's large fonts make the pages tall
    dialog = open_dialog(qtbot, Settings())
    screen = dialog.screen().availableGeometry()
    assert dialog.height() <= screen.height()
    assert dialog.width() <= 1366  # every tab in sight needs ~910 px: a 1366 x 768 terminal
    for form, title in dialog.forms:
        dialog.tabs.setCurrentIndex(dialog.page_index(form))
        qtbot.waitUntil(form.isVisible)
        assert form.height() >= form.sizeHint().height(), title
    # Whether a page scrolls depends on the screen (the sizes scale with its height: theme.py);
    # every page above is whole either way, never squeezed to the dialog's height.
    assert dialog.geometry().bottom() <= screen.bottom()


def test_cleartext_and_off_host_token_addresses_are_refused_in_the_form(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from returns_desk import admin_pin

    start = Settings(api_base_url="https://api.example.com/sellers", seller_location_id="L")
    dialog = open_dialog(qtbot, start, credentials=SANDBOX_CREDENTIALS)
    form = dialog.marketplace
    assert dialog.ok_button.isEnabled()
    form.base_url.setText("http://api.example.com/sellers")
    assert not dialog.ok_button.isEnabled()
    assert "Use https://" in form.error_text("api_base_url")
    form.base_url.setText("http://127.0.0.1:8765/sellers")  # the sandbox on this computer
    assert dialog.ok_button.isEnabled()
    form.base_url.setText("https://api.example.com/sellers")
    form.token_url.setText("https://collector.example.net/token")  # a clerk's own host
    assert not dialog.ok_button.isEnabled()
    assert "admin file" in form.error_text("token_url")
    form.token_url.setText("https://api.example.com/other/token")  # same host: fine
    assert dialog.ok_button.isEnabled()
    monkeypatch.setattr(admin_pin, "machine_admin_dir", lambda: tmp_path)
    admin_pin.save_admin_policy(admin_pin.AdminPolicy(token_url="https://auth.example.net/t"))
    form.token_url.setText("https://auth.example.net/t")  # the one the admin named
    assert dialog.ok_button.isEnabled()


def test_the_record_page_says_what_the_record_and_backups_take(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import shutil
    from collections import namedtuple

    from returns_desk.settings import Settings
    from returns_desk.store import Store
    from returns_desk.ui.admin import forms

    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "returns-desk-2026-01-01.sqlite3.gz").write_bytes(b"x" * 3 * 2**20)
    Store.open(tmp_path).close()
    from returns_desk.ui.i18n import ensure_language

    ensure_language()  # English's plural forms come from its catalogue, as in the app
    form = forms.RecordForm(Settings(), tmp_path)
    text = form.disk.text()
    assert "Record " in text and "backups 3 MiB (1 file);" in text and "nearly full" not in text
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10 * 2**30, 0, 200 * 2**20))
    assert "nearly full" in forms.disk_text(tmp_path)  # 200 MiB left: less than 1 GiB
    assert form.values()["backup_budget_mib"] == 1024 and form.values()["payload_days"] == 30
