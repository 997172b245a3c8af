"""scripts/bootstrap.sh on a multi-arch machine and with a mirror caught mid-sync.

The script's functions run in a real bash against stand-ins for dpkg, dpkg-query and apt-get
that answer as Debian's do on an amd64 machine where i386 was added (for wine32): a package
can be installed for both architectures, for i386 only, or as Architecture: all, and
`apt-get update` can fail while the install itself still works from the lists on the machine.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BOOTSTRAP = ROOT / "scripts" / "bootstrap.sh"

FAKE_DPKG = """#!/bin/sh
[ "$1" = --print-architecture ] && { echo amd64; exit 0; }
if [ "$1" = -s ]; then  # what the old check asked: ambiguous once an i386 twin exists
  n=$(grep -c "^$2:" "$FAKE_DB")
  [ "$n" -gt 1 ] && { echo "dpkg-query: error: package name '$2' is ambiguous" >&2; exit 2; }
  [ "$n" -eq 1 ] && exit 0 || exit 1
fi
exit 2
"""

# dpkg-query -W -f='${Status}\\n' PATTERN...: one status line per match; exit 1, with a
# message on stderr, when a pattern matches nothing (the others are still printed)
FAKE_DPKG_QUERY = """#!/bin/sh
shift 2
rc=0
for pat in "$@"; do
  line=$(grep -F "$pat	" "$FAKE_DB" | head -1)
  if [ -n "$line" ]; then printf '%s\\n' "${line#*	}"
  else echo "dpkg-query: no packages found matching $pat" >&2; rc=1; fi
done
exit $rc
"""

FAKE_APT_GET = """#!/bin/sh
echo "$*" >> "$FAKE_APT_LOG"
case "$1" in
  update)
    [ "$FAKE_UPDATE" = fail ] || exit 0
    echo "E: Failed to fetch .../binary-i386/Packages.xz  File has unexpected size" \\
      "(1234 != 5678). Mirror sync in progress?" >&2
    echo "E: Some index files failed to download." >&2
    exit 100 ;;
  install)
    [ "$FAKE_INSTALL" = fail ] || exit 0
    echo "E: Unable to locate package libfoo" >&2
    exit 100 ;;
esac
"""

# amd64 + i386 twins, an i386-only one, an Architecture: all font, a removed one
DB = {
    "libglib2.0-0:amd64": "install ok installed",
    "libglib2.0-0:i386": "install ok installed",
    "libgl1:i386": "install ok installed",
    "fonts-dejavu-core:all": "install ok installed",
    "libegl1:amd64": "deinstall ok config-files",
    "xauth:amd64": "install ok installed",
}


@pytest.fixture
def machine(tmp_path: Path) -> dict[str, str]:
    """A PATH whose dpkg, dpkg-query and apt-get are the stand-ins, and their state files."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, text in (
        ("dpkg", FAKE_DPKG),
        ("dpkg-query", FAKE_DPKG_QUERY),
        ("apt-get", FAKE_APT_GET),
    ):
        (bin_dir / name).write_text(text)
        (bin_dir / name).chmod(0o755)
    db = tmp_path / "status"
    db.write_text("".join(f"{k}\t{v}\n" for k, v in DB.items()))
    log = tmp_path / "apt.log"
    log.touch()
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FAKE_DB": str(db),
        "FAKE_APT_LOG": str(log),
        "FAKE_UPDATE": "ok",
        "FAKE_INSTALL": "ok",
    }


def run(env: dict[str, str], script: str) -> subprocess.CompletedProcess[str]:
    """Source the bootstrap (functions only) in bash and run ``script``; no sudo: act as root."""
    prelude = f"set -euo pipefail; source {BOOTSTRAP}; id() {{ echo 0; }}\n"
    return subprocess.run(
        ["bash", "-c", prelude + script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def apt_calls(env: dict[str, str]) -> list[str]:
    return Path(env["FAKE_APT_LOG"]).read_text().splitlines()


def test_the_old_check_is_fooled_by_the_i386_twin(machine: dict[str, str]) -> None:
    """The stand-in reproduces the defect: `dpkg -s` calls a dual-arch library not there."""
    out = run(machine, "dpkg -s libglib2.0-0")
    assert out.returncode != 0
    assert "ambiguous" in out.stderr


def test_packages_are_checked_for_the_native_architecture(machine: dict[str, str]) -> None:
    out = run(
        machine, "missing_packages libglib2.0-0 libgl1 fonts-dejavu-core libegl1 xauth nosuch"
    )
    assert out.returncode == 0, out.stderr
    # installed for amd64 (with an i386 twin) and Architecture: all count as installed; an
    # i386-only one, a removed one and an unknown one are missing
    assert out.stdout.split() == ["libgl1", "libegl1", "nosuch"]


def test_nothing_missing_means_no_apt_at_all(machine: dict[str, str]) -> None:
    machine["FAKE_UPDATE"] = "fail"
    out = run(
        machine, "SYSTEM_PACKAGES=(libglib2.0-0 fonts-dejavu-core xauth); install_system_packages"
    )
    assert out.returncode == 0, out.stderr
    assert apt_calls(machine) == []


def test_a_mirror_mid_sync_is_a_warning_when_the_install_still_works(
    machine: dict[str, str],
) -> None:
    machine["FAKE_UPDATE"] = "fail"
    out = run(
        machine, "SYSTEM_PACKAGES=(libglib2.0-0 libgl1 xauth); install_system_packages; echo after"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[-1] == "after"
    assert "warning: 'apt-get update' failed" in out.stderr
    calls = apt_calls(machine)
    assert calls[0].startswith("update")
    assert calls[1].startswith("install") and calls[1].split()[-1] == "libgl1"


def test_a_package_that_cannot_be_installed_stops_the_bootstrap(machine: dict[str, str]) -> None:
    machine["FAKE_UPDATE"] = "fail"
    machine["FAKE_INSTALL"] = "fail"
    out = run(machine, "SYSTEM_PACKAGES=(libgl1); install_system_packages; echo after")
    assert out.returncode != 0
    assert "after" not in out.stdout
    assert "could not install libgl1" in out.stderr


def test_sourcing_the_script_runs_nothing(machine: dict[str, str]) -> None:
    out = run(machine, "echo sourced")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "sourced"
    assert apt_calls(machine) == []
