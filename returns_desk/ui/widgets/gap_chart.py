"""Per-key timing of one burst as bars, against the mean and maximum gap thresholds."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from returns_desk.ui.scanner.burst import Burst, BurstRules
from returns_desk.ui.theme import INK, MUTED, scaled


class GapChart(QWidget):
    def __init__(self, rules: BurstRules, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rules = rules
        self._burst: Burst | None = None
        self.setMinimumHeight(scaled(130))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(600, scaled(130))

    def show_burst(self, burst: Burst | None) -> None:
        self._burst = burst
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSize(scaled(11))
        painter.setFont(font)
        labels = [
            (self._rules.mean_gap_ms, QColor("#1b7f3b"), self.tr("mean %1 ms")),
            (self._rules.max_gap_ms, QColor("#c62828"), self.tr("max %1 ms")),
        ]
        # the threshold labels' column is as wide as they are (never cut at a larger font)
        metrics = painter.fontMetrics()
        column = 6 + max(
            metrics.horizontalAdvance(text.replace("%1", f"{ms:g}")) for ms, _, text in labels
        )
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(column + 6, 14, -14, -(line + 12))
        top_ms = max(self._rules.max_gap_ms * 1.5, 10.0)
        burst = self._burst
        if burst is not None and burst.gaps_ms:
            top_ms = max(top_ms, min(max(burst.gaps_ms) * 1.1, 1000.0))

        def y_of(ms: float) -> float:
            return area.bottom() - min(ms, top_ms) / top_ms * area.height()

        for ms, colour, label in labels:
            y = y_of(ms)
            painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(
                QRectF(0, y - line / 2, column, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label.replace("%1", f"{ms:g}"),
            )
        painter.setPen(QPen(INK, 2))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        if burst is None or not burst.gaps_ms:
            painter.setPen(MUTED)
            painter.drawText(
                area, Qt.AlignmentFlag.AlignCenter, self.tr("Scan a label to see its timing")
            )
            painter.end()
            return
        count = len(burst.gaps_ms)
        slot = area.width() / count
        keys = [*list(burst.text[1:]), "⏎" if burst.terminator else ""]
        for n, gap in enumerate(burst.gaps_ms):
            x = area.left() + n * slot
            bar = QRectF(x + slot * 0.15, y_of(gap), slot * 0.7, area.bottom() - y_of(gap))
            colour = QColor("#c62828") if gap > self._rules.max_gap_ms else QColor("#0b5cad")
            painter.fillRect(bar, colour)
            painter.setPen(INK)
            if n < len(keys):
                painter.drawText(
                    QRectF(x, area.bottom() + 4, slot, line + 4),
                    Qt.AlignmentFlag.AlignCenter,
                    keys[n],
                )
        painter.end()
