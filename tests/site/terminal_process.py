"""One headless dock terminal in a process of its own, so a test can kill it (-9) mid-scan.

Usage: python -m tests.site.terminal_process NAME FOLDER SANDBOX_URL DATABASE_URL
The marketplace credentials and the site password come from the environment
(RETURNS_DESK_CLIENT_ID / _SECRET, RETURNS_DESK_SITE_PASSWORD). Reads lines on stdin:
"wait FE_ID" answers "known" once the FE's list is known here; "FE_ID TRACKING_ID" answers
"ok TRACKING_ID" once the scan is committed (acknowledged), or "no TRACKING_ID REASON".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import msgspec

from returns_desk.credentials import load_credentials
from returns_desk.desk import Desk, LoopTimings, engine_config
from returns_desk.errors import ReturnsDeskError
from returns_desk.settings import Settings
from returns_desk.settings.site import SiteSettings


def main() -> None:
    name, folder, sandbox_url, database_url = sys.argv[1:5]
    settings = Settings(
        api_base_url=sandbox_url,
        seller_location_id="LOC1",
        terminal_id=name,
        site=SiteSettings(enabled=True, database_url=database_url, lease_s=5, connect_timeout_s=1),
    )
    config = msgspec.structs.replace(
        engine_config(settings), poll_interval_s=0.2, refresh_interval_s=0.2
    )
    timings = LoopTimings(engine_min_wait_s=0.01, engine_max_wait_s=0.2, site_catch_up_s=0.2)
    desk = Desk(
        settings, Path(folder), credentials=load_credentials(), config=config, timings=timings
    )
    desk.start()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.startswith("wait "):  # until the FE is tracked here (its list known)
            fe_id = line.split()[1]
            while not any(v.fe_id == fe_id and v.counts.fe_scanned for v in desk.engine.views()):
                time.sleep(0.02)
            print("known", flush=True)
            continue
        fe_id, tracking_id = line.split()
        view = next((v for v in desk.engine.views() if v.fe_id == fe_id), None)
        if view is None:
            print(f"no {tracking_id} unknown-fe", flush=True)
            continue
        try:
            desk.scan(view.session_id, tracking_id)
        except ReturnsDeskError as exc:
            print(f"no {tracking_id} {exc.code}", flush=True)
            continue
        print(f"ok {tracking_id}", flush=True)
    desk.shutdown()


if __name__ == "__main__":
    main()
