"""What each part of the profile holds, in one plain line per setup step: the summaries
under the step titles on *Your profile*, so a person checks their facts without opening
every page.

Names, not codes: specialties as physicians write them, countries and US states by name,
regulators by their country's name; dates as "15 Mar 1990". A part with nothing in it
says "not given yet".

Public surface: :func:`summaries` (a profile and a day in, a line per step's slug out),
:func:`for_owner` (the stored profile's), :data:`NOT_GIVEN`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, Final

from wayhome.adapters import profiles
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.specialties import name_of
from wayhome.core.common.vocabulary import DOCUMENT_KINDS, POSTS
from wayhome.core.cv.places import place
from wayhome.core.profile.labels import WAIVER_ROUTES
from wayhome.core.profile.model import Profile, Visa

NOT_GIVEN: Final = "not given yet"
# The setup's steps' slugs, in their order (web/forms/setup.py: STEPS).
STEPS: Final = (
    "you", "return", "school", "training", "boards", "licences",
    "work", "visa", "trips", "exams", "documents", "date",
)  # fmt: skip
SHOWN: Final = 3  # items listed in a line; the rest counted ("and 2 more")

_RETURN_TYPE: Final = {
    "academic": "an academic or tertiary hospital post",
    "private": "private or group practice",
    "public": "the public or government health service",
}
_VISA: Final = {"green-card": "Green card", "citizen": "US citizen", "other": "Another US status"}
_LICENCE: Final = {
    "full": "full licence",
    "temporary": "temporary permit",
    "training": "for training posts only",
}


def _day(d: date | None) -> str:
    return dates.fmt(d) if d else "no date"


def _span(start: date, end: date | None) -> str:
    return f"{_day(start)} to {_day(end)}" if end else f"since {_day(start)}"


def _listed(items: Sequence[str], joiner: str = "; ") -> str:
    if not items:
        return NOT_GIVEN
    more = len(items) - SHOWN
    shown = joiner.join(items[:SHOWN])
    return f"{shown}{joiner}and {more} more" if more > 0 else shown


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _you(p: Profile) -> str:
    parts = [p.person.name]
    if p.person.born:
        parts.append(f"born {_day(p.person.born)}")
    if p.person.citizenship:
        parts.append("citizen of " + " and ".join(map(country_name, p.person.citizenship)))
    parts.append(f"home country {country_name(p.home_country)}")
    return ", ".join(parts)


def _target(code: str) -> str:
    return country_name(code) if len(code) == 2 else f"{place(code)} ({code})"


def _return(p: Profile) -> str:
    plan = p.plan
    words = [_first_upper(_RETURN_TYPE.get(plan.return_type.value, plan.return_type.value))]
    words.append(f"{name_of(p.specialty)} recognised")
    if plan.targets:
        applying = {a.target: a.date for a in plan.applications}
        named = [
            _target(t) + (f" (applying {_day(applying[t])})" if t in applying else "")
            for t in plan.targets
        ]
        words.append("checked for " + _listed(named, ", then "))
    if plan.posts:
        words.append("posts: " + ", ".join(POSTS.get(x, x) for x in plan.posts))
    return "; ".join(words)


def _school(p: Profile) -> str:
    s = p.medical_school
    words = [f"{s.name}, {country_name(s.country)}" if s.name else country_name(s.country)]
    if s.start:
        words.append(f"began {_day(s.start)}")
    if s.graduated:
        words.append(f"degree {_day(s.graduated)}")
    if s.internship:
        words.append(f"internship {_span(s.internship.start, s.internship.end)}")
    return ", ".join(words)


def _training(p: Profile) -> str:
    return _listed(
        [
            f"{_first_upper(t.kind.value)} in {name_of(t.specialty)}, "
            f"{_span(t.start, t.end)}" + ("" if t.country == "US" else f" ({place(t.country)})")
            for t in p.training
        ]
    )


def _boards(p: Profile, on: date) -> str:
    return _listed(
        [
            f"{b.board} in {name_of(b.specialty)}, "
            + ("certified" if b.certified <= on else "planned for")
            + f" {_day(b.certified)}"
            + (f", expires {_day(b.expires)}" if b.expires else "")
            for b in p.board_certifications
        ]
    )


def _licences(p: Profile) -> str:
    return _listed(
        [
            f"{place(x.jurisdiction)}, {_LICENCE.get(x.kind.value, x.kind.value)}"
            + (f", issued {_day(x.issued)}" if x.issued else "")
            + (f", expires {_day(x.expires)}" if x.expires else "")
            for x in p.licences
        ]
    )


def _work(p: Profile) -> str:
    return _listed(
        [
            f"{_first_upper(w.role)}"
            + (f" in {name_of(w.specialty)}" if w.specialty else "")
            + f", {place(w.country)}, {_span(w.start, w.end)}"
            + (f", {round(w.fraction * 100)}% time" if w.fraction < 1 else "")
            for w in p.work
        ]
    )


def _status(v: Visa, current: bool) -> str:
    name = _VISA.get(v.type.value, v.type.value)
    if current:
        return f"{name} since {_day(v.start)}" + (f" (to {_day(v.end)})" if v.end else "")
    return f"{name} {_span(v.start, v.end)}"


def _visa(p: Profile) -> str:
    words = [_status(p.visa, True)] if p.visa else []
    words += [_status(v, False) for v in p.visa_history]
    if p.j1_waiver:
        w = p.j1_waiver
        route = f"{WAIVER_ROUTES[w.route.value]} waiver"
        when = f" {_day(w.date)}" if w.date else ""
        words.append(f"{route} {w.status.value}{when}")
    return "; ".join(words) or NOT_GIVEN


def _trips(p: Profile) -> str:
    us = [s for s in p.stays if s.country == "US"]
    away = [s for s in p.stays if s.country != "US" and not s.planned]
    if not p.stays:
        return NOT_GIVEN
    words = [f"in the US since {_day(min(s.start for s in us))}"] if us else []
    if away:
        trips = [f"{place(s.country)} {_span(s.start, s.end)}" for s in away]
        words.append(f"{len(away)} trip{'s' if len(away) > 1 else ''} abroad: {_listed(trips)}")
    elif us:
        words.append("no trips abroad")
    return _first_upper("; ".join(words))


def _exams(p: Profile) -> str:
    items = [
        f"{a.name} {_day(a.date)}: "
        + (a.score or (a.result.value.replace("_", " ") if a.result else "result not out"))
        for a in p.exam_attempts
    ]
    items += [f"{e.name} passed {_day(e.date)}" for e in p.exams_passed]
    return _listed(items)


def _documents(p: Profile) -> str:
    return _listed(
        [
            _first_upper(DOCUMENT_KINDS.get(d.kind, d.kind.replace("-", " ")))
            + (f", issued {_day(d.issued)}" if d.issued else "")
            for d in p.documents
        ]
    )


def _date(p: Profile) -> str:
    return f"Back home on {_day(p.plan.return_date)}"


_BY_STEP: Final[dict[str, Callable[[Profile], str]]] = {  # "boards" needs the day
    "you": _you,
    "return": _return,
    "school": _school,
    "training": _training,
    "licences": _licences,
    "work": _work,
    "visa": _visa,
    "trips": _trips,
    "exams": _exams,
    "documents": _documents,
    "date": _date,
}


def summaries(profile: Profile, on: date) -> dict[str, str]:
    """What each setup step's part of ``profile`` holds on ``on`` (a board certified
    after it is planned), in one line, by the step's slug, in the steps' order."""
    out = {slug: line(profile) for slug, line in _BY_STEP.items()}
    out["boards"] = _boards(profile, on)
    return {slug: out[slug] for slug in STEPS}


def for_owner(owner: Any, on: date) -> dict[str, str]:
    """The stored profile's summaries (with the documents held); {} when there is no
    profile, or one that no longer loads (its pages say what to fix)."""
    from wayhome.services import setup as setup_service  # the data layer: only here

    data = setup_service.profile_data(owner)
    if not data:
        return {}
    try:
        return summaries(profiles.from_data(data), on)
    except InvalidFileError:
        return {}
