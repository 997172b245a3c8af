"""Log files: in the data folder, rotating, and never with a secret in them."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest

from returns_desk.logs import close_logging, install_excepthook, redact, setup_logging


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def", "eyJhbGciOiJIUzI1NiJ9"),
        ("Authorization: Basic c2FuZGJveDpzYW5kYm94", "c2FuZGJveDpzYW5kYm94"),
        ('{"access_token": "f00dfeedcafe", "expires_in": 3600}', "f00dfeedcafe"),
        ("client_secret=hunter22&grant_type=x", "hunter22"),
        ("authPassword: p4ssw0rd!", "p4ssw0rd!"),
    ],
)
def test_redact_removes_secrets(text: str, secret: str) -> None:
    cleaned = redact(text)
    assert secret not in cleaned and "[redacted]" in cleaned


def test_redact_keeps_ordinary_text() -> None:
    text = "GET /sellers/v3/returns/tasks/shipments -> 200 in 12 ms; 25 shipments"
    assert redact(text) == text


@pytest.fixture
def logfile(tmp_path: Path):  # type: ignore[no-untyped-def]
    previous = logging.getLogger().level
    path = setup_logging(tmp_path)
    yield path
    close_logging()
    logging.getLogger().setLevel(previous)


def test_log_file_in_the_data_folder_without_secrets(logfile: Path, tmp_path: Path) -> None:
    assert logfile == tmp_path / "logs" / "returns-desk.log"
    log = logging.getLogger("returns_desk.test")
    log.info("token answer %s", {"access_token": "s3cr3t-token-value"})
    try:
        raise ValueError("Bearer abcdef123456 refused")
    except ValueError:
        log.exception("call failed")
    close_logging()
    text = logfile.read_text()
    assert "call failed" in text and "ValueError" in text
    assert "s3cr3t-token-value" not in text and "abcdef123456" not in text


def test_uncaught_exception_is_logged_and_reported(logfile: Path) -> None:
    shown: list[str] = []
    saved = sys.excepthook, threading.excepthook
    try:
        install_excepthook(shown.append)
        try:
            raise RuntimeError("boom with Bearer zzzzzzzzzz")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook, threading.excepthook = saved
    close_logging()
    assert shown == ["RuntimeError: boom with Bearer [redacted]"]
    text = logfile.read_text()
    assert "uncaught exception" in text and "Traceback" in text and "zzzzzzzzzz" not in text
