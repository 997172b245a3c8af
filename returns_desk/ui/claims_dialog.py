"""The Claims view: what the seller may claim from the marketplace, and by when.

Every claim candidate of the completed handovers (``store/claims.py``), nearest deadline
first, filtered by status and by how soon the deadline is. For the selected claim: mark it
filed with the marketplace's reference, granted or rejected, and write its evidence pack
(PDF, in a job: photos take a moment to draw) into the PDF folder, or the data folder's
``evidence`` folder when there is none. Keyboard: Ctrl+L opens it, the arrows choose,
Alt+F / Alt+G / Alt+R mark, Alt+E writes the pack, Esc closes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.errors import ReturnsDeskError
from returns_desk.printing.evidence_cli import write_evidence
from returns_desk.settings import Settings
from returns_desk.store import ClaimStatus, Store
from returns_desk.store.claims import Claim, claim_candidates
from returns_desk.ui.models.table import Index, TableModel
from returns_desk.ui.texts import tr
from returns_desk.ui.workers import JobDone, JobFailed, JobKind, JobRunner

#: the deadline filter: name -> at most this many days left (None: any)
DUE_FILTERS: dict[str, float | None] = {"any": None, "3": 3.0, "7": 7.0}
_URGENT = QColor("#fbd3d0"), QColor("#7f1d1d")
_SOON = QColor("#fff1c2"), QColor("#5c3b00")


def status_text(status: ClaimStatus) -> str:
    return {
        ClaimStatus.OPEN: tr("Open"),
        ClaimStatus.FILED: tr("Filed"),
        ClaimStatus.GRANTED: tr("Granted"),
        ClaimStatus.REJECTED: tr("Rejected"),
        ClaimStatus.EXPIRED: tr("Expired"),
    }[status]


def reason_text(reason: str) -> str:
    return {
        "missing_at_dock": tr("Missing at dock"),
        "unexpected_at_dock": tr("Unexpected at dock"),
        "damaged": tr("Damaged"),
        "tampered": tr("Tampered or open"),
        "empty_or_wrong": tr("Empty or wrong item"),
        "wet": tr("Wet"),
    }.get(reason, reason)


def marketplace_name(name: str) -> str:
    """A marketplace as the seller knows it (``flipkart`` in the settings: Flipkart)."""
    return {"flipkart": "Flipkart"}.get(name.strip().lower(), name.strip())


def days_left_text(claim: Claim, now: datetime) -> str:
    if not claim.is_open:
        return "—"
    days = claim.days_left(now)
    if days < 0:
        return tr("overdue")
    if days < 1:
        return tr("%1 h").replace("%1", str(int(days * 24)))
    return tr("%1 d").replace("%1", str(int(days)))


class ClaimsModel(TableModel):
    """One claim per row; the days-left cell red under a day, amber under three."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.claims: list[Claim] = []
        self.now = datetime.now(UTC)
        self.retranslate()

    def retranslate(self) -> None:
        self.set_headers(
            (
                tr("Deadline"),
                tr("Left"),
                tr("Tracking id"),
                tr("Reason"),
                tr("Remark"),
                tr("FE"),
                tr("Task"),
                tr("Status"),
                tr("Reference"),
                tr("Photos"),
            )
        )
        super().retranslate()

    def set_claims(self, claims: list[Claim], now: datetime) -> None:
        self.beginResetModel()
        self.claims, self.now = claims, now
        self.endResetModel()

    def row_count(self) -> int:
        return len(self.claims)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.claims):
            return None
        claim = self.claims[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                claim.deadline.astimezone().strftime("%Y-%m-%d %H:%M"),
                days_left_text(claim, self.now),
                claim.tracking_id,
                ", ".join(reason_text(r) for r in claim.reasons),
                claim.remark,
                claim.fe_name,
                claim.task_id,
                status_text(claim.status),
                claim.reference,
                str(claim.photos),
            )[column]
        if (
            column == 1
            and claim.is_open
            and role
            in (
                Qt.ItemDataRole.BackgroundRole,
                Qt.ItemDataRole.ForegroundRole,
            )
        ):
            days = claim.days_left(self.now)
            colours = _URGENT if days < 1 else _SOON if days < 3 else None
            if colours is not None:
                pick = colours[0] if role == Qt.ItemDataRole.BackgroundRole else colours[1]
                return QBrush(pick)
        return None


class ClaimsDialog(QDialog):
    """The claim candidates, their status and their evidence packs."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        jobs: JobRunner,
        data_dir: Path,
        *,
        now: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.resize(1280, 640)
        self.store, self.settings, self.jobs = store, settings, jobs
        self.data_dir = data_dir
        self._now = now or (lambda: datetime.now(UTC))
        self.last_pack: Path | None = None

        self.status_filter = QComboBox()
        self.status_filter.setObjectName("claimStatus")
        for value in ("active", "", *(status.value for status in ClaimStatus)):
            self.status_filter.addItem("", value)
        self.due_filter = QComboBox()
        self.due_filter.setObjectName("claimDue")
        for combo in (self.status_filter, self.due_filter):  # wide enough in either language
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value in DUE_FILTERS:
            self.due_filter.addItem("", value)
        # which marketplace's deadline applies, in the clerk's words (the setting that
        # decides it is the admin's business: docs/claims.md)
        self.window_note = QLabel()
        self.window_note.setObjectName("hint")
        self.status_label, self.due_label = QLabel(), QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.due_label)
        filters.addWidget(self.due_filter)
        filters.addStretch(1)
        filters.addWidget(self.window_note)

        self.model = ClaimsModel(self)
        self.table = QTableView()
        self.table.setObjectName("claimsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # An empty list says what will appear here and when, instead of a blank table.
        self.empty_note = QLabel()
        self.empty_note.setObjectName("hint")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_note.setMargin(40)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_note)

        self.reference = QLineEdit()
        self.reference.setObjectName("claimReference")
        self.filed, self.granted = QPushButton(), QPushButton()
        self.rejected_button, self.evidence = QPushButton(), QPushButton()
        self.close_button = QPushButton()
        buttons = (self.filed, self.granted, self.rejected_button, self.evidence)
        for button in (*buttons, self.close_button):
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.reference, 1)
        for button in (self.filed, self.granted, self.rejected_button, self.evidence):
            actions.addWidget(button)
        self.status_line = QLabel()
        self.status_line.setObjectName("claimsStatus")
        self.status_line.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status_line, 1)
        bottom.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.list_stack, 1)
        layout.addLayout(actions)
        layout.addLayout(bottom)

        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.due_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.filed.clicked.connect(self._on_filed_clicked)
        self.granted.clicked.connect(self._on_granted_clicked)
        self.rejected_button.clicked.connect(self._on_rejected_clicked)
        self.evidence.clicked.connect(self._on_evidence_clicked)
        self.close_button.clicked.connect(self.reject)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self._counts = (0, 0)  # every claim, and those the filters show
        self.retranslate()
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        """The desk's language changed: the dialog is made once and kept, so every word again."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every word of the dialog, its filters, columns and rows in the language now installed."""
        self.setWindowTitle(self.tr("Claims"))
        statuses = [self.tr("Open and filed"), self.tr("All")]
        statuses += [status_text(status) for status in ClaimStatus]
        for index, text in enumerate(statuses):
            self.status_filter.setItemText(index, text)
        dues = (self.tr("Any deadline"), self.tr("Due within 3 days"), self.tr("Due within 7 days"))
        for index, text in enumerate(dues):
            self.due_filter.setItemText(index, text)
        self.window_note.setText(
            self.tr("%1 claims: up to %2 days after the handover is completed.")
            .replace("%1", marketplace_name(self.settings.claims.marketplace))
            .replace("%2", str(self.settings.claims.window()))
        )
        self.status_label.setText(self.tr("Status"))
        self.due_label.setText(self.tr("Deadline"))
        self.reference.setPlaceholderText(self.tr("The marketplace's claim reference"))
        self.filed.setText(self.tr("Mark &filed"))
        self.granted.setText(self.tr("&Granted"))
        self.rejected_button.setText(self.tr("&Rejected"))
        self.evidence.setText(self.tr("&Evidence pack (PDF)"))
        self.close_button.setText(self.tr("Close  (Esc)"))
        self.model.retranslate()
        self._show_empty_note(*self._counts)

    # --- reading -------------------------------------------------------------------------

    def reload(self, keep: tuple[int, str] | None = None) -> None:
        """Read the claims again (the record may have changed) and apply the filters."""
        now = self._now()
        status = self.status_filter.currentData()
        due = DUE_FILTERS[self.due_filter.currentData()]
        try:
            claims = claim_candidates(self.store, self.settings.claims, now=now)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return
        every = len(claims)
        if status == "active":
            claims = [c for c in claims if c.is_open]
        elif status:
            claims = [c for c in claims if c.status.value == status]
        if due is not None:
            claims = [c for c in claims if c.is_open and c.days_left(now) <= due]
        self.model.set_claims(claims, now)
        row = 0
        if keep is not None:
            row = next(
                (n for n, c in enumerate(claims) if (c.session_id, c.tracking_id) == keep), 0
            )
        if claims:
            self.table.selectRow(row)
        self._show_empty_note(every, len(claims))
        self._update_buttons()

    def _show_empty_note(self, every: int, shown: int) -> None:
        """The table, or why it is empty: no claim yet (and what makes one), or the filters."""
        self._counts = (every, shown)
        if shown:
            self.list_stack.setCurrentWidget(self.table)
            return
        if every:
            text = self.tr(
                'No claim matches these filters. Choose "All" and "Any deadline" to see '
                "every claim."
            )
        else:
            text = self.tr(
                "No claims yet.\n\nA claim appears here when a handover is completed with a "
                "parcel missing at the dock, a parcel that was not in the FE's list, or a parcel "
                "marked damaged, open, empty or wet. It stays here with its deadline until it "
                "is filed with the marketplace."
            )
        self.empty_note.setText(text)
        self.list_stack.setCurrentWidget(self.empty_note)

    def selected(self) -> Claim | None:
        index = self.table.currentIndex()
        claims = self.model.claims
        return claims[index.row()] if index.isValid() and index.row() < len(claims) else None

    # --- acting --------------------------------------------------------------------------

    def mark(self, status: ClaimStatus) -> bool:
        claim = self.selected()
        if claim is None:
            return False
        reference = self.reference.text().strip()
        if status is ClaimStatus.FILED and not reference and not claim.reference:
            self._say(self.tr("Type the marketplace's claim reference first, then mark it filed."))
            self.reference.setFocus()
            return False
        try:
            self.store.set_claim_status(claim.session_id, claim.tracking_id, status, reference)
        except ReturnsDeskError as exc:
            self._say(exc.user_text)
            return False
        self.reference.clear()
        self._say(
            self.tr("%1: %2").replace("%1", claim.tracking_id).replace("%2", status_text(status))
        )
        self.reload(keep=(claim.session_id, claim.tracking_id))
        return True

    def write_pack(self) -> bool:
        """The selected claim's evidence pack, written in a job (``last_pack`` when done)."""
        claim = self.selected()
        if claim is None:
            return False
        folder = (
            Path(self.settings.pdf_dir) if self.settings.pdf_dir else self.data_dir / "evidence"
        )
        stamp = self._now().astimezone().strftime("%Y%m%d-%H%M%S")
        out = folder / f"{stamp}-evidence-{claim.tracking_id}.pdf"
        store, settings, code = self.store, self.settings, claim.tracking_id

        def job() -> Path:  # the pool releases the thread's database connection after it
            return write_evidence(
                store, out, tracking_id=code, terminal=settings.terminal_id, claims=settings.claims
            )

        self.evidence.setEnabled(False)
        self._say(self.tr("Writing the evidence pack of %1…").replace("%1", code))
        self.jobs.submit(
            JobKind.EVIDENCE, job, done=self._on_pack_written, failed=self._on_pack_failed
        )
        return True

    def _say(self, text: str) -> None:
        self.status_line.setText(text)

    def _update_buttons(self) -> None:
        claim = self.selected()
        for button in (self.filed, self.granted, self.rejected_button):
            button.setEnabled(claim is not None and claim.status is not ClaimStatus.EXPIRED)
        self.evidence.setEnabled(claim is not None)

    # --- slots ---------------------------------------------------------------------------

    @Slot(int)
    def _on_filter_changed(self, index: int) -> None:
        self.reload()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._update_buttons()

    @Slot()
    def _on_filed_clicked(self) -> None:
        self.mark(ClaimStatus.FILED)

    @Slot()
    def _on_granted_clicked(self) -> None:
        self.mark(ClaimStatus.GRANTED)

    @Slot()
    def _on_rejected_clicked(self) -> None:
        self.mark(ClaimStatus.REJECTED)

    @Slot()
    def _on_evidence_clicked(self) -> None:
        self.write_pack()

    def _on_pack_written(self, done: JobDone) -> None:
        self.last_pack = Path(done.result)
        self._say(self.tr("Evidence pack written to %1").replace("%1", str(done.result)))
        self._update_buttons()

    def _on_pack_failed(self, failed: JobFailed) -> None:
        self._say(failed.error.user_text)
        self._update_buttons()
