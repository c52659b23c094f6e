"""One answer everywhere: on 5 Dec 2026 the do-the-math example's latest safe return hangs
on the sitting on 15 Mar 2027, whose registration closes on 15 Dec 2026. That day is the
card's Exam line and its Next line in `wayhome assess` (text and --json), the task and the
checklist in `wayhome timeline` (text and --json), the last-day event of its calendar
(.ics), and the dashboard's card, next actions, chart, task list, checklist and calendar
download: the plan carries the task (core/planner/tasks.py, register.in_window), and
every shell shows it.

The plan's own sitting moves the same way everywhere: registration for Sep 2028 closes on
1 Jun 2028 and is still open that day; from 2 Jun 2028 the exam, its study, register and
sit tasks, the checklist and the calendar all count on Mar 2029, closing 1 Dec 2028.
Unless you registered for it (the profile's plan.registered): then every shell keeps it
and says so, as it does for the sitting on 15 Mar 2027 once its registration closed."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from tests.helpers.cli import flatten, run
from tests.web.markup import html_of
from wayhome.core.common import dates

ON = "2026-12-05"
TASK = "register:XX:xx-conversion-exam:2027-03-15"
TITLE = "Register for Specialist Conversion Examination (sitting on 15 Mar 2027)"
CLOSES = date(2026, 12, 15)
WORDS = "15 Dec 2026"
REASON = f"it must finish by {WORDS} (registration for the sitting on 15 Mar 2027 closes)"


def _last_day(ics: bytes, title: str = TITLE) -> date:
    """The day of the calendar's event for the last day to register."""
    events = [e for e in Calendar.from_ical(ics).walk("VEVENT")]
    found = [e for e in events if str(e["SUMMARY"]) == f"Last day: {title}"]
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


OWN = "register:XX:xx-conversion-exam"  # the plan's own sitting, after the 1 Jul 2028 return


@pytest.mark.parametrize(
    ("on", "label", "month", "closes"),
    [
        pytest.param("2028-06-01", "2028-09", "Sep 2028", date(2028, 6, 1), id="closing-day"),
        pytest.param("2028-06-02", "2029-03", "Mar 2029", date(2028, 12, 1), id="the-day-after"),
    ],
)
def test_every_shell_plans_the_first_sitting_still_open(
    on, label, month, closes, owner, client_for, monkeypatch, tmp_path
):
    example = ("--example", "do-the-math", "--on", on)
    title = f"Register for Specialist Conversion Examination (sitting in {month})"
    sit = f"Sit Specialist Conversion Examination ({month})"
    words = dates.fmt(closes)

    # wayhome assess --json: the exam's sitting and its last day to register.
    report = json.loads(run("assess", *example, "--json").output)
    exam = report["assessments"][0]["exams"][0]
    assert (exam["planned_sitting"], exam["registration_deadline"]) == (label, closes.isoformat())
    found = next(f for f in report["assessments"][0]["findings"] if f["rule"] == exam["rule"])
    assert (found["status"], found["plan"], found["deadline"]) == (
        "tight",
        label,
        closes.isoformat(),
    )

    # wayhome timeline and its JSON: the register and sit tasks of that sitting, due then.
    text = flatten(run("timeline", *example, columns=200).output)
    assert title in text and sit in text
    assert f"Home exams passed: each exam your target regulators set — due {words}" in text
    plan = json.loads(run("timeline", *example, "--json").output)
    tasks = {t["id"]: t for t in plan["tasks"]}
    assert (tasks[OWN]["title"], tasks[OWN]["due"]) == (title, closes.isoformat())
    assert tasks["sit:XX:xx-conversion-exam"]["title"] == sit
    assert tasks[OWN]["status"] != "late"
    ics = tmp_path / "plan.ics"
    assert run("timeline", *example, "--ics", str(ics)).exit_code == 0
    assert _last_day(ics.read_bytes(), title) == closes

    # The dashboard on the same day: the task, the chart, the checklist and the calendar.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(on))
    user, row = owner
    client = client_for(user)
    page = html_of(client.get(f"/p/{row.pk}/"))
    row_html = page[page.index('id="task-registerxxxx-conversion-exam"') :]
    assert title in row_html[: row_html.index("</li>")]
    assert sit in page and f"last day {words}" in page
    checklist = page[page.index('data-item="exams"') :]
    assert f"due {words}" in checklist[: checklist.index("</li>")]
    assert _last_day(client.get(f"/p/{row.pk}/calendar.ics").content, title) == closes


def test_every_shell_says_you_registered_once_registration_has_closed(
    owner, client_for, monkeypatch, tmp_path
):
    # The same profile, registered for the sitting on 15 Mar 2027 (plan.registered), the
    # day after its registration closed: a file for the CLI, the stored one for the web.
    user, row = owner
    row.data["plan"]["registered"] = [{"exam": "xx-conversion-exam", "sitting": "2027-03-15"}]
    row.save()
    path = tmp_path / "me.json"  # JSON is YAML: the stored data, as a file
    path.write_text(json.dumps(row.data), encoding="utf-8")
    on = (CLOSES + timedelta(days=1)).isoformat()
    said = (
        "You registered for Specialist Conversion Examination on 15 Mar 2027: it is the last "
        "sitting by 29 Jun 2027, and your latest safe return hangs on it."
    )

    # wayhome schema profile: where a profile file says it.
    schema = json.loads(run("schema", "profile").output)["$defs"]
    plan = next(v for k, v in schema.items() if k.lower() == "plan")["properties"]
    assert "registered" in plan

    # wayhome assess (--json and text), and the timeline: no task to register for it.
    card = json.loads(run("assess", str(path), "--on", on, "--json").output)["verdict"]
    card = card["targets"][0]
    assert card["latest_safe_return"]["date"] == "2027-03-15"
    assert (card["registration"]["registered"], card["registration"]["text"]) == (True, said)
    assert said in flatten(run("assess", str(path), "--on", on, columns=200).output)
    tasks = json.loads(run("timeline", str(path), "--on", on, "--json").output)["tasks"]
    assert TASK not in {t["id"] for t in tasks}

    # The dashboard on the same day.
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(on))
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    registration = re.search(r'<dd data-field="registration"[^>]*>([^<]*)</dd>', page)
    assert registration is not None and said in " ".join(registration.group(1).split())
    assert 'data-task="' + TASK not in page


def test_every_shell_keeps_the_own_sitting_you_registered_for(
    owner, client_for, monkeypatch, tmp_path
):
    # Registered for Sep 2028, whose registration closed on 1 Jun 2028: on 2 Jun 2028 the
    # exam is still planned for it (not Mar 2029), and each shell says you registered.
    user, row = owner
    row.data["plan"]["registered"] = [
        {"exam": "Specialist Conversion Examination", "sitting": "2028-09"}
    ]
    row.save()
    path = tmp_path / "me.json"
    path.write_text(json.dumps(row.data), encoding="utf-8")
    on = "2028-06-02"

    report = json.loads(run("assess", str(path), "--on", on, "--json").output)
    exam = report["assessments"][0]["exams"][0]
    assert (exam["planned_sitting"], exam["planned_sitting_registered"]) == ("2028-09", True)
    text = flatten(run("assess", str(path), "--on", on, columns=200).output)
    assert "You registered for it, so its registration (its last day: 1 Jun 2028) is done." in text
    tasks = json.loads(run("timeline", str(path), "--on", on, "--json").output)["tasks"]
    assert OWN not in {t["id"] for t in tasks}

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(on))
    page = html_of(client_for(user).get(f"/p/{row.pk}/targets/XX/"))
    registered = re.search(r'<dd data-field="registered">([^<]*)</dd>', page)
    assert registered is not None
    assert " ".join(registered.group(1).split()) == "you registered (its last day: 1 Jun 2028)"
