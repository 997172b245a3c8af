"""Child of the exactly-once test: run the outbox processor flat out until it is killed.

Credentials come from the environment (``RETURNS_DESK_OMNI_*``, ``RETURNS_DESK_POS_*``), the
settings from a JSON file. Prints ``ready`` once it starts sending and ``done`` when nothing
is left; exits 0 then.

    python outbox_child.py DATA_DIR SETTINGS_JSON
"""

from __future__ import annotations

import json
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from returns_desk.handon import Backoff, HandonSettings, OutboxProcessor, build_senders
from returns_desk.store import Store

BACKOFF = Backoff(base_s=0.005, cap_s=0.05, max_attempts=50)


def main(data: str, settings_file: str) -> None:
    settings = HandonSettings.from_dict(json.loads(Path(settings_file).read_text("utf-8")))
    senders, problems = build_senders(settings)
    assert not problems, problems
    with Store.open(data) as store:
        processor = OutboxProcessor(store, senders, backoff=BACKOFF, rng=random.Random())
        sys.stdout.write(f"ready {len(processor.recover())}\n")
        sys.stdout.flush()
        far = datetime(9999, 1, 1, tzinfo=UTC)
        while store.due_outbox(far, limit=1):
            time.sleep(min(processor.run_due(), 0.05))
        processor.close()
    sys.stdout.write("done\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
