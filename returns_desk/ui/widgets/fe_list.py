"""The FEs at the dock as big cards: name, LOB badge in its own colour, partner, state, counts."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from returns_desk.api.states import TaskState
from returns_desk.ui.models.fe_model import VIEW_ROLE
from returns_desk.ui.texts import lob_text, state_text
from returns_desk.ui.theme import ACCENT, INK, MUTED, lob_colour, scaled
from returns_desk.workflow.handover import HandoverView

CARD_HEIGHT = 128
_STATE_COLOURS = {
    TaskState.START_OTC: QColor("#0b5cad"),
    TaskState.SCANNING: QColor("#1b7f3b"),
    TaskState.END_OTC: QColor("#8a5a00"),
    TaskState.COMPLETED: QColor("#546e7a"),
}


class FeCardDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(max(option.rect.width(), 300), scaled(CARD_HEIGHT))

    def counts_text(self, view: HandoverView, *, short: bool = False) -> str:
        """``29/40 matched · 11 waiting · 1 extra``; ``short`` drops "matched" for a narrow card."""
        counts = view.counts
        if view.state is TaskState.START_OTC:
            if view.start_code is not None:
                return self.tr("Start OTC %1").replace("%1", view.start_code.otc)
            return self.tr("No Start OTC yet")
        text = (self.tr("%1/%2") if short else self.tr("%1/%2 matched")).replace(
            "%1", str(counts.matched)
        )
        text = text.replace("%2", str(counts.fe_scanned))
        if counts.waiting:  # once the End OTC is in, what the dock never scanned is missing
            ended = view.end is not None or view.state is TaskState.COMPLETED
            word = self.tr(" · %1 missing") if ended else self.tr(" · %1 waiting")
            text += word.replace("%1", str(counts.waiting))
        if counts.not_yet_reported:
            text += self.tr(" · %1 extra").replace("%1", str(counts.not_yet_reported))
        return text

    def meta_text(self, view: HandoverView) -> str:
        """Partner and task, and the marketplace's status text when the app cannot read it."""
        meta = f"{view.logistic_partner or '—'} · {view.task_id}"
        if not view.status_understood:  # its own word, as it came: nothing is hidden
            meta += self.tr(' · status "%1"').replace("%1", view.state_raw)
        if not view.present and view.state is not TaskState.COMPLETED:
            meta += self.tr(" · not listed now")
        return meta

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        view = index.data(VIEW_ROLE)
        if not isinstance(view, HandoverView):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        done = view.state is TaskState.COMPLETED
        card = option.rect.adjusted(6, 5, -6, -5)
        painter.setPen(QPen(ACCENT if selected else QColor("#b8c2cc"), 4 if selected else 1))
        painter.setBrush(QColor("#dcebfb") if selected else QColor("#ffffff"))
        painter.drawRoundedRect(card, 10, 10)
        stripe = QRect(card.left() + 2, card.top() + 2, 12, card.height() - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(lob_colour(view.lob))
        painter.drawRoundedRect(stripe, 5, 5)

        base = QFont(option.font)
        left = stripe.right() + 16
        right = card.right() - 14
        # LOB badge, top right
        badge_font = QFont(base)
        badge_font.setPointSize(scaled(12))
        badge_font.setBold(True)
        badge_text = lob_text(view.lob)
        badge_width = QFontMetrics(badge_font).horizontalAdvance(badge_text) + 22
        badge = QRect(right - badge_width, card.top() + scaled(12), badge_width, scaled(30))
        painter.setBrush(lob_colour(view.lob))
        painter.drawRoundedRect(badge, 6, 6)
        painter.setFont(badge_font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
        # name
        name_font = QFont(base)
        name_font.setPointSize(scaled(17))
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(MUTED if done or not view.present else INK)
        name_rect = QRect(left, card.top() + scaled(8), badge.left() - left - 10, scaled(38))
        name = QFontMetrics(name_font).elidedText(
            view.fe_name, Qt.TextElideMode.ElideRight, name_rect.width()
        )
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignVCenter, name)
        # partner and task
        small = QFont(base)
        small.setPointSize(scaled(12))
        painter.setFont(small)
        painter.setPen(MUTED)
        # the state pill on the right of the partner and task, the counts a line of their own
        pill_font = QFont(base)
        pill_font.setPointSize(scaled(12))
        pill_font.setBold(True)
        state = state_text(view.state)
        pill_width = QFontMetrics(pill_font).horizontalAdvance(state) + 20
        pill = QRect(right - pill_width, card.top() + scaled(46), pill_width, scaled(28))
        meta = self.meta_text(view)
        meta_rect = QRect(left, card.top() + scaled(46), pill.left() - left - 8, scaled(28))
        meta = QFontMetrics(small).elidedText(meta, Qt.TextElideMode.ElideRight, meta_rect.width())
        painter.drawText(meta_rect, Qt.AlignmentFlag.AlignVCenter, meta)
        colour = _STATE_COLOURS.get(view.state, QColor("#546e7a"))
        painter.setPen(QPen(colour, 2))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(pill, 6, 6)
        painter.setFont(pill_font)
        painter.setPen(colour)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, state)
        counts_font = QFont(base)
        counts_font.setPointSize(scaled(13))
        painter.setFont(counts_font)
        painter.setPen(INK)
        counts_rect = QRect(left, card.bottom() - scaled(40), right - left, scaled(30))
        metrics = QFontMetrics(counts_font)
        counts = self.counts_text(view)
        if metrics.horizontalAdvance(counts) > counts_rect.width():
            counts = self.counts_text(view, short=True)
        counts = metrics.elidedText(counts, Qt.TextElideMode.ElideRight, counts_rect.width())
        painter.drawText(counts_rect, Qt.AlignmentFlag.AlignVCenter, counts)
        painter.restore()


class FeListView(QListView):
    """Single selection; keyboard navigable; large cards for touch."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feList")
        self.setItemDelegate(FeCardDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
