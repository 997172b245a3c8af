"""Start OTC: the code in very large digits, a live countdown to expiry, a new code when expired."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from returns_desk.api.states import OtcMode
from returns_desk.ui.actions import Actions
from returns_desk.ui.texts import clock_text, countdown_text
from returns_desk.ui.widgets.basics import ActionButton, BigCode, FeHeader, set_flag
from returns_desk.workflow.handover import HandoverView, StartCode

URGENT_S = 60


class StartOtcScreen(QWidget):
    def __init__(self, actions: Actions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen")
        self.header = FeHeader()
        self.caption = caption = QLabel()
        caption.setObjectName("sectionTitle")
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = BigCode(96)
        self.countdown = QLabel()
        self.countdown.setObjectName("countdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)
        card = QFrame()
        card.setObjectName("card")
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 14, 28, 16)
        inner.setSpacing(14)
        inner.addWidget(caption)
        inner.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.countdown)
        inner.addWidget(self.hint)
        self.generate = ActionButton(actions.generate_start, primary=True)
        self.print = ActionButton(actions.print_slip)
        buttons = QHBoxLayout()
        buttons.setSpacing(16)
        buttons.addWidget(self.generate)
        buttons.addWidget(self.print)
        buttons.addStretch(1)
        self.steps = QLabel()
        self.steps.setObjectName("steps")
        self.steps.setWordWrap(True)
        self.steps.setMinimumWidth(780)  # a wrapped label is as tall as at its narrowest
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.header)
        layout.addWidget(card)
        layout.addLayout(buttons)
        layout.addSpacing(24)
        layout.addWidget(self.steps)
        layout.addStretch(1)
        self._start: StartCode | None = None
        self._offers = True
        self._mode = OtcMode.UNKNOWN
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed words again; the code's hint follows on the next ``tick``."""
        self.caption.setText(self.tr("START OTC"))
        self.steps.setText(
            self.tr(
                "①  Tell the FE the code    →    ②  The FE types it in the app    →    "
                "③  Scanning opens here by itself"
            )
        )

    def show_view(
        self, view: HandoverView, offers_generate: bool, mode: OtcMode = OtcMode.UNKNOWN
    ) -> None:
        self.header.show_view(view)
        self._start, self._offers, self._mode = view.start_code, offers_generate, mode
        self.generate.setVisible(offers_generate)
        self.steps.setVisible(offers_generate)  # a fixed code is not told by the clerk

    def guidance(self) -> str:
        """What to do when there is no code on screen, for the seller's OTC mode."""
        if self._offers:
            return self.tr(
                "Press F2 to generate the Start OTC, then tell it to the field executive."
            )
        if self._mode is OtcMode.DYNAMIC_END:
            return self.tr(
                "This location has a fixed Start OTC (DynamicEnd): the field executive enters "
                "the location's code on his phone; there is nothing to generate here. Scanning "
                "opens here by itself. When he has finished, F8 gets the End OTC."
            )
        return self.tr(
            "This location has fixed OTCs (%1): the field executive enters the location's "
            "Start OTC on his phone; there is nothing to generate here. If he does not have "
            "it, ask the seller's admin for the location's return OTC. Scanning opens here by "
            "itself. When he has finished, press F8: the marketplace gives the End OTC or "
            "says why not."
        ).replace("%1", self._mode.value)

    def expired(self, now: datetime) -> bool:
        return self._start is not None and self._start.expired(now)

    def tick(self, now: datetime) -> None:
        """Update the countdown; ``now`` is the marketplace's time (skew applied)."""
        start = self._start
        if start is None:
            self.code.show_code("")
            self.countdown.setText("")
            set_flag(self.countdown, "urgent", False)
            self.hint.setText(self.guidance())
            return
        left = (start.expires_at - now).total_seconds()
        expired = left <= 0
        self.code.show_code(start.otc, expired=expired)
        set_flag(self.countdown, "urgent", expired or left <= URGENT_S)
        if expired:
            self.countdown.setText(
                self.tr("Expired at %1").replace("%1", clock_text(start.expires_at))
            )
            self.hint.setText(self.tr("Press F2 for a new code."))
        else:
            self.countdown.setText(self.tr("Valid for %1").replace("%1", countdown_text(left)))
            self.hint.setText(self.tr("Read it out to the field executive."))


def marketplace_now(skew_s: float | None) -> datetime:
    """The marketplace's clock as far as we know it (OTC expiry times are in its time)."""
    now = datetime.now().astimezone()
    return now + timedelta(seconds=skew_s) if skew_s else now
