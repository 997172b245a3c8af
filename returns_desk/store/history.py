"""The session history as pages of summaries: one indexed query, filtered in SQL.

The list of earlier handovers reads ``sessions`` with their ``session_summaries`` row and
the two codes in force (primary-key joins), newest first from a day on, through the
``sessions_opened`` index; a page continues after the last row shown (keyset paging, so a
later page costs what the first does). The find filter runs in the same query: every word
typed must appear in the row's text (FE name and id, partner, task, state, session id,
location, local date, the OTCs). Shipments and scans are never read here: a handover's
parcels are read only when it is opened (``printing.record.read_record``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from returns_desk.store.database import Database
from returns_desk.store.models import Code, HandoverSummary, Session, from_ms

#: The event kind written for a reprint (``printing.record.REPRINTED_EVENT``).
REPRINTED_EVENT = "slip_reprinted"
PAGE_ROWS = 100

_SESSION = (
    "s.id, s.location_id, s.task_id, s.fe_id, s.fe_name, s.logistic_partner, s.lob, s.state, "
    "s.opened_at, s.closed_at, s.next_url, s.shipments_posted_at, s.drain_finished_at, "
    "s.exported_at"
)
_CODE = (
    "{t}.id, {t}.session_id, {t}.kind, {t}.otc, {t}.created_at, {t}.expiry_at, "
    "{t}.received_at, {t}.printed_at, {t}.total_scanned, {t}.obd_eligible, {t}.obd_failed, "
    "{t}.flyer_eligible, {t}.flyer_failed"
)
_REPRINTS = (
    "(SELECT COUNT(*) FROM events AS e WHERE e.session_id = s.id AND e.kind = '{kind}' "
    "AND json_valid(e.detail) AND json_extract(e.detail, '$.slip') = '{slip}')"
)
_SELECT = (
    f"SELECT {_SESSION}, m.reported, m.accepted, m.matched, m.scans, m.last_scan_at, "
    f"{_CODE.format(t='a')}, {_CODE.format(t='b')}, "
    f"{_REPRINTS.format(kind=REPRINTED_EVENT, slip='start')}, "
    f"{_REPRINTS.format(kind=REPRINTED_EVENT, slip='end')}"
)
_FROM = (
    " FROM sessions AS s LEFT JOIN session_summaries AS m ON m.session_id = s.id"
    " LEFT JOIN codes AS a ON a.id = m.start_code_id"
    " LEFT JOIN codes AS b ON b.id = m.end_code_id"
)
#: The text a find word is looked for in (lower case; the words are lowered in Python).
_HAYSTACK = (
    "lower(s.fe_name || ' ' || s.fe_id || ' ' || s.logistic_partner || ' ' || s.task_id "
    "|| ' ' || s.state || ' ' || s.id || ' ' || s.location_id || ' ' "
    "|| date(s.opened_at / 1000, 'unixepoch', 'localtime') || ' ' || COALESCE(a.otc, '') "
    "|| ' ' || COALESCE(b.otc, ''))"
)


def _where(
    since: datetime | None, words: Sequence[str], location_id: str | None, ms: Any
) -> tuple[str, list[Any]]:
    clauses, params = ["s.opened_at >= ?"], [-(2**62) if since is None else ms(since)]
    if location_id is not None:
        clauses.append("s.location_id = ?")
        params.append(location_id)
    for word in words:
        clauses.append(f"instr({_HAYSTACK}, ?) > 0")
        params.append(word.lower())
    return " WHERE " + " AND ".join(clauses), params


def find_words(text: str) -> list[str]:
    """The words of a find text, as the history matches them (any order, any case)."""
    return text.lower().split()


class HistoryReads(Database):
    """The history's reads (mixed into ``Store``)."""

    def history_page(
        self,
        since: datetime | None = None,
        words: Sequence[str] = (),
        *,
        location_id: str | None = None,
        after: HandoverSummary | None = None,
        limit: int = PAGE_ROWS,
    ) -> list[HandoverSummary]:
        """Up to ``limit`` handovers opened since ``since``, newest first, after ``after``."""
        where, params = _where(since, words, location_id, self._ms)
        if after is not None:
            where += " AND (s.opened_at, s.id) < (?, ?)"
            params += [round(after.session.opened_at.timestamp() * 1000), after.session.id]
        sql = _SELECT + _FROM + where + " ORDER BY s.opened_at DESC, s.id DESC LIMIT ?"
        return [_summary(row) for row in self._rows(sql, (*params, limit))]

    def history_count(
        self,
        since: datetime | None = None,
        words: Sequence[str] = (),
        *,
        location_id: str | None = None,
    ) -> int:
        """How many handovers ``history_page`` would list, page after page."""
        where, params = _where(since, words, location_id, self._ms)
        return int(self._rows("SELECT COUNT(*)" + _FROM + where, tuple(params))[0][0])

    def summary(self, session_id: int) -> HandoverSummary | None:
        """One handover's summary (None: no such session)."""
        rows = self._rows(_SELECT + _FROM + " WHERE s.id = ?", (session_id,))
        return _summary(rows[0]) if rows else None


def _summary(row: tuple[Any, ...]) -> HandoverSummary:
    start, end = row[19:32], row[32:45]
    return HandoverSummary(
        session=Session.from_row(row[:14]),
        reported=row[14] or 0,
        dock_scanned=row[15] or 0,
        matched=row[16] or 0,
        scans=row[17] or 0,
        last_scan_at=from_ms(row[18]),
        start=Code.from_row(start) if start[0] is not None else None,
        end=Code.from_row(end) if end[0] is not None else None,
        start_reprints=row[45],
        end_reprints=row[46],
    )
