"""The one bridge from the desk's events (published on any thread) to the GUI thread.

``publish`` is subscribed to the desk's bus: it appends the event to a queue and, the first
time since the last delivery, posts one queued call, so however many events arrive in a
frame they cost the GUI one wake-up and are delivered in one batch, in the order the core
published them. ``flush`` delivers what is queued at once: the scan path calls it so that
the clerk sees the scan's own event in the same call that made it.
"""

from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, Qt, Signal, Slot

from returns_desk.desk import EventBus, Subscription


class EventBridge(QObject):
    """Every event of the bus, re-emitted on the GUI thread as ``delivered(list)``."""

    delivered = Signal(list)  # the events since the last delivery, oldest first
    _poked = Signal()

    def __init__(self, bus: EventBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._queue: deque[object] = deque()
        self._posted = False
        self._closed = False
        self._poked.connect(self._on_self_poked, Qt.ConnectionType.QueuedConnection)
        self._subscription: Subscription = bus.subscribe(object, self.publish)

    def publish(self, event: object) -> None:
        """The bus's subscriber: any thread, cheap, never blocks on the GUI."""
        with self._lock:
            if self._closed:
                return
            self._queue.append(event)
            if self._posted:
                return
            self._posted = True
        self._poked.emit()

    @Slot()
    def flush(self) -> None:
        """Deliver what is queued now (GUI thread)."""
        with self._lock:
            self._posted = False
            if not self._queue:
                return
            events = list(self._queue)
            self._queue.clear()
        self.delivered.emit(events)

    def close(self) -> None:
        """No more deliveries (the window is closing)."""
        self._subscription.cancel()
        with self._lock:
            self._closed = True
            self._queue.clear()

    @Slot()
    def _on_self_poked(self) -> None:
        self.flush()
