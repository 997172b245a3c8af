"""Reconciliation: every scan classified at once, the final picture independent of order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from returns_desk.workflow.reconcile import ParcelStatus, Reconciler, ScanResult

T0 = datetime(2026, 11, 25, 14, 3, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_matched_duplicate_and_late_report() -> None:
    rec = Reconciler()
    rec.add_reported(["FMPC0000000001", "FMPC0000000002"])
    assert rec.scan("FMPC0000000001", at(0)).result is ScanResult.MATCHED
    duplicate = rec.scan("FMPC0000000001", at(1))
    assert duplicate.result is ScanResult.DUPLICATE and duplicate.first_scanned_at == at(0)
    assert rec.scan("FMPC0000000003", at(2)).result is ScanResult.NOT_YET_REPORTED
    assert rec.counts.not_yet_reported == 1
    # The next poll brings it: it becomes matched without a new scan.
    assert rec.add_reported(["FMPC0000000003"]) == ["FMPC0000000003"]
    counts = rec.counts
    assert (counts.fe_scanned, counts.dock_scanned, counts.matched) == (3, 2, 2)
    assert (counts.waiting, counts.not_yet_reported) == (1, 0)


def test_duplicates_are_not_counted_twice() -> None:
    rec = Reconciler()
    for _ in range(3):
        rec.scan("FMPC0000000009", at(0))
    assert rec.counts.dock_scanned == 1


def test_wrong_label_and_invalid() -> None:
    rec = Reconciler()
    assert rec.scan("OD225674723130604000", at(0)).result is ScanResult.WRONG_LABEL
    assert rec.scan("12345678901234567", at(0)).result is ScanResult.WRONG_LABEL
    assert rec.scan("HELLO", at(0)).result is ScanResult.INVALID
    assert rec.scan("", at(0)).result is ScanResult.INVALID
    assert rec.counts.dock_scanned == 0 and rec.counts.rejected == 3


def test_matching_never_depends_on_the_shape_alone() -> None:
    rec = Reconciler()
    rec.add_reported(["ABC123"])  # an odd id, but the FE reported it
    assert rec.scan("ABC123", at(0)).result is ScanResult.MATCHED
    early = Reconciler()
    assert early.scan("XYZ9", at(0)).result is ScanResult.INVALID
    early.add_reported(["XYZ9"])
    assert early.status("XYZ9") is ParcelStatus.MATCHED
    assert early.counts.matched == 1 and early.counts.rejected == 0


def test_final_discrepancies() -> None:
    rec = Reconciler()
    rec.add_reported(["FMPC0000000001", "FMPC0000000002"])
    rec.scan("FMPC0000000001", at(0))
    rec.scan("FMPC0000000005", at(1))
    assert rec.discrepancies() == (["FMPC0000000002"], ["FMPC0000000005"])
    assert rec.status("FMPC0000000002", final=True) is ParcelStatus.MISSING_AT_DOCK
    assert rec.status("FMPC0000000005", final=True) is ParcelStatus.UNEXPECTED_AT_DOCK
    assert rec.status("FMPC0000000002") is ParcelStatus.WAITING


codes = st.one_of(
    st.from_regex(r"FMP[CP][0-9]{2}", fullmatch=True).map(lambda s: s + "00000000"),
    st.sampled_from(["OD225674723130604000", "12345678901234567", "JUNK", "AB12"]),
)
events = st.lists(st.tuples(st.sampled_from(["page", "scan"]), codes), max_size=60)


@settings(max_examples=150, deadline=None)
@given(events, st.randoms(use_true_random=False))
def test_any_order_gives_the_same_final_classification(evts, rng) -> None:  # type: ignore[no-untyped-def]
    def replay(sequence):  # type: ignore[no-untyped-def]
        rec = Reconciler()
        for i, (kind, code) in enumerate(sequence):
            if kind == "page":
                rec.add_reported([code])
            else:
                rec.scan(code, at(i))
        return rec.classification(final=True), rec.counts

    shuffled = list(evts)
    rng.shuffle(shuffled)
    first, first_counts = replay(evts)
    second, second_counts = replay(shuffled)
    assert first == second
    assert first_counts == second_counts
    # The counts agree with the classification they summarise.
    statuses = list(first.values())
    assert first_counts.matched == statuses.count(ParcelStatus.MATCHED)
    assert first_counts.waiting == statuses.count(ParcelStatus.MISSING_AT_DOCK)
    assert first_counts.not_yet_reported == statuses.count(ParcelStatus.UNEXPECTED_AT_DOCK)
