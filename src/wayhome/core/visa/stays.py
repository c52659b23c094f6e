"""Where the physician was on each day, from the stays log.

Each day belongs to the country of the stay that covers it; a travel day that ends
one stay and starts the next counts for the country arrived in. A day inside the
log's span that no stay covers is unknown. After the last recorded stay the
physician is taken to stay where that stay is, and every clock says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.profile.model import Stay

# Country names read with "the": "14 days in the Netherlands".
_WITH_THE = frozenset({"Bahamas", "Comoros", "Gambia", "Maldives", "Netherlands", "Philippines"})


def place(code: str) -> str:
    """A country as the clocks name it after "in": "India", "the US" (as every US clock
    says it), "the United Kingdom"."""
    if code == "US":
        return "the US"
    name = country_name(code)
    the = name.startswith("United ") or name.endswith((" Islands", " Republic"))
    return f"the {name}" if the or name in _WITH_THE else name


@dataclass(frozen=True, slots=True)
class Span:
    country: str
    start: date
    end: date  # inclusive


def effective(stays: list[Stay]) -> list[Span]:
    """The stays in order, each travel day given to the country arrived in."""
    ordered = sorted(stays, key=lambda s: s.start)
    out = []
    for i, s in enumerate(ordered):
        end = s.end
        if i + 1 < len(ordered) and ordered[i + 1].start == s.end:
            end = s.end - ONE_DAY
        if end >= s.start:
            out.append(Span(s.country, s.start, end))
    return out


@dataclass(frozen=True)
class Whereabouts:
    """Day by day: a country, or None where the log does not say."""

    spans: tuple[Span, ...]

    @classmethod
    def of(cls, stays: list[Stay]) -> Whereabouts:
        return cls(tuple(effective(stays)))

    @property
    def last(self) -> Span | None:
        return self.spans[-1] if self.spans else None

    def recorded_on(self, day: date) -> str | None:
        """The country of the stay that covers ``day``; None where no stay does."""
        for s in self.spans:
            if s.start <= day <= s.end:
                return s.country
        return None

    def country_on(self, day: date) -> str | None:
        """As recorded, and after the last stay the country of that stay."""
        found = self.recorded_on(day)
        last = self.last
        if found is None and last is not None and day > last.end:
            return last.country  # taken to stay where the last stay is
        return found

    def assumption(self, after: date) -> str:
        """The words for what is taken after the last stay, if the count goes past it."""
        last = self.last
        if last is None or last.end >= after:
            return ""
        return (
            f" After your last recorded stay (to {dates.fmt(last.end)}) Wayhome takes it that "
            f"you stay in {place(last.country)}."
        )
