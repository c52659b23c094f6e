"""The sittings the profile says you registered for (``plan.registered``), checked
against the packs, by exam (its rule id, name or other names, as attempts are matched).

A sitting you registered for stays open to you once its registration has closed: the
assessment plans with it (Schedule.open_on keeps it) and says you registered instead of
that registration closed. An exam no pack knows, or a sitting its pack does not hold,
is a problem at its place in the profile (``plan.registered[0].sitting``), which the
shells turn into file:line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from wayhome.core.common import dates
from wayhome.core.common.data import in_a_list
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.problems import Problem
from wayhome.core.profile.facts import exam_key
from wayhome.core.profile.model import Profile
from wayhome.core.rules.attempts import exam_keys, exams_by_key, unknown_exam
from wayhome.core.rules.kinds.exams import ExamRule, Schedule, Sitting
from wayhome.core.rules.pack import Pack

# The exam and the sitting registered for: (pack code, exam rule id) -> its sittings.
Booked = dict[tuple[str, str], frozenset[Sitting]]


def registered(profile: Profile, packs: Sequence[Pack]) -> tuple[Booked, list[Problem]]:
    """Each exam's sittings registered for, and the entries that name no exam or no
    sitting of it."""
    by_key = exams_by_key(packs)
    found: dict[tuple[str, str], set[Sitting]] = {}
    problems: list[Problem] = []
    for i, entry in enumerate(profile.plan.registered):
        exams = by_key.get(exam_key(entry.exam), [])
        if not exams:
            problems.append(
                Problem(("plan", "registered", i, "exam"), unknown_exam(entry.exam, packs))
            )
            continue
        sitting = Sitting.of_label(entry.label)
        held = [(code, r) for code, r in exams if sitting in _around(r, sitting, 0)]
        if not held:
            code, r = exams[0]
            problems.append(
                Problem(("plan", "registered", i, "sitting"), _no_such(code, r, sitting))
            )
        for code, r in held:
            found.setdefault((code, r.id), set()).add(sitting)
    return {k: frozenset(v) for k, v in found.items()}, problems


def _around(r: ExamRule, sitting: Sitting, years: int) -> tuple[Sitting, ...]:
    """The exam's sittings from ``years`` before ``sitting`` to ``years`` after it (none:
    those held from its first day only)."""
    lo = dates.add_years(sitting.start, -years)
    hi = dates.add_years(sitting.start, years) if years else sitting.start + ONE_DAY
    return Schedule.of(r, lo, hi).sittings


def _no_such(code: str, r: ExamRule, sitting: Sitting) -> str:
    near = [s.words for s in _around(r, sitting, 1)]
    known = (
        f"the sittings it knows within a year of it are {in_a_list(near)}"
        if near
        else "it knows no sitting within a year of it"
    )
    return (
        f"{r.name} ({code}) has no sitting {sitting.on_or_in}: {known} (write a date as its pack "
        f"does, `2027-03-15`, or a month for a sitting known by month, `2028-09`; "
        f"`wayhome packs show {code}` lists them)"
    )


def over(sitting: Sitting, on: date) -> bool:
    """Whether the sitting has been held by ``on``: after its day, or after the last day
    of the month of one known by month (on the day itself it is still to come)."""
    return on > sitting.end


def result_to_enter(exam: str, sitting: Sitting) -> str:
    """What a sitting you registered for that has been held, with no attempt at it in the
    profile, asks of you: its result, which the plan cannot guess."""
    return (
        f"You registered for {exam} {sitting.on_or_in}, and that sitting has passed: enter "
        'its result (pass, fail, or pending until it is out) under "Exams you have taken" '
        "on your profile, or in exam_attempts in a profile file, so the plan counts it."
    )


def naming(profile: Profile, packs: Sequence[Pack], exam: str, sitting: str) -> list[int]:
    """The positions in ``plan.registered`` of the entries for this exam's sitting
    (``sitting`` a label: 2027-03-15, or 2028-09), however each names the exam (its rule
    id, name or another name of it): what is removed when a registration is undone."""
    keys = {exam_key(exam)}.union(
        *(exam_keys(r) for _, r in exams_by_key(packs).get(exam_key(exam), []))
    )
    wanted = Sitting.of_label(sitting)
    return [
        i
        for i, entry in enumerate(profile.plan.registered)
        if exam_key(entry.exam) in keys and Sitting.of_label(entry.label) == wanted
    ]
