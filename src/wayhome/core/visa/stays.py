"""Where the physician was on each day, from the stays log.

Each day belongs to the country of the stay that covers it; a travel day that ends
one stay and starts the next counts for the country arrived in. A day inside the
log's span that no stay covers is unknown. Past the last recorded stay, the plan
says the rest: a log that reaches the planned return goes on where its last stay is;
one that ends before it (a holiday at home recorded, say) leaves the days up to the
return unknown, and from the return the physician is taken to be home, as with no
stays at all. Every clock that relies on it says so. A stay abroad last in the log that
ends before the planned return is a trip: its last day is the flight back to the US,
which counts for the US like any travel day.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from msgspec import Struct
from msgspec.structs import replace

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


class Span(Struct, frozen=True):
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


US: Final = "US"


class Whereabouts(Struct, frozen=True):
    """Day by day: a country, or None where the log does not say. ``back_in_us``: the
    day of a last trip's flight back (the module's docstring), None if there is none."""

    spans: tuple[Span, ...]
    back_in_us: date | None = None

    @classmethod
    def of(cls, stays: list[Stay], back: date) -> Whereabouts:
        """The log of ``stays``, for a physician whose planned return is ``back``."""
        spans = effective(stays)
        last = spans[-1] if spans else None
        if last is None or last.country == US or last.end >= back:
            return cls(tuple(spans))
        trip = [
            *spans[:-1],
            *([replace(last, end=last.end - ONE_DAY)] if last.end > last.start else []),
        ]
        return cls((*trip, Span(US, last.end, last.end)), back_in_us=last.end)

    def trip_words(self) -> str:
        """The flight back taken for a last trip, in words (empty without one)."""
        if self.back_in_us is None:
            return ""
        return (
            f" Your last recorded stay abroad ends on {dates.fmt(self.back_in_us)}, before "
            "your planned return: that day is taken as your flight back to the US."
        )

    @property
    def last(self) -> Span | None:
        return self.spans[-1] if self.spans else None

    def recorded_on(self, day: date) -> str | None:
        """The country of the stay that covers ``day``; None where no stay does."""
        for s in self.spans:
            if s.start <= day <= s.end:
                return s.country
        return None

    def country_on(self, day: date, back: date, home: str) -> str | None:
        """As recorded; past the last stay, as the plan says (the module's docstring):
        ``back`` is the planned return, ``home`` where the physician is taken to be from
        it."""
        found = self.recorded_on(day)
        last = self.last
        if found is not None or last is None or day <= last.end:
            return found
        if last.end >= back:
            return last.country  # the log reaches the return: its last place goes on
        return home if day >= back else None

    def assumption(self, after: date, back: date, home: str) -> str:
        """The words for what is taken past the last stay, if the count (to ``after``)
        goes past it."""
        last = self.last
        if last is None or last.end >= after:
            return ""
        if last.end >= back:
            return (
                f" After your last recorded stay (to {dates.fmt(last.end)}) Wayhome takes it "
                f"that you stay in {place(last.country)}."
            )
        return (
            f" Your stays log ends on {dates.fmt(last.end)}: the days from then to your "
            f"planned return, {dates.fmt(back)}, are not known and count as not at home, and "
            f"from the return Wayhome takes it that you stay in {place(home)}."
        )
