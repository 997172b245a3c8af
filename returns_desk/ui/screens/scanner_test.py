"""Scanner test (admin): each burst as received, its per-key timing, the normalised code.

Set up a new scanner in a minute: scan a label, see whether it counts as a scan and why not
(too slow, no Enter/Tab suffix, Caps Lock). Nothing scanned here is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.ui.actions import Actions
from returns_desk.ui.models.burst_model import BurstTableModel
from returns_desk.ui.scanner.burst import Burst, BurstRules, BurstVerdict
from returns_desk.ui.widgets.banner import ResultBanner
from returns_desk.ui.widgets.basics import ActionButton
from returns_desk.ui.widgets.gap_chart import GapChart


class ScannerTestScreen(QWidget):
    def __init__(
        self,
        actions: Actions,
        rules: BurstRules,
        duplicate_window_s: float,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        title = QLabel(self.tr("Scanner test"))
        title.setObjectName("screenTitle")
        rules_text = self.tr(
            "A scan is at least %1 characters ending in Enter or Tab, with a mean gap between "
            "keys under %2 ms and no gap over %3 ms. The same label again within %4 s is a "
            "double read and is ignored. Nothing scanned here is recorded."
        )
        for key, value in (
            ("%1", rules.min_length),
            ("%2", f"{rules.mean_gap_ms:g}"),
            ("%3", f"{rules.max_gap_ms:g}"),
            ("%4", f"{duplicate_window_s:g}"),
        ):
            rules_text = rules_text.replace(key, str(value))
        explanation = QLabel(rules_text)
        explanation.setObjectName("hint")
        explanation.setWordWrap(True)
        self.banner = ResultBanner()
        self.banner.setMinimumHeight(120)
        self.banner.show_result(
            "test",
            self.tr("SCAN A LABEL"),
            "",
            self.tr("Any barcode: a tracking id, a test label."),
        )
        self.chart = GapChart(rules)
        self.model = BurstTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(36)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column, width in enumerate((110, 270, 64, 112, 128, 250)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.back = ActionButton(actions.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addWidget(self.banner)
        layout.addWidget(self.chart)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_burst(self, burst: Burst) -> None:
        """Typing shows too (that is how an admin sees a too-slow scanner), single keys do not."""
        if len(burst.text) < 2 and not burst.terminator:
            return
        self.model.add(burst)
        self.chart.show_burst(burst)
        verdict = {
            BurstVerdict.SCAN: self.tr("SCAN"),
            BurstVerdict.DOUBLE_READ: self.tr("DOUBLE READ"),
            BurstVerdict.TOO_SHORT: self.tr("TOO SHORT"),
            BurstVerdict.TOO_SLOW: self.tr("TOO SLOW"),
            BurstVerdict.GAP_TOO_LONG: self.tr("GAP TOO LONG"),
            BurstVerdict.NO_TERMINATOR: self.tr("NO ENTER/TAB"),
        }[burst.verdict]
        detail = self.tr("%1 keys · mean gap %2 ms · longest %3 ms · ended by %4")
        detail = detail.replace("%1", str(len(burst.text)))
        detail = detail.replace("%2", f"{burst.mean_gap_ms:.1f}")
        detail = detail.replace("%3", f"{burst.max_gap_ms:.1f}")
        detail = detail.replace("%4", burst.terminator or self.tr("a pause or another key"))
        if burst.is_scan and burst.text != burst.code:
            detail += self.tr(" · read as %1").replace("%1", burst.text)
        kind = "test" if burst.verdict is BurstVerdict.SCAN else "duplicate"
        if not burst.is_scan:
            kind = "invalid"
        if not burst.is_scan:
            detail = self.model.verdict_text(burst.verdict) + " · " + detail
        self.banner.show_result(kind, verdict, burst.code or burst.text, detail)
