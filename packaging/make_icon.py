"""Draw the app icon (a parcel with a return arrow) as PNG and multi-size ICO.

Run once when the design changes; the outputs are committed under returns_desk/resources/:
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

OUT = Path(__file__).resolve().parent.parent / "returns_desk" / "resources"


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#0d47a1"))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # the parcel
    p.setBrush(QColor("#ffb300"))
    p.drawRoundedRect(QRectF(92 * s, 96 * s, 120 * s, 104 * s), 10 * s, 10 * s)
    p.setBrush(QColor("#c77c00"))
    p.drawRect(QRectF(142 * s, 96 * s, 20 * s, 104 * s))
    # the return arrow
    pen = QPen(QColor("white"), 20 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    path = QPainterPath(QPointF(150 * s, 66 * s))
    path.lineTo(QPointF(84 * s, 66 * s))
    path.cubicTo(QPointF(44 * s, 66 * s), QPointF(40 * s, 130 * s), QPointF(70 * s, 150 * s))
    p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("white"))
    head = QPainterPath(QPointF(52 * s, 172 * s))
    head.lineTo(QPointF(96 * s, 164 * s))
    head.lineTo(QPointF(62 * s, 130 * s))
    head.closeSubpath()
    p.drawPath(head)
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    draw(256).save(str(OUT / "app-icon.png"))
    draw(256).save(str(OUT / "app-icon.ico"))
    print(f"wrote {OUT / 'app-icon.png'} and .ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
