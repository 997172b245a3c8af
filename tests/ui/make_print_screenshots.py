"""Screenshots of the print preview and the session history for docs/printing.md.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python -m tests.ui.make_print_screenshots

On a dock terminal's screen: the dialogs size themselves to it, as on the terminal.

Writes docs/screenshots/slip-preview.png and session-history.png. The handovers are
written to a temporary record through the store API (as the engine would have), and the
dialogs are the real ones on the real window, offline (no marketplace is needed for them).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtWidgets import QApplication

from returns_desk.settings import Settings
from returns_desk.store import CodeKind, ScanResult, Store, database_path
from returns_desk.ui.i18n import set_language
from returns_desk.ui.main_window import MainWindow
from returns_desk.ui.services import DeskServices
from returns_desk.ui.theme import apply_theme
from tests.ui.make_screenshots import pump, wait

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

#: name, partner, LOB, parcels reported, scanned at the dock, unexpected, End OTC, days ago
HANDOVERS = [
    ("Venkatesh Iyer", "Ekart Logistics", "LARGE", 24, 24, 0, "518204", 4),
    ("Ravi Kumar", "eKart", "LARGE", 40, 38, 1, "739204", 1),
    ("Anita Rao", "Ekart Logistics", "NONLARGE", 18, 16, 1, "204913", 1),
    ("Shyam Patel", "eKart", "NONLARGE", 31, 31, 0, "662071", 0),
    ("Meera Joshi", "Ekart Logistics", "NONLARGE", 12, 12, 0, None, 0),
    ("Imran Shaikh", "eKart", "LARGE", 0, 0, 0, None, 0),
]


def write_record(folder: Path) -> None:
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with Store.open(database_path(folder)) as store:
        for n, (name, partner, lob, reported, scanned, odd, end, days) in enumerate(HANDOVERS):
            at = now - timedelta(days=days, hours=3 - n * 0.4)
            session = store.open_session(
                "LOC1", f"TS-{4410 + n}", f"FE-{20931 + 7 * n}", state="START_OTC",
                fe_name=name, logistic_partner=partner, lob=lob, at=at,
            )  # fmt: skip
            sid = session.id
            if name.startswith("Imran"):  # arrived and left before a Start OTC
                store.close_session(sid, at=at + timedelta(minutes=4))
                continue
            store.record_code(
                sid, CodeKind.START, f"{482917 + 1111 * n:06d}", created_at=at,
                expiry_at=at + timedelta(minutes=30), received_at=at,
            )  # fmt: skip
            store.set_state(sid, "SCANNING", at=at + timedelta(minutes=3))
            ids = [f"FMPC{1270000000 + 7919 * (n * 100 + k):010d}" for k in range(reported)]
            store.record_shipments_page(
                sid, [{"trackingId": t} for t in ids], None, True, at=at + timedelta(minutes=5)
            )
            codes = ids[:scanned] + [f"FMPP{902173351 + n:010d}" for _ in range(odd)]
            for k, code in enumerate(codes):
                result = ScanResult.MATCHED if code in ids else ScanResult.NOT_YET_REPORTED
                store.record_scan(
                    sid, code, code, result, terminal="DOCK-1", operator="Meena",
                    at=at + timedelta(minutes=6, seconds=20 * k),
                )  # fmt: skip
            if end is None:
                store.close_session(sid, at=at + timedelta(minutes=20))
                continue
            store.record_code(
                sid, CodeKind.END, end, received_at=at + timedelta(minutes=22),
                total_scanned=reported, obd_eligible=reported // 3, obd_failed=1,
                flyer_eligible=2, flyer_failed=0,
            )  # fmt: skip
            store.close_session(sid, state="COMPLETED", at=at + timedelta(minutes=25))
            if days:  # the older receipts were printed when the handover ended
                code = store.codes(sid, CodeKind.END)[-1]
                store.mark_code_printed(code.id, at=at + timedelta(minutes=23))


def main(lang: str = "en") -> None:
    """With ``lang`` "hi": the slip preview in Hindi (slip-preview-hi.png), on a 768-line screen."""
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app)
    set_language(lang)
    suffix = "" if lang == "en" else f"-{lang}"
    with tempfile.TemporaryDirectory() as folder:
        write_record(Path(folder))
        settings = Settings(
            seller_location_id="LOC1", terminal_id="DOCK-1", operator_name="Meena", paper="80mm"
        )
        services = DeskServices(settings, Path(folder), credentials=None)
        window = MainWindow(services, sound_backend=lambda path: True)
        window.show()
        window.start()
        pump(300)

        history = window.slips.open_history()
        wait(lambda: history.model.rowCount() == 6)
        history.resize(1340, 600)
        history.find_field.setFocus()
        history.table.setCurrentIndex(history.model.index(4, 0))  # Ravi Kumar's receipt
        pump(600)
        if not suffix:
            history.grab().save(str(OUT / "session-history.png"))
            print(OUT / "session-history.png")

        history._on_preview_button_clicked()
        wait(lambda: window.slips.preview_dialog is not None and window.slips.preview_dialog.pages)
        preview = window.slips.preview_dialog
        pump(600)
        preview.grab().save(str(OUT / f"slip-preview{suffix}.png"))
        print(OUT / f"slip-preview{suffix}.png")
        preview.reject()
        history.reject()
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main(sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else "en")
