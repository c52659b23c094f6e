"""A CV laid out as its target expects, from the target pack's ``cv:`` section.

Whether a photograph, the date of birth, nationality and registration numbers belong on
the CV, how dates are written, in which order posts come, which gaps between posts are
listed, whether it is signed with the place and date: each as the pack says, with its
sources (core/rules/cv_conventions.py). Where the pack leaves an item unknown it is left
out and its question is put to the physician; a pack with no ``cv:`` section gives a CV
in US style (no photograph, date of birth or nationality; dates as months), and the CV
says so. Nothing is invented: an expected item the profile lacks is asked for, not made up.

Public surface: :class:`Target` (where the CV goes, and what its pack says),
:func:`target_of`, :func:`layout` (what a CV for it shows, and what to tell the physician),
:class:`Layout`, :class:`Followed`, :func:`gaps` and :func:`photo_refused`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Final

from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.profile.model import Profile
from wayhome.core.rules.cv_conventions import CvConventions, CvItem, CvValue, DateFormat, Order
from wayhome.core.rules.pack import Pack

LABELS: Final = {
    "photograph": "Photograph",
    "date_of_birth": "Date of birth",
    "nationality": "Nationality",
    "registration_numbers": "Registration and licence numbers",
    "dates": "Dates",
    "order": "Order of posts",
    "gaps": "Gaps between posts",
    "signature": "Signature",
    "language": "Language",
    "fresh_for": "How recent",
}
LANGUAGES: Final = {"de": "German", "en": "English", "ar": "Arabic", "fr": "French"}
STRFTIME: Final = {
    DateFormat.DAY_MONTH_YEAR: "%d/%m/%Y",
    DateFormat.DAY_MONTH_YEAR_DOTS: "%d.%m.%Y",
}
US_STYLE: Final = "Laid out in US style: no CV conventions are recorded for {name}."


class Target(Struct, frozen=True):
    """Where the CV goes: a target code, its name in words and its pack's conventions
    (None: the pack says nothing about CVs, or there is no pack)."""

    code: str
    name: str
    conventions: CvConventions | None = None
    pack: str | None = None  # the code of the pack whose conventions these are


def target_of(code: str, packs: Sequence[Pack]) -> Target:
    """The target ``code`` names: a regulator's pack (AE-DHA), or a country's when one pack
    covers it (IN); a country with several regulators and none named has no conventions."""
    exact = [p for p in packs if p.code == code]
    covering = exact or [p for p in packs if p.covers(code)]
    pack = covering[0] if len(covering) == 1 else None
    name = pack.name if pack is not None and "-" in pack.code else country_name(code[:2])
    if pack is None:
        return Target(code, name)
    return Target(code, name, pack.cv, pack.code)


class Followed(Struct, frozen=True):
    """One convention as the CV follows it, for the CV page: what, in words, its sources
    (ids of the pack's), and the question when nobody reliable says."""

    key: str
    label: str
    words: str
    sources: tuple[str, ...] = ()
    question: str = ""
    note: str = ""


class Layout(Struct, frozen=True):
    """What a CV for one target shows, and what the physician must still do."""

    date_format: DateFormat | None
    order: Order | None
    personal: tuple[tuple[str, str], ...]  # (label, value): date of birth, nationality
    photo: bool  # a photograph goes on the CV
    licence_numbers: bool
    gaps: tuple[tuple[date, date], ...]  # the gaps the CV lists (first and last day)
    signature: str  # the line to sign on, or ""
    style_note: str  # "Laid out in US style: ..." when the pack says nothing, else ""
    advice: tuple[str, ...]  # for the physician: what to add or do before sending it
    followed: tuple[Followed, ...]

    def month(self, d: date) -> str:
        """A month as this CV writes dates ("Jul 2019", or 01/07/2019 where the target
        wants whole dates)."""
        return _written(self.date_format, d, dates.fmt_month)

    def day(self, d: date) -> str:
        return _written(self.date_format, d, dates.fmt)


def _written(fmt: DateFormat | None, d: date, us: Callable[[date], str]) -> str:
    return us(d) if fmt is None else d.strftime(STRFTIME[fmt])


def photo_refused(target: Target) -> str | None:
    """Why a photograph does not go on a CV for ``target`` (None: it may). A photograph
    goes where one is expected, or where nobody knows and the physician chooses one."""
    cv = target.conventions
    if cv is None:
        return (
            f"no CV conventions are recorded for {target.name}, so the CV is in US style, "
            "which has no photograph"
        )
    item = cv.photograph
    if item is not None and item.known and not item.expected:
        return f"a CV for {target.name} has no photograph" + (
            f" ({_first_sentence(item.note)})" if item.note else ""
        )
    return None


def layout(profile: Profile, target: Target, *, photo: bool = False, on: date | None) -> Layout:
    """What a CV for ``target`` shows, made on ``on`` (None: no gaps are looked for, and
    no day to hand it in by is given); ``photo``: one was chosen."""
    cv = target.conventions
    if cv is None:
        return _us_style(target, photo)
    advice: list[str] = []
    personal: list[tuple[str, str]] = []
    date_format = cv.dates.format if cv.dates is not None else None

    born, citizenship = profile.person.born, profile.person.citizenship
    if _expected(cv.date_of_birth):
        if born is not None:
            personal.append(("Date of birth", _written(date_format, born, dates.fmt)))
        else:
            advice.append(
                f"A CV for {target.name} gives your date of birth: add it to your profile."
            )
    if _expected(cv.nationality):
        if citizenship:
            personal.append(("Nationality", ", ".join(country_name(c) for c in citizenship)))
        else:
            advice.append(f"A CV for {target.name} gives your nationality: add it to your profile.")
    numbers = _expected(cv.registration_numbers)
    if numbers and any(lic.number is None for lic in profile.licences):
        advice.append(
            f"A CV for {target.name} gives your registration and licence numbers: add the "
            "number of each licence to your profile."
        )
    show_photo = photo and photo_refused(target) is None
    if _expected(cv.photograph) and not photo:
        advice.append(
            f"A CV for {target.name} has a photograph: choose one from your vault (on the CV "
            "page, or wayhome cv --photo N)."
        )

    over = cv.gaps.explain_over_days if cv.gaps is not None else None
    found = gaps(profile, on, over) if on is not None else ()
    if found and over is not None:
        many = len(found) > 1
        what = (
            f"period{'s' if many else ''} with no post"
            if over == 0
            else f"gap{'s' if many else ''} of more than {over} days between posts"
        )
        advice.append(
            f"The CV lists {len(found)} {what}: add a brief explanation of "
            f"{'each' if many else 'it'} (in the Word version)."
        )
    signature = ""
    if cv.signature is not None and cv.signature.known and cv.signature.place_and_date:
        signature = "Place and date: ____________________    Signature: ____________________"
        advice.append("Print it and sign it by hand, with the place and the date.")
    if cv.language is not None and cv.language.known and cv.language.language != "en":
        language = LANGUAGES.get(cv.language.language or "", cv.language.language or "")
        advice.append(f"It must be in {language}: this CV is in English. Have it translated.")
    if on and cv.fresh_for is not None and cv.fresh_for.known and cv.fresh_for.months:
        by = dates.add_months(on, cv.fresh_for.months)
        advice.append(f"Hand it in within {cv.fresh_for.months} months: by {dates.fmt(by)}.")
    advice += [
        f"{LABELS[key]}: not known. {value.unknown.question}"
        for key, value in cv.items()
        if value.unknown is not None
    ]
    return Layout(
        date_format=date_format,
        order=cv.order.order if cv.order is not None else None,
        personal=tuple(personal),
        photo=show_photo,
        licence_numbers=numbers,
        gaps=found,
        signature=signature,
        style_note="",
        advice=tuple(advice),
        followed=tuple(_followed(key, value) for key, value in cv.items()),
    )


def _us_style(target: Target, photo: bool) -> Layout:
    note = US_STYLE.format(name=target.name)
    return Layout(
        None,
        None,
        (),
        False,
        False,
        (),
        "",
        note,
        (
            f"{note} Ask the regulator or employer what a CV for them shows (a photograph, "
            "your date of birth, nationality, registration numbers).",
            *([f"The photograph is left out: {photo_refused(target)}."] if photo else []),
        ),
        (),
    )


def _expected(item: CvItem | None) -> bool:
    return item is not None and item.known and bool(item.expected)


def _followed(key: str, value: CvValue) -> Followed:
    if value.unknown is not None:
        return Followed(key, LABELS[key], "not known", (), value.unknown.question, value.note or "")
    return Followed(
        key, LABELS[key], _words(key, value), tuple(value.sources), "", value.note or ""
    )


def _words(key: str, value: CvValue) -> str:
    if isinstance(value, CvItem):
        return "expected" if value.expected else "not expected"
    given = getattr(value, value.VALUE)
    if key == "order":
        return "most recent first" if given is Order.MOST_RECENT_FIRST else "oldest first"
    if key == "gaps":
        return "every gap explained" if given == 0 else f"gaps over {given} days explained"
    if key == "signature":
        return "signed by hand, with the place and date" if given else "signed by hand"
    if key == "language":
        return LANGUAGES.get(str(given), str(given))
    if key == "fresh_for":
        return f"less than {given} months old"
    return str(given)


def _first_sentence(text: str) -> str:
    """A note's first sentence, to follow a clause in brackets ("(the GMC's list ...)")."""
    first = text.split(". ")[0].rstrip(".")
    return first[:1].lower() + first[1:] if first[:4] == "The " else first


def gaps(profile: Profile, on: date, over_days: int | None) -> tuple[tuple[date, date], ...]:
    """The stretches of days with no post, internship or training between the medical
    degree and ``on``, longer than ``over_days`` days (0: every one), first and last day.
    A post without an end runs to ``on``."""
    if over_days is None:
        return ()
    school = profile.medical_school
    spans = [(t.start, t.end) for t in profile.training]
    spans += [(w.start, w.end or on) for w in profile.work]
    if school.internship is not None:
        spans.append((school.internship.start, school.internship.end))
    spans = sorted((s, min(e, on)) for s, e in spans if s <= on)
    if not spans:
        return ()
    cursor = school.graduated + timedelta(days=1) if school.graduated else spans[0][0]
    found: list[tuple[date, date]] = []
    for start, end in [*spans, (on + timedelta(days=1), on)]:
        if start > cursor:
            last = start - timedelta(days=1)
            if (last - cursor).days + 1 > over_days:
                found.append((cursor, last))
        cursor = max(cursor, end + timedelta(days=1))
    return tuple(found)
