"""Claim candidates from a completed handover: reasons, deadlines, status, retention, CLI."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta
from pathlib import Path

import pytest

from returns_desk.settings import Settings, save_settings
from returns_desk.settings.claims import ClaimSettings
from returns_desk.store import ClaimStatus, Condition, Store
from returns_desk.store.claims import claim_candidates
from returns_desk.store.claims_cli import main as claims_main
from returns_desk.store.retention import prune
from tests.clocks import FakeClock
from tests.store.conftest import START, new_session

DAY = 86400


def _handover(store: Store, clock: FakeClock, *, close: bool = True) -> int:
    """Reported 1-4; the dock got 1, 2 (damaged), 3 (good, with a remark) and 9 (not
    reported, wet); 4 never came. Completed 10 minutes after it opened."""
    sid = new_session(store).id
    store.record_shipments_page(
        sid, [{"trackingId": f"ABCD000000000{n}"} for n in range(1, 5)], None, True
    )
    for code, result in (
        ("ABCD0000000001", "matched"),
        ("ABCD0000000002", "matched"),
        ("ABCD0000000003", "matched"),
        ("ABCD0000000009", "unexpected"),
        ("OD123456789012345678", "wrong_label"),
    ):
        store.record_scan(sid, code, code, result, terminal="T-1", operator="asha")
    store.set_condition(sid, "ABCD0000000002", Condition.DAMAGED, "crushed")
    store.set_condition(sid, "ABCD0000000003", Condition.GOOD, "label torn")
    store.set_condition(sid, "ABCD0000000009", Condition.WET)
    store.record_code(sid, "end", "654321", total_scanned=4)
    clock.advance(600)
    if close:
        store.close_session(sid, state="COMPLETED")
    return sid


def test_missing_unexpected_and_not_good_parcels_are_candidates(
    store: Store, clock: FakeClock
) -> None:
    sid = _handover(store, clock)
    claims = claim_candidates(store, now=START + timedelta(days=1))
    assert [(c.tracking_id, c.reasons) for c in claims] == [
        ("ABCD0000000002", ("damaged",)),
        ("ABCD0000000004", ("missing_at_dock",)),
        ("ABCD0000000009", ("unexpected_at_dock", "wet")),
    ]
    completed = START + timedelta(seconds=600)
    for claim in claims:
        assert claim.session_id == sid and claim.status is ClaimStatus.OPEN
        assert claim.handed_over_at == completed and claim.window_days == 14
        assert claim.deadline == completed + timedelta(days=14)
        assert claim.marketplace == "flipkart"
    assert claims[0].remark == "crushed" and claims[1].condition == ""
    assert claims[0].days_left(START + timedelta(days=1)) == pytest.approx(13 + 600 / DAY)

    # another marketplace's window, and the day after the deadline: expired
    amazon = ClaimSettings(marketplace="amazon", window_days={"flipkart": 14, "amazon": 7})
    (first, *_) = claim_candidates(store, amazon, now=START)
    assert first.deadline == completed + timedelta(days=7) and first.marketplace == "amazon"
    late = claim_candidates(store, amazon, now=completed + timedelta(days=8))
    assert {c.status for c in late} == {ClaimStatus.EXPIRED}


def test_an_open_handover_has_no_candidates_yet(store: Store, clock: FakeClock) -> None:
    _handover(store, clock, close=False)
    assert claim_candidates(store, now=START) == []


def test_filed_granted_rejected_are_recorded_with_the_reference(
    store: Store, clock: FakeClock
) -> None:
    sid = _handover(store, clock)
    store.set_claim_status(sid, "abcd0000000002", ClaimStatus.FILED, "SPF-123")
    store.set_claim_status(sid, "ABCD0000000004", ClaimStatus.REJECTED, "SPF-124")
    clock.advance(DAY)
    store.set_claim_status(sid, "ABCD0000000002", ClaimStatus.GRANTED)  # keeps the reference
    now = START + timedelta(days=30)  # past the deadline: recorded ones keep their status
    by_code = {c.tracking_id: c for c in claim_candidates(store, now=now)}
    assert by_code["ABCD0000000002"].status is ClaimStatus.GRANTED
    assert by_code["ABCD0000000002"].reference == "SPF-123"
    assert by_code["ABCD0000000004"].status is ClaimStatus.REJECTED
    assert by_code["ABCD0000000009"].status is ClaimStatus.EXPIRED
    filed = claim_candidates(store, now=now, status="granted")
    assert [c.tracking_id for c in filed] == ["ABCD0000000002"]
    assert [e.kind for e in store.events(sid) if e.kind.startswith("claim_")] == [
        "claim_filed",
        "claim_rejected",
        "claim_granted",
    ]
    with pytest.raises(ValueError):
        store.set_claim_status(sid, "ABCD0000000002", ClaimStatus.OPEN)


def test_retention_keeps_the_evidence_of_an_open_claim(store: Store, clock: FakeClock) -> None:
    sid = _handover(store, clock)
    photo = store.path.parent / "photos" / "p.jpg"
    photo.parent.mkdir()
    photo.write_bytes(b"jpeg")
    store.add_photo(sid, "ABCD0000000002", "photos/p.jpg", "00" * 32, terminal="T-1")
    store.mark_exported([sid])
    store.set_claim_status(sid, "ABCD0000000002", ClaimStatus.FILED, "SPF-1")
    later = START + timedelta(days=200)  # long past retention and the claim window
    assert prune(store, 90, now=later) == 0  # filed, no answer yet: everything stays
    assert store.session(sid) is not None and photo.exists()
    # a long claim window keeps even an unfiled candidate
    wide = ClaimSettings(window_days={"flipkart": 365})
    store.set_claim_status(sid, "ABCD0000000002", ClaimStatus.GRANTED)
    assert prune(store, 90, now=later, claims=wide) == 0
    # decided, the others expired: the handover and its photo files go
    assert prune(store, 90, now=later) == 1
    assert store.session(sid) is None and store.photos(sid) == [] and not photo.exists()


def test_the_claims_command_writes_csv_and_json(
    store: Store, clock: FakeClock, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = _handover(store, clock)
    store.set_claim_status(sid, "ABCD0000000002", ClaimStatus.FILED, "=SPF-9")
    save_settings(Settings(claims=ClaimSettings(window_days={"flipkart": 30})))
    folder = str(store.path.parent)
    out = tmp_path / "claims.csv"
    now = START + timedelta(days=10)
    assert claims_main(["--data-dir", folder, "--format", "csv", "--out", str(out)], now) == 0
    assert "Wrote 3 claims" in capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [r["tracking_id"] for r in rows] == [
        "ABCD0000000002",
        "ABCD0000000004",
        "ABCD0000000009",
    ]
    assert rows[0]["reference"] == "'=SPF-9" and rows[0]["status"] == "filed"
    deadline = START + timedelta(days=30, seconds=600)
    assert rows[1]["window_days"] == "30" and rows[1]["days_left"] == "20.0"
    assert rows[1]["deadline"] == deadline.astimezone().isoformat(timespec="seconds")
    assert rows[2]["reasons"] == "unexpected_at_dock wet"

    out = tmp_path / "claims.json"
    args = ["--data-dir", folder, "--status", "open", "--format", "json", "--out", str(out)]
    assert claims_main(args, now) == 0
    document = json.loads(out.read_text("utf-8"))
    assert [c["tracking_id"] for c in document["claims"]] == ["ABCD0000000004", "ABCD0000000009"]


def test_the_claims_command_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "claims.csv"
    code = claims_main(
        ["--data-dir", str(tmp_path / "nothing"), "--format", "csv", "--out", str(out)]
    )
    assert code == 1 and not out.exists()
    err = capsys.readouterr().err
    assert err.startswith("returns-desk claims:") and "--data-dir" in err
