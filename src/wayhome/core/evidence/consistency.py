"""Does every document name the same person with the same dates?

Primary-source verification most often comes back with "discrepancies" because a
diploma, a residency certificate and a letter spell the holder's name or give a
date differently. Before any packet is built for a regulator, :func:`check`
compares what each document says (a :class:`Reading`) with the profile and
returns each disagreement as a :class:`Mismatch`, to be shown side by side.

- The reference for a field is the profile's value; without one, the first
  confirmed reading that has the field (or, when none is confirmed, the first
  reading that has it). Every other reading is compared with the reference.
- Training dates are compared with the profile period each document matches
  best, since a profile holds several periods (:func:`profile_values`).
- Names are compared by :func:`name_difference`, dates by :func:`date_difference`.

Public surface: ``FIELDS``, ``DATE_FIELDS``, ``TRAINING``, ``LABELS``, ``PROFILE``,
:class:`Reading`, :class:`TrainingPeriod`, :class:`Mismatch`, :func:`name_difference`,
:func:`date_difference`, :func:`profile_values` and :func:`check`.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from types import MappingProxyType
from typing import Final

from anyascii import anyascii
from msgspec import Struct, field
from msgspec.structs import force_setattr
from rapidfuzz.distance import Levenshtein

from wayhome.core.common import dates, vocabulary
from wayhome.core.profile.model import Profile

FIELDS: Final = ("name", "born", "graduated", "training_start", "training_end")
DATE_FIELDS: Final = FIELDS[1:]
# The key of profile_values() that holds the training periods (check() reads it
# for training_start and training_end when no single date is given for them).
TRAINING: Final = "training"
# How a screen can name each field to the physician.
LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "name": "Name",
        "born": "Date of birth",
        "graduated": "Graduation",
        "training_start": "Start of training",
        "training_end": "End of training",
    }
)
PROFILE: Final = "your profile"

NAME_KINDS: Final = ("transliteration", "order", "middle name", "spelling", "different")
DATE_KINDS: Final = ("day", "month", "year")

_TRAINING_FIELDS: Final = ("training_start", "training_end")
_DECLARATION: Final = "a 'one and the same person' declaration"


# Marks that separate names (Kowalska-Nowak, "Kowalska, Anna"); other punctuation
# (O'Brien, Anna M. Kowalska) is dropped without a space.
_SEPARATORS: Final = frozenset("-‐‑‒–—―,/;:_|")
# Other ways to write letters with umlauts and the like, beside anyascii's
# (Müller is Mueller on a German passport, Sørensen is Soerensen).
_EXPANSIONS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
_VOWELS: Final = frozenset("aeiouy")
# Beyond this many tokens, names are compared token by token in their own order only.
_MAX_PERMUTED: Final = 6


class Reading(Struct, frozen=True):
    """What one document says (as typed by the physician, or read by OCR and not yet checked).

    ``dates`` takes keys from ``DATE_FIELDS``; a ``datetime`` counts as its date.
    """

    source: (
        str  # how to name the document to the physician: "Residency certificate (residency.pdf)"
    )
    holder: str | None = None
    dates: Mapping[str, date] = field(default_factory=dict)
    confirmed: bool = True  # False: read by OCR, not checked by the physician

    def __post_init__(self) -> None:
        unknown = sorted(set(self.dates) - set(DATE_FIELDS))
        if unknown:
            raise ValueError(
                f"{self.source}: unknown date field(s) {', '.join(unknown)}; "
                f"use {', '.join(DATE_FIELDS)}"
            )
        fixed = {k: _as_date(v, f"{self.source}: {k}") for k, v in self.dates.items()}
        force_setattr(self, "dates", MappingProxyType(fixed))


class TrainingPeriod(Struct, frozen=True):
    """One training period of the profile, as :func:`check` compares documents with it."""

    label: str  # "residency, internal medicine": shown as "your profile: <label>"
    start: date
    end: date


ProfileValue = str | date | Sequence[TrainingPeriod]


class Mismatch(Struct, frozen=True):
    field: str  # one of FIELDS
    kind: str  # one of NAME_KINDS for "name", of DATE_KINDS for the dates
    expected: str  # the reference value as shown: "Anna Kowalska", "30 Jun 2024"
    expected_source: str  # "your profile", "your profile: residency, ..." or a document
    found: str
    found_source: str
    why: str  # one plain sentence: what differs and what to do
    confirmed: bool  # False when either value was read by OCR and not checked


# --- names -------------------------------------------------------------------------


def _strip_titles(name: str) -> str:
    previous = None
    while previous != name:
        previous = name
        name = vocabulary.LEADING_TITLE.sub("", name, count=1)
        name = vocabulary.TRAILING_DEGREE.sub("", name, count=1)
    return name


def _clean(text: str) -> str:
    """Separators become spaces, other punctuation and symbols go, spaces collapse."""
    chars: list[str] = []
    for ch in text:
        if ch in _SEPARATORS or ch.isspace():
            chars.append(" ")
        elif unicodedata.category(ch)[0] in "PSC":
            continue
        else:
            chars.append(ch)
    return " ".join("".join(chars).split())


def _normal(name: str) -> str:
    """NFC, casefolded, without titles or punctuation, single-spaced."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
    return _clean(_strip_titles(text))


def _fold(normal: str) -> str:
    """The name in plain ASCII letters (anyascii), without diacritics."""
    return _clean(anyascii(normal).casefold())


def _folds(normal: str) -> set[str]:
    return {_fold(normal), _fold(normal.translate(_EXPANSIONS))}


def _scripts(text: str) -> frozenset[str]:
    """The writing systems of the letters: LATIN, CYRILLIC, GREEK, ARABIC, ..."""
    names = (unicodedata.name(ch, "") for ch in text if ch.isalpha())
    return frozenset(n.split(" ", 1)[0] for n in names if n)


def _skeleton(token: str) -> str:
    """The consonants, doubled ones once: Arabic script writes no short vowels."""
    consonants = [ch for ch in token if ch not in _VOWELS]
    return "".join(ch for ch, _ in itertools.groupby(consonants))


class _Near(Struct, frozen=True):
    kind: str  # "order", "middle name" or "spelling"
    letters: int = 0  # for "spelling": how many letters differ
    reordered: bool = False  # for "spelling": only once the names are put in another order


def _limit(a: str, b: str) -> int:
    # At most 2 letters, fewer for short names: "Li" and "Lu" are not one name.
    return min(2, min(len(a), len(b)) // 4)


def _typo(x: str, y: str) -> int | None:
    """0 or 1 letters between two names; None when further apart.

    One letter in a name of one or two letters ("Jo", "Bo") makes another name,
    not a typo (:func:`_near` holds whole names to the same).
    """
    gap = Levenshtein.distance(x, y, score_cutoff=2)
    if gap == 0 or (gap == 1 and min(len(x), len(y)) >= 3):
        return gap
    return None


def _near(a: Sequence[str], b: Sequence[str]) -> _Near | None:
    """How two token lists of one script nearly agree, or None when they do not."""
    if not a or not b:
        return None
    if sorted(a) == sorted(b):
        return _Near("order")
    if set(a) < set(b) or set(b) < set(a):
        return _Near("middle name")
    whole_a, whole_b = " ".join(a), " ".join(b)
    whole = Levenshtein.distance(whole_a, whole_b)
    short_changed = len(a) == len(b) and any(
        x != y and min(len(x), len(y)) < 3 for x, y in zip(a, b, strict=True)
    )
    if whole <= _limit(whole_a, whole_b) and not short_changed:
        return _Near("spelling", letters=whole)
    if len(a) != len(b):
        return None
    orders = itertools.permutations(b) if len(b) <= _MAX_PERMUTED else iter([tuple(b)])
    best: tuple[int, bool] | None = None
    for order in orders:
        gaps = [_typo(x, y) for x, y in zip(a, order, strict=True)]
        if all(g is not None for g in gaps):
            found = (sum(g or 0 for g in gaps), list(order) != list(b))
            best = found if best is None else min(best, found)
    if best is None:
        return None
    return _Near("spelling", letters=best[0], reordered=best[1])


def _within(short: Sequence[str], long: Sequence[str]) -> bool:
    """Each name of ``short`` is, or nearly is, a different one of the longer ``long``."""
    if not short or len(short) >= len(long) or len(long) > _MAX_PERMUTED:
        return False
    return any(
        all(_typo(x, y) is not None for x, y in zip(short, chosen, strict=True))
        for chosen in itertools.permutations(long, len(short))
    )


class _NameDiff(Struct, frozen=True):
    kind: str
    near: _Near | None = None  # what else differs, besides a transliteration
    other_script: bool = False


def _name_diff(a: str, b: str) -> _NameDiff | None:
    na, nb = _normal(a), _normal(b)
    if na == nb:
        return None
    if not na or not nb:
        return _NameDiff("different")
    other_script = bool(_scripts(na) and _scripts(nb)) and _scripts(na) != _scripts(nb)
    if _folds(na) & _folds(nb):
        return _NameDiff("transliteration", other_script=other_script)
    fa, fb = _fold(na).split(), _fold(nb).split()
    near = _near(fa, fb)
    if other_script:
        # Between scripts the letters cannot agree, only the sounds: a near match
        # once transliterated is a transliteration, whatever else differs.
        if near is not None or "".join(fa) == "".join(fb):
            return _NameDiff("transliteration", near=near, other_script=True)
        if _within(fa, fb) or _within(fb, fa):
            # A patronymic or second name on one side only (Анна Ивановна Ковальска).
            return _NameDiff("transliteration", near=_Near("middle name"), other_script=True)
        if sorted(map(_skeleton, fa)) == sorted(map(_skeleton, fb)):
            return _NameDiff("transliteration", other_script=True)
        return _NameDiff("different")
    if near is None:
        return _NameDiff("different")
    return _NameDiff(near.kind, near=near)


def name_difference(a: str, b: str) -> str | None:
    """How two names differ: one of ``NAME_KINDS``, or None for the same name.

    Case, spacing, punctuation and titles (Dr., Prof., MD, M.D., D.O., PhD, MBBS)
    are ignored. In order: the same letters once transliterated to ASCII and
    without diacritics (José/Jose, Müller/Muller/Mueller, Анна/Anna) is
    "transliteration"; the same names in another order, "order"; one set of names
    inside the other (a middle or second family name missing), "middle name"; at
    most 2 letters apart on the whole name, or 1 on each name, "spelling"; else
    "different". The spelling limits shrink for short names: one letter of "Jo"
    makes another name. A name in another script (Cyrillic, Greek, Devanagari,
    Arabic) is a "transliteration" when, transliterated, it is the same, in another
    order, spelled a little differently, has a patronymic or middle name more, or
    (for scripts without short vowels) has the same consonants.
    """
    diff = _name_diff(a, b)
    return None if diff is None else diff.kind


def _letters(n: int) -> str:
    return {1: "One letter differs", 2: "Two letters differ"}.get(n, "A few letters differ")


def _name_why(diff: _NameDiff) -> str:
    near = diff.near
    if diff.kind == "transliteration" and diff.other_script:
        extra = ""
        if near is not None and near.kind == "order":
            extra = ", with the names in another order"
        elif near is not None and near.kind == "middle name":
            extra = ", and one form has a name the other lacks"
        elif near is not None and near.reordered:
            extra = ", with the names in another order and transliterated differently"
        elif near is not None:
            extra = ", transliterated differently"
        return (
            f"The name is written in another script{extra}: have a certified translation "
            f"that shows both forms, and {_DECLARATION} ready."
        )
    if diff.kind == "transliteration":
        return (
            "The same name written without its accents or with other letters for them "
            f"(ü as u or ue): usually accepted, but have {_DECLARATION} ready."
        )
    if diff.kind == "order":
        return (
            "The same names in another order (given and family name swapped): write your "
            f"name in one order on every form, and have {_DECLARATION} ready."
        )
    if diff.kind == "middle name":
        return (
            "One form has a name the other lacks (a middle or second family name): "
            f"have {_DECLARATION} ready that lists every form of your name."
        )
    if diff.kind == "spelling" and near is not None:
        also = " and the names are in another order" if near.reordered else ""
        return (
            f"{_letters(near.letters)}{also}: ask the issuer to correct it, "
            f"or have {_DECLARATION} ready."
        )
    return (
        "These look like different names: check that the document is yours, "
        "and if it is, ask the issuer to correct it."
    )


# --- dates -------------------------------------------------------------------------


def _as_date(value: object, what: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise TypeError(f"{what} must be a date, not {type(value).__name__}")


def date_difference(expected: date, found: date) -> str | None:
    """None when equal; else "day" (same month), "month" (same year) or "year"."""
    if expected == found:
        return None
    if (expected.year, expected.month) == (found.year, found.month):
        return "day"
    if expected.year == found.year:
        return "month"
    return "year"


def _distance(a: date, b: date) -> str:
    """How far apart, in the largest units: '3 days', '1 month', '2 years and 1 month'."""
    lo, hi = min(a, b), max(a, b)
    if (lo.year, lo.month) == (hi.year, hi.month):
        return dates.Span(days=(hi - lo).days).describe()
    if lo == dates.month_end(lo) and hi == dates.month_end(hi):
        # Two month ends (30 Jun, 31 Jul) are whole months apart.
        return dates.between(dates.month_start(lo), dates.month_start(hi)).describe()
    return dates.between(lo, hi).describe()


def _date_why(field_name: str, kind: str, expected: date, found: date, expected_source: str) -> str:
    what = {"day": "The day", "month": "The month"}.get(kind, "The year")
    direction = "later" if found > expected else "earlier"
    reference = PROFILE if expected_source.startswith(PROFILE) else expected_source
    head = f"{what} differs ({_distance(expected, found)} {direction} than {reference})"
    swapped = (
        expected.year == found.year
        and expected.day != expected.month
        and (expected.day, expected.month) == (found.month, found.day)
    )
    if swapped:
        head += ", as if day and month were swapped (the US writes the month first)"
    if reference == PROFILE:
        fix = (
            "ask the issuer to correct the document, "
            "or correct your profile if the document is right"
        )
    else:
        fix = "find out which date is right and ask the issuer of the other document to correct it"
    if field_name in _TRAINING_FIELDS and kind != "day" and not swapped:
        event = {
            ("training_end", "later"): "was extended",
            ("training_end", "earlier"): "ended early",
            ("training_start", "later"): "started late",
            ("training_start", "earlier"): "started early",
        }[field_name, direction]
        fix = (
            f"if your training {event}, ask the programme for a letter giving the "
            f"dates and the reason; if not, {fix}"
        )
    return f"{head}: {fix}."


# --- the profile -------------------------------------------------------------------


def _label(kind: str, specialty: str | None = None) -> str:
    return kind if specialty is None else f"{kind}, {specialty.replace('-', ' ')}"


def profile_values(profile: Profile) -> dict[str, ProfileValue]:
    """What the profile says, as :func:`check` takes it.

    ``"name"`` (str) always; ``"born"`` and ``"graduated"`` (dates) when the profile
    has them; ``TRAINING`` (``"training"``): a tuple of :class:`TrainingPeriod`, one
    per ``training`` entry plus the medical school's internship, labelled
    "residency, internal medicine" (with the years when two labels would be equal).
    A caller may instead give ``"training_start"`` or ``"training_end"`` as one date.
    """
    values: dict[str, ProfileValue] = {"name": profile.person.name}
    if profile.person.born is not None:
        values["born"] = profile.person.born
    if profile.medical_school.graduated is not None:
        values["graduated"] = profile.medical_school.graduated
    raw = [(_label(t.kind.value, t.specialty), t.start, t.end) for t in profile.training]
    internship = profile.medical_school.internship
    if internship is not None:
        raw.append(("internship, medical school", internship.start, internship.end))
    labels = [label for label, _, _ in raw]
    periods = tuple(
        TrainingPeriod(
            f"{label} ({start.year}–{end.year})" if labels.count(label) > 1 else label,
            start,
            end,
        )
        for label, start, end in raw
    )
    if periods:
        values[TRAINING] = periods
    return values


def _periods(values: Mapping[str, ProfileValue]) -> tuple[TrainingPeriod, ...]:
    given = values.get(TRAINING)
    if given is None:
        return ()
    if isinstance(given, str | date) or not all(isinstance(p, TrainingPeriod) for p in given):
        raise TypeError(f"profile value {TRAINING!r} must be a sequence of TrainingPeriod")
    return tuple(given)


def _best_period(periods: Sequence[TrainingPeriod], reading: Reading) -> TrainingPeriod:
    """The period nearest to the document's training dates (both, when it has both)."""
    start, end = reading.dates.get("training_start"), reading.dates.get("training_end")

    def gap(p: TrainingPeriod) -> int:
        days = 0
        if start is not None:
            days += abs((p.start - start).days)
        if end is not None:
            days += abs((p.end - end).days)
        return days

    return min(periods, key=gap)  # the first of equals: the profile's order


# --- the check ---------------------------------------------------------------------


def _reference_reading(readings: Sequence[Reading], has: str) -> Reading | None:
    having = [r for r in readings if _value(r, has) is not None]
    return next((r for r in having if r.confirmed), having[0] if having else None)


def _value(reading: Reading, field_name: str) -> str | date | None:
    if field_name == "name":
        return reading.holder if reading.holder and reading.holder.strip() else None
    return reading.dates.get(field_name)


def _check_names(values: Mapping[str, ProfileValue], readings: Sequence[Reading]) -> list[Mismatch]:
    given = values.get("name")
    if given is not None and not isinstance(given, str):
        raise TypeError(f"profile value 'name' must be a str, not {type(given).__name__}")
    reference: Reading | None = None
    if given is not None and given.strip():
        expected, expected_source, sure = given.strip(), PROFILE, True
    else:
        reference = _reference_reading(readings, "name")
        if reference is None or reference.holder is None:
            return []
        expected, expected_source = reference.holder.strip(), reference.source
        sure = reference.confirmed
    out = []
    for r in readings:
        if r is reference or r.holder is None or not r.holder.strip():
            continue
        diff = _name_diff(expected, r.holder)
        if diff is not None:
            out.append(
                Mismatch(
                    field="name",
                    kind=diff.kind,
                    expected=expected,
                    expected_source=expected_source,
                    found=r.holder.strip(),
                    found_source=r.source,
                    why=_name_why(diff),
                    confirmed=sure and r.confirmed,
                )
            )
    return out


def _check_dates(
    field_name: str, values: Mapping[str, ProfileValue], readings: Sequence[Reading]
) -> list[Mismatch]:
    given = values.get(field_name)
    periods = _periods(values) if field_name in _TRAINING_FIELDS else ()
    reference: Reading | None = None
    if given is None and not periods:
        reference = _reference_reading(readings, field_name)
        if reference is None:
            return []
    out = []
    for r in readings:
        found = r.dates.get(field_name)
        if r is reference or found is None:
            continue
        if given is not None:
            expected = _as_date(given, f"profile value {field_name!r}")
            expected_source, sure = PROFILE, True
        elif periods:
            period = _best_period(periods, r)
            expected = period.start if field_name == "training_start" else period.end
            expected_source, sure = f"{PROFILE}: {period.label}", True
        else:
            assert reference is not None  # chosen above when there is no profile value
            expected, expected_source = reference.dates[field_name], reference.source
            sure = reference.confirmed
        kind = date_difference(expected, found)
        if kind is not None:
            out.append(
                Mismatch(
                    field=field_name,
                    kind=kind,
                    expected=dates.fmt(expected),
                    expected_source=expected_source,
                    found=dates.fmt(found),
                    found_source=r.source,
                    why=_date_why(field_name, kind, expected, found, expected_source),
                    confirmed=sure and r.confirmed,
                )
            )
    return out


def check(
    profile_values: Mapping[str, ProfileValue], readings: Sequence[Reading]
) -> list[Mismatch]:
    """Every way the documents disagree with the profile, or with each other.

    ``profile_values`` is what :func:`profile_values` returns (or any part of it; an
    empty mapping compares the documents with each other only). Each field's
    reference is the profile's value; without one, the first confirmed reading
    that has the field, else the first reading that has it. Training dates are
    compared with the profile period the document matches best. The result is
    sorted by field (in ``FIELDS`` order), then by the document's source.
    """
    out = _check_names(profile_values, readings)
    for field_name in DATE_FIELDS:
        out.extend(_check_dates(field_name, profile_values, readings))
    return sorted(out, key=lambda m: (FIELDS.index(m.field), m.found_source))
