"""A serial scanner made of a real pseudo-terminal pair (Linux, macOS): no mock port.

The app opens ``path``, a symlink to the pty's slave side; the test writes what a scanner
would send to the master side. Unplugging closes the master (a read on the slave then fails,
as on a USB scanner pulled out) and removes the symlink (the port is gone); plugging in
again makes a new pty and points the symlink at it.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

if sys.platform != "win32":  # the modules of this file's tests import it on Windows too
    import fcntl
    import termios
    import tty

needs_pty = pytest.mark.skipif(
    sys.platform == "win32", reason="pseudo-terminals stand in for the scanner on POSIX only"
)


class PtyScanner:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.master: int | None = None
        self.slave: int | None = None
        self.plug()

    @property
    def port(self) -> str:
        return str(self.path)

    def plug(self) -> None:
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)
        temporary = self.path.with_name(self.path.name + ".new")
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(os.ttyname(self.slave))
        os.replace(temporary, self.path)

    def unplug(self) -> None:
        self.path.unlink(missing_ok=True)
        for fd in (self.master, self.slave):
            if fd is not None:
                os.close(fd)
        self.master = self.slave = None

    def send(self, data: bytes) -> None:
        assert self.master is not None, "plugged out"
        os.write(self.master, data)

    def unread(self) -> int:
        """Bytes sent that the reader has not read yet."""
        assert self.slave is not None
        raw = fcntl.ioctl(self.slave, termios.FIONREAD, struct.pack("I", 0))
        return int(struct.unpack("I", raw)[0])

    def wait_read(self, timeout_s: float = 2.0) -> None:
        """Until the reader has taken everything sent so far (so the next write is another
        read)."""
        wait_until(lambda: self.unread() == 0, timeout_s)

    def close(self) -> None:
        self.unplug()


def wait_until(condition: Callable[[], bool], timeout_s: float = 2.0) -> None:
    deadline = time.monotonic() + timeout_s
    event = threading.Event()
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        event.wait(0.002)
