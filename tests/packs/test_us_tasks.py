"""The US pack's own task: keeping the board certificate current (the US-doors calendar)."""

from tests.helpers import profile
from tests.helpers.plans import plan_for


def test_the_us_pack_replaces_the_guides_board_maintenance_with_its_sourced_task():
    prof = profile(
        board_certifications=[
            {"board": "ABIM", "specialty": "internal-medicine", "certified": "2024-08-20"}
        ],
        visa={"type": "J-1", "start": "2020-12-20"},
        plan={"return_date": "2026-07-01"},
    )
    tasks = [t for t in plan_for(prof).tasks if t.id.startswith("board-maintenance")]
    assert tasks, "the yearly board-maintenance task is planned"
    assert all(t.spec.category.value == "us-doors" for t in tasks)
    assert all("continuing certification" in t.spec.title for t in tasks)
    assert all("1 Jan 2024" in t.spec.why for t in tasks)
