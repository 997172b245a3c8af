"""Keep the GUI thread's turn short: the garbage collector on our schedule, a short GIL slice.

- A full (generation 2) collection walks every live container object and holds the GIL
  while it does: with 10,000 parcels in memory that is 20-30 ms during which no thread
  runs (measured in ``bench/scan_latency.py``). So, while the window runs, the objects made
  at start-up are frozen out of collections (at the first tick, a second after the start:
  the 30-50 ms collection before the freeze is not spent before the desk is ready),
  automatic collection is off, the young generations are collected every second (well
  under a millisecond), and the full pass runs only when the clerk has not scanned for a
  while. Reference counting still frees
  everything that is not in a cycle at once; only cyclic garbage waits for a pass.
- Painting calls into Python (delegates, models) many times, and each call must take the
  GIL from the poller thread while it parses pages. Python hands the GIL over every 5 ms by
  default; 1 ms makes the GUI thread wait less each time, at a small cost in throughput.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot


class GcPacer(QObject):
    def __init__(
        self,
        *,
        young_every_ms: int = 1000,
        switch_interval_s: float = 0.001,
        full_after_idle_s: float = 10.0,
        full_every_s: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._full_after_idle_s, self._full_every_s = full_after_idle_s, full_every_s
        self._timer = QTimer(self)
        self._timer.setInterval(young_every_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._last_activity = self._last_full = clock()
        self._was_enabled = True
        self._frozen = False
        self._switch_interval_s = switch_interval_s
        self._previous_switch_interval_s = sys.getswitchinterval()
        self.running = False

    def start(self) -> None:
        """Collect on our schedule; the first tick collects once and freezes what start-up
        made."""
        if self.running:
            return
        self.running = True
        self._was_enabled = gc.isenabled()
        self._previous_switch_interval_s = sys.getswitchinterval()
        sys.setswitchinterval(self._switch_interval_s)
        gc.disable()
        self._last_full = self._clock()
        self._timer.start()

    def stop(self) -> None:
        """Back to Python's own collector and GIL slice (idempotent)."""
        if not self.running:
            return
        self.running = False
        self._timer.stop()
        sys.setswitchinterval(self._previous_switch_interval_s)
        if self._frozen:
            self._frozen = False
            gc.unfreeze()
        if self._was_enabled:
            gc.enable()

    @Slot()
    def activity(self) -> None:
        """The clerk did something (a scan): no full pass for a while."""
        self._last_activity = self._clock()

    @Slot()
    def _on_timer_timeout(self) -> None:
        now = self._clock()
        if not self._frozen:  # the first tick: what start-up made stays out of collections
            gc.collect()
            gc.freeze()
            self._frozen = True
            self._last_full = now
            return
        idle = now - self._last_activity >= self._full_after_idle_s
        if idle and now - self._last_full >= self._full_every_s:
            gc.collect()
            self._last_full = now
        else:
            gc.collect(1)
