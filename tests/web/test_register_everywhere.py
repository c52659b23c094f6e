"""One answer everywhere: on 5 Dec 2026 the do-the-math example's latest safe return hangs
on the sitting on 15 Mar 2027, whose registration closes on 15 Dec 2026. That day is the
card's Exam line and its Next line in `wayhome assess` (text and --json), the task and the
checklist in `wayhome timeline` (text and --json), the last-day event of its calendar
(.ics), and the dashboard's card, next actions, chart, task list, checklist and calendar
download: the plan carries the task (core/planner/tasks.py, register.in_window), and
every shell shows it."""

from __future__ import annotations

import json
import re
from datetime import date

from django.utils import timezone
from icalendar import Calendar

from tests.helpers.cli import flatten, run
from tests.web.markup import html_of

ON = "2026-12-05"
TASK = "register:XX:xx-conversion-exam:2027-03-15"
TITLE = "Register for Specialist Conversion Examination (sitting on 15 Mar 2027)"
CLOSES = date(2026, 12, 15)
WORDS = "15 Dec 2026"
REASON = f"it must finish by {WORDS} (registration for the sitting on 15 Mar 2027 closes)"


def _last_day(ics: bytes) -> date:
    """The day of the calendar's event for the last day to register."""
    events = [e for e in Calendar.from_ical(ics).walk("VEVENT")]
    found = [e for e in events if str(e["SUMMARY"]) == f"Last day: {TITLE}"]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in events]
    return found[0].decoded("DTSTART")


def test_every_shell_says_the_same_last_day_to_register(owner, client_for, monkeypatch, tmp_path):
    example = ("--example", "do-the-math", "--on", ON)

    # wayhome assess --json: the card's registration and its next action, and the first
    # of the next actions, on one day.
    verdict = json.loads(run("assess", *example, "--json").output)["verdict"]
    card = verdict["targets"][0]
    assert card["registration"]["closes"] == CLOSES.isoformat()
    assert (card["next_action"]["task"], card["next_action"]["due"]) == (TASK, "2026-12-15")
    assert card["next_action"]["when"] == f"by {WORDS}"
    assert verdict["next_actions"][0] == card["next_action"]

    # wayhome assess: the Exam line and the Next line.
    text = flatten(run("assess", *example, columns=200).output)
    assert f"Exam Register for Specialist Conversion Examination by {WORDS} (in 10 days)" in text
    assert f"Next {TITLE} — by {WORDS}" in text

    # wayhome timeline: the task with its last day, and the checklist due then; its JSON.
    text = flatten(run("timeline", *example, columns=200).output)
    assert f"{TITLE} as soon as possible: from 5 Dec 2026" in text and REASON in text
    assert f"Home exams passed: each exam your target regulators set — due {WORDS}" in text
    plan = json.loads(run("timeline", *example, "--json").output)
    task = next(t for t in plan["tasks"] if t["id"] == TASK)
    assert (task["title"], task["due"], task["status"]) == (TITLE, "2026-12-15", "planned")
    exams = next(i for i in plan["checklist"] if i["id"] == "exams")
    assert exams["due"] == "2026-12-15"

    # The calendar: an all-day event on the last day.
    ics = tmp_path / "plan.ics"
    assert run("timeline", *example, "--ics", str(ics)).exit_code == 0
    assert _last_day(ics.read_bytes()) == CLOSES

    # The dashboard on the same day.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))
    user, row = owner
    client = client_for(user)
    page = html_of(client.get(f"/p/{row.pk}/"))
    registration = re.search(r'<dd data-field="registration"[^>]*>([^<]*)</dd>', page)
    assert registration is not None and f"by {WORDS} (in 10 days)" in registration.group(1)
    nxt = re.search(r'<dd data-field="next">([^<]*)<span[^>]*>([^<]*)</span>', page)
    assert nxt is not None and (nxt.group(1).strip(), nxt.group(2)) == (TITLE, f"by {WORDS}")
    first = re.search(r'data-task="([^"]+)"', page)
    assert first is not None and first.group(1) == TASK  # the first of the next actions
    row_html = page[page.index('id="task-registerxxxx-conversion-exam2027-03-15"') :]
    assert REASON in row_html[: row_html.index("</li>")]
    assert f"last day {WORDS}" in page  # on the timeline chart
    checklist = page[page.index('data-item="exams"') :]
    assert f"due {WORDS}" in checklist[: checklist.index("</li>")]
    assert _last_day(client.get(f"/p/{row.pk}/calendar.ics").content) == CLOSES
