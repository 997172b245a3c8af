"""Every window and dialog fits a 1366x768 screen (with and without a taskbar) and a 1280x680 one.

Each size runs ``screen_fit_checks.py`` in a fresh Python whose offscreen screen is that size
(the offscreen platform's ``configfile``), since a process has one screen geometry.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CHECKS = Path(__file__).with_name("screen_fit_checks.py")


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1366, 728), (1280, 680)])
def test_every_window_and_dialog_fits_the_screen(width: int, height: int, tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    screen = {"name": "dock", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "RETURNS_DESK_FIT_SCREEN": f"{width}x{height}",
    }
    run = subprocess.run(
        [sys.executable, "-m", "pytest", str(CHECKS), "-q", "-x", "-p", "no:cacheprovider"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    assert run.returncode == 0 and "skipped" not in summary, run.stdout[-6000:] + run.stderr[-2000:]
