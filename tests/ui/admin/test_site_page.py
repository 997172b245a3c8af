"""The settings dialog's Site page: site mode's settings, the database password (to the
credential store only) and "Check connection" against a real PostgreSQL server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.errors import PasswordSetError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from returns_desk.credentials import KEYRING_SERVICE, site_password_key
from returns_desk.settings import Settings, load_settings
from returns_desk.settings.site import SiteSettings
from returns_desk.ui.admin import SettingsDialog, apply_settings_dialog
from returns_desk.ui.admin.apply import CredentialStoreError
from tests.site.pgcluster import PASSWORD, PgCluster, free_port

URL = "postgresql://rd_site@db.example.test:5432/returns_site?sslmode=verify-full"


def open_dialog(qtbot, settings: Settings) -> SettingsDialog:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def test_the_page_shows_the_current_site_settings(qtbot) -> None:  # type: ignore[no-untyped-def]
    site = SiteSettings(
        enabled=True, database_url=URL, lease_s=120, catch_up_s=5, connect_timeout_s=4
    )
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1", site=site))
    page = dialog.site
    assert dialog.tabs.tabText(dialog.page_index(page)) == "Site"
    assert page.enabled.isChecked() and page.database_url.text() == URL
    assert (page.lease.value(), page.catch_up.value(), page.connect_timeout.value()) == (
        120,
        5,
        4,
    )
    assert page.password.text() == "" and page.password.echoMode() == QLineEdit.EchoMode.Password
    assert page.check_button.isEnabled() and page.check_result.isHidden()
    assert dialog.is_valid() and dialog.result_settings().site == site


def test_switching_on_with_a_url_round_trips_into_the_settings(qtbot, settings_file: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    page = dialog.site
    assert not page.enabled.isChecked() and not page.check_button.isEnabled()  # no URL yet
    page.enabled.setChecked(True)
    assert not dialog.ok_button.isEnabled()  # site mode without a database
    assert "address of the site database" in page.error_text("site.database_url")
    qtbot.keyClicks(page.database_url, URL)
    page.lease.setValue(60)
    assert dialog.ok_button.isEnabled() and page.check_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(page.database_url, Qt.Key.Key_Return)  # Enter means OK
    expected = SiteSettings(enabled=True, database_url=URL, lease_s=60)
    assert dialog.result_settings().site == expected
    assert dialog.result_site_password() is None  # none typed: the stored one stays
    apply_settings_dialog(dialog, settings_file)
    assert load_settings(settings_file).site == expected


def test_a_url_with_a_password_shows_the_models_message_and_blocks_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    page = dialog.site
    tab = dialog.page_index(page)
    page.enabled.setChecked(True)
    page.database_url.setText("postgresql://rd_site:hunter2@db.example.test/returns_site")
    assert not dialog.ok_button.isEnabled() and not page.check_button.isEnabled()
    shown = page.error_text("site.database_url")
    assert shown.startswith("must not contain the password")  # under the URL field
    assert dialog.problem_label.text() == "Site: " + shown
    assert not dialog.tabs.tabIcon(tab).isNull()
    qtbot.keyClick(page.database_url, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not accept it

    page.lease.setValue(1)  # the advanced fields keep the model's bounds
    page.database_url.setText(URL)
    assert "must be at least 5" in page.error_text("site.lease_s")
    assert not dialog.ok_button.isEnabled()
    page.lease.setValue(90)
    assert dialog.ok_button.isEnabled() and dialog.tabs.tabIcon(tab).isNull()


def test_a_typed_password_goes_to_the_credential_store_not_the_settings_file(
    qtbot, memory_keyring, settings_file: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    page = dialog.site
    qtbot.keyClicks(page.password, "s1te-secret")
    assert not dialog.ok_button.isEnabled()  # a password, but for which database?
    assert "the password belongs to" in page.error_text("site.database_url")
    page.enabled.setChecked(True)
    page.database_url.setText(URL)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "s1te-secret" not in repr(dialog.result_site_password())

    saved = apply_settings_dialog(dialog, settings_file)
    assert saved.site.database_url == URL
    assert memory_keyring.passwords[(KEYRING_SERVICE, site_password_key(URL))] == "s1te-secret"
    for written in settings_file.parent.iterdir():
        assert "s1te-secret" not in written.read_text(encoding="utf-8")


def test_a_refusing_credential_store_keeps_the_settings_file_untouched(
    qtbot, memory_keyring, monkeypatch, settings_file: Path
) -> None:  # type: ignore[no-untyped-def]
    def refuse(service: str, username: str, password: str) -> None:
        raise PasswordSetError("the credential store is locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    dialog.site.database_url.setText(URL)
    dialog.site.password.setText("s1te-secret")
    with pytest.raises(CredentialStoreError) as caught:
        apply_settings_dialog(dialog, settings_file)
    assert "site database's password" in caught.value.user_text
    assert "RETURNS_DESK_SITE_PASSWORD" in caught.value.user_text
    assert "s1te-secret" not in caught.value.user_text
    assert not settings_file.exists()


def check(qtbot, dialog: SettingsDialog) -> bool:  # type: ignore[no-untyped-def]
    """Press "Check connection" and wait for its line; the GUI thread is free meanwhile."""
    page = dialog.site
    with qtbot.waitSignal(page.checked, timeout=30000) as done:
        qtbot.mouseClick(page.check_button, Qt.MouseButton.LeftButton)
        assert page.check_result.property("status") == "busy"
        assert not page.check_button.isEnabled()  # one check at a time, GUI not blocked
    return bool(done.args[0])


def test_check_connection_against_a_closed_port_reports_the_failure(qtbot, admin_widgets) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    admin_widgets.append(dialog)
    page = dialog.site
    page.database_url.setText(f"postgresql://rd_site@127.0.0.1:{free_port()}/returns_site")
    assert check(qtbot, dialog) is False
    line = page.check_result.text()
    assert line.startswith("FAILED: The site database cannot be reached.")
    assert "127.0.0.1" in line and page.check_result.property("status") == "failed"
    assert page.check_button.isEnabled()


def test_check_connection_against_a_real_server(qtbot, pg_server: PgCluster, admin_widgets) -> None:  # type: ignore[no-untyped-def]
    import psycopg

    from returns_desk.site.schema import SCHEMA, migrate

    if not pg_server.running:
        pg_server.start()
    with psycopg.connect(pg_server.url, password=PASSWORD, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        migrate(conn)
    dialog = open_dialog(qtbot, Settings(seller_location_id="LOC1"))
    admin_widgets.append(dialog)
    page = dialog.site
    page.database_url.setText(pg_server.url)
    page.password.setText("not-the-password")
    assert check(qtbot, dialog) is False
    assert "password authentication failed" in page.check_result.text()
    assert "not-the-password" not in page.check_result.text()

    page.password.setText(PASSWORD)  # typed, not stored yet: the check uses it
    assert page.check_result.isHidden()  # the last line was for other values
    assert check(qtbot, dialog) is True
    line = page.check_result.text()
    assert line.startswith("OK: site database postgresql://rd_site@127.0.0.1:")
    assert "schema version" in line and page.check_result.property("status") == "ok"
    assert PASSWORD not in line


OPEN_AND_CHECK = """
import sys
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from returns_desk.settings import Settings
from returns_desk.ui.admin import SettingsDialog

SITE = ("psycopg", "returns_desk.site.link", "returns_desk.site.connection",
        "returns_desk.site.cli")
app = QApplication([])
dialog = SettingsDialog(Settings(seller_location_id="LOC1"))
dialog.show()
app.processEvents()
print("opened", ",".join(m for m in SITE if m in sys.modules) or "-", flush=True)
dialog.site.database_url.setText(sys.argv[1])
loop = QEventLoop()
dialog.site.checked.connect(loop.quit)
dialog.site.check_button.click()
loop.exec()  # the check's outcome arrives as a signal
dialog.site.wait()
print("checked", ",".join(m for m in SITE if m in sys.modules) or "-", flush=True)
"""


def test_psycopg_loads_only_when_the_check_is_pressed(tmp_path: Path) -> None:
    """Site mode costs a single terminal nothing: opening the dialog loads no driver."""
    url = f"postgresql://rd_site@127.0.0.1:{free_port()}/returns_site"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", OPEN_AND_CHECK, url],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=Path(__file__).parents[3],  # this checkout's returns_desk
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["opened"] == "-"
    assert "psycopg" in lines["checked"] and "returns_desk.site.cli" in lines["checked"]
