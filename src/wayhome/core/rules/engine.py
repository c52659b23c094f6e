"""The rule engine: a profile and rule packs in, dated findings out.

Two entry points share one preparation step:

- :func:`assess` explains every rule for the planned return date;
- :func:`sweep` gives only statuses, for many return dates, fast enough to
  answer "what if I return later?" while a slider moves (bench/bench_engine.py).

Preparation evaluates each rule version once per profile (nothing in a
deadline depends on the return date); per return date only the governed
event's date and the version in force on it are looked up, both by bisection.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from pydantic import ValidationError

from wayhome.core import dates
from wayhome.core.countries import country_name
from wayhome.core.dates import ONE_DAY
from wayhome.core.facts import ProfileFacts, exam_key
from wayhome.core.problems import Problem, ProblemsError
from wayhome.core.profile import ConfirmedRule, Profile
from wayhome.core.rules import conditions
from wayhome.core.rules.base import CONFIRMED_SOURCE, Evaluation, Pathway, Rule, Source
from wayhome.core.rules.kinds import KINDS
from wayhome.core.rules.kinds.exams import MONTH_SITTING_CONVENTION, ExamRule, Schedule, Sitting
from wayhome.core.rules.kinds.recognition import best_pathway
from wayhome.core.rules.pack import EXAM_EVENT_PREFIX, Pack, PackKind
from wayhome.core.rules.report import (
    BREAKING,
    Assessment,
    ExamOutlook,
    Finding,
    Question,
    Report,
    SourceRef,
    Status,
)

TIGHT_MONTHS: Final = 12
NEXT_SITTINGS: Final = 4
# Exam sittings are generated this far around the dates that matter.
PAST_YEARS: Final = 25
FUTURE_YEARS: Final = 30


@dataclass(frozen=True, slots=True)
class Event:
    """When the governed event happens: a day, or a month's first..last day."""

    start: date
    end: date
    sitting: Sitting | None = None


@dataclass(frozen=True)
class Prepared:
    """One rule, ready to be judged for any return date."""

    rule: Any  # a KindRule
    applies: conditions.Outcome
    starts: tuple[date, ...]
    evals: tuple[Evaluation | None, ...]  # None: repealed from that date
    labels: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    exam: ExamRule | None  # the exam whose sitting is the governed event
    schedule: Schedule | None  # that exam's sittings (or the rule's own, for an exam)
    passed: date | None  # when that exam (or this one) was passed
    confirmed: bool = False
    pack_says: str | None = None

    @property
    def is_exam(self) -> bool:
        return isinstance(self.rule, ExamRule)

    def index_at(self, day: date) -> int | None:
        i = bisect_right(self.starts, day) - 1
        return i if i >= 0 else None

    def eval_at(self, day: date) -> Evaluation | None:
        i = self.index_at(day)
        return None if i is None else self.evals[i]

    def event_at(self, return_date: date) -> Event | None:
        if self.exam is None or (self.is_exam and self.passed is not None):
            return Event(return_date, return_date)
        if self.passed is not None:
            return Event(self.passed, self.passed)
        assert self.schedule is not None
        s = self.schedule.first_on_or_after(return_date)
        return None if s is None else Event(s.start, s.end, s)


@dataclass(frozen=True)
class JurisdictionRules:
    code: str
    pack: Pack | None
    rules: tuple[Prepared, ...]
    skipped: tuple[Question, ...]  # pack unknowns that apply to this profile


def assess(
    profile: Profile, packs: Sequence[Pack], on: date, targets: Sequence[str] | None = None
) -> Report:
    """Assess ``profile`` against the packs for its targets on the date ``on``."""
    prepared = prepare(profile, packs, on, targets)
    facts_return = profile.plan.return_date
    return Report(
        on=on,
        profile_id=str(profile.profile_id),
        return_date=facts_return,
        assessments=tuple(_assess_one(j, on, facts_return) for j in prepared),
    )


@dataclass(frozen=True)
class Sweep:
    """Statuses of every rule for each return date, and where each first breaks."""

    return_dates: tuple[date, ...]
    rules: tuple[tuple[str, str], ...]  # (jurisdiction, rule id)
    statuses: tuple[tuple[Status, ...], ...]  # [rule][return date]
    titles: tuple[str, ...] = ()  # [rule]

    def column(self, return_date: date) -> dict[tuple[str, str], Status]:
        """Every rule's status for one return date of the sweep."""
        i = self.return_dates.index(return_date)
        return {key: row[i] for key, row in zip(self.rules, self.statuses, strict=True)}

    def first_break(self, row: int) -> date | None:
        for r, status in zip(self.return_dates, self.statuses[row], strict=True):
            if status in BREAKING:
                return r
        return None


def sweep(
    profile: Profile,
    packs: Sequence[Pack],
    on: date,
    return_dates: Sequence[date],
    targets: Sequence[str] | None = None,
) -> Sweep:
    horizon = (min(on, *return_dates), max(on, *return_dates))
    prepared = prepare(profile, packs, on, targets, horizon=horizon)
    keys, rows, titles = [], [], []
    for j in prepared:
        for p in j.rules:
            if p.applies.value is False:
                continue
            keys.append((j.code, p.rule.id))
            titles.append(p.rule.title)
            rows.append(tuple(status_at(p, r, on) for r in return_dates))
    return Sweep(tuple(return_dates), tuple(keys), tuple(rows), tuple(titles))


def monthly(start: date, months: int) -> list[date]:
    """Return dates on the same day of each month, for sweeps."""
    return [dates.add_months(start, i) for i in range(months)]


# --------------------------------------------------------------------------- preparation


def select_codes(
    profile: Profile, packs: Sequence[Pack], targets: Sequence[str] | None
) -> list[str]:
    """The jurisdictions to assess: targets expanded to their packs, plus the US side."""
    wanted = list(targets) if targets else profile.targets
    codes: list[str] = []
    for target in wanted:
        matching = [p.code for p in packs if p.covers(target)]
        for code in matching or [target]:
            if code not in codes:
                codes.append(code)
    # The US rules (visa clocks) concern everyone leaving US training, unless the
    # user asked for particular jurisdictions.
    if (
        not targets
        and "US" in {p.code for p in packs}
        and "US" not in codes
        and (profile.visa is not None or profile.visa_history)
    ):
        codes.append("US")
    return codes


def prepare(
    profile: Profile,
    packs: Sequence[Pack],
    on: date,
    targets: Sequence[str] | None = None,
    horizon: tuple[date, date] | None = None,
) -> list[JurisdictionRules]:
    facts = ProfileFacts.of(profile)
    lo, hi = horizon or (min(on, profile.plan.return_date), max(on, profile.plan.return_date))
    window = (dates.add_years(lo, -PAST_YEARS), dates.add_years(hi, FUTURE_YEARS))
    by_code = {p.code: p for p in packs}
    problems: list[Problem] = []
    out = []
    for code in select_codes(profile, packs, targets):
        pack = by_code.get(code)
        rules, errs = _with_confirmed(profile, pack, code)
        problems += errs
        schedules: dict[str, Schedule] = {}
        prepared = tuple(
            _prepare_rule(rule, pack, facts, window, schedules, confirmed)
            for rule, confirmed in rules
        )
        skipped = tuple(
            Question(u.question, u.why, u.id)
            for u in (pack.unknowns if pack else [])
            if conditions.evaluate(u.applies_when, facts).value is not False
        )
        out.append(JurisdictionRules(code, pack, prepared, skipped))
    if problems:
        raise ProblemsError(problems)
    return out


def _prepare_rule(
    rule: Any,
    pack: Pack | None,
    facts: ProfileFacts,
    window: tuple[date, date],
    schedules: dict[str, Schedule],
    confirmed: ConfirmedRule | None,
) -> Prepared:
    exam: ExamRule | None = None
    if isinstance(rule, ExamRule):
        exam = rule
    elif rule.event.startswith(EXAM_EVENT_PREFIX) and pack is not None:
        exam = pack.exam(rule.event.removeprefix(EXAM_EVENT_PREFIX))
    schedule = None
    if exam is not None:
        if exam.id not in schedules:
            schedules[exam.id] = Schedule.of(exam, *window)
        schedule = schedules[exam.id]
    evals: list[Evaluation | None] = []
    labels: list[str] = []
    sources: list[SourceRef] = []
    for v in rule.versions:
        if v.repealed:
            evals.append(None)
        elif v.unknown is not None:
            evals.append(rule.unknown_evaluation(v))
        else:
            evals.append(rule.evaluate(v, facts))
        labels.append(v.label(rule.id))
        sources.append(_source_ref(pack, v.sources[0] if v.sources else None, confirmed))
    pack_rule = pack.rule(rule.id) if (pack and confirmed) else None
    return Prepared(
        rule=rule,
        applies=conditions.evaluate(rule.applies_when, facts),
        starts=tuple(v.from_ or date.min for v in rule.versions),
        evals=tuple(evals),
        labels=tuple(labels),
        sources=tuple(sources),
        exam=exam,
        schedule=schedule,
        passed=exam.passed_on(facts) if exam else None,
        confirmed=confirmed is not None,
        pack_says=_pack_says(pack_rule, facts) if pack_rule else None,
    )


def _pack_says(rule: Any, facts: ProfileFacts) -> str:
    v = rule.versions[-1]
    if v.unknown is not None:
        return f"The pack has no reliable value: {v.unknown.question}"
    basis: str = rule.evaluate(v, facts).basis
    return "The pack says: " + basis


NO_SOURCE: Final = SourceRef(
    title="No published source found", url=None, as_of=None, reviewed=None, grade="none"
)


def _source_ref(
    pack: Pack | None, source_id: str | None, confirmed: ConfirmedRule | None
) -> SourceRef:
    if source_id is None:
        return NO_SOURCE
    if source_id == CONFIRMED_SOURCE and confirmed is not None:
        return SourceRef(
            title=f"Confirmed by you: {confirmed.evidence_note}",
            url=confirmed.evidence_file,
            as_of=confirmed.evidence_date,
            reviewed=confirmed.evidence_date,
            grade="regulator",
        )
    assert pack is not None
    s: Source = pack.sources[source_id]
    return SourceRef(
        title=s.title, url=s.url, as_of=s.as_of, reviewed=s.reviewed, grade=s.grade.value
    )


# --------------------------------------------------------------------------- confirmed rules

KIND_TITLES: Final = {
    "max_age": "Age limit",
    "max_years_since_graduation": "Years since graduation",
    "max_years_since_training": "Years since the end of training",
    "min_years_experience": "Experience needed",
    "recent_practice": "Recent practice",
    "max_years_in_status": "Time allowed in a visa status",
    "home_presence_after_status": "Home presence after a visa",
    "exam": "Exam",
    "document_validity": "How fresh a document must be",
    "required_documents": "Documents needed",
    "recognition": "Recognition of US training",
    "local_training": "Local training required",
}


def _with_confirmed(
    profile: Profile, pack: Pack | None, code: str
) -> tuple[list[tuple[Any, ConfirmedRule | None]], list[Problem]]:
    """The pack's rules with the user's confirmed rules put in (they take precedence)."""
    rules: list[tuple[Any, ConfirmedRule | None]] = [
        (r, None) for r in (pack.rules if pack else [])
    ]
    problems: list[Problem] = []
    for i, c in enumerate(profile.confirmed_rules):
        if c.jurisdiction not in (code, code[:2]):
            continue
        path = ("confirmed_rules", i)
        try:
            if c.rule is not None:
                at = next((k for k, (r, _) in enumerate(rules) if r.id == c.rule), None)
                if at is None:
                    if c.jurisdiction == code or pack is None:
                        ids = ", ".join(r.id for r, _ in rules) or "none"
                        problems.append(
                            Problem(
                                (*path, "rule"),
                                f"no rule '{c.rule}' in the {code} pack (its rules: {ids})",
                            )
                        )
                    continue
                rules[at] = (_override(rules[at][0], c, profile.plan.return_date), c)
            else:
                rules.append((_new_rule(c, i, pack), c))
        except ProblemsError as e:
            problems += e.problems
        except ValidationError as e:
            for err in e.errors():
                loc = [p for p in err["loc"] if p not in ("versions", 0)]
                problems.append(Problem((*path, *loc), err["msg"]))
    return rules, problems


def _override(rule: Any, c: ConfirmedRule, on: date) -> Any:
    i = max(0, bisect_right([v.from_ or date.min for v in rule.versions], on) - 1)
    base = rule.versions[i].params()
    data = {
        **{k: v for k, v in base.items() if v is not None},
        **c.values,
        "source": CONFIRMED_SOURCE,
    }
    version = type(rule.versions[i]).model_validate(data)
    return rule.model_copy(update={"versions": [version]})


def _new_rule(c: ConfirmedRule, i: int, pack: Pack | None) -> Any:
    assert c.kind is not None
    model = KINDS.get(c.kind)
    if model is None:
        raise ProblemsError(
            [
                Problem(
                    ("confirmed_rules", i, "kind"),
                    f"unknown kind '{c.kind}'; kinds: {', '.join(KINDS)}",
                )
            ]
        )
    rule_fields = set(model.model_fields) - set(Rule.model_fields) - {"kind"}
    values = c.values
    rule_values = {k: v for k, v in values.items() if k in rule_fields}
    version_values = {k: v for k, v in values.items() if k not in rule_fields}
    event = c.event or _event_for(c.applies_to, pack)
    title = c.title or KIND_TITLES.get(c.kind, c.kind) + (
        f": {c.applies_to}" if c.applies_to else ""
    )
    return model.model_validate(
        {
            "id": f"confirmed-{i + 1}",
            "kind": c.kind,
            "title": title,
            "event": event,
            "versions": [{**version_values, "source": CONFIRMED_SOURCE}],
            **rule_values,
        }
    )


def _event_for(applies_to: str | None, pack: Pack | None) -> str:
    """An exam the free text names, or the application (the return date)."""
    if applies_to and pack is not None:
        want = exam_key(applies_to)
        for r in pack.rules:
            if isinstance(r, ExamRule) and want in {
                exam_key(n) for n in (r.id, r.name, *r.aliases)
            }:
                return EXAM_EVENT_PREFIX + r.id
    return "application"


# --------------------------------------------------------------------------- judging


def judge(ev: Evaluation | None, event: Event | None, on: date) -> Status:
    if ev is None:
        return Status.INFO
    if ev.question:
        return Status.UNKNOWN
    if ev.deadline is not None:
        if ev.deadline < on:
            return Status.MISSED
        if event is None:
            return Status.UNKNOWN
        if event.end > ev.deadline:
            return Status.CONFLICT
        if dates.add_months(event.end, TIGHT_MONTHS) > ev.deadline:
            return Status.TIGHT
        return Status.OK
    if ev.earliest is not None:
        if event is None:
            return Status.UNKNOWN
        return Status.CONFLICT if event.start < ev.earliest else Status.OK
    return Status.INFO


def status_at(p: Prepared, return_date: date, on: date) -> Status:
    if p.applies.value is None:
        return Status.UNKNOWN
    if p.is_exam and p.passed is None:
        if _retired(p, return_date):
            return Status.INFO
        return _sitting_status(p, return_date, on)[0]
    event = p.event_at(return_date)
    if event is None:
        return Status.UNKNOWN
    if p.index_at(event.start) is None:
        return Status.INFO  # not yet in force on that date
    return judge(p.eval_at(event.start), event, on)


def _retired(p: Prepared, return_date: date) -> bool:
    """An exam not in force for this return: repealed by then with no sitting after, or not
    yet introduced when its first sitting after the return would be held."""
    assert p.schedule is not None
    sitting = p.schedule.first_on_or_after(return_date)
    if p.index_at(sitting.start if sitting else return_date) is None:
        return True
    i = p.index_at(return_date)
    repealed = i is not None and p.rule.versions[i].repealed
    return repealed and sitting is None


def _sitting_status(
    p: Prepared, return_date: date, on: date
) -> tuple[Status, Sitting | None, date | None]:
    """An exam still to sit: can the user register for the first sitting after return?"""
    assert p.schedule is not None
    sitting = p.schedule.first_on_or_after(return_date)
    i = p.index_at(sitting.start) if sitting else p.index_at(return_date)
    version = p.rule.versions[i] if i is not None else None
    if version is None or version.unknown is not None or sitting is None:
        return Status.UNKNOWN, sitting, None
    deadline = version.registration_deadline(sitting)
    if deadline is None:
        return Status.INFO, sitting, None
    if deadline < on:
        return Status.MISSED, sitting, deadline
    if deadline < dates.add_months(on, TIGHT_MONTHS):
        return Status.TIGHT, sitting, deadline
    return Status.OK, sitting, deadline


# --------------------------------------------------------------------------- bounds


def first_break(p: Prepared, floor: date) -> date | None:
    """The first return date on which ``p`` is broken (event after its deadline)."""
    if p.exam is None or (p.is_exam and p.passed is not None):
        best: date | None = None
        for k, ev in enumerate(p.evals):
            if ev is None or ev.deadline is None or ev.question:
                continue
            cand = max(p.starts[k], ev.deadline + ONE_DAY, floor)
            if (k + 1 == len(p.starts) or cand < p.starts[k + 1]) and (best is None or cand < best):
                best = cand
        return best
    if p.is_exam:
        return None  # a sitting still to register for limits nothing about the return
    if p.passed is not None:
        ev = p.eval_at(p.passed)
        broken = ev is not None and ev.deadline is not None and p.passed > ev.deadline
        return floor if broken else None
    assert p.schedule is not None
    previous: date | None = None
    for s in p.schedule.sittings:
        ev = p.eval_at(s.start)
        if ev is not None and ev.deadline is not None and not ev.question and s.end > ev.deadline:
            return previous + ONE_DAY if previous else floor
        previous = s.start
    return None


def first_ok(p: Prepared, on: date) -> date | None:
    """The first return date from ``on`` meeting ``p``'s earliest date, if it is later."""
    if p.is_exam:
        return None
    if p.exam is None:
        for k, ev in enumerate(p.evals):
            nxt = p.starts[k + 1] if k + 1 < len(p.starts) else None
            if nxt is not None and nxt <= on:
                continue
            earliest = ev.earliest if ev is not None and not ev.question else None
            cand = max(p.starts[k], on, earliest or on)
            if nxt is None or cand < nxt:
                return cand if cand > on else None
        return None
    if p.passed is not None:
        return None
    assert p.schedule is not None
    previous = on - ONE_DAY
    for s in p.schedule.from_day(on, len(p.schedule.sittings)):
        ev = p.eval_at(s.start)
        if ev is None or ev.earliest is None or s.start >= ev.earliest:
            return previous + ONE_DAY if previous >= on else None
        previous = s.start
    return None


# --------------------------------------------------------------------------- explaining


def _assess_one(j: JurisdictionRules, on: date, return_date: date) -> Assessment:
    findings: list[Finding] = []
    exams: list[ExamOutlook] = []
    questions: list[Question] = list(j.skipped)
    pathways: list[Pathway] = []
    breaks: list[date] = []
    opens: list[date] = []
    floor = dates.add_years(min(on, return_date), -PAST_YEARS)
    for p in j.rules:
        if p.applies.value is False:
            continue
        finding = _finding(p, on, return_date)
        if finding is None:
            continue
        findings.append(finding)
        if finding.question:
            questions.append(Question(finding.question, _why(p, on, return_date), p.rule.id))
        ev = p.eval_at(return_date)
        if ev is not None and ev.pathway is not None and p.applies.value:
            pathways.append(ev.pathway)
        if p.is_exam:
            exams.append(_outlook(p, on, return_date))
        if p.applies.value:
            if (b := first_break(p, floor)) is not None:
                breaks.append(b)
            if (o := first_ok(p, on)) is not None:
                opens.append(o)
    pathway: Pathway | None
    if j.pack is not None and j.pack.kind is PackKind.IMMIGRATION:
        pathway = None
    elif not pathways:
        pathway = Pathway.UNKNOWN
    else:
        pathway = pathways[0] if len(pathways) == 1 else best_pathway(pathways)
    if j.pack is None:
        questions.insert(
            0,
            Question(
                f"What are the rules for a US-trained physician in {country_name(j.code[:2])}?",
                f"Wayhome has no rule pack for {j.code} yet: nothing here is checked except what "
                "you confirmed yourself.",
            ),
        )
    pack = j.pack
    return Assessment(
        jurisdiction=j.code,
        name=pack.name if pack else country_name(j.code[:2]),
        pack_version=pack.version if pack else None,
        pack_reviewed=pack.reviewed if pack else None,
        fictional=pack.fictional if pack else False,
        pathway=pathway,
        latest_safe_return=min(breaks) - ONE_DAY if breaks else None,
        earliest_return=max(opens) if opens else None,
        findings=tuple(findings),
        exams=tuple(exams),
        unknowns=tuple(questions),
    )


def _why(p: Prepared, on: date, return_date: date) -> str:
    if p.applies.value is None:
        return "Whether this rule applies depends on it."
    ev = p.eval_at(return_date)
    return (ev.why if ev and ev.why else None) or "Wayhome cannot date this rule without it."


def _finding(p: Prepared, on: date, return_date: date) -> Finding | None:
    rule = p.rule
    if p.is_exam and p.passed is None:
        if _retired(p, return_date):
            return None
        status, sitting, deadline = _sitting_status(p, return_date, on)
        i = p.index_at(sitting.start if sitting else return_date)
        ev: Evaluation | None = None
        text = _exam_text(p, status, sitting, deadline, on, return_date)
        plan = sitting.label if sitting else None
        earliest = None
    else:
        event = p.event_at(return_date)
        i = p.index_at(event.start) if event else p.index_at(return_date)
        if i is None:
            return None  # not in force on the date that matters
        ev = p.evals[i]
        if ev is None:
            return None  # repealed by then
        status = judge(ev, event, on)
        deadline, earliest = ev.deadline, ev.earliest
        plan = (
            event.sitting.label
            if event and event.sitting
            else (event.start.isoformat() if event else None)
        )
        text = _explain(p, ev, event, status, on, return_date)
    if p.applies.value is None:
        status = Status.UNKNOWN
        fields = ", ".join(p.applies.missing)
        text = f"Whether this applies to you depends on {fields}, which your profile lacks. {text}"
    question = None
    if status is Status.UNKNOWN:
        if p.applies.value is None:
            question = f"Add {', '.join(p.applies.missing)} to your profile."
        elif ev is not None and ev.question:
            question = ev.question
        elif i is not None and rule.versions[i].unknown is not None:
            question = rule.versions[i].unknown.question
        else:
            question = f"When is {rule.name if p.is_exam else rule.title} held?"
    k = 0 if i is None else i
    note = rule.versions[k].note
    if note:
        text += f" Note: {note}"
    if p.pack_says:
        text += " You confirmed this with the regulator; it replaces the pack's rule."
    elif p.confirmed:
        text += " You confirmed this with the regulator."
    return Finding(
        rule=rule.id,
        title=rule.title,
        kind=rule.kind,
        status=status,
        deadline=deadline,
        earliest=earliest,
        plan=plan,
        explanation=text,
        rule_version=p.labels[k],
        source=p.sources[k],
        confirmed_by_user=p.confirmed,
        stale=p.sources[k].stale_on(on),
        question=question,
        pack_says=p.pack_says,
    )


def _explain(
    p: Prepared, ev: Evaluation, event: Event | None, status: Status, on: date, return_date: date
) -> str:
    parts = [ev.basis]
    limit = ev.deadline or ev.earliest
    if limit is not None and event is not None:
        parts.append(_plan_sentence(p, event, return_date))
        parts.append(_verdict(ev, event, status, on))
        if event.sitting is not None and not event.sitting.exact:
            parts.append(f"Convention: {MONTH_SITTING_CONVENTION}.")
    elif limit is not None:
        parts.append(
            "No sitting of the exam is known after your return, so Wayhome cannot check the date."
        )
    if ev.convention:
        parts.append(f"Convention: {ev.convention}.")
    return " ".join(parts)


def _plan_sentence(p: Prepared, event: Event, return_date: date) -> str:
    back = dates.fmt(return_date)
    if event.sitting is not None and p.exam is not None:
        held = (
            f"held {dates.fmt(event.sitting.start)}"
            if event.sitting.exact
            else f"in {dates.fmt_month(event.sitting.start)} (counted as "
            f"{dates.fmt(event.sitting.end)})"
        )
        return f"The first sitting of {p.exam.name} after your return on {back} is {held}."
    if p.passed is not None and p.exam is not None and not p.is_exam:
        return f"You sat {p.exam.name} on {dates.fmt(p.passed)}."
    return f"You plan to return on {back}."


def _verdict(ev: Evaluation, event: Event, status: Status, on: date) -> str:
    if ev.deadline is not None:
        gap = (
            dates.between(ev.deadline, event.end)
            if event.end > ev.deadline
            else dates.between(event.end, ev.deadline)
        )
        match status:
            case Status.MISSED:
                return (
                    f"That deadline passed on {dates.fmt(ev.deadline)}, before today "
                    f"({dates.fmt(on)})."
                )
            case Status.CONFLICT:
                return f"That is {gap.describe()} too late."
            case Status.TIGHT:
                return f"Only {gap.describe()} to spare: under {TIGHT_MONTHS} months."
            case _:
                return f"{gap.describe()[0].upper()}{gap.describe()[1:]} to spare."
    assert ev.earliest is not None
    if status is Status.CONFLICT:
        return f"That is {dates.between(event.start, ev.earliest).describe()} too early."
    return "That is on or after the earliest date."


def _exam_text(
    p: Prepared,
    status: Status,
    sitting: Sitting | None,
    deadline: date | None,
    on: date,
    return_date: date,
) -> str:
    rule: ExamRule = p.rule
    i = p.index_at(sitting.start if sitting else return_date)
    v = rule.versions[i] if i is not None else None
    if v is not None and v.unknown is not None:
        return v.unknown.why
    if sitting is None or v is None:
        return (
            f"No sitting of {rule.name} is known on or after your return on "
            f"{dates.fmt(return_date)}."
        )
    on_demand = v.sittings is not None and v.sittings.on_demand
    if on_demand:
        parts = [
            f"You have not passed {rule.name}. It is arranged on request, not on fixed dates; "
            f"Wayhome counts it as available from {sitting.text}, the first whole month after "
            f"your return on {dates.fmt(return_date)}. Ask for a date as soon as you are eligible."
        ]
    else:
        parts = [
            f"You have not passed {rule.name}. The first sitting after your return on "
            f"{dates.fmt(return_date)} is {sitting.text}."
        ]
    if deadline is not None and not on_demand:
        closes = dates.fmt(deadline)
        if status is Status.MISSED:
            nxt = [s for s in p.schedule.from_day(sitting.start + ONE_DAY, 1)] if p.schedule else []
            after = f" The next is {nxt[0].text}." if nxt else ""
            parts.append(f"Registration for it closed on {closes}, before today.{after}")
        else:
            when = (
                " — before your return, so register from abroad" if deadline < return_date else ""
            )
            parts.append(
                f"Registration closes {closes}"
                f" ({v.registration_closes.span.describe() if v.registration_closes else ''}"
                f" before the sitting){when}."
            )
    elif not on_demand:
        parts.append("The pack does not say when registration closes: ask the regulator.")
    details = [d for d in (v.format, f"in {v.language}" if v.language else None) if d]
    if details:
        parts.append(f"Format: {', '.join(details)}.")
    if v.attempts:
        parts.append(f"At most {v.attempts} attempts.")
    if v.attempts_per_year:
        parts.append(f"At most {v.attempts_per_year} attempts a year.")
    if v.pass_valid:
        parts.append(f"A pass stays valid for {v.pass_valid.span.describe()}.")
    else:
        parts.append("The pack does not say how long a pass stays valid.")
    if not sitting.exact:
        parts.append(f"Convention: {MONTH_SITTING_CONVENTION}.")
    return " ".join(parts)


def _outlook(p: Prepared, on: date, return_date: date) -> ExamOutlook:
    rule: ExamRule = p.rule
    assert p.schedule is not None
    upcoming = p.schedule.from_day(on, NEXT_SITTINGS)
    planned = p.schedule.first_on_or_after(return_date)
    i = p.index_at(planned.start) if planned else None
    v = rule.versions[i] if i is not None else None
    deadline = v.registration_deadline(planned) if (v and planned and v.sittings) else None
    return ExamOutlook(
        rule=rule.id,
        name=rule.name,
        purpose=rule.purpose.value,
        next_sittings=tuple(s.label for s in upcoming),
        planned_sitting=planned.label if planned else None,
        registration_deadline=deadline,
        attempts=v.attempts if v else None,
        passed=p.passed,
    )
