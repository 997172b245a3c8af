"""Start-up time: process start to the main window shown, against a bare PySide6 window.

Both are started the same way (a fresh process, offscreen) in the same run, alternating, and
the window counts as shown at its first paint. The app is ``python -m returns_desk --demo``
(its embedded sandbox, a temporary data folder) with ``RETURNS_DESK_STARTUP_PROBE=1``, which
prints the time of the first paint, of each step after it (settings, record, desk) and of the
desk being ready (FE list, scanner, services started), then quits; the bare window prints its
first paint the same way. The median time of each step is printed too: what to cut next.

The real configuration: the same, on a data folder holding a busy dock's 90-day record
(``bench/make_history.py``: 1,800 handovers, 540,000 parcels; or ``--record DIR``), with a
``settings.toml`` (its own config folder) and the credentials in a credential store
(``bench/keyring_backend/file_keyring.py``: keyring loaded and asked, as at a dock), against
the sandbox marketplace running in another process (``returns-desk sandbox``), not the
demo. ``ready_ratio`` is its desk-ready time over the bare window's first paint, same run.
The first start makes the day's backup (a background job); the timed rounds follow it.

With ``--bundle`` the built app (``packaging/build.sh``, into a temporary folder) and a bare
PySide6 window bundled by PyInstaller with the same options are timed too (a few minutes).

Last line: one JSON object ``{"app_ms", "bare_ms", "ratio", "ready_ms", "demo_ready_ratio",
"real_app_ms", "real_ready_ms", "ready_ratio"}`` (medians), plus
``bundle_ms``, ``bare_bundle_ms``, ``bundle_ratio``, ``bundle_ready_ms`` with ``--bundle``.

    .venv/bin/python bench/startup.py [--rounds 7] [--record DIR] [--bundle]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"startup-probe shown {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("bare"))
probe = Probe()
window.installEventFilter(probe)
window.show()
app.exec()
"""


def once(
    command: Sequence[str], folder: Path, extra_env: Mapping[str, str] | None = None
) -> dict[str, float]:
    """Run one start; the probe's times in ms after the process was started."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RETURNS_DESK_STARTUP_PROBE="1")
    env["RETURNS_DESK_DATA_DIR"] = str(folder)  # never the real record
    env.update(extra_env or {})
    started = time.time()
    out = subprocess.run(  # in the checkout: its app, whatever the current folder
        list(command), capture_output=True, text=True, env=env, timeout=120, check=True, cwd=ROOT
    ).stdout
    times: dict[str, float] = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "startup-probe":
            times[parts[1]] = round((float(parts[2]) - started) * 1000, 1)
    if "shown" not in times:
        raise RuntimeError(f"{command[0]}: no startup-probe line in {out!r}")
    return times


#: the probe's steps from the first paint to a ready desk (returns_desk/ui/startup_probe.py)
STEPS = ("shown", "settings", "record", "desk", "ready")


def compare(
    app: Sequence[str],
    bare: Sequence[str],
    rounds: int,
    folder: Path,
    extra_env: Mapping[str, str] | None = None,
) -> tuple[float, float, float]:
    """Median shown times of the app and the bare window, alternating; and the app's ready.

    Also prints the median time each step took (what to cut next)."""
    once(app, folder, extra_env)  # warm the disk cache once for both (and the day's backup)
    once(bare, folder)
    shown, ready, bare_shown = [], [], []
    steps: dict[str, list[float]] = {step: [] for step in STEPS[1:]}
    for _ in range(rounds):
        times = once(app, folder, extra_env)
        shown.append(times["shown"])
        ready.append(times.get("ready", float("nan")))
        for before, step in itertools.pairwise(STEPS):
            if before in times and step in times:
                steps[step].append(times[step] - times[before])
        bare_shown.append(once(bare, folder)["shown"])
    took = ", ".join(f"{step} +{statistics.median(v):.0f}" for step, v in steps.items() if v)
    print(f"  steps after the first paint (median ms): {took}")
    return statistics.median(shown), statistics.median(bare_shown), statistics.median(ready)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def sandbox_process() -> Iterator[str]:
    """``returns-desk sandbox`` in a process of its own; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "returns_desk", "sandbox", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("the sandbox did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/sellers"
    finally:
        process.terminate()
        process.wait(10)


def real_configuration(work: Path, record: Path | None, base_url: str) -> dict[str, str]:
    """A data folder with the 90-day record and a config folder with settings.toml; the
    environment that points the app at them (and the sandbox's credentials)."""
    from make_history import make_history

    data = work / "real-data"
    if record is not None:
        shutil.copytree(record, data)
    else:
        print(json.dumps(make_history(data)), file=sys.stderr)
    config = work / "config"
    (config / "ReturnsDesk").mkdir(parents=True)
    (config / "ReturnsDesk" / "settings.toml").write_text(
        f'api_base_url = "{base_url}"\nseller_location_id = "LOC1"\nterminal_id = "DOCK-1"\n'
        f'operator_name = "Bench"\ndata_dir = "{data.as_posix()}"\n',
        encoding="utf-8",
    )
    # the credentials in a credential store, as at a terminal (keyring loaded and asked)
    from returns_desk.credentials import (
        KEYRING_CLIENT_ID_KEY,
        KEYRING_SECRET_KEY,
        KEYRING_SERVICE,
    )

    store = work / "keyring.json"
    store.write_text(
        json.dumps(
            {
                f"{KEYRING_SERVICE}/{KEYRING_CLIENT_ID_KEY}": "sandbox",
                f"{KEYRING_SERVICE}/{KEYRING_SECRET_KEY}": "sandbox",
            }
        ),
        encoding="utf-8",
    )
    return {
        "XDG_CONFIG_HOME": str(config),
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "PYTHONPATH": str(ROOT / "bench" / "keyring_backend"),
        "BENCH_KEYRING_FILE": str(store),
        "RETURNS_DESK_DATA_DIR": str(data),
    }


def build_bundles(work: Path) -> tuple[Path, Path]:
    """The app's bundle (the real build script) and a bare window's, with the same options."""
    env = dict(os.environ, DIST=str(work / "dist"), WORK=str(work / "build"))
    subprocess.run(["bash", str(ROOT / "packaging/build.sh")], check=True, env=env, cwd=ROOT)
    script = work / "bare_window.py"
    script.write_text(BARE, encoding="utf-8")
    pyinstaller = ROOT / ".venv/bin/pyinstaller"
    subprocess.run(
        [str(pyinstaller), "--noconfirm", "--onedir", "--noupx", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "build"),
         "--specpath", str(work), "--name", "bare-window", str(script)],
        check=True,
    )  # fmt: skip
    return work / "dist/returns-desk/returns-desk", work / "dist/bare-window/bare-window"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--bundle", action="store_true", help="also build and time the bundles")
    parser.add_argument("--record", type=Path, help="a data folder with the record to copy")
    args = parser.parse_args()
    figures: dict[str, float] = {}
    # as installed: the package compiled (PYTHONDONTWRITEBYTECODE would recompile it each run)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "returns_desk")], check=True
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        app_cmd = [sys.executable, "-m", "returns_desk", "--demo", "--data-dir", str(folder)]
        bare_cmd = [sys.executable, "-c", BARE]
        app, bare, ready = compare(app_cmd, bare_cmd, args.rounds, folder)
        figures.update(app_ms=app, bare_ms=bare, ratio=round(app / bare, 3), ready_ms=ready)
        figures["demo_ready_ratio"] = round(ready / bare, 3)
        print(
            f"main window shown: app {app:.0f} ms (desk ready {ready:.0f} ms), bare PySide6 "
            f"window {bare:.0f} ms; median of {args.rounds}, offscreen, demo with its sandbox"
        )
        with sandbox_process() as base_url:
            env = real_configuration(folder, args.record, base_url)
            real_cmd = [sys.executable, "-m", "returns_desk"]
            data = Path(env["RETURNS_DESK_DATA_DIR"])
            r_app, r_bare, r_ready = compare(real_cmd, bare_cmd, args.rounds, data, env)
        figures.update(
            real_app_ms=r_app,
            real_bare_ms=r_bare,
            real_ready_ms=r_ready,
            ready_ratio=round(r_ready / r_bare, 3),
        )
        print(
            f"real configuration (90-day record, sandbox in another process): shown "
            f"{r_app:.0f} ms, desk ready {r_ready:.0f} ms, bare window {r_bare:.0f} ms"
        )
        if args.bundle:
            app_exe, bare_exe = build_bundles(folder / "bundles")
            data = folder / "bundle-data"
            app_cmd = [str(app_exe), "--demo", "--data-dir", str(data)]
            b_app, b_bare, b_ready = compare(app_cmd, [str(bare_exe)], args.rounds, data)
            figures.update(
                bundle_ms=b_app,
                bare_bundle_ms=b_bare,
                bundle_ratio=round(b_app / b_bare, 3),
                bundle_ready_ms=b_ready,
            )
            print(
                f"bundles: app {b_app:.0f} ms (desk ready {b_ready:.0f} ms), bare PySide6 "
                f"window {b_bare:.0f} ms"
            )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
