"""Scanner test (admin): each burst as received, its per-key timing, the normalised code.

Set up a new scanner in a minute: scan a label, see whether it counts as a scan and why not
(too slow, no Enter/Tab suffix, Caps Lock). Nothing scanned here is recorded.

A scanner in serial (COM port) mode shows here too: its labels arrive in one piece, so
per-key timing does not apply and says so, and a line tells whether its port is connected.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from returns_desk.ui.actions import Actions
from returns_desk.ui.models.burst_model import BurstTableModel
from returns_desk.ui.scanner.burst import Burst, BurstRules, BurstVerdict
from returns_desk.ui.scanner.serial_burst import SerialBurst
from returns_desk.ui.theme import scaled
from returns_desk.ui.widgets.banner import ResultBanner
from returns_desk.ui.widgets.basics import ActionButton
from returns_desk.ui.widgets.gap_chart import GapChart

_RECEIVED_COLUMN = 1
_GAP_COLUMNS = (3, 4)
_VERDICT_COLUMN = 5


class _BurstModel(BurstTableModel):
    """The burst table, where a serial scanner's labels have no key gaps to show."""

    def serial_verdict_text(self, verdict: BurstVerdict) -> str:
        if verdict is BurstVerdict.TOO_SHORT:
            return self.tr("Too short: noise (ignored)")
        if verdict is BurstVerdict.NO_TERMINATOR:
            return self.tr("No CR/LF at the end (ignored)")
        return self.verdict_text(verdict)

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.row() < self.rowCount():
            burst = self.burst(index.row())
            if isinstance(burst, SerialBurst):
                if index.column() in _GAP_COLUMNS:
                    return self.tr("n/a (serial)")
                if index.column() == _VERDICT_COLUMN:
                    return self.serial_verdict_text(burst.verdict)
        return super().data(index, role)


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
        self._rules, self._duplicate_window_s = rules, duplicate_window_s
        self.title = title = QLabel()
        title.setObjectName("screenTitle")
        self.explanation = explanation = QLabel()
        explanation.setObjectName("hint")
        explanation.setWordWrap(True)
        self.banner = ResultBanner(compact=True)  # the table keeps room for three rows
        # What was read, in the sans font: its O is round and its 0 narrow, where a monospace
        # O (no dot) and 0 look alike in a code without both (HELLO12345XYZ).
        self.banner.code.setFont(self.banner.title.font())
        self.serial_status = QLabel()
        self.serial_status.setObjectName("hint")
        self.serial_status.setWordWrap(True)
        self.serial_status.hide()  # shown once a serial scanner reports its port's state
        self.serial_state = ""
        self._shown: Burst | None = None  # the burst whose verdict the banner shows
        self.chart = GapChart(rules)
        self.no_timing = QLabel()
        self.no_timing.setObjectName("hint")
        self.no_timing.setWordWrap(True)
        self.no_timing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.timing = QStackedWidget()
        self.timing.addWidget(self.chart)
        self.timing.addWidget(self.no_timing)
        self.timing.setFixedHeight(self.chart.sizeHint().height())
        self.model = _BurstModel(parent=self)
        self.table = QTableView()
        self.table.setObjectName("burstTable")  # a point smaller: seven columns fit 1366 px
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(scaled(36))
        header_height = self.table.horizontalHeader().sizeHint().height()
        scrollbar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setMinimumHeight(header_height + 3 * scaled(36) + scrollbar + 4)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(_RECEIVED_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.back = ActionButton(actions.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(explanation)
        layout.addWidget(self.serial_status)
        layout.addWidget(self.banner)
        layout.addWidget(self.timing)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed words again (``QEvent.LanguageChange``); a shown burst stays as it is."""
        rules = self._rules
        self.title.setText(self.tr("Scanner test"))
        rules_text = self.tr(
            "A scan is at least %1 characters ending in Enter or Tab, with a mean gap between "
            "keys under %2 ms and no gap over %3 ms. The same label again within %4 s is a "
            "double read and is ignored. Nothing scanned here is recorded."
        )
        for key, value in (
            ("%1", rules.min_length),
            ("%2", f"{rules.mean_gap_ms:g}"),
            ("%3", f"{rules.max_gap_ms:g}"),
            ("%4", f"{self._duplicate_window_s:g}"),
        ):
            rules_text = rules_text.replace(key, str(value))
        self.explanation.setText(rules_text)
        if self.banner.kind in ("ready", "test") and not self.model.row_count():
            self.banner.show_result(
                "test",
                self.tr("SCAN A LABEL"),
                "",
                self.tr("Any barcode: a tracking id, a test label."),
            )
        self.no_timing.setText(
            self.tr(
                "Serial scanner: the label arrives in one piece, so per-key timing does not "
                "apply. It counts as a scan when it has at least %1 characters and ends in CR "
                "or LF."
            ).replace("%1", str(rules.min_length))
        )
        self.model.retranslate()
        self._size_columns()
        self.chart.update()
        if self._shown is not None:  # the verdict on screen, in the new language
            self._show_verdict(self._shown)

    def _size_columns(self) -> None:
        """Every column as wide as its title and its usual value in the language in use (the
        verdict: its longest); "as received" takes the rest. A longer text ends in "…" and
        its tool tip has it whole."""
        table, header = self.table, self.table.horizontalHeader()
        table.ensurePolished()
        metrics = table.fontMetrics()
        gap = "000.0 ms"  # both languages write milliseconds so
        usual = {
            0: "00:00:00",
            2: "000",
            3: gap,
            4: gap,
            5: max(map(self.model.verdict_text, BurstVerdict), key=metrics.horizontalAdvance),
            6: "FMPC0000000000",  # a tracking id
        }
        for column, text in usual.items():
            width = max(metrics.horizontalAdvance(text) + 16, header.sectionSizeHint(column))
            header.resizeSection(column, width)

    def add_burst(self, burst: Burst) -> None:
        """Typing shows too (that is how an admin sees a too-slow scanner), single keys do not."""
        if len(burst.text) < 2 and not burst.terminator:
            return
        self.model.add(burst)
        if isinstance(burst, SerialBurst):
            self.timing.setCurrentWidget(self.no_timing)
            self.chart.show_burst(None)
        else:
            self.timing.setCurrentWidget(self.chart)
            self.chart.show_burst(burst)
        self._shown = burst
        self._show_verdict(burst)

    def _show_verdict(self, burst: Burst) -> None:
        """The banner: the burst's verdict and why, in the language installed now."""
        if isinstance(burst, SerialBurst):
            self._show_serial_burst(burst)
            return
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

    def _show_serial_burst(self, burst: SerialBurst) -> None:
        verdict = {
            BurstVerdict.SCAN: self.tr("SCAN"),
            BurstVerdict.DOUBLE_READ: self.tr("DOUBLE READ"),
            BurstVerdict.TOO_SHORT: self.tr("TOO SHORT"),
            BurstVerdict.NO_TERMINATOR: self.tr("NO CR/LF"),
        }.get(burst.verdict, burst.verdict.value.upper())
        detail = self.tr("serial scanner on %1 · %2 characters · ended by %3")
        detail = detail.replace("%1", burst.port)
        detail = detail.replace("%2", str(len(burst.text)))
        detail = detail.replace("%3", burst.terminator or self.tr("a pause (no CR/LF)"))
        if burst.is_scan and burst.text != burst.code:
            detail += self.tr(" · read as %1").replace("%1", burst.text)
        if not burst.is_scan:
            detail = self.model.serial_verdict_text(burst.verdict) + " · " + detail
        kind = {BurstVerdict.SCAN: "test", BurstVerdict.DOUBLE_READ: "duplicate"}.get(
            burst.verdict, "invalid"
        )
        self.banner.show_result(kind, verdict, burst.code or burst.text, detail)

    @Slot(str, str)
    def set_serial_status(self, state: str, text: str) -> None:
        """The serial scanner's state ("connected", "disconnected", "off") and its text."""
        self.serial_state = state
        self.serial_status.setText(text)
        self.serial_status.setVisible(bool(text))
