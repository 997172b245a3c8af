"""PySide6 6.12.0 on Python 3.11 loses a reference to None per void call; printing survives."""

from __future__ import annotations

import subprocess
import sys

import pytest

_RENDER_MANY = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from datetime import datetime
from pathlib import Path
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
from returns_desk.printing import paper, render_qt, samples, slips
layout = slips.build_handover_receipt(samples.sample_receipt(datetime.now()))
for n in range(15):
    render_qt.render_pdf([layout], Path(sys.argv[1]) / f"{n}.pdf", paper.get_paper("80mm"))
print("ok")
"""


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60
    )


def test_many_receipts_in_one_process(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = _run(_RENDER_MANY, str(tmp_path))
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_the_guard_is_needed_and_applied(qapp) -> None:  # type: ignore[no-untyped-def]
    from returns_desk.printing._none_guard import guard_none_refcount, leak_per_call

    if sys.version_info >= (3, 12) or leak_per_call() == 0:
        pytest.skip("this PySide6 keeps None's reference count")
    crash = _run(
        "from PySide6.QtCore import QPoint\np = QPoint()\nfor _ in range(100_000): p.setX(1)\n"
    )
    assert crash.returncode != 0 and "deallocating None" in crash.stderr
    assert guard_none_refcount()
    assert sys.getrefcount(None) > 2**39
