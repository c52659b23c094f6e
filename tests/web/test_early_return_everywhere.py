"""One profile (the do-the-math example, residency to 30 Jun 2027), three shells: a return
before US training ends is said in the same words by `wayhome scenarios` (text and
--json), `wayhome money`, `wayhome whatif` (text and --json), the scenarios page and the
dashboard's slider; the words are the core's (core/planner/early.py). The stays planned
around the plan's return, left out for another, are said alike too."""

from __future__ import annotations

import json
from datetime import date

import pytest
import yaml
from django.utils import timezone

from tests.helpers.cli import flatten, run
from tests.web.markup import html_of
from wayhome.adapters.profiles import example_path

ON = "2026-12-05"
EARLY = (
    "A return on 1 Mar 2027 is before your US training ends (30 Jun 2027), so it means "
    "leaving it early: ask the regulator first whether US training you leave unfinished "
    "still counts."
)
STAYS = (
    "Wayhome takes your stays after 5 Dec 2026 as planned around your return on 1 Jul "
    "2028, so for a return on {} it leaves them out: the visa clocks count you in the US "
    "until that return and at home from it."
)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))


def _cell(page: str, row: str, column: int) -> str:
    """One cell of the scenarios table: the row named ``row``, the ``column``-th scenario."""
    cells = page.split(f'<th scope="row">{row}', 1)[1].split("</tr>", 1)[0].split("<td>")
    return cells[column + 1].split("</td>", 1)[0]


def test_a_scenario_back_before_training_ends_says_so_in_every_shell(owner, client_for, today):
    as_json = json.loads(run("scenarios", "--example", "do-the-math", "--on", ON, "--json").output)
    by_id = {o["id"]: o for o in as_json}
    back = by_id["back-before-the-window-closes"]
    assert back["return_date"] == "2027-03-01"
    assert back["before_training_ends"] == EARLY
    assert back["stays_note"] == STAYS.format("1 Mar 2027")
    plan = by_id["your-plan"]
    assert (plan["return_date"], plan["before_training_ends"], plan["stays_note"]) == (
        "2028-07-01",
        None,
        None,
    )
    text = flatten(run("scenarios", "--example", "do-the-math", "--on", ON).output)
    assert f"Back before the exam window closes: {EARLY}" in text
    assert text.count("before US training ends: see below") == 1
    assert f"Back before the exam window closes, visa clocks: {STAYS.format('1 Mar 2027')}" in (
        text
    )

    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/scenarios/"))
    column = [o["id"] for o in as_json].index("back-before-the-window-closes")
    assert "1 Mar 2027" in _cell(page, "Return", column) and EARLY in _cell(page, "Return", column)
    assert EARLY not in _cell(page, "Return", 0)  # the plan's own column
    assert page.count(EARLY) == 1
    assert STAYS.format("1 Mar 2027") in _cell(page, "Visa clocks", column)


def test_money_says_it_beside_the_scenario(tmp_path):
    # The example's early scenario, given money figures, is listed by `wayhome money`.
    data = yaml.safe_load(example_path("do-the-math").read_text())
    [back] = [s for s in data["scenarios"] if s["id"] == "back-before-the-window-closes"]
    back["money"] = data["money"]
    mine = tmp_path / "me.yaml"
    mine.write_text(yaml.safe_dump(data))
    money = {m["id"]: m for m in json.loads(run("money", str(mine), "--on", ON, "--json").output)}
    assert money["back-before-the-window-closes"]["return_date"] == "2027-03-01"
    assert money["back-before-the-window-closes"]["before_training_ends"] == EARLY
    assert money["your-plan"]["before_training_ends"] is None
    assert EARLY in flatten(run("money", str(mine), "--on", ON).output)


@pytest.mark.parametrize(
    ("shift", "day", "back", "is_early"),
    [(-13, "2027-06-01", "1 Jun 2027", True), (-12, "2027-07-01", "1 Jul 2027", False)],
    ids=["a-month-before-it-ends", "the-day-after-it-ends"],
)
def test_the_slider_and_whatif_say_when_a_return_leaves_training_early(
    owner, client_for, today, shift, day, back, is_early
):
    # The plan returns on 1 Jul 2028: 13 months earlier is 1 Jun 2027, within the
    # residency; 12 months earlier, 1 Jul 2027, the first day after it.
    as_json = json.loads(
        run(
            "whatif", "--example", "do-the-math", "--on", ON, "--from", day, "--to", day, "--json"
        ).output
    )
    assert as_json["training_ends"] == "2027-06-30"
    assert as_json["planned_return"] == "2028-07-01"
    early = as_json["before_training_ends"]
    text = flatten(
        run("whatif", "--example", "do-the-math", "--on", ON, "--from", day, "--to", day).output
    )

    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/whatif/?m={shift}"))
    assert f"Returning on {back}" in page
    if is_early:
        assert early == EARLY.replace("1 Mar 2027", back)
        assert early in text
        assert f'<p class="warn" data-early>{early}</p>' in page
    else:
        assert early is None
        assert "before your US training ends" not in text
        assert "data-early" not in page
    # The stays planned around 1 Jul 2028 are left out for this return, and said.
    assert as_json["stays_note"] == STAYS.format("any other day")
    assert as_json["stays_note"] in text
    assert STAYS.format(back) in page
    assert "data-stays-note" not in html_of(client_for(user).get(f"/p/{row.pk}/whatif/?m=0"))
