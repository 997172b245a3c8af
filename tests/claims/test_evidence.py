"""A handover with missing, unexpected and damaged parcels, through the engine against the
sandbox: the claim candidates and deadlines, the evidence pack as a PDF read back with
pdftotext (text) and zxing-cpp (the barcode), and a photo modified on disk reported as such."""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image as PilImage

from returns_desk.printing.evidence_cli import main as evidence_main
from returns_desk.printing.evidence_cli import write_evidence
from returns_desk.sandbox.server import Sandbox
from returns_desk.store import ClaimStatus, Condition
from returns_desk.store.claims import claim_candidates
from returns_desk.store.photos import PhotoCheck, check_photo, photo_path, save_photo
from tests.workflow.test_engine import Dock, scanning


@pytest.fixture
def dock(sandbox: Sandbox, tmp_path: Path) -> Iterator[Dock]:
    d = Dock(sandbox, tmp_path / "data")
    yield d
    d.close()


def jpeg(qapp, text: str) -> bytes:  # type: ignore[no-untyped-def]
    """A real JPEG, as the camera hands it over."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor("#c8a070"))
    painter = QPainter(image)
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "JPG")
    return bytes(data.data())


def pdf_text(path: Path) -> str:
    """The PDF's text without any white space (columns are spaced as laid out) and with
    ligatures ("ﬁ") as letters: compare with ``squeeze(expected)``."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return squeeze(unicodedata.normalize("NFKC", done.stdout))


def squeeze(text: str) -> str:
    return "".join(text.split())


def barcodes(path: Path, folder: Path) -> set[str]:
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-f", "1", "-l", "2", str(path), str(folder / "p")],
        check=True,
    )
    found: set[str] = set()
    for page in sorted(folder.glob("p*.png")):
        with PilImage.open(page) as image:
            found |= {
                r.text
                for r in zxingcpp.read_barcodes(
                    image.convert("L"), formats=zxingcpp.BarcodeFormat.Code128
                )
            }
    return found


def test_claims_and_evidence_pack_of_a_troubled_handover(dock: Dock, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fe, ids = scanning(dock, name="Ravi Kumar", parcels=4)
    engine, store = dock.engine, dock.store
    engine.run_due()
    sid = dock.view(fe.fe_id).session_id
    for tid in ids[:3]:
        engine.scan(sid, tid)
    engine.scan(sid, "FMPC9999999999")  # never reported by the FE: unexpected
    engine.set_condition(sid, ids[1], Condition.DAMAGED, "corner crushed, tape cut")
    photo = save_photo(store, sid, ids[1], jpeg(qapp, ids[1]), terminal="DOCK-T")
    second = save_photo(store, sid, ids[1], jpeg(qapp, "label"), terminal="DOCK-T")
    dock.sb.world.finish_scanning(fe.fe_id)
    report = engine.request_end_otc(sid)
    dock.sb.world.verify_end_otc(fe.fe_id)
    engine.refresh()
    session = store.session(sid)
    assert session is not None and session.closed_at is not None

    # the claim candidates: missing ids[3], unexpected FMPC9999999999, damaged ids[1]
    now = session.closed_at + timedelta(days=2)
    claims = {c.tracking_id: c for c in claim_candidates(store, now=now)}
    assert {code: c.reasons for code, c in claims.items()} == {
        ids[1]: ("damaged",),
        ids[3]: ("missing_at_dock",),
        "FMPC9999999999": ("unexpected_at_dock",),
    }
    assert all(c.deadline == session.closed_at + timedelta(days=14) for c in claims.values())
    assert claims[ids[1]].photos == 2 and claims[ids[1]].status is ClaimStatus.OPEN
    store.set_claim_status(sid, ids[1], ClaimStatus.FILED, "SPF-778899")

    # the evidence pack of the damaged parcel, read back
    out = tmp_path / "evidence.pdf"
    write_evidence(store, out, tracking_id=ids[1].lower(), terminal="DOCK-T", now=now)
    text = pdf_text(out)
    start = store.codes(sid, "start")[-1]
    for expected in (
        "CLAIM EVIDENCE PACK",
        f"Parcel {ids[1]}",
        "Ravi Kumar",
        fe.task_id,
        start.otc,
        report.end.otc,
        "Total scanned: marketplace / FE scans received 4 / 4",
        "Missing at dock 1",
        "Unexpected at dock 1",
        "Matched (both sides scanned it)",
        "Condition Damaged",
        "corner crushed, tape cut",
        "Received damaged",
        "SPF-778899",
        f"SHA-256 {photo.sha256}",
        f"SHA-256 {second.sha256}",
        "File unchanged since it was taken",
    ):
        assert squeeze(expected) in text, expected
    assert "FILEMODIFIED" not in text
    assert ids[1] in barcodes(out, tmp_path)

    # a photo edited after it was taken is reported, in the store's check and in the pack
    path = photo_path(store, photo)
    path.write_bytes(jpeg(qapp, "a different parcel"))  # replaced by an edited image
    assert check_photo(store, photo) is PhotoCheck.MODIFIED
    assert check_photo(store, second) is PhotoCheck.OK
    write_evidence(store, out, tracking_id=ids[1], terminal="DOCK-T", now=now)
    text = pdf_text(out)
    assert squeeze("WARNING: FILE MODIFIED after it was taken") in text
    assert text.count(squeeze("File unchanged since it was taken")) == 1
    path.unlink()
    assert check_photo(store, photo) is PhotoCheck.MISSING

    # the missing parcel's pack through the command line; an unknown parcel is refused
    folder = str(store.path.parent)
    missing_pdf = tmp_path / "missing.pdf"
    args = ["--tracking-id", ids[3], "--data-dir", folder, "--out", str(missing_pdf)]
    assert evidence_main(args) == 0
    text = pdf_text(missing_pdf)
    assert squeeze("Missing at dock (scanned by the FE, never received)") in text
    assert squeeze("No photo was taken of this parcel") in text
    args = [
        "--tracking-id",
        "FMPC0000000000",
        "--data-dir",
        folder,
        "--out",
        str(tmp_path / "x.pdf"),
    ]
    assert evidence_main(args) == 1 and not (tmp_path / "x.pdf").exists()
    # the whole handover: every claim parcel in one pack
    assert evidence_main(["--session-id", str(sid), "--data-dir", folder, "--out", str(out)]) == 0
    text = pdf_text(out)
    assert all(f"Parcel{code}" in text for code in claims)
