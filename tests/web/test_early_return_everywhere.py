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
from django.contrib.auth.models import User
from django.utils import timezone

from tests.helpers.cli import flatten, run
from tests.web.markup import html_of
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.core.common import dates

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


def test_money_says_it_beside_the_scenario_in_the_terminal_and_on_its_page(
    tmp_path, owner, client_for, today
):
    # The example's early scenario, given money figures, is listed by `wayhome money`;
    # the money page of each scenario says what the command says for it.
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

    user = User.objects.create_user("saver", password="correct horse battery")
    prof, _ = load_profile(mine)
    row = StoredProfile.objects.create(owner=user, data=to_data(prof))
    for said in money.values():
        page = html_of(client_for(user).get(f"/p/{row.pk}/money/?scenario={said['id']}"))
        day = dates.fmt(date.fromisoformat(said["return_date"]))
        assert f"with the return on {day}." in page, said["id"]
        early = said["before_training_ends"]
        if early is None:
            assert "data-early" not in page, said["id"]
        else:
            assert page.count(early) == 1
            assert f'<p class="warn" data-early>{early}</p>' in page
    # In the example as it is, that scenario has no money figures yet: its page says it
    # all the same, since it is about the return, not the figures.
    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/money/?scenario={back['id']}"))
    assert "No money figures yet" in page
    assert f'<p class="warn" data-early>{EARLY}</p>' in page


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


@pytest.mark.parametrize(
    ("back", "is_early"),
    [("2027-06-30", True), ("2027-07-01", False)],
    ids=["on-its-last-day", "the-day-after"],
)
def test_the_planned_return_is_said_above_the_cards_in_every_shell(
    tmp_path, db, client_for, today, back, is_early
):
    # The do-the-math residency ends on 30 Jun 2027, a day of training: a plan back that
    # day leaves it early, one back the next day does not. The verdict says it once,
    # above the cards, in `wayhome assess` (in full, --brief, --json), `wayhome
    # timeline` (text, --json) and the dashboard.
    data = yaml.safe_load(example_path("do-the-math").read_text())
    data["plan"]["return_date"] = back
    mine = tmp_path / "me.yaml"
    mine.write_text(yaml.safe_dump(data))
    said = EARLY.replace("1 Mar 2027", "30 Jun 2027") if is_early else None

    assessed = json.loads(run("assess", str(mine), "--on", ON, "--json").output)
    assert assessed["verdict"]["return_date"] == back
    assert assessed["verdict"]["before_training_ends"] == said
    planned = json.loads(run("timeline", str(mine), "--on", ON, "--json").output)
    assert planned["before_training_ends"] == said
    texts = {
        " ".join(how): flatten(run(*how, str(mine), "--on", ON).output)
        for how in (("assess",), ("assess", "--brief"), ("timeline",))
    }

    user = User.objects.create_user("planner", password="correct horse battery")
    prof, _ = load_profile(mine)
    row = StoredProfile.objects.create(owner=user, data=to_data(prof))
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    assert f"return on <strong>{dates.fmt(date.fromisoformat(back))}</strong>" in page

    if said is None:
        # (A conflict's fix may still say that returning by its deadline would be early.)
        assert "training you leave unfinished" not in page
        assert "data-early" not in page
        for how, text in texts.items():
            assert "training you leave unfinished" not in text, how
        return
    # Said once in each, before the first card.
    for how, text in texts.items():
        assert text.count(said) == 1, how
    assert texts["assess"].index(said) < texts["assess"].index("XX Exampleland")
    assert texts["timeline"].index(said) < texts["timeline"].index("What does not fit")
    assert page.count(said) == 1
    assert f'<p class="warn" data-early>{said} <a href=' in page
    assert page.index("data-early") < page.index('data-code="XX"')
