"""What only a Windows terminal does: run on Windows, and under Wine by scripts/test-windows.sh.

The folders under %LOCALAPPDATA%, the Credential Manager backend of keyring, the print spooler
for raw ESC/POS, saves while another program reads the file, and the bundle's console twin.
Tests that only make sense on Windows skip elsewhere; the file-replacement ones run everywhere.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from returns_desk.errors import ReturnsDeskError

pytestmark = pytest.mark.windows

on_windows = pytest.mark.skipif(sys.platform != "win32", reason="Windows only")
#: set by scripts/test-windows.sh to the PyInstaller bundle it built (dist\returns-desk)
BUNDLE = os.environ.get("RETURNS_DESK_BUNDLE")
#: set by scripts/test-windows.sh when a raw queue is there to print to
RAW_PRINTER = os.environ.get("RETURNS_DESK_TEST_RAW_PRINTER")


@on_windows
def test_data_and_settings_live_in_the_users_local_appdata(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not roaming, not the install folder: what docs/install.md tells the admin."""
    import winreg  # type: ignore[import-not-found]

    from returns_desk import paths

    # the suite's isolation (tests/conftest.py) off: ask Windows itself
    monkeypatch.delenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", raising=False)
    monkeypatch.delenv("WIN_PD_OVERRIDE_APPDATA", raising=False)
    key = r"Software\Microsoft\Windows\CurrentVersion\Explorer\Shell Folders"
    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as shell_folders:
        local, _ = winreg.QueryValueEx(shell_folders, "Local AppData")
        roaming, _ = winreg.QueryValueEx(shell_folders, "AppData")
    expected = Path(local) / "ReturnsDesk"
    assert paths.data_dir() == expected
    assert paths.settings_path() == expected / "settings.toml"
    assert not str(paths.data_dir()).startswith(roaming + os.sep)


def test_the_suite_never_touches_the_real_folders(isolated_folders: Path) -> None:
    """platformdirs asks Windows, not %LOCALAPPDATA%: the tests must override it its own way."""
    from returns_desk import paths

    assert paths.data_dir().is_relative_to(isolated_folders)
    assert paths.settings_path().is_relative_to(isolated_folders)


@on_windows
def test_the_credential_store_is_windows_credential_manager() -> None:
    """A fresh process picks WinVaultKeyring, and the app's credentials round-trip through it."""
    code = (
        "import keyring\n"
        "from pydantic import SecretStr\n"
        "from returns_desk import credentials as c\n"
        "print(type(keyring.get_keyring()).__name__)\n"
        "secret = SecretStr('s3 cr3t')\n"
        "c.save_credentials(c.Credentials(client_id='dock-7', client_secret=secret))\n"
        "got = c.load_credentials({})\n"
        "print(got.client_id, got.client_secret.get_secret_value())\n"
        "for key in (c.KEYRING_CLIENT_ID_KEY, c.KEYRING_SECRET_KEY):\n"
        "    keyring.delete_password(c.KEYRING_SERVICE, key)\n"
        "print(keyring.get_password(c.KEYRING_SERVICE, c.KEYRING_SECRET_KEY))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("RETURNS_DESK_CLIENT")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["WinVaultKeyring", "dock-7 s3 cr3t", "None"]


@on_windows
def test_raw_printing_to_an_unknown_printer_is_a_clear_error() -> None:
    """pywin32 is installed (a Windows-only dependency) and the spooler answers."""
    from returns_desk.printing import escpos
    from returns_desk.printing.errors import PrinterUnavailableError

    with pytest.raises(PrinterUnavailableError) as caught:
        escpos.send_raw("No Such Receipt Printer", b"\x1b@hello\n")
    assert "No Such Receipt Printer" in str(caught.value)


@on_windows
@pytest.mark.skipif(not RAW_PRINTER, reason="no raw print queue set up")
def test_raw_escpos_reaches_a_windows_print_queue(qapp) -> None:  # type: ignore[no-untyped-def]
    """The queue is listed by the spooler and by Qt, and a RAW job is accepted whole."""
    import win32print  # type: ignore[import-not-found]
    from PySide6.QtPrintSupport import QPrinterInfo

    from returns_desk.printing import escpos

    assert RAW_PRINTER
    names = [p[2] for p in win32print.EnumPrinters(2 | 4)]
    assert RAW_PRINTER in names
    assert RAW_PRINTER in QPrinterInfo.availablePrinterNames()
    data = b"\x1b@Returns Desk raw test\n\x1dV\x00"
    escpos.send_raw(RAW_PRINTER, data, job_name="returns-desk test")


# ---------------------------------------------------------------- saves while a reader holds


def _hold(path: Path):  # type: ignore[no-untyped-def]
    """Open the file for reading as another program would (Python's open: no share-delete)."""
    return path.open("rb")


def test_settings_saved_while_a_reader_holds_the_file(tmp_path: Path) -> None:
    """The save wins or says why in the clerk's words; the file is never half written."""
    from returns_desk.settings import Settings, load_settings, save_settings

    path = tmp_path / "settings.toml"
    save_settings(Settings(terminal_id="DOCK-1"), path)
    before = path.read_bytes()
    with _hold(path) as reader:
        try:
            save_settings(Settings(terminal_id="DOCK-2"), path)
        except ReturnsDeskError as exc:  # Windows: the reader forbids the replacement
            assert "settings" in exc.user_text.lower()
            assert path.read_bytes() == before
            saved = False
        else:
            saved = True
        assert reader.read() == before  # the reader sees the whole old file either way
    assert load_settings(path).terminal_id == ("DOCK-2" if saved else "DOCK-1")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "settings.last-good.toml",
        "settings.toml",
    ]
    if sys.platform != "win32":
        assert saved
    # the reader gone, the save goes through on every platform
    save_settings(Settings(terminal_id="DOCK-3"), path)
    assert load_settings(path).terminal_id == "DOCK-3"


def test_export_while_a_reader_holds_the_report(tmp_path: Path) -> None:
    """A report open elsewhere: replaced whole, or a typed error and the old report intact."""
    from returns_desk.store import Store
    from returns_desk.store.export import COLUMNS, export_sessions

    out = tmp_path / "returns.csv"
    out.write_bytes(b"old report\n")
    with Store.open(tmp_path / "db.sqlite3") as store, _hold(out) as reader:
        try:
            export_sessions(store, out, "csv")
        except ReturnsDeskError as exc:
            assert str(out) in exc.user_text or out.name in exc.user_text
            assert out.read_bytes() == b"old report\n"
        else:
            header = out.read_text(encoding="utf-8-sig").splitlines()[0]
            assert header.split(",")[0] == COLUMNS[0]
        assert reader.read() == b"old report\n"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]


# ---------------------------------------------------------------- the bundle's console twin


@on_windows
@pytest.mark.skipif(not BUNDLE, reason="no bundle built (RETURNS_DESK_BUNDLE)")
def test_the_console_twin_prints_and_returns_exit_codes(tmp_path: Path) -> None:
    """returns-desk-cli.exe: output in the console, 0 on success, 1 with the clerk's text."""
    assert BUNDLE
    cli = Path(BUNDLE) / "returns-desk-cli.exe"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(cli), *args], capture_output=True, text=True, timeout=300, cwd=tmp_path
        )

    from returns_desk import __version__

    version = run("--version")
    assert version.returncode == 0, version.stderr
    assert __version__ in version.stdout

    pdf = tmp_path / "sample.pdf"
    printed = run("print-test", "--paper", "80mm", "--pdf", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    empty = tmp_path / "no-record"
    refused = run("export", "--data-dir", str(empty), "--format", "csv", "--out", "x.csv")
    assert refused.returncode == 1
    assert refused.stderr.startswith("returns-desk")
    assert not (tmp_path / "x.csv").exists()
