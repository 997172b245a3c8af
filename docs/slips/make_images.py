"""Render the sample slips at every paper size to PDF, then to the PNGs beside this file.

    .venv/bin/python docs/slips/make_images.py      (needs poppler-utils: pdftoppm)

The images come from the PDF, exactly as a printer would get it, at 150 dpi. Both slips on
80 mm paper are also made in Hindi (``*-80mm-hi.png``), with the words the desk prints when it
is switched to Hindi.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from returns_desk.printing.paper import PAPERS  # noqa: E402
from returns_desk.printing.printers import ensure_gui_application, save_pdf  # noqa: E402
from returns_desk.printing.samples import sample_receipt, sample_start_slip  # noqa: E402
from returns_desk.printing.slips import build_handover_receipt, build_start_otc_slip  # noqa: E402
from returns_desk.ui.i18n import set_language, slip_words  # noqa: E402


def main() -> None:
    ensure_gui_application()
    now = datetime(2026, 11, 25, 14, 5).astimezone()
    slips = {
        "start-otc": build_start_otc_slip(sample_start_slip(now)),
        "handover": build_handover_receipt(sample_receipt(now)),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for paper in PAPERS.values():
            for kind, layout in slips.items():
                pdf = save_pdf([layout], Path(tmp) / f"{kind}-{paper.name}.pdf", paper)
                target = HERE / f"{kind}-{paper.name}"
                subprocess.run(
                    ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(target)],
                    check=True,
                )
                print(target.with_suffix(".png").relative_to(HERE.parent.parent))
        set_language("hi")
        words = slip_words()
        hindi = {
            "start-otc": build_start_otc_slip(sample_start_slip(now), words),
            "handover": build_handover_receipt(sample_receipt(now), words),
        }
        for kind, layout in hindi.items():
            pdf = save_pdf([layout], Path(tmp) / f"{kind}-hi.pdf", PAPERS["80mm"])
            target = HERE / f"{kind}-80mm-hi"
            subprocess.run(
                ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(target)],
                check=True,
            )
            print(target.with_suffix(".png").relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
