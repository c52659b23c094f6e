"""Contacts for the return: two networks, the key people in each, and when to write to them.

A returning physician needs people on both sides: at home someone who can offer a post and
sign for it, and in the US the mentors, letter writers and coordinators who sign verification
forms long after training ends. The two-networks check names who is still missing; the
keep-in-touch list names who has gone quiet for longer than their role allows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Final

from msgspec import Struct
from msgspec.structs import force_setattr

from wayhome.core.common import dates
from wayhome.core.common.bidi import neutral, neutral_or_none


class Side(StrEnum):
    HOME = "home"
    US = "us"


class ContactRole(StrEnum):
    DEAN_OR_DIRECTOR = "dean-or-director"
    DEPARTMENT_HEAD = "department-head"
    RETURNED_ATTENDING = "returned-attending"
    REGULATOR_OFFICER = "regulator-officer"
    US_MENTOR = "us-mentor"
    LETTER_WRITER = "letter-writer"
    PROGRAMME_DIRECTOR = "programme-director"
    PROGRAMME_COORDINATOR = "programme-coordinator"
    OTHER = "other"

    @property
    def words(self) -> str:
        """The role as a person says it."""
        return ROLE_WORDS.get(self, self.value.replace("-", " "))

    @property
    def side(self) -> Side | None:
        """Which network the role belongs to; "other" belongs to neither."""
        return ROLE_SIDE.get(self)


ROLE_SIDE: Final[Mapping[ContactRole, Side]] = {
    ContactRole.DEAN_OR_DIRECTOR: Side.HOME,
    ContactRole.DEPARTMENT_HEAD: Side.HOME,
    ContactRole.RETURNED_ATTENDING: Side.HOME,
    ContactRole.REGULATOR_OFFICER: Side.HOME,
    ContactRole.US_MENTOR: Side.US,
    ContactRole.LETTER_WRITER: Side.US,
    ContactRole.PROGRAMME_DIRECTOR: Side.US,
    ContactRole.PROGRAMME_COORDINATOR: Side.US,
}
ROLE_WORDS: Final[Mapping[ContactRole, str]] = {
    ContactRole.DEAN_OR_DIRECTOR: "dean or medical director",
    ContactRole.DEPARTMENT_HEAD: "department head",
    ContactRole.RETURNED_ATTENDING: "recently returned attending",
    ContactRole.REGULATOR_OFFICER: "officer at the regulator",
    ContactRole.US_MENTOR: "US mentor",
    ContactRole.LETTER_WRITER: "letter writer",
    ContactRole.PROGRAMME_DIRECTOR: "programme director",
    ContactRole.PROGRAMME_COORDINATOR: "programme coordinator",
    ContactRole.OTHER: "other",
}

# A job title's words -> the role it suggests, the more particular first: "Program
# Director" before "Director", "Chief Medical Officer" before "Chief of ...". Only a
# suggestion: the person corrects it (web/forms/contacts.py), and an X-WAYHOME-ROLE
# a card carries wins over it (adapters/importers/vcard.py).
_PROGRAMME: Final = r"(?:program(?:me)?|residency|fellowship|training|gme)"
TITLE_ROLES: Final[tuple[tuple[re.Pattern[str], ContactRole], ...]] = tuple(
    (re.compile(pattern, re.I), role)
    for pattern, role in (
        (rf"\b{_PROGRAMME}\s+(?:coordinator|administrator)\b", ContactRole.PROGRAMME_COORDINATOR),
        (rf"\b{_PROGRAMME}\s+director\b", ContactRole.PROGRAMME_DIRECTOR),
        (r"\bdean\b", ContactRole.DEAN_OR_DIRECTOR),
        (r"\bmedical\s+(?:director|superintendent)\b", ContactRole.DEAN_OR_DIRECTOR),
        (r"\bchief\s+medical\s+officer\b", ContactRole.DEAN_OR_DIRECTOR),
        (r"\bhead\s+of\s+(?:the\s+)?(?:department|division|unit)\b", ContactRole.DEPARTMENT_HEAD),
        (r"\b(?:department|division|section)\s+(?:head|chief)\b", ContactRole.DEPARTMENT_HEAD),
        (r"\bchief\s+of\b", ContactRole.DEPARTMENT_HEAD),
        (r"\bhod\b", ContactRole.DEPARTMENT_HEAD),
        (r"(?<!vice[ -])(?<!vice)\bchair(?:man|woman|person)?\b", ContactRole.DEPARTMENT_HEAD),
    )
)


def roles_from_title(title: str | None) -> tuple[ContactRole, ...]:
    """The roles a job title suggests, in the order of TITLE_ROLES ("Professor and Chair,
    Program Director": department head and programme director); none for a title that
    names no role Wayhome knows ("Chief Resident", "Vice Chair", "Attending")."""
    if not title:
        return ()
    text = " ".join(neutral(title).split())
    return tuple(dict.fromkeys(role for pattern, role in TITLE_ROLES if pattern.search(text)))


US: Final = "US"


def derive_id(name: str, emails: Iterable[str] = ()) -> str:
    """A stable id for a card without a UID, so importing the same export twice matches."""
    email = next((e.strip().casefold() for e in emails if e.strip()), "")
    key = f"{' '.join(name.split()).casefold()}\x1f{email}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


class Contact(Struct, frozen=True):
    id: str
    name: str  # in Latin script, as letters and forms need it
    native_name: str | None = None  # in the person's own script, when it differs
    roles: tuple[ContactRole, ...] = ()
    institution: str | None = None
    title: str | None = None
    country: str | None = None  # ISO 3166 alpha-2, e.g. "IN"; None when unknown
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    last_contact: date | None = None
    pending: tuple[str, ...] = ()  # requests waiting on them: a letter, a signed form
    notes: str | None = None
    cadence_months: int | None = None  # overrides the role's keep-in-touch cadence

    def __post_init__(self) -> None:
        # Names compared and exported in one spelling: single spaces, no edges, and
        # nothing that reorders what is shown (bidi controls: core/common/bidi.py).
        for text_field in ("name", "native_name", "institution", "title", "notes"):
            force_setattr(self, text_field, neutral_or_none(getattr(self, text_field)))
        for list_field in ("emails", "phones", "pending"):
            force_setattr(self, list_field, tuple(neutral(s) for s in getattr(self, list_field)))
        name = " ".join(self.name.split())
        if not name:
            raise ValueError("a contact needs a name")
        force_setattr(self, "name", name)
        native = " ".join(self.native_name.split()) if self.native_name else ""
        force_setattr(self, "native_name", native or None)
        roles = tuple(dict.fromkeys(ContactRole(r) for r in self.roles))
        force_setattr(self, "roles", roles)
        country = _clean(self.country)
        force_setattr(self, "country", country.upper() if country else None)
        for text_field in ("institution", "title", "notes"):
            force_setattr(self, text_field, _clean(getattr(self, text_field)))
        for list_field in ("emails", "phones", "pending"):
            items = (s.strip() for s in getattr(self, list_field))
            force_setattr(self, list_field, tuple(s for s in items if s))
        if self.cadence_months is not None and self.cadence_months < 1:
            raise ValueError(f"cadence_months must be at least 1, not {self.cadence_months}")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "native_name": self.native_name,
            "roles": [r.value for r in self.roles],
            "institution": self.institution,
            "title": self.title,
            "country": self.country,
            "emails": list(self.emails),
            "phones": list(self.phones),
            "last_contact": self.last_contact.isoformat() if self.last_contact else None,
            "pending": list(self.pending),
            "notes": self.notes,
            "cadence_months": self.cadence_months,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Contact:
        last = data.get("last_contact")
        cadence = data.get("cadence_months")
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            native_name=data.get("native_name"),
            roles=tuple(ContactRole(r) for r in data.get("roles") or ()),
            institution=data.get("institution"),
            title=data.get("title"),
            country=data.get("country"),
            emails=tuple(str(e) for e in data.get("emails") or ()),
            phones=tuple(str(p) for p in data.get("phones") or ()),
            last_contact=date.fromisoformat(last) if last else None,
            pending=tuple(str(p) for p in data.get("pending") or ()),
            notes=data.get("notes"),
            cadence_months=int(cadence) if cadence is not None else None,
        )


# --- the two-networks check ------------------------------------------------------------------


class Need(Struct, frozen=True):
    side: Side
    role: ContactRole
    count: int
    missing: str  # what is missing, in plain words
    why: str  # why it matters
    also: tuple[ContactRole, ...] = ()  # other roles that fill it

    def filled_by(self, contact: Contact) -> bool:
        return any(r in contact.roles for r in (self.role, *self.also))


NEEDS: Final[tuple[Need, ...]] = (
    Need(
        Side.HOME,
        ContactRole.DEAN_OR_DIRECTOR,
        1,
        "a dean or medical director",
        "they decide on posts and sign the institution's letters",
    ),
    Need(
        Side.HOME,
        ContactRole.DEPARTMENT_HEAD,
        1,
        "a department head",
        "they know whether the department has a post and what it will ask of you",
    ),
    Need(
        Side.HOME,
        ContactRole.RETURNED_ATTENDING,
        1,
        "a recently returned attending",
        "someone who made the same move lately knows today's steps and delays",
    ),
    Need(
        Side.HOME,
        ContactRole.REGULATOR_OFFICER,
        1,
        "an officer at the regulator's desk",
        "a named person can say what a stalled application is missing",
    ),
    Need(
        Side.US,
        ContactRole.US_MENTOR,
        1,
        "a US mentor",
        "a mentor vouches for you and knows who else to ask",
    ),
    Need(
        Side.US,
        ContactRole.LETTER_WRITER,
        3,
        "letter writers",
        "most applications ask for three letters (your programme director usually writes one)",
        also=(ContactRole.PROGRAMME_DIRECTOR,),
    ),
    Need(
        Side.US,
        ContactRole.PROGRAMME_COORDINATOR,
        1,
        "a programme coordinator",
        "they sign the training verification forms regulators send to the programme",
    ),
)


class Gap(Struct, frozen=True):
    side: Side
    role: ContactRole
    have: int
    need: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "side": self.side.value,
            "role": self.role.value,
            "have": self.have,
            "need": self.need,
            "reason": self.reason,
        }


def counts_for(contact: Contact, side: Side, home_country: str) -> bool:
    """Whether a contact is on that side's network: where they are, or unknown but plausible.

    Someone with no country recorded counts on the side of their role, so a phone card without
    an address does not open a false gap; someone recorded elsewhere does not count.
    """
    where = US if side is Side.US else home_country.upper()
    return contact.country is None or contact.country == where


def missing_people(contacts: Iterable[Contact], home_country: str) -> list[Gap]:
    """The key people still missing at home and in the US, home side first.

    A role is filled by contacts holding it on the right side (see ``counts_for``); letter
    writers need three. Contacts holding the role but recorded in another country are named in
    the reason, so the user sees why they did not count.
    """
    people = list(contacts)
    home = home_country.upper()
    gaps: list[Gap] = []
    for need in NEEDS:
        holders = [c for c in people if need.filled_by(c)]
        here = [c for c in holders if counts_for(c, need.side, home)]
        if len(here) >= need.count:
            continue
        place = "in the US" if need.side is Side.US else f"at home ({home})"
        if need.count == 1:
            reason = f"Missing {place}: {need.missing}. {need.why[0].upper()}{need.why[1:]}."
        else:
            short = need.count - len(here)
            reason = (
                f"{len(here)} of {need.count} {need.missing} {place}: {need.why}, "
                f"so add {short} more."
            )
        elsewhere = [c for c in holders if c not in here]
        if elsewhere:
            listed = ", ".join(f"{c.name} ({c.country})" for c in elsewhere)
            reason += f" Recorded in another country, so not counted: {listed}."
        gaps.append(Gap(need.side, need.role, len(here), need.count, reason))
    return gaps


# --- keep in touch ---------------------------------------------------------------------------

DEFAULT_CADENCE_MONTHS: Final = 12
ROLE_CADENCE_MONTHS: Final[Mapping[ContactRole, int]] = {
    # Letter writers and mentors forget you between applications; write twice a year.
    ContactRole.LETTER_WRITER: 6,
    ContactRole.PROGRAMME_DIRECTOR: 6,
    ContactRole.US_MENTOR: 6,
    # The people who decide on a post at home need to hear from you every quarter.
    ContactRole.DEAN_OR_DIRECTOR: 3,
    ContactRole.DEPARTMENT_HEAD: 3,
}


def cadence_of(contact: Contact) -> int:
    """Months between contacts: the override, else the shortest of the contact's roles."""
    if contact.cadence_months is not None:
        return contact.cadence_months
    return min(
        (ROLE_CADENCE_MONTHS.get(r, DEFAULT_CADENCE_MONTHS) for r in contact.roles),
        default=DEFAULT_CADENCE_MONTHS,
    )


class Due(Struct, frozen=True):
    contact: Contact
    due_on: date
    days_overdue: int  # 0 when due today or never contacted
    cadence_months: int

    @property
    def never_contacted(self) -> bool:
        return self.contact.last_contact is None

    def to_json(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact.id,
            "name": self.contact.name,
            "due_on": self.due_on.isoformat(),
            "days_overdue": self.days_overdue,
            "cadence_months": self.cadence_months,
            "never_contacted": self.never_contacted,
        }


def due(contacts: Iterable[Contact], today: date) -> list[Due]:
    """Who to get in touch with now, most overdue first (then by name).

    The cadence counts from the last logged contact; someone never contacted is due today.
    """
    out: list[Due] = []
    for contact in contacts:
        months = cadence_of(contact)
        if contact.last_contact is None:
            out.append(Due(contact, today, 0, months))
            continue
        due_on = dates.add_months(contact.last_contact, months)
        if due_on <= today:
            out.append(Due(contact, due_on, (today - due_on).days, months))
    out.sort(key=lambda d: (-d.days_overdue, d.contact.name.casefold(), d.contact.id))
    return out


# --- the annual home visit -------------------------------------------------------------------


def on_home_side(contact: Contact, home_country: str) -> bool:
    """Someone to see at home: recorded there, or holding a home role with no country."""
    if contact.country is not None:
        return contact.country == home_country.upper()
    return any(r.side is Side.HOME for r in contact.roles)


class Meeting(Struct, frozen=True):
    contact: Contact
    why: str  # what to do with them on this visit


class Stop(Struct, frozen=True):
    institution: str
    meetings: tuple[Meeting, ...]


class Visit(Struct, frozen=True):
    start: date
    end: date
    stops: tuple[Stop, ...]  # institutions, the most to do first
    also_find: tuple[Gap, ...]  # home roles nobody fills yet: ask around while there

    def to_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "stops": [
                {
                    "institution": s.institution,
                    "meetings": [
                        {"contact_id": m.contact.id, "name": m.contact.name, "why": m.why}
                        for m in s.meetings
                    ],
                }
                for s in self.stops
            ],
            "also_find": [g.to_json() for g in self.also_find],
        }


NO_INSTITUTION: Final = "Institution not recorded"


def _why(contact: Contact, start: date) -> str:
    parts = [f"ask about: {p}" for p in contact.pending]
    if contact.last_contact is None:
        parts.append("first meeting: introduce yourself and your return date")
    else:
        due_on = dates.add_months(contact.last_contact, cadence_of(contact))
        if due_on <= start:
            parts.append(f"last in touch {dates.fmt(contact.last_contact)}: overdue, catch up")
        else:
            parts.append(f"last in touch {dates.fmt(contact.last_contact)}: keep it warm")
    return "; ".join(parts)


def plan_visit(contacts: Iterable[Contact], home_country: str, start: date, end: date) -> Visit:
    """The home visit: the institutions to go to and whom to see at each, with what to ask;
    and the home roles nobody fills yet, to look for while there.

    An institution with more pending requests and overdue people comes first, so a short
    visit still covers what matters.
    """
    if end < start:
        raise ValueError(f"the visit ends ({dates.fmt(end)}) before it starts ({dates.fmt(start)})")
    people = [c for c in contacts if on_home_side(c, home_country)]
    by_place: dict[str, list[Contact]] = {}
    for c in people:
        by_place.setdefault(c.institution or NO_INSTITUTION, []).append(c)

    def weight(c: Contact) -> int:
        overdue = c.last_contact is None or dates.add_months(c.last_contact, cadence_of(c)) <= start
        return len(c.pending) * 2 + int(overdue)

    stops = [
        Stop(
            place,
            tuple(
                Meeting(c, _why(c, start))
                for c in sorted(group, key=lambda c: (-weight(c), c.name.casefold()))
            ),
        )
        for place, group in by_place.items()
    ]
    stops.sort(
        key=lambda s: (
            s.institution == NO_INSTITUTION,
            -sum(weight(m.contact) for m in s.meetings),
            s.institution.casefold(),
        )
    )
    gaps = tuple(g for g in missing_people(people, home_country) if g.side is Side.HOME)
    return Visit(start, end, tuple(stops), gaps)
