"""A screenshot of the Hand-on view for docs/screenshots/handon-view.png.

Run under a display the size of a dock terminal's screen::

    xvfb-run -s "-screen 0 1366x768x24" \
        .venv/bin/python -m tests.ui.handon.make_screenshot docs/screenshots

Real entries: ten parcels handed on to the destination stand-ins by the real processor,
one answered 503 (waiting), one refused by the POS (needs attention), two without a report
row (needs data, one of them skipped).
"""

from __future__ import annotations

import sys
import tempfile
from collections import deque
from pathlib import Path

from PySide6.QtWidgets import QApplication

from returns_desk.handon import (
    OMNI,
    POS,
    DestinationCredentialsMissingError,
    OutboxProcessor,
    build_senders,
    skip,
)
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.settings import Settings
from returns_desk.store import OutboxStatus, Store
from returns_desk.ui.fit import fit_to_screen
from returns_desk.ui.handon import HandonView
from tests.handon.conftest import records_for, site_settings
from tests.ui.handon.conftest import queue

ENV = {
    "RETURNS_DESK_OMNI_USERNAME": "omni-user",
    "RETURNS_DESK_OMNI_PASSWORD": "omni-pass",
    "RETURNS_DESK_POS_USERNAME": "pos-user",
    "RETURNS_DESK_POS_PASSWORD": "pos-pass",
}


def main(out: Path) -> None:
    app = QApplication(sys.argv[:1])
    from returns_desk.ui.theme import apply_theme

    apply_theme(app)
    out.mkdir(parents=True, exist_ok=True)
    with DestinationStandIns() as stand_ins, tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        store = Store.open(data)
        settings = Settings(handon=site_settings(stand_ins))
        ids = [f"FMPC{n:08d}" for n in range(3401, 3411)]
        queue(store, settings, ids, records_for(ids))
        queue(store, settings, ["FMPC00003420", "FMPC00003421"], {}, task_id="T2")
        stand_ins.omni.queue = deque(["", "", "", "", "", "", "", "503"])
        stand_ins.pos.queue = deque(["", "", "", "unsuccessful"])
        senders, _ = build_senders(settings.handon, environ=ENV)
        processor = OutboxProcessor(store, senders)
        processor.run_due()
        processor.close()
        (needs,) = [
            i
            for i in store.outbox(status=OutboxStatus.NEEDS_DATA)
            if i.idempotency_key == "FMPC00003421" and i.destination == OMNI
        ]
        skip(store, needs.id, "entered in Omni by hand")

        view = HandonView(store, data)
        fit_to_screen(view, 1200, 760)  # as the Admin menu opens it (a 1366x768 screen)
        view.show()
        view.refresh_now()
        view.show_problems({POS: DestinationCredentialsMissingError(POS)})
        attention = store.outbox(status=OutboxStatus.NEEDS_ATTENTION)
        if attention:
            view.select_key(attention[0].idempotency_key, attention[0].destination)
        for _ in range(30):
            app.processEvents()
        view.grab().save(str(out / "handon-view.png"))
        view.close()
        store.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
