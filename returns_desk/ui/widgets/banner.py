"""The full-width result banner of the last scan, and the calm notice bar for trouble.

The result banner changes on every scan, so it paints its own background and colours its
labels through their palette: no style-sheet re-polish on the hot path. Each kind has its own
colour, icon and words: colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from returns_desk.ui.theme import BANNER_COLOURS, mono_font, scaled
from returns_desk.ui.widgets.basics import OfferButton
from returns_desk.ui.widgets.icons import IconWidget

BANNER_ICONS = {
    "ready": "scan",
    "matched": "check",
    "duplicate": "repeat",
    "not_yet_reported": "question",
    "unexpected": "warning",
    "wrong_label": "cross",
    "invalid": "cross",
    "error": "warning",
    "test": "info",
    "held": "warning",
    "armed": "warning",
}


class ElidedLabel(QLabel):
    """One line that is shortened in the middle (…) when it does not fit, never overflowing:
    a long code (a file path typed at scanner speed) keeps its start and its end."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self.setMinimumWidth(1)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(text if len(text) > 30 else "")
        super().setText(text)

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:
        return QSize(1, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setFont(self.font())
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._full, self._mode, self.contentsRect().width())
        painter.drawText(self.contentsRect(), self.alignment(), shown)
        painter.end()

    def shown_text(self) -> str:
        """What fits (the tests and the screen reader's view of the cut)."""
        return self.fontMetrics().elidedText(self._full, self._mode, self.contentsRect().width())


class ResultBanner(QWidget):
    """Colour + icon + title + code + one line of what to do."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.setMinimumHeight(scaled(84 if compact else 120))
        self.kind = "ready"
        self._words: Callable[[], tuple[str, str]] | None = None
        self._background = QColor(BANNER_COLOURS["ready"][0])
        self.icon = IconWidget(scaled(56 if compact else 80))
        self.title = QLabel()
        self.code = ElidedLabel()
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        title_font = self.title.font()
        title_font.setPointSize(scaled(22 if compact else 28))
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.code.setFont(mono_font(20 if compact else 26))
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        for label in (self.title, self.code, self.detail):
            label.setMinimumWidth(1)  # a long text is cut, it never widens the window
        detail_font = self.detail.font()
        detail_font.setPointSize(scaled(14 if compact else 16))
        self.detail.setFont(detail_font)
        heading = QHBoxLayout()
        heading.setSpacing(28)
        heading.addWidget(self.title)
        heading.addWidget(self.code, 1)  # takes the rest of the line, cut in the middle if long
        # the detail, and beside it the button of an action the scan offers (F1): the heading
        # keeps the whole width for the verdict and the code
        self._detail_row = QHBoxLayout()
        self._detail_row.setSpacing(18)
        self._detail_row.addWidget(self.detail, 1)
        self.offer: OfferButton | None = None
        text = QVBoxLayout()
        text.setSpacing(4)
        text.addLayout(heading)
        text.addLayout(self._detail_row)
        layout = QHBoxLayout(self)
        self._margin = margin = 8 if compact else 14
        layout.setContentsMargins(24, margin, 24, margin)
        layout.setSpacing(24)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)

    def show_result(
        self,
        kind: str,
        title: str,
        code: str = "",
        detail: str = "",
        *,
        words: Callable[[], tuple[str, str]] | None = None,
    ) -> None:
        """``words`` makes the title and detail again in the language installed then
        (``retranslate``); without it a language switch leaves them as they are."""
        background, ink = BANNER_COLOURS[kind]
        self.kind = kind
        self._words = words
        self._background = QColor(background)
        for label in (self.title, self.code, self.detail):
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor(ink))
            label.setPalette(palette)
        self.icon.set_icon(BANNER_ICONS[kind], QColor(ink))
        self.title.setText(title)
        self.code.setText(code)
        self.code.setVisible(bool(code))
        self.detail.setText(detail)
        self.show_offer(None)  # a new result: what the last one offered is gone
        self.update()

    def set_offer(self, button: OfferButton) -> None:
        """The button of an action a result may offer (shown by ``show_offer``)."""
        self.offer = button
        button.hide()
        self._detail_row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_offer(self, words: Callable[[], str] | None) -> None:
        """Offer the action with these words on its button, or (None) no longer. The margins
        give the button its room, so the banner keeps its height."""
        button = self.offer
        if button is None or (words is None and not button.isVisibleTo(self)):
            return
        button.offer(words)
        margin = max(2, self._margin - 8) if words is not None else self._margin
        layout = self.layout()
        if layout is not None:
            layout.setContentsMargins(24, margin, 24, margin)

    def retranslate(self) -> bool:
        """The words shown, again in the language now installed; False when they cannot be
        made again (the caller draws the banner anew, or leaves it)."""
        if self._words is None:
            return False
        title, detail = self._words()
        self.title.setText(title)
        self.detail.setText(detail)
        return True

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._background)
        painter.drawRoundedRect(self.rect(), 12, 12)
        painter.end()


class NoticeBar(QFrame):
    """Network and API trouble, calmly: what is wrong, when the next try is, what to do.

    Never a dialog: scanning goes on underneath. Levels: ``info``, ``warn``, ``error``.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notice")
        self.level = ""
        self.icon = IconWidget(scaled(30))  # one line of text high: the table keeps the rest
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        # A wrapped label is as tall as it is at its narrowest: keep that to three lines or so
        # (and the window within a 1280-pixel screen beside the FE list).
        self.text.setMinimumWidth(620)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 5, 16, 5)
        layout.setSpacing(14)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_notice(self, level: str, text: str) -> None:
        if level != self.level:
            self.level = level
            self.setProperty("level", level)
            self.style().unpolish(self)
            self.style().polish(self)
            icon = {"info": "info", "warn": "warning", "error": "warning"}[level]
            colour = {"info": "#0b5cad", "warn": "#8a5a00", "error": "#c62828"}[level]
            self.icon.set_icon(icon, QColor(colour))
        if self.text.text() != text:
            self.text.setText(text)
        self.show()

    def clear(self) -> None:
        self.level = ""
        self.text.clear()
        self.hide()
