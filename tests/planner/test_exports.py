"""Calendar, chart and PDF exports, read back by independent tools."""

from datetime import UTC, date, datetime
from io import BytesIO

import vobject
from pypdf import PdfReader

from tests.helpers import all_packs
from tests.helpers.cli import flatten, run
from tests.helpers.plans import ON, plan_for
from wayhome.adapters.exporters import chart, ics, pdf
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.results import TaskStatus
from wayhome.core.rules import engine

STAMP = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def _example(return_date: str | None = None):
    prof, _ = load_profile(example_path("do-the-math"))
    if return_date:
        prof = prof.with_return_date(date.fromisoformat(return_date))
    return prof


def _parse(data: bytes):
    return vobject.readOne(data.decode("utf-8"))


def test_an_independent_parser_reads_the_calendar():
    plan = plan_for(_example())
    data, _ = ics.export(plan, {}, STAMP, todo=True)
    cal = _parse(data)
    assert cal.prodid.value.startswith("-//Wayhome//")
    assert cal.method.value == "PUBLISH"
    events = {e.uid.value: e for e in cal.vevent_list}
    # An event per task, and one more on the last day of each registration to do.
    closing = [t for t in plan.tasks if t.spec.closing and t.status is not TaskStatus.DONE]
    assert len(closing) == 2  # the in-window sitting's and the plan's own
    assert len(events) == len(plan.tasks) + len(closing)
    last = events[ics.uid(plan, "register:XX:xx-conversion-exam:2027-03-15", "closes")]
    assert last.dtstart.value == date(2026, 12, 15) and last.valarm.trigger.value.days == -7
    assert last.summary.value == (
        "Last day: Register for Specialist Conversion Examination (sitting on 15 Mar 2027)"
    )
    sitting = events[ics.uid(plan, "sit:XX:xx-conversion-exam")]
    assert sitting.summary.value == "Sit Specialist Conversion Examination (Sep 2028)"
    # All-day: a date, not a time; Sep 2028 counts as held on its last day, as in assess.
    assert sitting.dtstart.value == date(2028, 9, 30)
    assert sitting.valarm.trigger.value.days == -7
    todos = cal.vtodo_list
    assert {t.summary.value for t in todos} >= {"Study for Specialist Conversion Examination"}


def test_exporting_twice_keeps_uids_and_sequence():
    plan = plan_for(_example())
    first, state = ics.export(plan, {}, STAMP)
    second, state2 = ics.export(plan, state, STAMP)
    assert first == second
    assert state == state2


def test_a_new_return_date_changes_dates_and_sequence_not_uids():
    plan = plan_for(_example())
    _, state = ics.export(plan, {}, STAMP)
    later = plan_for(_example("2028-10-01"))
    data, _ = ics.export(later, state, STAMP)
    events = {e.uid.value: e for e in _parse(data).vevent_list}
    ret = events[ics.uid(plan, "return")]
    assert ret.dtstart.value == date(2028, 10, 1)
    assert int(ret.sequence.value) == 1
    unchanged = events[ics.uid(plan, "deadline:XX:xx-exam-graduation-window")]
    assert int(unchanged.sequence.value) == 0
    assert ics.uid(plan, "return") == ics.uid(later, "return")


def test_the_chart_marks_today_the_return_and_every_task():
    plan = plan_for(_example())
    svg = chart.svg(plan)
    assert "Today 24 Nov 2026" in svg and "Return 1 Jul 2028" in svg
    assert "(CONFLICT)" in svg and "(LATE)" in svg  # status in words, not colour alone
    shown = [t for t in plan.tasks if t.status is not TaskStatus.SKIPPED]
    bars = [t for t in shown if not t.spec.milestone]
    assert svg.count('rx="2"') == len(bars)  # one bar per task with a length
    assert svg.count("<polygon") == len(shown) - len(bars)  # a diamond per milestone
    hatched = [t for t in bars if t.status in (TaskStatus.CONFLICT, TaskStatus.LATE)]
    assert hatched and svg.count('fill="url(#hatch)"') == len(hatched)
    # A registration still to do says its last day, with a tick on it.
    assert "Register for Specialist Conversion… · last day 15 Dec 2026" in svg
    assert "Register for Specialist Conversion… · last day 1 Jun 2028" in svg
    png = chart.png(svg)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 20_000


def test_the_pdf_shows_the_plan_the_checklist_and_the_arithmetic():
    prof = _example()
    packs = all_packs()
    report = engine.assess(prof, packs, ON)
    plan = plan_for(prof)
    text = " ".join(
        p.extract_text()
        for p in PdfReader(BytesIO(pdf.render(plan, report, prof, warnings=()))).pages
    )
    text = " ".join(text.split())
    assert "Your return plan" in text
    assert "What does not fit" in text and "Fix: return by 15 Mar 2027" in text
    assert "the 12–24-month checklist" in text
    assert "Study for Specialist Conversion Examination" in text
    assert "the 10-year window ends 29 Jun 2027" in text
    assert "Source: Specialist Conversion Examination Regulations 2020" in text
    assert "not legal advice" in text


def test_what_does_not_fit_sets_only_each_rules_title_in_bold(tmp_path):
    """A page of bold is hard to read: in the printed plan, each problem's heading (the
    jurisdiction and the rule's title, as `wayhome timeline` leads with it) is bold, and its
    arithmetic is in plain type; the words are those `wayhome timeline` prints."""
    out = tmp_path / "plan.pdf"
    done = run(
        "timeline", str(example_path("do-the-math")), "--on", ON.isoformat(), "--pdf", str(out)
    )
    assert done.exit_code == 0, done.output
    plan = plan_for(_example())
    assert len(plan.conflicts) >= 2
    runs: list[tuple[bool, str]] = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append(("-Bold" in str(font.get("/BaseFont")), " ".join(text.split())))

    PdfReader(BytesIO(out.read_bytes())).pages[0].extract_text(visitor_text=visit)
    texts = [t for _, t in runs]
    section = runs[
        texts.index("What does not fit") + 1 : texts.index("Readiness: the 12–24-month checklist")
    ]
    assert [t for bold, t in section if bold] == [c.heading for c in plan.conflicts]
    assert (
        plan.conflicts[0].heading
        == "XX: Sit the conversion exam within the window after graduation."
    )
    said = " ".join(t for _, t in section)
    timeline = flatten(done.output)
    for c in plan.conflicts:
        assert c.problem == f"{c.heading} {c.detail}"
        assert c.problem in said and f"• {c.problem}" in timeline
        assert f"Fix: {c.fix}" in said and f"Fix: {c.fix}" in timeline
