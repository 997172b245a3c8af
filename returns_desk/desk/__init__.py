"""The desk core: one Qt-free run of Returns Desk and the events it publishes.

``Desk`` is the composition root (store, engine, loops, hand-on, record keeping); ``bus``
delivers the typed events of ``workflow.events`` and ``handon.events`` (and ``LoopFailed``)
to whoever subscribed: the Qt screens through one bridge, the CLI, benches and tests directly.
See docs/architecture.md.
"""

from returns_desk.desk.bus import EventBus, Subscription
from returns_desk.desk.loops import EngineLoop, HandonLoop, LoopFailed
from returns_desk.desk.runtime import ClientFactory, Desk, LoopTimings, engine_config

__all__ = [
    "ClientFactory",
    "Desk",
    "EngineLoop",
    "EventBus",
    "HandonLoop",
    "LoopFailed",
    "LoopTimings",
    "Subscription",
    "engine_config",
]
