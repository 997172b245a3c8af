"""Many receipts in one process: the renderer leaks nothing that adds up over a day."""

from __future__ import annotations

import subprocess
import sys

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
