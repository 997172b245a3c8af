"""Settings: validated, saved atomically, a broken file falls back to the last good one."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from returns_desk import admin_pin
from returns_desk.admin_pin import hash_pin, verify_pin
from returns_desk.errors import ConfigurationError
from returns_desk.paths import settings_path
from returns_desk.settings import LAST_GOOD_FILE, Settings, load_settings, save_settings
from returns_desk.settings.model import InvalidSettings

# atomic saves follow Windows' file rules on the terminals
pytestmark = pytest.mark.windows


def test_defaults_without_a_file(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.toml") == Settings()


def test_round_trip(tmp_path: Path) -> None:
    settings = Settings(
        seller_location_id="LOC7",
        terminal_id='DOCK "north" 2',
        barcode_prefixes=("*", "\\t"),
        poll_interval_s=45.0,
        sounds=False,
        paper="58mm",
        ca_bundle="C:\\certs\\corp.pem",
    )
    path = save_settings(settings, tmp_path / "settings.toml")
    assert load_settings(path) == settings
    assert (tmp_path / LAST_GOOD_FILE).exists()


def test_broken_file_falls_back_to_the_last_good(tmp_path: Path) -> None:
    path = save_settings(Settings(seller_location_id="LOC7"), tmp_path / "settings.toml")
    path.write_text("seller_location_id = [unclosed", encoding="utf-8")
    problems: list[str] = []
    assert load_settings(path, problems=problems).seller_location_id == "LOC7"
    assert "cannot be read" in problems[0] and LAST_GOOD_FILE in problems[0]


def test_invalid_value_names_the_field(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("poll_interval_s = 1\n", encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_settings(path)
    assert "poll_interval_s" in caught.value.user_text


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('client_secret = "oops"\n', encoding="utf-8")
    with pytest.raises(ConfigurationError):
        load_settings(path)


def test_command_line_overrides_for_one_run() -> None:
    args = argparse.Namespace(seller_location_id="LOC9", api_base_url=None, pdf_dir="/tmp/pdf")
    settings = Settings(seller_location_id="LOC1").with_overrides(args)
    assert settings.seller_location_id == "LOC9" and settings.pdf_dir == "/tmp/pdf"


def test_admin_pin() -> None:
    stored = hash_pin("432187")
    assert "432187" not in stored
    assert verify_pin("432187", stored) and not verify_pin("123456", stored)
    assert verify_pin("anything", None)  # no PIN set yet
    assert not verify_pin("4321", "garbage")
    for too_short_or_long in ("12", "1234", "1" * 33, "12345a"):
        with pytest.raises(ValueError):
            hash_pin(too_short_or_long)
    assert verify_pin("1" * 32, hash_pin("1" * 32, iterations=1000))
    assert verify_pin("4321", hash_pin("4321", iterations=1000, min_length=4))  # an old PIN


@pytest.fixture
def machine_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A per-machine admin folder, as the installer creates it."""
    folder = tmp_path / "machine"
    folder.mkdir()
    monkeypatch.setattr(admin_pin, "machine_admin_dir", lambda: folder)
    return folder


def test_the_pin_hash_is_kept_in_the_admin_file_not_in_settings(machine_dir: Path) -> None:
    pin_hash = hash_pin("246813", iterations=1000)
    path = save_settings(Settings(seller_location_id="L", admin_pin_hash=pin_hash))
    assert "admin_pin_hash" not in path.read_text() and pin_hash not in path.read_text()
    assert admin_pin.load_admin_policy().pin_hash == pin_hash
    assert admin_pin.admin_file() == machine_dir / "admin.toml"
    assert load_settings().admin_pin_hash == pin_hash


def test_a_clerk_editing_settings_toml_cannot_remove_or_replace_the_pin(
    machine_dir: Path,
) -> None:
    pin_hash = hash_pin("246813", iterations=1000)
    path = save_settings(Settings(seller_location_id="L", admin_pin_hash=pin_hash))
    mine = hash_pin("000000", iterations=1000)
    path.write_text(f'seller_location_id = "L"\nadmin_pin_hash = "{mine}"\n')
    assert load_settings().admin_pin_hash == pin_hash  # the clerk's own hash is ignored
    path.write_text('seller_location_id = "L"\n')
    assert load_settings().admin_pin_hash == pin_hash  # deleting the line changes nothing


def test_a_pin_in_an_old_settings_file_moves_to_the_admin_file(machine_dir: Path) -> None:
    old = hash_pin("4321", iterations=1000, min_length=4)
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f'seller_location_id = "L"\nadmin_pin_hash = "{old}"\n')
    assert load_settings().admin_pin_hash == old
    assert admin_pin.load_admin_policy().pin_hash == old


def test_a_read_only_admin_file_refuses_a_new_pin_with_a_clear_message(
    machine_dir: Path,
) -> None:
    """As for a clerk's account on the installer's folder (a folder in the way: root too)."""
    (machine_dir / "admin.toml.tmp").mkdir()
    with pytest.raises(admin_pin.AdminFileError) as caught:
        save_settings(Settings(admin_pin_hash=hash_pin("246813", iterations=1000)))
    assert "administrator" in caught.value.user_text
    assert not settings_path().exists()  # nothing half-saved


def test_an_unreadable_admin_file_keeps_the_settings_locked(machine_dir: Path) -> None:
    (machine_dir / "admin.toml").write_bytes(b"\xff\xfe not toml")
    pin_hash = load_settings().admin_pin_hash
    assert pin_hash and not verify_pin("", pin_hash) and not verify_pin("000000", pin_hash)


def test_nested_handon_settings_round_trip(tmp_path: Path) -> None:
    from returns_desk.settings.handon import HandonSettings, OmniSettings, WarehouseAddress

    settings = Settings(
        handon=HandonSettings(
            omni=OmniSettings(
                enabled=True,
                base_url="https://omni.example/assure-magic2",
                location_code="WH1",
                drop_address=WarehouseAddress(name="Dock 3", city="Bhiwandi"),
            )
        )
    )
    path = save_settings(settings, tmp_path / "settings.toml")
    assert "[handon.omni.drop_address]" in path.read_text()
    assert load_settings(path) == settings


def test_serial_scanner_settings(tmp_path: Path) -> None:
    assert (Settings().scanner_port, Settings().scanner_baud) == ("", 9600)  # keyboard only
    settings = Settings(scanner_port=" COM3 ", scanner_baud=115200, scanner_usb_id="0C2E:0B61")
    assert settings.scanner_port == "COM3"
    with pytest.raises(InvalidSettings, match="scanner_usb_id"):
        Settings.from_dict({"scanner_usb_id": "Honeywell"})  # VID:PID in hex, or nothing
    path = save_settings(settings, tmp_path / "settings.toml")
    assert load_settings(path) == settings
    with pytest.raises(InvalidSettings, match=r"scanner_baud: must be one of 1200, 2400, .*115200"):
        Settings(scanner_baud=9601)
    path.write_text('scanner_port = "/dev/ttyACM0"\nscanner_baud = 14\n', encoding="utf-8")
    path.with_name(LAST_GOOD_FILE).unlink()
    with pytest.raises(ConfigurationError) as caught:
        load_settings(path)
    assert "scanner_baud" in str(caught.value)


def test_a_save_that_cannot_replace_the_file_is_a_typed_error(tmp_path: Path) -> None:
    """As on Windows while another program holds the file: the admin's text, no debris."""
    from returns_desk.settings import SettingsSaveError

    path = tmp_path / "settings.toml"
    path.mkdir()  # os.replace cannot put a file there
    with pytest.raises(SettingsSaveError) as caught:
        save_settings(Settings(terminal_id="DOCK-2"), path)
    assert "no other program has the settings file open" in caught.value.user_text
    assert str(path) in caught.value.user_text
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]
