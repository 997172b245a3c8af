"""Events as the engine publishes them, for tests of their subscribers."""

from __future__ import annotations

from returns_desk.api.states import Lob, TaskState
from returns_desk.workflow.events import HandoverCompleted
from returns_desk.workflow.handover import HandoverView
from returns_desk.workflow.reconcile import Counts


def completed_view(session_id: int) -> HandoverView:
    return HandoverView(
        session_id=session_id,
        location_id="LOC1",
        fe_id="FE1",
        task_id="T1",
        fe_name="FE one",
        logistic_partner="",
        lob=Lob.NON_LARGE,
        state=TaskState.COMPLETED,
        state_raw="",
        present=False,
        counts=Counts(),
        start_code=None,
        end=None,
        drained=True,
        last_synced_at=None,
        next_poll_at=None,
        last_error=None,
    )


def completed_event(session_id: int, seq: int = 1) -> HandoverCompleted:
    return HandoverCompleted(seq, completed_view(session_id))
