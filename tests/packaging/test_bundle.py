"""The installed app: self-test from source, and the PyInstaller bundle built and run.

A spec that forgets a Qt plugin, a resource or a lazily imported module fails here, in CI,
instead of on a dock terminal.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def test_self_test_from_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "returns_desk", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert any("main window opened" in line for line in lines)
    assert any("slip rendered to PDF" in line for line in lines)
    assert any("serial port list" in line for line in lines)


def test_self_test_fails_loudly(tmp_path: Path) -> None:
    """A build without its resources says so and exits 1."""
    code = (
        "import sys; import returns_desk.resources as r\n"
        f"r.resources_root = lambda: __import__('pathlib').Path({str(tmp_path)!r})\n"
        "from returns_desk.selftest import run_self_test\n"
        "sys.exit(run_self_test())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=_env()
    )
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "app-icon.ico" in result.stdout


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("pyinstaller") is None and not (ROOT / ".venv/bin/pyinstaller").exists(),
    reason="PyInstaller is not installed",
)
def test_bundle_builds_and_passes_its_self_test(tmp_path: Path) -> None:
    env = _env() | {"DIST": str(tmp_path / "dist"), "WORK": str(tmp_path / "build")}
    build = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=ROOT,
    )
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    bundle = tmp_path / "dist" / "returns-desk"
    exe = bundle / ("returns-desk.exe" if sys.platform == "win32" else "returns-desk")
    result = subprocess.run(
        [str(exe), "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,  # resources are found relative to the bundle, not the working directory
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "self-test passed"
    assert "ok   serial port list" in result.stdout  # pyserial and its port lister are in
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.startswith("returns-desk ")
    # the console twin for the admin's commands (the Windows app has no standard output)
    cli = exe.with_name(exe.name.replace("returns-desk", "returns-desk-cli"))
    cli_version = subprocess.run([str(cli), "--version"], capture_output=True, text=True, env=env)
    assert cli_version.stdout == version.stdout
    check = subprocess.run(
        [str(cli), "check", "--api-base-url", "http://127.0.0.1:9/sellers"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert check.returncode == 1 and check.stdout.startswith("FAILED: ")  # one line, exit 1
    # the installer runs this on a per-machine install (packaging/installer.iss)
    admin = subprocess.run(
        [str(cli), "admin-pin", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert admin.returncode == 0 and "--pin-stdin" in admin.stdout, admin.stderr
    internal = bundle / "_internal"
    unused = [p.name for p in internal.rglob("*") if "Qt6Quick" in p.name or "Qt6Qml" in p.name]
    assert not unused, f"unused Qt parts in the bundle: {unused[:5]}"
    assert not list(internal.rglob("translations/*.qm"))
    listing = subprocess.run(
        [str(Path(sys.executable).with_name("pyi-archive_viewer")), "--list", "--brief", str(exe)],
        capture_output=True,
        text=True,
        env=env,
    ).stdout
    assert "pyi_rth_pyside6" in listing  # the listing is the bundle's start-up scripts ...
    assert "pyi_rth_setuptools" not in listing  # ... and this one cost ~60 ms on every start
