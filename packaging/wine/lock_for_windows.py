"""Cut the universal, hashed requirements.lock down to what Windows x64 / CPython 3.11 installs.

``pip download --platform win_amd64`` evaluates environment markers against the *running*
(Linux) interpreter: it would fetch the Linux-only packages (cryptography, secretstorage)
and skip the win32-only ones (pywin32, pywin32-ctypes, colorama). This evaluates each
entry's marker for Windows instead and writes the kept entries, hashes kept, markers dropped.

    python lock_for_windows.py requirements.lock OUT.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from packaging.markers import Marker

WINDOWS = {
    "implementation_name": "cpython",
    "implementation_version": "3.11.9",
    "os_name": "nt",
    "platform_machine": "AMD64",
    "platform_python_implementation": "CPython",
    "platform_release": "10",
    "platform_system": "Windows",
    "platform_version": "10.0.19045",
    "python_full_version": "3.11.9",
    "python_version": "3.11",
    "sys_platform": "win32",
    "extra": "",
}


def for_windows(text: str) -> tuple[list[str], list[str]]:
    """The lock's entries Windows installs (``name==version --hash=...``), and those dropped."""
    kept: list[str] = []
    dropped: list[str] = []
    # one logical line per requirement: join the backslash continuations
    for raw in re.sub(r"\\\n\s*", " ", text).splitlines():
        line = "" if raw.lstrip().startswith("#") else raw.split(" #")[0].strip()
        if not line:
            continue
        head, _, hashes = line.partition(" --hash")
        requirement, _, marker = head.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate(WINDOWS):
            dropped.append(requirement.strip())
            continue
        kept.append(f"{requirement.strip()} --hash{hashes}" if hashes else requirement.strip())
    return kept, dropped


def main(source: str, out: str) -> None:
    kept, dropped = for_windows(Path(source).read_text(encoding="utf-8"))
    Path(out).write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"windows lock: {len(kept)} packages; not for Windows: {', '.join(dropped)}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
