"""The procedure log: hands-on numbers, counted the way a regulator reads them.

A case can span several rows (one per procedure code, sharing a case id and date),
so totals count cases and procedures separately. A row's category is the program's
defined category, else its area and type ("Abdomen › Open"), else none: such rows
are counted under "(no category)". Role matters: the guide asks for
hands-on numbers, so performed, assisted and observed are never added together.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

from msgspec import Struct, field

from wayhome.core.common.vocabulary import Role

# Words in programs' role vocabularies, checked in this order. ACGME credits a
# resident who is "teaching assistant" (guiding a junior through the case) with
# the case as surgeon, so it counts as performed; "first assistant" does not.
ROLE_WORDS: Final = (
    (re.compile(r"teaching assistant", re.I), Role.PERFORMED),
    (re.compile(r"observ|watch|shadow", re.I), Role.OBSERVED),
    (re.compile(r"assist", re.I), Role.ASSISTED),
    (
        re.compile(r"surgeon|primary|perform|operator|independ|supervis|chief|junior|senior", re.I),
        Role.PERFORMED,
    ),
)
# ACGME general surgery's role codes, as a whole cell (shared/research/peers_and_formats.md:
# a field-mapping doc lists role SC/SJ/TA/FA; their meanings as in UCSF's "General Surgery
# Operative Log Guidelines", surgeryresidentportal.ucsf.edu): Surgeon Chief and Surgeon
# Junior are the surgeon's credit, Teaching Assistant too (as the words above), First
# Assistant is assisting. PS is "primary surgeon", beside FA, as residents log it
# (Bankhead-Kendall et al., Association for Surgical Education 2018, abstract C4-03).
# "Level 1/2/3" mean different things in different specialties: not here, never guessed.
ROLE_CODES: Final = {
    "sc": Role.PERFORMED,
    "sj": Role.PERFORMED,
    "ta": Role.PERFORMED,
    "fa": Role.ASSISTED,
    "ps": Role.PERFORMED,
}


def role_of(text: str | None, vocabulary: Mapping[str, Role] | None = None) -> Role:
    """A program's role wording as performed / assisted / observed; unknown if unclear."""
    if not text or not text.strip():
        return Role.UNKNOWN
    said = text.strip().casefold()
    if vocabulary:
        for word, role in vocabulary.items():
            if word.casefold() == said:
                return role
    if said in ROLE_CODES:
        return ROLE_CODES[said]
    for pattern, role in ROLE_WORDS:
        if pattern.search(text.strip()):
            return role
    return Role.UNKNOWN


def digest(*parts: object) -> str:
    """32 hex characters that stand for the parts (None and "" alike): a row's key, and
    the hashed case and kind columns of the stored log (adapters/db/caselog_sql.py)."""
    return hashlib.sha256("\x1f".join(str(p or "") for p in parts).encode()).hexdigest()[:32]


TEXT_FIELDS: Final = (
    "role_said",
    "category",
    "area",
    "type",
    "code",
    "description",
    "year",
    "site",
)


class Procedure(Struct, frozen=True):
    """One row of a case log: one procedure within a case."""

    case_id: str | None
    on: date | None
    role: Role
    role_said: str | None = None  # the program's own wording, kept for the summary
    category: str | None = None  # e.g. ACGME "defined category"
    area: str | None = None
    type: str | None = None
    code: str | None = None  # CPT
    description: str | None = None
    year: str | None = None  # year of training when given (PGY-3), else none
    site: str | None = None

    @property
    def heading(self) -> str | None:
        """The category a regulator reads: the defined category, else "Area › Type"."""
        return self.category or " › ".join(t for t in (self.area, self.type) if t) or None

    @property
    def key(self) -> str:
        """Stable identity, so importing an updated download adds only what is new."""
        return digest(
            self.case_id, self.on, self.code, self.description, self.category, self.role_said
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "case_id": self.case_id,
            "on": self.on.isoformat() if self.on else None,
            "role": self.role.value,
        }
        for name in TEXT_FIELDS:
            out[name] = getattr(self, name)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Procedure:
        return cls(
            case_id=data.get("case_id"),
            on=date.fromisoformat(data["on"]) if data.get("on") else None,
            role=Role(data.get("role", "unknown")),
            **{k: data.get(k) for k in TEXT_FIELDS},
        )


class Count(Struct):
    cases: int = 0
    procedures: int = 0


class Totals(Struct):
    cases: int = 0
    procedures: int = 0
    by_role: dict[str, Count] = field(default_factory=dict)
    by_category: dict[str, dict[str, Count]] = field(default_factory=dict)  # category -> role
    by_year: dict[str, Count] = field(default_factory=dict)
    by_site: dict[str, Count] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        def counts(d: Mapping[str, Count]) -> dict[str, dict[str, int]]:
            return {k: {"cases": v.cases, "procedures": v.procedures} for k, v in d.items()}

        return {
            "cases": self.cases,
            "procedures": self.procedures,
            "by_role": counts(self.by_role),
            "by_category": {k: counts(v) for k, v in self.by_category.items()},
            "by_year": counts(self.by_year),
            "by_site": counts(self.by_site),
        }


UNCATEGORISED: Final = "(no category)"
NO_DATE: Final = "(no date)"
NO_SITE: Final = "(no site)"


def groups_of(p: Procedure) -> tuple[str, str, str]:
    """The category, year and site a row is counted under (the stored totals use the
    same: services/cases.py)."""
    year = p.year or (str(p.on.year) if p.on else NO_DATE)
    return p.heading or UNCATEGORISED, year, p.site or NO_SITE


def case_of(p: Procedure, row: int) -> str:
    """The case a row belongs to: its case id on its date (ACGME's rows of one case share
    both), or the row alone when it has no case id."""
    return f"{p.case_id}\x1f{p.on or ''}" if p.case_id else f"#row{row}"


def totals(procedures: Iterable[Procedure]) -> Totals:
    """Cases and procedures by role, category (split by role), year and site.

    Rows without a case id are a case each. Within a grouping a case counts
    once however many of its rows fall there.
    """
    seen: dict[tuple[str, ...], set[str]] = defaultdict(set)
    out = Totals()

    def add(bucket: dict[str, Count], name: str, group: tuple[str, ...], case: str) -> None:
        count = bucket.setdefault(name, Count())
        count.procedures += 1
        if case not in seen[group]:
            seen[group].add(case)
            count.cases += 1

    all_cases: set[str] = set()
    for i, p in enumerate(procedures):
        case = case_of(p, i)
        all_cases.add(case)
        out.procedures += 1
        add(out.by_role, p.role.value, ("role", p.role.value), case)
        category, year, site = groups_of(p)
        add(
            out.by_category.setdefault(category, {}),
            p.role.value,
            ("category", category, p.role.value),
            case,
        )
        add(out.by_year, year, ("year", year), case)
        add(out.by_site, site, ("site", site), case)
    out.cases = len(all_cases)
    out.by_category = dict(sorted(out.by_category.items()))
    out.by_year = dict(sorted(out.by_year.items()))
    return out
