"""Status icons drawn with QPainter: crisp at any size, no image plugin or file needed."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

ICONS = ("check", "cross", "warning", "repeat", "question", "info", "scan")


def paint_icon(painter: QPainter, rect: QRectF, name: str, colour: QColor) -> None:
    """Draw icon ``name`` in ``colour`` inside ``rect`` (a circle or triangle with a mark)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(rect.width(), rect.height())
    box = QRectF(0, 0, side, side)
    box.moveCenter(rect.center())
    width = max(2.0, side * 0.09)
    pen = QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inner = box.adjusted(width, width, -width, -width)
    x, y, s = inner.x(), inner.y(), inner.width()

    def at(fx: float, fy: float) -> QPointF:
        return QPointF(x + fx * s, y + fy * s)

    if name == "warning":
        path = QPainterPath(at(0.5, 0.04))
        path.lineTo(at(0.98, 0.92))
        path.lineTo(at(0.02, 0.92))
        path.closeSubpath()
        painter.drawPath(path)
        painter.drawLine(at(0.5, 0.36), at(0.5, 0.62))
        painter.drawPoint(at(0.5, 0.78))
    else:
        painter.drawEllipse(inner)
        if name == "check":
            path = QPainterPath(at(0.27, 0.52))
            path.lineTo(at(0.44, 0.69))
            path.lineTo(at(0.74, 0.34))
            painter.drawPath(path)
        elif name == "cross":
            painter.drawLine(at(0.32, 0.32), at(0.68, 0.68))
            painter.drawLine(at(0.68, 0.32), at(0.32, 0.68))
        elif name == "repeat":  # a circular arrow: seen before
            radius = 0.23
            arc = QRectF(at(0.5 - radius, 0.5 - radius), at(0.5 + radius, 0.5 + radius))
            painter.drawArc(arc, 100 * 16, 290 * 16)
            angle = math.radians(100)
            tip = at(0.5 + radius * math.cos(angle), 0.5 - radius * math.sin(angle))
            head = QPainterPath(tip + QPointF(0.13 * s, 0.0))
            head.lineTo(tip + QPointF(-0.02 * s, -0.11 * s))
            head.lineTo(tip + QPointF(-0.02 * s, 0.11 * s))
            head.closeSubpath()
            painter.setBrush(colour)
            painter.drawPath(head)
        elif name == "question":
            path = QPainterPath(at(0.36, 0.38))
            path.cubicTo(at(0.36, 0.2), at(0.64, 0.2), at(0.64, 0.38))
            path.cubicTo(at(0.64, 0.5), at(0.5, 0.5), at(0.5, 0.62))
            painter.drawPath(path)
            painter.drawPoint(at(0.5, 0.77))
        elif name == "info":
            painter.drawPoint(at(0.5, 0.28))
            painter.drawLine(at(0.5, 0.44), at(0.5, 0.74))
        elif name == "scan":
            thin = QPen(pen)
            for fx, fw in (
                (0.28, 1.0),
                (0.37, 0.5),
                (0.44, 1.4),
                (0.54, 0.5),
                (0.62, 1.0),
                (0.71, 0.5),
            ):
                thin.setWidthF(width * fw)
                painter.setPen(thin)
                painter.drawLine(at(fx, 0.33), at(fx, 0.67))
    painter.restore()


class IconWidget(QWidget):
    """One icon, repainted on change; the parent chooses its colour."""

    def __init__(self, size: int = 72, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._name, self._colour = "info", QColor("#ffffff")
        self._size = size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)

    def sizeHint(self) -> QSize:
        return QSize(self._size, self._size)

    def set_icon(self, name: str, colour: QColor) -> None:
        if (name, colour) != (self._name, self._colour):
            self._name, self._colour = name, QColor(colour)
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_icon(painter, QRectF(self.rect()), self._name, self._colour)
        painter.end()
