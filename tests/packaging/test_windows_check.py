"""scripts/test-windows.sh without Wine: what it installs for Windows, and how it refuses.

The Wine run itself is heavy and runs in CI after the suite; these check, in a second, that the
Windows lock it installs has the Windows-only packages (pywin32 for raw printing) and none of
Linux's, and that a machine that cannot get Wine fails loudly instead of passing.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test-windows.sh"


def _lock_filter() -> ModuleType:
    # by path: the folder is not a package, and "packaging" is also PyPI's module
    path = ROOT / "packaging" / "wine" / "lock_for_windows.py"
    spec = importlib.util.spec_from_file_location("lock_for_windows", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_windows_lock_has_pywin32_and_not_linuxs_packages() -> None:
    kept, dropped = _lock_filter().for_windows((ROOT / "requirements.lock").read_text())
    names = {line.split("==")[0] for line in kept}
    assert {"pywin32", "pywin32-ctypes", "colorama", "pyside6-essentials"} <= names
    assert not {"secretstorage", "jeepney", "cryptography"} & names
    assert any(d.startswith("secretstorage==") for d in dropped)
    # every kept entry is pinned and hash-checked, markers gone
    for line in kept:
        assert "==" in line and "--hash=sha256:" in line and ";" not in line, line


def test_pywin32_is_a_windows_only_dependency() -> None:
    lock = (ROOT / "requirements.lock").read_text()
    (entry,) = [line for line in lock.splitlines() if line.startswith("pywin32==")]
    assert entry.rstrip(" \\").endswith("; sys_platform == 'win32'")
    assert "pywin32>=306; sys_platform == 'win32'" in (ROOT / "pyproject.toml").read_text()


def _fake_machine(tmp_path: Path, arch: str) -> dict[str, str]:
    """dpkg that reports ``arch`` and every package installed; apt-get that must not run."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    scripts = {
        "dpkg": f'#!/bin/sh\n[ "$1" = --print-architecture ] && echo {arch}\nexit 0\n',
        "dpkg-query": "#!/bin/sh\necho 'install ok installed'\n",
        "apt-get": "#!/bin/sh\necho apt-get must not run >&2\nexit 100\n",
    }
    for name, text in scripts.items():
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "RETURNS_DESK_WINE_CACHE": str(tmp_path / "cache"),
    }


def test_a_machine_that_cannot_get_wine_fails_with_a_one_line_reason(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT)],
        env=_fake_machine(tmp_path, "arm64"),
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    reason = result.stderr.strip().splitlines()[-1]
    assert reason == "test-windows: cannot install Wine: needs an amd64 machine"
    assert '"tests_passed"' not in result.stdout  # no JSON line: nothing to pass


def test_an_unknown_option_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        ["bash", str(SCRIPT), "--instaler"],
        env=_fake_machine(tmp_path, "amd64"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "unknown option --instaler" in result.stderr
