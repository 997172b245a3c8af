"""Scanning: the last scan as a full-width banner, big live counters, the parcel table, sync times.

The table is a view over the handover's ``ParcelTableModel`` through a status filter and a
text filter. The manual entry field is for a label that will not scan; it goes through the
same path as a scan.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal, Slot
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.ui.actions import Actions
from returns_desk.ui.models.parcel_model import StatusFilterProxy, TextFilterProxy
from returns_desk.ui.texts import clock_text, status_text
from returns_desk.ui.theme import scaled
from returns_desk.ui.timers import single_shot
from returns_desk.ui.widgets.banner import ElidedLabel, ResultBanner
from returns_desk.ui.widgets.basics import ActionButton, CounterTile, FeHeader
from returns_desk.ui.widgets.parcel_delegate import CELL_PADDING, ParcelDelegate
from returns_desk.workflow.reconcile import Counts, ParcelStatus

CONDITION_COLUMNS = range(5)  # tracking id, status, FE scan, dock scan, condition

ROW_HEIGHT = 38
#: the tracking id column is this many characters wide (an order id scanned by mistake,
#: OD22567472313060400, has 19); a longer code is cut in the middle, its tool tip whole
CODE_CHARS = 20


def parcel_table() -> QTableView:
    """A table that stays fast with 10,000 rows: fixed row heights, no resize-to-contents."""
    table = QTableView()
    table.setObjectName("parcelTable")
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    table.setMinimumHeight(scaled(ROW_HEIGHT * 2 + 40))  # header and two rows
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(scaled(ROW_HEIGHT))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setHighlightSections(False)
    table.setItemDelegate(ParcelDelegate(table))
    return table


def column_widths(table: QTableView) -> list[int]:
    """The first four columns as wide as their words in the fonts and language in use: a
    tracking id of ``CODE_CHARS``, the longest status, a time (or the column's title, if
    wider). The condition column takes the rest; nothing is measured row by row."""
    table.ensurePolished()  # the style sheet's fonts
    delegate = table.itemDelegate()
    code_font = delegate.code_font if isinstance(delegate, ParcelDelegate) else table.font()
    cells, codes = table.fontMetrics(), QFontMetrics(code_font)
    pad = CELL_PADDING + 2  # the advances are rounded: a pixel more never cuts a letter
    status = max(cells.horizontalAdvance(status_text(s)) for s in ParcelStatus)
    clock = cells.horizontalAdvance("00:00:00")
    header = table.horizontalHeader()
    wanted = (codes.horizontalAdvance("0" * CODE_CHARS), status, clock, clock)
    return [max(w + pad, header.sectionSizeHint(c)) for c, w in enumerate(wanted)]


def size_columns(table: QTableView) -> None:
    """Column widths, once the model has its columns (a header without them ignores sizes),
    and again when the language changes (its words are longer or shorter)."""
    header = table.horizontalHeader()
    if header.count() < len(CONDITION_COLUMNS):
        return
    for column, width in enumerate(column_widths(table)):
        if header.sectionSize(column) != width:
            header.resizeSection(column, width)


def size_columns_with_titles(table: QTableView) -> None:
    """Size the columns again whenever the model's titles change: a language switch
    retranslates the model after the screen (``HandoverPane.retranslate``), so its new titles
    and status words are what the widths are measured on; sized at the screen's own switch,
    "Dock scan" kept Hindi's shorter title's width."""
    table.model().headerDataChanged.connect(lambda *_: size_columns(table))


class ConditionButton(QPushButton):
    """A compact button for one condition key: "2 Damaged" after a "Ctrl +" label."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setObjectName("conditionButton")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps its selected row
        # they share the row and shrink (text cut) rather than widen the window past 1366
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._on_action_changed)  # its words in a new language
        self._on_action_changed()

    @Slot()
    def _on_action_changed(self) -> None:
        action = self.action
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.setText(f"{key.rpartition('+')[2]}  {action.iconText()}")
        self.setToolTip(f"{key}: {action.text()}")


class ScanningScreen(QWidget):
    manual_entered = Signal(str)
    remark_entered = Signal(str)

    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.header = FeHeader()
        self.banner = ResultBanner()
        self.counters = {
            kind: CounterTile(kind, "")
            for kind in ("fe", "dock", "matched", "waiting", "unexpected")
        }
        counters = QHBoxLayout()
        counters.setSpacing(12)
        for tile in self.counters.values():
            counters.addWidget(tile, 1)

        # the last and next sync beside the FE's details (the header's second line): the
        # parcel table gets the row it had (cut with "…" at the end when long)
        self.sync_line = ElidedLabel(mode=Qt.TextElideMode.ElideRight)
        self.sync_line.setObjectName("syncLine")
        self.sync_line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.header.add_aside(self.sync_line)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for key in ("all", "waiting", "matched", "not_reported", "problems"):
            self.status_filter.addItem("", key)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("textFilter")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(220)

        self.status_proxy = StatusFilterProxy(self)
        self.text_proxy = TextFilterProxy(self)
        self.text_proxy.setSourceModel(self.status_proxy)
        self.table = parcel_table()
        self.table.setModel(self.text_proxy)
        size_columns_with_titles(self.table)

        # A label that will not scan is typed into the field beside the table's filters (its
        # own row cost the table more than a row of parcels); F4 or a click puts the cursor
        # there, the key cap button beside it is the same for a gloved hand.
        self.manual = QLineEdit()
        self.manual.setObjectName("manualEntry")
        self.manual.setMinimumWidth(260)
        self.manual_button = ActionButton(actions.manual_entry, compact=True)
        tools = QHBoxLayout()
        tools.setSpacing(10)
        tools.addWidget(self.status_filter)
        tools.addWidget(self.text_filter, 2)
        tools.addSpacing(8)
        tools.addWidget(self.manual, 3)
        tools.addWidget(self.manual_button)

        # the selected parcel's condition (Ctrl+1..5) and remark (F7): ui/condition.py
        self.condition_buttons = [ConditionButton(action) for action in actions.conditions]
        self.remark = QLineEdit()
        self.remark.setObjectName("remarkEntry")
        self.remark.setMaxLength(200)
        self.remark.setMinimumWidth(200)
        condition = QHBoxLayout()
        condition.setSpacing(6)
        self.ctrl = ctrl = QLabel()
        ctrl.setObjectName("conditionKeys")
        condition.addWidget(ctrl)
        for button in self.condition_buttons:
            condition.addWidget(button, 2)
        condition.addWidget(self.remark, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)  # every pixel saved is the parcel table's
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        layout.addLayout(counters)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(condition)

        # one filter pass after typing, not one per key
        self._filter_delay = single_shot(self, self._on_filter_delay_timeout, 200)
        self.text_filter.textChanged.connect(self._on_text_filter_text_changed)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_current_index_changed)
        self.manual.returnPressed.connect(self._on_manual_return_pressed)
        self.remark.returnPressed.connect(self._on_remark_return_pressed)
        self.retranslate()
        self.show_ready()

    def retranslate(self) -> None:
        """The fixed words again (``QEvent.LanguageChange``); READY too, a verdict stays."""
        for kind, text in (
            ("fe", self.tr("FE scanned")),
            ("dock", self.tr("Dock scanned")),
            ("matched", self.tr("Matched")),
            ("waiting", self.tr("Waiting")),
            ("unexpected", self.tr("Not in FE list")),
        ):
            self.counters[kind].set_caption(text)
        for index, text in enumerate(
            (
                self.tr("All parcels"),
                self.tr("Waiting for dock scan"),
                self.tr("Matched"),
                self.tr("Not in FE's list"),
                self.tr("Wrong labels"),
            )
        ):
            self.status_filter.setItemText(index, text)
        self.text_filter.setPlaceholderText(self.tr("Find a parcel (Ctrl+F)"))
        self.text_filter.setToolTip(self.tr("Shows the parcels whose tracking id has this in it"))
        self.remark.setPlaceholderText(self.tr("Remark (F7), then Enter"))
        self.remark.setToolTip(self.tr("Remark for the selected parcel (F7), then Enter"))
        self.ctrl.setText(self.tr("Ctrl +"))
        self.ctrl.setToolTip(self.tr("The selected parcel's condition: Ctrl+1 … Ctrl+5"))
        self.manual.setPlaceholderText(self.tr("Label won't scan? Type it (F4)"))
        self.manual.setToolTip(self.tr("Label will not scan? Type the tracking id, then Enter"))
        if self.banner.kind == "ready":
            self.show_ready()

    # --- feeding -------------------------------------------------------------------------

    def set_source(self, model: QSortFilterProxyModel | object | None) -> None:
        if self.status_proxy.sourceModel() is not model:
            # None detaches the model (Qt takes a null pointer); the stubs do not say so
            self.status_proxy.setSourceModel(model)  # type: ignore[arg-type]
            size_columns(self.table)

    def show_counts(self, counts: Counts) -> None:
        self.counters["fe"].set_value(counts.fe_scanned)
        self.counters["dock"].set_value(counts.dock_scanned)
        self.counters["matched"].set_value(counts.matched)
        self.counters["waiting"].set_value(counts.waiting)
        self.counters["unexpected"].set_value(counts.not_yet_reported)

    def show_ready(self) -> None:
        def words() -> tuple[str, str]:
            return self.tr("READY"), self.tr("Scan a parcel's tracking barcode.")

        title, detail = words()
        self.banner.show_result("ready", title, "", detail, words=words)

    def show_sync(
        self, last_synced_at: datetime | None, next_in_s: float | None, offline: bool
    ) -> None:
        text = self.tr("Last sync %1").replace("%1", clock_text(last_synced_at))
        if next_in_s is not None and next_in_s >= 0.5:
            text += self.tr(" · next in %1 s").replace("%1", str(round(next_in_s)))
        elif next_in_s is not None:
            text += self.tr(" · syncing now")
        if offline:
            text += self.tr(" · offline, scans are saved here")
        if self.sync_line.text() != text:
            self.sync_line.setText(text)

    def scroll_to_source_row(self, source_row: int) -> None:
        model = self.status_proxy.sourceModel()
        if model is None:
            return
        index = self.text_proxy.mapFromSource(
            self.status_proxy.mapFromSource(model.index(source_row, 0))
        )
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    # --- slots ---------------------------------------------------------------------------

    @Slot(str)
    def _on_text_filter_text_changed(self, text: str) -> None:
        self._filter_delay.start()

    @Slot()
    def _on_filter_delay_timeout(self) -> None:
        self.text_proxy.set_text(self.text_filter.text())

    @Slot(int)
    def _on_status_filter_current_index_changed(self, index: int) -> None:
        self.status_proxy.set_group(self.status_filter.itemData(index))

    @Slot()
    def _on_manual_return_pressed(self) -> None:
        text = self.manual.text().strip()
        if text:
            self.manual.clear()
            self.manual_entered.emit(text)

    @Slot()
    def _on_remark_return_pressed(self) -> None:
        self.remark_entered.emit(self.remark.text().strip())
        self.remark.clear()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_remark(self, current: str) -> None:
        self.remark.setText(current)
        self.remark.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.remark.selectAll()

    def focus_manual(self) -> None:
        self.manual.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.manual.selectAll()

    def focus_filter(self) -> None:
        self.text_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_filter.selectAll()
