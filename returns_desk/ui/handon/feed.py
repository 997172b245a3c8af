"""The hand-on's events, from the desk's bridge to the hand-on view's slots.

The desk's hand-on loop publishes ``OutboxChanged`` and ``HandonProblems`` on its thread;
the bridge brings them to the GUI thread; this re-emits them as two plain signals, and
keeps the last problems so a view opened later shows them at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal, Slot

from returns_desk.errors import ReturnsDeskError
from returns_desk.handon.events import HandonProblems, OutboxChanged
from returns_desk.ui.event_bridge import EventBridge


class HandonFeed(QObject):
    changed = Signal()  # entries were queued, sent, failed or put back
    problems = Signal(object)  # {destination: ReturnsDeskError}; empty: all ready

    def __init__(self, bridge: EventBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_problems: Mapping[str, ReturnsDeskError] = {}
        bridge.delivered.connect(self._on_bridge_delivered)

    @Slot(list)
    def _on_bridge_delivered(self, events: list[object]) -> None:
        changed = False
        for event in events:
            if isinstance(event, OutboxChanged):
                changed = True
            elif isinstance(event, HandonProblems):
                self.last_problems = event.problems
                self.problems.emit(event.problems)
        if changed:
            self.changed.emit()
