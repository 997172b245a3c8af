"""A file written whole or not at all: the old one stays until the new one is complete."""

from __future__ import annotations

import csv
import os
import stat
import sys
from pathlib import Path
from typing import IO

import pytest

from returns_desk.atomic import write_atomically, write_text_atomically

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


class WriterFailed(Exception):
    pass


def folder_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("temp", [None, ".report.csv.tmp"])
def test_the_new_content_replaces_the_old_whole(tmp_path: Path, temp: str | None) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"an old report that is longer than the new one\n" * 100)
    write_atomically(path, lambda f: f.write(b"new\n"), temp=temp and tmp_path / temp)
    assert path.read_bytes() == b"new\n"
    assert folder_names(tmp_path) == ["report.csv"]  # nothing left beside it


@pytest.mark.parametrize("temp", [None, ".report.csv.tmp"])
def test_a_failing_writer_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, temp: str | None
) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(b"old report\n")

    def half_then_fail(file: IO[str]) -> None:
        file.write("half of a new report\n" * 1000)
        file.flush()
        raise WriterFailed

    with pytest.raises(WriterFailed):  # the writer's own error, as it was
        write_text_atomically(path, half_then_fail, temp=temp and tmp_path / temp)
    assert path.read_bytes() == b"old report\n"
    assert folder_names(tmp_path) == ["report.csv"]


def test_a_rename_that_fails_raises_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """As on Windows while another program holds the file open (there: PermissionError)."""
    path = tmp_path / "settings.toml"
    path.mkdir()  # os.replace cannot put a file there
    with pytest.raises(OSError):
        write_text_atomically(path, "terminal_id = 'DOCK-1'\n")
    assert folder_names(tmp_path) == ["settings.toml"]
    assert path.is_dir()


def test_a_temporary_file_that_cannot_be_made_changes_nothing(tmp_path: Path) -> None:
    """A named temporary file in the way (a folder): the error, and nothing removed."""
    path = tmp_path / "admin.toml"
    path.write_text("old\n")
    (tmp_path / "admin.toml.tmp").mkdir()
    with pytest.raises(OSError):
        write_text_atomically(path, "new\n", temp=tmp_path / "admin.toml.tmp")
    assert path.read_text() == "old\n"
    assert (tmp_path / "admin.toml.tmp").is_dir()


def test_a_missing_folder_is_an_error_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomically(tmp_path / "no-such-folder" / "report.csv", "x\n")
    assert folder_names(tmp_path) == []


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", None), ("utf-8", ""), ("utf-8-sig", ""), ("utf-8-sig", None)],
)
def test_text_is_the_same_bytes_as_open_writes(
    tmp_path: Path, encoding: str, newline: str | None
) -> None:
    """What the callers wrote with ``open``/``Path.write_text`` before, byte for byte: the
    line ends (``\\n`` becomes the platform's unless ``newline=""``) and the BOM."""
    rows = [["tracking_id", "note"], ["FMPC0001", "पार्सल फटा\nदूसरी पंक्ति"], ["FMPC0002", ""]]

    def write_csv(file: IO[str]) -> None:
        csv.writer(file).writerows(rows)
        file.write("last line\n")

    expected = tmp_path / "expected.csv"
    with open(expected, "w", encoding=encoding, newline=newline) as file:
        write_csv(file)
    path = tmp_path / "report.csv"
    write_text_atomically(path, write_csv, encoding=encoding, newline=newline)
    assert path.read_bytes() == expected.read_bytes()

    text = "a = 1\nb = 'दो'\n"
    expected.write_text(text, encoding=encoding, newline=newline)
    write_text_atomically(path, text, encoding=encoding, newline=newline)
    assert path.read_bytes() == expected.read_bytes()


def test_the_default_line_end_is_the_platforms(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    write_text_atomically(path, "a = 1\nb = 2\n")
    assert path.read_bytes() == f"a = 1{os.linesep}b = 2{os.linesep}".encode()


@posix_only
def test_a_fresh_temporary_file_is_private_a_named_one_as_open_makes_it(tmp_path: Path) -> None:
    """Reports and records stay the account's own, as before; the admin file (a named
    temporary file) stays readable by the clerks' accounts that must read it."""
    private, shared = tmp_path / "report.csv", tmp_path / "admin.toml"
    write_text_atomically(private, "x\n")
    write_text_atomically(shared, "x\n", temp=tmp_path / "admin.toml.tmp")
    (tmp_path / "by-open.txt").write_text("x\n")
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert shared.stat().st_mode == (tmp_path / "by-open.txt").stat().st_mode
