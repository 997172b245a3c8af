"""1,000 returns through both destinations, 20 % failures, the sender killed twice mid-way.

The processor runs in a child process; the stand-ins record every return they accept. The
first child is killed (SIGKILL) while Omni holds the answer to a return it has recorded,
the second while the POS does: both times the killed attempt's outcome is unknown to the
store. A third processor (in this process) finishes. Every return must have been recorded
exactly once by each destination.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from returns_desk.handon import OutboxProcessor, enqueue_for_completed_handover
from returns_desk.handon.processor import Backoff
from returns_desk.handon.wiring import build_senders
from returns_desk.sandbox.destinations import DestinationStandIns
from returns_desk.store import OutboxStatus, Store
from tests.handon.conftest import received_session, records_for, site_settings

CHILD = Path(__file__).with_name("outbox_child.py")
ROOT = Path(__file__).parents[2]
RETURNS = 1000
ENV = {
    "RETURNS_DESK_OMNI_USERNAME": "omni-user",
    "RETURNS_DESK_OMNI_PASSWORD": "omni-pass",
    "RETURNS_DESK_POS_USERNAME": "pos-user",
    "RETURNS_DESK_POS_PASSWORD": "pos-pass",
}


def _start_child(data: Path, settings_file: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, **ENV}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(data), str(settings_file)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )


def _kill_while_held(proc: subprocess.Popen[bytes], stand_ins: DestinationStandIns) -> str:
    """Wait until the stand-in holds an answer, SIGKILL the child, let the answer go."""
    assert proc.stdout is not None
    first = proc.stdout.readline().decode()
    if not first.startswith("ready"):
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"the child did not start: {first}{err.decode()}")
    if not stand_ins.holding.wait(30):
        proc.kill()
        _, err = proc.communicate(timeout=10)
        pytest.fail(f"no answer was held: {err.decode()}")
    proc.kill()  # SIGKILL: no cleanup; the held return is recorded, its answer never read
    proc.communicate(timeout=10)
    stand_ins.holding.clear()
    stand_ins.release()
    return first


@pytest.mark.slow
def test_every_return_reaches_each_destination_exactly_once(tmp_path: Path) -> None:
    seed = random.randrange(2**32)
    data = tmp_path / "data"
    parcels = [f"FMPR{n:08d}" for n in range(RETURNS)]
    with DestinationStandIns() as stand_ins:
        for behaviour in (stand_ins.omni, stand_ins.pos):
            behaviour.failure_rate = 0.15  # refused before anything is recorded
            behaviour.commit_then_fail_rate = 0.05  # recorded, then answered 500
            behaviour.reseed(f"{seed}-{behaviour is stand_ins.pos}")
        stand_ins.omni.failure_status = 500
        stand_ins.pos.failure_status = 503
        settings = site_settings(stand_ins)
        settings_file = tmp_path / "handon.json"
        settings_file.write_text(json.dumps(settings.to_dict()), encoding="utf-8")

        with Store.open(data) as store:
            session = received_session(store, parcels)
            with store.transaction():
                store.close_session(session, state="COMPLETED")
                items = enqueue_for_completed_handover(
                    store, session, settings, records_for(parcels)
                )
            assert len(items) == 2 * RETURNS

        stand_ins.omni.hold_after_accepts = RETURNS // 3
        first = _kill_while_held(_start_child(data, settings_file), stand_ins)
        assert first == "ready 0\n"
        stand_ins.omni.hold_after_accepts = None
        stand_ins.pos.hold_after_accepts = 2 * RETURNS // 3
        second = _kill_while_held(_start_child(data, settings_file), stand_ins)
        assert second.startswith("ready ") and int(second.split()[1]) >= 1, second
        stand_ins.pos.hold_after_accepts = None

        with Store.open(data) as store:
            senders, problems = build_senders(settings, environ=ENV)
            assert not problems
            processor = OutboxProcessor(
                store, senders, backoff=Backoff(0.005, 0.05, 50), rng=random.Random(seed)
            )
            in_doubt = processor.recover()
            assert len(in_doubt) >= 1, f"the POS answer held at the kill (seed {seed})"
            deadline = time.monotonic() + 60
            far = datetime(9999, 1, 1, tzinfo=UTC)
            while store.due_outbox(far, limit=1) and time.monotonic() < deadline:
                time.sleep(min(processor.run_due(), 0.05))
            processor.close()
            statuses = {i.status for i in store.outbox()}
            assert statuses == {OutboxStatus.SENT}, f"seed {seed}"

        for destination, keys in (
            ("omni", {f"R-{p}" for p in parcels}),
            ("pos", {f"SP-{p}" for p in parcels}),
        ):
            accepted = stand_ins.accepted(destination)
            assert set(accepted) == keys, f"{destination}: missing (seed {seed})"
            twice = {k: n for k, n in accepted.items() if n != 1}
            assert not twice, f"{destination} recorded returns twice: {twice} (seed {seed})"
            outcomes = stand_ins.outcomes(destination)
            print(destination, dict(outcomes))
            assert outcomes["failed"] > RETURNS * 0.1, outcomes  # the failures did happen
            assert outcomes["duplicate_rejected"] > 0, outcomes  # answers lost after recording
        assert stand_ins.server_errors == []
