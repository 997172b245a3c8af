"""One event bus per run: the core publishes typed events, adapters subscribe by type.

Delivery is synchronous, in the publishing thread (the engine publishes under its lock, so
the order of events is the order of the changes). A subscriber must therefore be cheap: it
hands the event on (a queue, a flag, a queued Qt signal) and returns. A subscriber that
raises is logged and the others still get the event: one broken screen never stops a scan.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

log = logging.getLogger(__name__)

E = TypeVar("E")
Handler = Callable[[Any], None]


class Subscription:
    """What ``subscribe`` returns: ``cancel()`` stops the deliveries (idempotent)."""

    def __init__(self, bus: EventBus, kinds: tuple[type, ...], handler: Handler) -> None:
        self._bus, self.kinds, self.handler = bus, kinds, handler

    def cancel(self) -> None:
        self._bus._remove(self)


class EventBus:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscriptions: tuple[Subscription, ...] = ()

    def subscribe(
        self, kinds: type[E] | tuple[type, ...], handler: Callable[[E], None]
    ) -> Subscription:
        """Call ``handler(event)`` for every event that is an instance of ``kinds``."""
        wanted = kinds if isinstance(kinds, tuple) else (kinds,)
        subscription = Subscription(self, wanted, handler)
        with self._lock:
            self._subscriptions = (*self._subscriptions, subscription)
        return subscription

    def publish(self, event: object) -> None:
        """Deliver ``event`` to its subscribers, in the order they subscribed."""
        for subscription in self._subscriptions:  # a tuple: replaced, never changed in place
            if isinstance(event, subscription.kinds):
                try:
                    subscription.handler(event)
                except Exception:  # a subscriber's bug: logged, the publisher carries on
                    log.exception("a subscriber of %s failed", type(event).__name__)

    def _remove(self, subscription: Subscription) -> None:
        with self._lock:
            self._subscriptions = tuple(s for s in self._subscriptions if s is not subscription)
