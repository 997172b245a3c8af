"""Rotating log files in the data folder, with secrets scrubbed from every line.

The app never logs a secret on purpose; the redaction filter is the second line of
defence, for a library that prints a header or a URL with a token in it.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOG_FILE = "returns-desk.log"
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5

_SECRET_PATTERNS = [
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}"),
    re.compile(
        r"(?i)([\"']?(?:access_token|refresh_token|client_secret|password|authPassword|secret"
        r"|token)[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,}]+"
    ),
]


def redact(text: str) -> str:
    """``text`` with bearer/basic credentials and secret-looking values replaced."""
    text = _SECRET_PATTERNS[0].sub(lambda m: f"{m.group(1)} [redacted]", text)
    return _SECRET_PATTERNS[1].sub(lambda m: f"{m.group(1)}[redacted]", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then scrubs secrets from the whole line, traceback included."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_folder(data_dir: Path) -> Path:
    return data_dir / "logs"


def setup_logging(data_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Log to ``<data>/logs/returns-desk.log`` (2 MB x 5 files); returns the file's path."""
    folder = log_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_FILE
    close_logging()  # a second call replaces the handlers of the first
    root = logging.getLogger()
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [handler]
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for h in handlers:
        h.setFormatter(RedactingFormatter(LOG_FORMAT))
        h._returns_desk = True  # type: ignore[attr-defined]  # our marker, to remove ours only
        root.addHandler(h)
    root.setLevel(level)
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return path


def close_logging() -> None:
    """Detach and close the app's handlers (tests, and a clean shutdown)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_returns_desk", False):
            root.removeHandler(handler)
            handler.close()


ExceptionReporter = Callable[[str], None]


def install_excepthook(report: ExceptionReporter | None = None) -> None:
    """Log every uncaught exception with its traceback and tell the user through ``report``.

    PySide6 otherwise prints a slot's exception to stderr and carries on, unseen by the
    clerk. Threads get the same treatment through ``threading.excepthook``.
    """
    log = logging.getLogger("returns_desk.crash")

    def hook(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        if report is not None:
            try:
                report(redact(f"{exc_type.__name__}: {exc}"))
            except Exception:  # the reporter itself must never take the app down
                log.exception("could not show the error to the user")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
