"""A scan acknowledged to the clerk survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from returns_desk.store import DB_FILENAME, Store
from tests.store.crash_child import SHIPMENTS_PER_PAGE

# the local record must behave the same on the Windows terminals
pytestmark = pytest.mark.windows

CHILD = Path(__file__).with_name("crash_child.py")
KILLS = 50


def _text(data: bytes) -> str:
    """The child's output with Windows' text-mode line ends (``\\r\\n``) made ``\\n``."""
    return data.decode().replace("\r\n", "\n")


def _run_and_kill(db: Path, rng: random.Random) -> list[str]:
    """Start the child, let it write for 20-200 ms, SIGKILL it; its complete lines."""
    proc = subprocess.Popen(
        [sys.executable, str(CHILD), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,  # unbuffered: readline below takes no more than one line from the pipe
        cwd=Path(__file__).parents[2],
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).parents[2]), os.environ.get("PYTHONPATH", "")]
            ),
        },
    )
    assert proc.stdout is not None
    head = []
    while True:
        line = _text(proc.stdout.readline())
        head.append(line)
        if line in ("ready\n", ""):
            break
    if head[-1] != "ready\n":
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"the child did not start: {err.decode()}")
    time.sleep(rng.uniform(0.02, 0.2))
    proc.kill()  # SIGKILL: no cleanup, no flush, no close
    out, _ = proc.communicate(timeout=10)
    lines = "".join(head) + _text(out)
    return lines.split("\n")[:-1]  # a line cut by the kill was never acknowledged


@pytest.mark.slow
def test_every_acknowledged_scan_survives_sigkill(tmp_path: Path) -> None:
    db = tmp_path / DB_FILENAME
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    acked_scans: set[int] = set()
    acked_pages = 0
    started = time.monotonic()
    for kill in range(KILLS):
        lines = _run_and_kill(db, rng)
        for line in lines:
            word, _, value = line.partition(" ")
            if word == "scan":
                acked_scans.add(int(value))
            elif word == "page":
                acked_pages = max(acked_pages, int(value))
            elif word == "redelivered":
                assert value == "0", f"a re-delivered page was counted twice (seed {seed})"
        with Store.open(db) as store:
            assert store.integrity_check() == "ok", f"after kill {kill} (seed {seed})"
            (session,) = store.open_sessions()
            stored = {scan.id for scan in store.scans(session.id)}
            missing = acked_scans - stored
            assert not missing, f"acknowledged scans lost after kill {kill}: {sorted(missing)[:5]}"
            # the cursor and the shipments of its page were committed together
            cursor = int((session.next_url or "cursor-0").rsplit("-", 1)[1])
            assert cursor >= acked_pages
            assert len(store.shipments(session.id)) == cursor * SHIPMENTS_PER_PAGE
    elapsed = time.monotonic() - started
    assert len(acked_scans) > KILLS, "the child hardly wrote anything before each kill"
    print(f"{KILLS} kills, {len(acked_scans)} acknowledged scans, {elapsed:.1f} s, seed {seed}")
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
