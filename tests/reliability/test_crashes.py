"""kill -9 at seeded points of a vault import, a backup, a restore, a case-log upload
and a reference-export upload (whose copy is in tmp/ while it is read): every committed
file still opens, nothing half-written is visible (a backup is the previous one or a
whole new one; a restore and an import all or nothing; no temporary file once the next
run has started, and none ever in the system's temp folder), and the next run completes
(tests/helpers/crash.py).

Reproduce a failure with its seed: WAYHOME_CRASH_SEED=N pytest tests/reliability.
"""

from __future__ import annotations

import os

import pytest

from tests.helpers import procs

SEED = int(os.environ.get("WAYHOME_CRASH_SEED", "2026"))
POINTS = 12  # per operation: half before a step, half at a time into the run

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork"), reason="kill -9 at chosen points needs fork and SIGKILL (POSIX)"
)


@pytest.mark.parametrize("op", ["import", "backup", "restore", "caselog", "pubs"])
def test_a_kill_at_any_point_loses_nothing_and_the_next_run_completes(tmp_path, op):
    done = procs.run(tmp_path / "data", "crash", op, str(tmp_path), str(SEED), str(POINTS))
    assert done.code == 0, done.err[-3000:]
    result = done.json()
    at_steps = [p for p in result["points"] if "step" in p]
    assert len(at_steps) == POINTS // 2 and all(p["killed"] for p in at_steps)
    failed = [p for p in result["points"] if p["problems"]]
    assert failed == [], f"seed {SEED}, {result['steps']} steps: {failed}"
