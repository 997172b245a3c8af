"""Start OTC: the code in very large digits, a live countdown to expiry, a new code when expired."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

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
        caption = QLabel(self.tr("START OTC"))
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
        self.steps = QLabel(
            self.tr(
                "①  Tell the FE the code    →    ②  The FE types it in the app    →    "
                "③  Scanning opens by itself"
            )
        )
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

    def show_view(self, view: HandoverView, offers_generate: bool) -> None:
        self.header.show_view(view)
        self._start, self._offers = view.start_code, offers_generate
        self.generate.setVisible(offers_generate)

    def expired(self, now: datetime) -> bool:
        return self._start is not None and self._start.expired(now)

    def tick(self, now: datetime) -> None:
        """Update the countdown; ``now`` is the marketplace's time (skew applied)."""
        start = self._start
        if start is None:
            self.code.show_code("")
            self.countdown.setText("")
            set_flag(self.countdown, "urgent", False)
            if self._offers:
                self.hint.setText(
                    self.tr(
                        "Press F2 to generate the Start OTC, then tell it to the field executive."
                    )
                )
            else:
                self.hint.setText(
                    self.tr(
                        "This seller uses a fixed Start OTC: the field executive already has it. "
                        "Scanning starts when he enters it."
                    )
                )
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
