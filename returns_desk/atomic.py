"""Write a file whole or not at all: a temporary file beside it, synced, then renamed over it.

A crash, a full disk or a writer that fails leaves the old file as it was and no temporary
file behind, and a program that reads the file sees the old one or the new one, never half.
The one way every module writes such a file (settings, the admin file, reports, records,
photos, backups), so it sits below every layer and imports nothing of the app.

It raises what went wrong (``OSError`` mostly) and leaves the words to the caller, each of
which says it in its own error. On Windows the rename fails with ``PermissionError`` while
another program holds the old file open; the old file then stays whole.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_atomically(
    path: Path, write: Callable[[IO[bytes]], object], *, temp: Path | None = None
) -> None:
    """Call ``write`` with a binary file beside ``path``, flush and sync it, rename it over
    ``path``; on any error remove it and raise again.

    Without ``temp`` the temporary file gets a fresh hidden name (``.NAME.XXXX.tmp``) and is
    private to this account, as ``tempfile.mkstemp`` makes it, so two writers never share
    one. With ``temp`` that file is created, or emptied, as ``open`` would, readable by others
    as the umask allows: what a file that other accounts must read needs (the admin file).
    """
    if temp is None:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        part, file = Path(name), os.fdopen(fd, "wb")
    else:
        part, file = temp, open(temp, "wb")  # noqa: SIM115 (closed below, then cleaned up)
    try:
        with file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(part, path)
    except BaseException:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise


def write_text_atomically(
    path: Path,
    text: str | Callable[[IO[str]], object],
    *,
    encoding: str = "utf-8",
    newline: str | None = None,
    temp: Path | None = None,
) -> None:
    """``write_atomically`` for text: ``text`` itself, or a function that writes it.

    ``encoding`` and ``newline`` mean what they mean to ``open``: by default ``\\n`` is
    written as the platform's line end (``\\r\\n`` on Windows), as ``Path.write_text`` does;
    ``newline=""`` writes the text as it is (CSV, whose writer ends its rows itself).
    """
    writer = _writing(text) if isinstance(text, str) else text

    def write(raw: IO[bytes]) -> None:
        file = io.TextIOWrapper(raw, encoding=encoding, newline=newline)
        try:
            writer(file)
            file.flush()
        finally:
            file.detach()  # the raw file stays open: write_atomically syncs and closes it

    write_atomically(path, write, temp=temp)


def _writing(text: str) -> Callable[[IO[str]], object]:
    def write(file: IO[str]) -> object:
        return file.write(text)

    return write
