"""Small dock widgets: the big code, the counters, the LOB badge, the FE header, action buttons."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from returns_desk.api.states import Lob
from returns_desk.ui.i18n import number_text
from returns_desk.ui.texts import lob_text, state_text
from returns_desk.ui.theme import mono_font, scaled
from returns_desk.workflow.handover import HandoverView


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed (rare changes only)."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_flag(widget: QWidget, name: str, value: object) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def group_digits(code: str) -> str:
    """``"238687"`` reads as ``"238 687"``: easier to say aloud and to type on a phone."""
    if len(code) in (6, 8) and code.isdigit():
        half = len(code) // 2
        return f"{code[:half]} {code[half:]}"
    return code


class BigCode(QLabel):
    """An OTC in very large digits, readable from across the dock."""

    def __init__(self, points: int = 96, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bigCode")
        self.setFont(mono_font(points))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.code = ""

    def show_code(self, code: str, *, expired: bool = False) -> None:
        self.code = code
        self.setText(group_digits(code) or "– – –")
        set_flag(self, "expired", expired)
        set_flag(self, "empty", not code)


class CounterTile(QFrame):
    def __init__(self, kind: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counter")
        self.setProperty("kind", kind)
        self.value = QLabel("0")
        self.value.setObjectName("counterValue")
        # Room for five digits from the start: a counter that grows must not re-lay out
        # the screen (and repaint all of it) on every scan.
        self.value.setMinimumWidth(self.value.fontMetrics().horizontalAdvance("00000"))
        self.caption = QLabel()
        self.caption.setObjectName("counterCaption")
        self.set_caption(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 4, 12, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def set_caption(self, caption: str) -> None:
        self.caption.setText(caption.upper())

    def set_value(self, value: int) -> None:
        text = number_text(value)
        if self.value.text() != text:
            self.value.setText(text)


class LobBadge(QLabel):
    """LARGE and NON-LARGE in different colours and words, so two FEs are never confused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lobBadge")
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_lob(Lob.UNKNOWN)

    def set_lob(self, lob: Lob) -> None:
        self.setText(lob_text(lob))
        set_flag(self, "lob", lob.value)


class FeHeader(QWidget):
    """Who this handover is with: name, LOB badge, partner, task, where the FE is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel()
        self.name.setObjectName("feName")
        self.lob = LobBadge()
        self.state = QLabel()
        self.state.setObjectName("stateBadge")
        self.meta = QLabel()
        self.meta.setObjectName("feMeta")
        self.meta.setMinimumWidth(1)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self.name)
        top.addWidget(self.lob, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addStretch(1)
        top.addWidget(self.state, 0, Qt.AlignmentFlag.AlignVCenter)
        self.second = QHBoxLayout()  # partner, task, FE id; a screen may add to its end
        self.second.setSpacing(16)
        self.second.addWidget(self.meta)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addLayout(self.second)

    def add_aside(self, widget: QWidget) -> None:
        """A widget at the end of the second line (the scanning screen's sync times): it
        takes the room the FE's details leave, so they are never cut for it."""
        widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
        self.second.addWidget(widget, 1)

    def show_view(self, view: HandoverView) -> None:
        self.name.setText(view.fe_name)
        self.lob.set_lob(view.lob)
        self.state.setText(state_text(view.state))
        meta = self.tr("%1 · task %2 · FE id %3")
        meta = meta.replace("%1", view.logistic_partner or self.tr("partner ?"))
        meta = meta.replace("%2", view.task_id).replace("%3", view.fe_id)
        if not view.present:
            meta += self.tr(" · not listed by the marketplace right now")
        self.meta.setText(meta)


class ActionButton(QPushButton):
    """A big button that follows its ``QAction`` and shows the action's key as a key cap."""

    def __init__(
        self,
        action: QAction,
        *,
        primary: bool = False,
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self._compact = compact  # the key cap alone, the words in the tool tip
        self.setProperty("primary", primary)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.label = QLabel()
        self.label.setObjectName("buttonLabel")
        self.label.setProperty("primary", primary)
        self.keycap = QLabel()
        self.keycap.setObjectName("keycap")
        self.keycap.setProperty("primary", primary)
        for label in (self.label, self.keycap):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 4, 14, 4)
        layout.setSpacing(12)
        layout.addWidget(self.keycap)
        layout.addWidget(self.label, 1)
        self.clicked.connect(self._on_self_clicked)
        action.changed.connect(self._on_action_changed)
        self._on_action_changed()

    @Slot()
    def _on_self_clicked(self) -> None:
        if self.action.isEnabled():
            self.action.trigger()

    @Slot()
    def _on_action_changed(self) -> None:
        text = self.action.text().replace("&", "")
        self.label.setText(text)
        key = self.action.shortcut().toString()
        self.keycap.setText(key)
        self.keycap.setVisible(bool(key))
        self.label.setVisible(not (self._compact and key))
        self.setEnabled(self.action.isEnabled())
        self.setToolTip(f"{key}: {text}" if self._compact and key else self.action.toolTip())
        self._follow_visibility(self.action.isVisible())
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else None
        if hint is not None:
            self.setMinimumWidth(hint.width() + 8)

    def _follow_visibility(self, visible: bool) -> None:
        """Shown or hidden with its action; not yet placed in a screen (no parent), it must
        not be shown: that would open it as a little window of its own, which takes the
        keyboard focus from the desk and costs a native window on Windows."""
        if self.parentWidget() is not None:
            self.setVisible(visible)
        elif not visible:
            self.hide()
        else:  # no longer hidden on purpose: the layout that takes it shows it
            self.setAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide, False)


class OfferButton(ActionButton):
    """An action the banner offers for the moment (F1: move the scan to its FE): the action's
    key cap and words of the moment (``offer``); shown only while the offer stands."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        self._words: Callable[[], str] | None = None
        self._offered = False
        super().__init__(action, parent=parent)
        self.setObjectName("offerButton")
        self.setMinimumHeight(scaled(48))  # a gloved hand's target, whatever the style
        self.hide()

    def offer(self, words: Callable[[], str] | None) -> None:
        """Offer the action with these words (made again on a language switch); None: no
        offer, the button goes."""
        self._words, self._offered = words, words is not None
        self._on_action_changed()

    @property
    def offered(self) -> bool:
        return self._offered

    @Slot()
    def _on_action_changed(self) -> None:
        super()._on_action_changed()
        if self._words is not None:
            self.label.setText(self._words())
            layout = self.layout()
            if layout is not None:
                self.setMinimumWidth(layout.sizeHint().width() + 8)
        self.setVisible(self._offered and self.action.isVisible())
