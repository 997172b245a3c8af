"""End OTC: the end code in very large digits, the API's statistics beside the dock's own count,
every discrepancy by tracking id, and marking the handover complete.

The End OTC is one-way: once given to the FE, the handover ends. So while parcels are
missing or unexpected, the first F8 only warns, and a second F8 fetches the code anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from returns_desk.api.states import TaskState
from returns_desk.store.models import Condition
from returns_desk.ui.actions import Actions
from returns_desk.ui.condition import source_row
from returns_desk.ui.models.parcel_model import ParcelTableModel, StatusFilterProxy
from returns_desk.ui.screens.scanning import parcel_table, size_columns, size_columns_with_titles
from returns_desk.ui.texts import noted_text
from returns_desk.ui.theme import scaled
from returns_desk.ui.widgets.banner import ResultBanner
from returns_desk.ui.widgets.basics import ActionButton, BigCode, FeHeader, set_flag
from returns_desk.workflow.handover import HandoverView

if TYPE_CHECKING:  # the wire model, with pydantic: not on the desk's start path
    from returns_desk.api.models import EndOtcDetails


def _value_label() -> QLabel:
    label = QLabel("—")
    label.setObjectName("statValue")
    font = label.font()
    font.setPointSize(scaled(18))
    font.setBold(True)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return label


class EndOtcScreen(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.header = FeHeader()
        self.banner = ResultBanner(compact=True)

        self.caption = caption = QLabel()
        caption.setObjectName("sectionTitle")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = BigCode(64)
        self.code_hint = QLabel()
        self.code_hint.setObjectName("hint")
        self.code_hint.setWordWrap(True)
        self.code_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        code_card = QFrame()
        code_card.setObjectName("card")
        code_layout = QVBoxLayout(code_card)
        code_layout.setContentsMargins(20, 10, 20, 10)
        code_layout.addWidget(caption)
        code_layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        code_layout.addWidget(self.code_hint)
        code_layout.addStretch(1)

        self.api: dict[str, QLabel] = {}
        self.dock: dict[str, QLabel] = {}
        stats_card = QFrame()
        stats_card.setObjectName("card")
        grid = QGridLayout(stats_card)
        grid.setContentsMargins(20, 10, 20, 10)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(0)
        self.titles: dict[str, QLabel] = {}  # the two columns' and every row's words
        for column, key in ((0, "marketplace"), (2, "dock_title")):
            self.titles[key] = title = QLabel()
            title.setObjectName("sectionTitle")
            grid.addWidget(title, 0, column, 1, 2)
        api_rows = ("total", "obd_eligible", "obd_failed", "flyer_eligible", "flyer_failed")
        dock_rows = ("fe", "dock", "matched", "missing", "unexpected")
        for row, (api_key, dock_key) in enumerate(zip(api_rows, dock_rows, strict=True), start=1):
            for column, key, store, prefix in (
                (0, api_key, self.api, "api_"),
                (2, dock_key, self.dock, "dock_"),
            ):
                self.titles[prefix + key] = label = QLabel()
                label.setObjectName("feMeta")
                grid.addWidget(label, row, column)
                store[key] = _value_label()
                grid.addWidget(store[key], row, column + 1)
        # Whether the marketplace's total agrees with the FE's scans received: under the two
        # columns it compares, wrapped, never cut (it shared a row with the discrepancy title
        # and both were cut at 1366 pixels)
        self.agreement = QLabel()
        self.agreement.setObjectName("agreement")
        self.agreement.setWordWrap(True)
        self.agreement.setMinimumWidth(1)
        self.agreement.hide()  # until the End OTC's figures are in
        grid.addWidget(self.agreement, len(api_rows) + 1, 0, 1, 4)
        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(code_card, 4)
        cards.addWidget(stats_card, 5)

        self.discrepancy_title = QLabel()
        self.discrepancy_title.setObjectName("sectionTitle")
        self.discrepancy_title.setWordWrap(True)  # the whole row, and a second line if need be
        self.discrepancy_title.setMinimumWidth(1)
        self.problems = self.noted_count = 0
        self.discrepancies = StatusFilterProxy(self)
        self.discrepancies.set_group("discrepancies", noted=True)  # and the parcels noted
        self.table = parcel_table()
        self.table.setModel(self.discrepancies)
        size_columns_with_titles(self.table)
        # the last scan here when the table does not list it (a late parcel that matched)
        self._scanned: tuple[ParcelTableModel, str] | None = None

        self.get_code = ActionButton(actions.end_otc, primary=True)
        self.print = ActionButton(actions.print_slip)
        self.complete = ActionButton(actions.complete)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        for button in (self.get_code, self.print, self.complete):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)  # every pixel saved is the table's
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addLayout(cards)
        layout.addWidget(self.discrepancy_title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed words again (``QEvent.LanguageChange``); the figures follow ``show_view``."""
        self.caption.setText(self.tr("END OTC"))
        for key, text in (
            ("marketplace", self.tr("Marketplace")),
            ("dock_title", self.tr("This dock")),
            ("api_total", self.tr("Total scanned")),
            ("api_obd_eligible", self.tr("OBD eligible")),
            ("api_obd_failed", self.tr("OBD failed")),
            ("api_flyer_eligible", self.tr("Flyer eligible")),
            ("api_flyer_failed", self.tr("Flyer failed")),
            ("dock_fe", self.tr("FE scanned")),
            ("dock_dock", self.tr("Dock scanned")),
            ("dock_matched", self.tr("Matched")),
            ("dock_missing", self.tr("Missing")),
            ("dock_unexpected", self.tr("Unexpected")),
        ):
            self.titles[key].setText(text)
        for key in ("obd_eligible", "obd_failed", "flyer_eligible", "flyer_failed"):
            self.api[key].setToolTip(
                self.tr("The marketplace's own figure; its meaning is defined by Flipkart.")
            )

    def set_source(self, model: object | None) -> None:
        """Attach the handover's parcel model only while shown (the filter costs per row)."""
        if self.discrepancies.sourceModel() is not model:
            # None detaches the model (Qt takes a null pointer); the stubs do not say so
            self.discrepancies.setSourceModel(model)  # type: ignore[arg-type]
            size_columns(self.table)
            self._scanned = None

    def select_scanned(self, row: int | None) -> None:
        """After a scan on this screen: the parcel's row selected when the table lists it;
        else no row is selected and the condition keys mark the scan itself (a late parcel
        that matched is no discrepancy: it is listed once it is noted)."""
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self._scanned = None
        model = self.discrepancies.sourceModel()
        if row is None or not isinstance(model, ParcelTableModel):
            return  # nothing of this scan to mark (refused): no row is left selected
        index = self.discrepancies.mapFromSource(model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        elif (code := model.code_at(row)) is not None:
            self._scanned = (model, code)

    def marked_row(self) -> tuple[ParcelTableModel, int] | None:
        """The parcel a condition key marks here: the selected row, else the last scan."""
        found = source_row(self.table)
        if found is not None or self._scanned is None:
            return found
        model, code = self._scanned
        row = model.row_of(code)
        return None if row is None else (model, row)

    def show_noted(self, noted: list[tuple[str, Condition, str]]) -> None:
        """How many parcels were noted (they are in the table, with their condition, and
        print on the receipt for the FE to sign); the list in full as the tool tip."""
        self.noted_count = len(noted)
        lines = [f"{code}: {noted_text(condition, remark)}" for code, condition, remark in noted]
        self.discrepancy_title.setToolTip("\n".join(lines))
        self._show_title()

    def show_view(self, view: HandoverView, *, armed: bool, requesting: bool) -> None:
        self.header.show_view(view)
        counts = view.counts
        end = view.end
        self.dock["fe"].setText(str(counts.fe_scanned))
        self.dock["dock"].setText(str(counts.dock_scanned))
        self.dock["matched"].setText(str(counts.matched))
        self.dock["missing"].setText(str(counts.missing_at_dock))
        self.dock["unexpected"].setText(str(counts.unexpected_at_dock))
        self._show_end(end)
        self.problems = counts.missing_at_dock + counts.unexpected_at_dock
        self._show_title()
        set_flag(self.get_code, "warning", armed)
        self._show_warning(view, armed and end is None and not requesting)
        if view.state is TaskState.COMPLETED:
            self.code_hint.setText(self.tr("Handover complete."))
        elif end is not None:
            self.code_hint.setText(
                self.tr("Tell this code to the FE. Press F10 when the FE has verified it.")
            )
        elif requesting:
            self.code_hint.setText(self.tr("Getting the End OTC from the marketplace…"))
        elif armed:
            self.code_hint.setText(
                self.tr("F8 again: get the End OTC anyway · Esc: go on scanning")
            )
        else:
            self.code_hint.setText(
                self.tr("The FE is on the End OTC page. Check the parcels, then press F8.")
            )

    def _show_warning(self, view: HandoverView, armed: bool) -> None:
        """The first F8 with parcels that do not match: the whole banner says so, in red."""
        if armed:
            counts = view.counts
            detail = self.tr(
                "Missing at the dock: %1 · not in the FE's list: %2 (listed below). The End OTC "
                "ends the handover. F8 again gets it anyway; Esc goes back to scanning."
            )
            detail = detail.replace("%1", str(counts.waiting))
            detail = detail.replace("%2", str(counts.not_yet_reported))
            problems = counts.waiting + counts.not_yet_reported
            title = self.tr("%n PARCEL(S) NOT MATCHING", "", problems)
            self.banner.show_result("armed", title, "", detail)
        elif self.banner.kind == "armed":
            self.banner.show_result(
                "ready", self.tr("READY"), "", self.tr("Parcels found late can still be scanned.")
            )

    def _show_title(self) -> None:
        problems, noted = self.problems, self.noted_count
        if problems:
            text = self.tr("Discrepancies: %1").replace("%1", str(problems))
        elif not noted:
            text = self.tr("No discrepancies: every parcel the FE scanned is at the dock.")
        else:
            text = self.tr("No discrepancies")
        if noted:
            text += self.tr(" · noted: %1 (on the receipt)")
            text = text.replace("%1", str(noted))
        self.discrepancy_title.setText(text)

    def _show_end(self, end: EndOtcDetails | None) -> None:
        if end is None:
            self.code.show_code("")
            for label in self.api.values():
                label.setText("—")
            self.agreement.setText("")
            self.agreement.hide()
            return
        self.code.show_code(end.otc)
        self.api["total"].setText(str(end.total_scanned))
        self.api["obd_eligible"].setText(str(end.obd_eligible))
        self.api["obd_failed"].setText(str(end.obd_failed))
        self.api["flyer_eligible"].setText(str(end.flyer_eligible))
        self.api["flyer_failed"].setText(str(end.flyer_failed))
        synced = int(self.dock["fe"].text())
        self.agreement.show()
        if end.total_scanned == synced:
            self.agreement.setText(
                self.tr("✔ Marketplace total %1 equals the FE scans received").replace(
                    "%1", str(end.total_scanned)
                )
            )
        else:
            self.agreement.setText(
                self.tr("⚠ Marketplace total %1, but %2 FE scans received")
                .replace("%1", str(end.total_scanned))
                .replace("%2", str(synced))
            )
