"""Start-up time: process start to the main window shown, against a bare PySide6 window.

Both are started the same way (a fresh interpreter, offscreen) in the same run, alternating,
and the window is counted as shown when the event loop has run once after ``show()``. The
app starts on its demo (embedded sandbox, temporary data folder). Last line: one JSON
object ``{"app_ms", "bare_ms", "ratio"}`` (medians).

    .venv/bin/python bench/startup.py [--rounds 7]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

APP = """
import argparse, sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from returns_desk.ui.app import run_app

def exec_loop(app):
    def shown():
        print(round((time.time() - t0) * 1000, 1), flush=True)
        for window in app.topLevelWidgets():
            window.close()
        app.quit()
    QTimer.singleShot(0, shown)
    return app.exec()

run_app(argparse.Namespace(demo=True, data_dir=sys.argv[2]), exec_loop=exec_loop)
"""

BARE = """
import sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
window.show()
def shown():
    print(round((time.time() - t0) * 1000, 1), flush=True)
    app.quit()
QTimer.singleShot(0, shown)
app.exec()
"""


def once(code: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(
            [sys.executable, "-c", code, repr(time.time()), folder],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        ).stdout
    return float(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    once(APP)  # warm the disk cache once for both
    app_ms, bare_ms = [], []
    for _ in range(args.rounds):
        app_ms.append(once(APP))
        bare_ms.append(once(BARE))
    app, bare = statistics.median(app_ms), statistics.median(bare_ms)
    print(
        f"main window shown: app {app:.0f} ms, bare PySide6 window {bare:.0f} ms "
        f"(median of {args.rounds}, offscreen, demo with its embedded sandbox)"
    )
    print(json.dumps({"app_ms": app, "bare_ms": bare, "ratio": round(app / bare, 3)}))


if __name__ == "__main__":
    main()
