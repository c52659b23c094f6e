"""The visa clocks, counted from where the physician was: the stays log.

Each day belongs to the country of the stay that covers it; a travel day that
ends one stay and starts the next counts for the country arrived in; a day in
no stay is unknown and counts for nothing. The limits (7 years of J-1
sponsorship, its 30-day grace, 2 years at home after a J-1, 6 years of H-1B)
come from the US pack, not from this code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from wayhome.core.common import dates, periods
from wayhome.core.common.data import iso
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.periods import Counting
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import Profile, Stay, VisaType, WaiverRoute, WaiverStatus
from wayhome.core.rules.pack import Pack

DRIFT_YEARS: Final = 7  # the guide warns about drifting into "8+ years later"


@dataclass(frozen=True)
class Clock:
    id: str
    title: str
    status: str  # ok | tight | conflict | met | waived | unknown | info
    date: date | None  # the date that matters
    explanation: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "date": iso(self.date),
            "explanation": self.explanation,
        }


def effective(stays: list[Stay]) -> list[tuple[str, date, date, bool]]:
    """(country, first day, last day, planned) with travel days given to the arrival."""
    ordered = sorted(stays, key=lambda s: s.start)
    out = []
    for i, s in enumerate(ordered):
        end = s.end
        if i + 1 < len(ordered) and ordered[i + 1].start == s.end:
            end = s.end - ONE_DAY
        if end >= s.start:
            out.append((s.country, s.start, end, s.planned))
    return out


def days_outside(stays: list[Stay], country: str, lo: date, hi: date) -> int:
    """Days known to be spent in another country (unknown days count for nothing)."""
    total = 0
    for c, start, end, _ in effective(stays):
        a, b = max(start, lo), min(end, hi)
        if c != country and a <= b:
            total += (b - a).days + 1
    return total


def _us_rule(packs: list[Pack], rule_id: str) -> Any:
    us = next((p for p in packs if p.code == "US"), None)
    rule = us.rule(rule_id) if us else None
    return rule.versions[-1] if rule else None


def clocks(profile: Profile, packs: list[Pack], on: date) -> list[Clock]:
    out: list[Clock] = []
    facts = ProfileFacts.of(profile)
    j1 = facts.visa_periods(VisaType.J1)
    h1b = facts.visa_periods(VisaType.H1B)
    us_training_end = facts.training_end(country="US")
    gme = _us_rule(packs, "us-j1-gme-limit")
    home_rule = _us_rule(packs, "us-j1-home-presence")
    h1b_rule = _us_rule(packs, "us-h1b-six-years")
    j1_end = _j1_end(j1, us_training_end)
    if j1 and gme is not None:
        out += _j1_limit(j1, gme, j1_end)
    if j1 and home_rule is not None:
        out.append(_home_presence(profile, j1_end, home_rule, on))
    if h1b and h1b_rule is not None:
        out.append(_h1b(profile, h1b, h1b_rule))
    drift = _drift(profile, us_training_end)
    if drift:
        out.append(drift)
    return out


def _j1_end(j1: list[Any], us_training_end: date | None) -> tuple[date | None, str]:
    """When the J-1 ends: as recorded, or else when US training ends (a J-1 for graduate
    medical education ends with the programme), saying which."""
    if not j1:
        return None, ""
    if j1[-1].end is not None:
        return j1[-1].end, ""
    if us_training_end:
        return us_training_end, (
            " (no J-1 end date in your profile, so Wayhome takes the end of your US training)"
        )
    return None, ""


def _j1_limit(j1: list[Any], version: Any, j1_end: tuple[date | None, str]) -> list[Clock]:
    first = j1[0].start
    # J-1's seven years count the first programme day as day 1.
    limit = periods.period(first, dates.Span(years=version.years), Counting.ON).completed_on
    last_end, assumed = j1_end
    out = []
    text = (
        f"J-1 sponsorship for graduate medical education began {dates.fmt(first)}; "
        f"{version.years} years run out after {dates.fmt(limit)}."
    )
    if last_end is None:
        out.append(
            Clock(
                "j1-limit",
                f"J-1: at most {version.years} years",
                "info",
                limit,
                text + " Your J-1 has no end date in your profile.",
            )
        )
    else:
        status = "conflict" if last_end > limit else "ok"
        text += f" Your J-1 ends {dates.fmt(last_end)}{assumed}" + (
            ", after the limit." if status == "conflict" else ", within it."
        )
        out.append(Clock("j1-limit", f"J-1: at most {version.years} years", status, limit, text))
        if version.grace_days is not None:
            leave = last_end + timedelta(days=version.grace_days)
            out.append(
                Clock(
                    "j1-grace",
                    "J-1: leave within the grace period",
                    "info",
                    leave,
                    f"After the programme ends on {dates.fmt(last_end)} you have "
                    f"{version.grace_days} days to leave: by {dates.fmt(leave)}. You "
                    "may not work or train in that time.",
                )
            )
    return out


def _home_presence(
    profile: Profile, j1_end: tuple[date | None, str], version: Any, on: date
) -> Clock:
    title = f"J-1: {version.years} years at home (INA 212(e))"
    waiver = profile.j1_waiver
    if waiver is not None and waiver.status is WaiverStatus.GRANTED:
        extra = (
            " Conrad 30 carries its own obligation: three years of full-time H-1B work "
            "in an underserved area."
            if waiver.route is WaiverRoute.CONRAD_30
            else ""
        )
        return Clock(
            "j1-home",
            title,
            "waived",
            None,
            f"You recorded a {waiver.route.value} waiver as granted: the home "
            f"requirement does not apply.{extra}",
        )
    home = profile.home_for_212e or profile.home_country
    ended, assumed = j1_end
    if ended is None:
        return Clock(
            "j1-home",
            title,
            "unknown",
            None,
            "Your J-1 has no end date yet: the two years count from after it.",
        )
    # Years of days, with a leap day for every (started) four: 2 years are 731 days.
    need = version.years * 365 + -(-version.years // 4)
    start = ended + ONE_DAY
    counted = 0
    stays = effective(profile.stays)
    for country, a, b, _ in stays:
        a = max(a, start)
        if b < a or country != home:
            continue
        days = (b - a).days + 1
        if counted + days >= need:
            met = a + timedelta(days=need - counted - 1)
            return Clock(
                "j1-home",
                title,
                "met" if met <= on else "info",
                met,
                f"Counting the days in {home} in your stays log after your J-1 "
                f"ended on {dates.fmt(ended)}{assumed} ({need} days are needed: two years, "
                "counted so that a 29 February never leaves you short; days back in "
                f"the US do not count), the requirement is met on {dates.fmt(met)}.",
            )
        counted += days
    recorded = [(a, b) for _, a, b, _ in stays if b >= start]
    if not recorded:
        return Clock(
            "j1-home",
            title,
            "unknown",
            None,
            f"Add your stays (past and planned) to count the {need} days at home "
            f"after your J-1 ended on {dates.fmt(ended)}.",
        )
    span_end = max(b for _, b in recorded)
    span_days = (span_end - start).days + 1
    rate = counted / span_days if span_days else 0
    if rate == 0:
        return Clock(
            "j1-home",
            title,
            "unknown",
            None,
            f"No day at home in {home} is recorded after your J-1 ended: the "
            "requirement is not on its way.",
        )
    projected = span_end + timedelta(days=round((need - counted) / rate))
    return Clock(
        "j1-home",
        title,
        "info",
        projected,
        f"{counted} of the {need} days at home are in your stays log up to "
        f"{dates.fmt(span_end)} ({rate:.0%} of the days since your J-1 ended). At "
        f"this rate the requirement is met around {dates.fmt(projected)}.",
    )


def _h1b(profile: Profile, periods: list[Any], version: Any) -> Clock:
    title = f"H-1B: at most {version.years} years"
    allowed = (dates.add_years(periods[0].start, version.years) - periods[0].start).days
    used = 0
    recaptured = 0
    for v in periods:
        end = v.end or profile.plan.return_date - ONE_DAY
        used += (end - v.start).days + 1
        recaptured += days_outside(profile.stays, "US", v.start, end)
    net = used - recaptured
    left = allowed - net
    until = end  # the current period's end, from the loop
    # The day the limit is reached, if you stay in the US in H-1B status from `until` on.
    last = until + timedelta(days=left)
    status = "conflict" if left < 0 else ("tight" if left < 365 else "ok")
    word = "remain" if left >= 0 else "over the limit"
    return Clock(
        "h1b-max",
        title,
        status,
        last,
        f"{used} days in H-1B status (counted to {dates.fmt(until)}), less {recaptured} days "
        f"abroad that can be recaptured, is {net} of the {allowed} days allowed: "
        f"{abs(left)} days {word}; the limit falls on {dates.fmt(last)}. Keep proof of every "
        "trip (passport stamps, I-94, tickets).",
    )


def _drift(profile: Profile, us_training_end: date | None) -> Clock | None:
    if us_training_end is None:
        return None
    years = (
        dates.between(us_training_end, profile.plan.return_date).years
        if profile.plan.return_date >= us_training_end
        else 0
    )
    if years < DRIFT_YEARS:
        return None
    return Clock(
        "drift",
        "Drift: many years after training",
        "tight",
        profile.plan.return_date,
        f"You plan to return {years} years after your US training ends. The guide "
        "warns about drifting into '8+ years later': exam eligibility windows close, "
        "your school and training documents get harder to retrieve, and late "
        "recognition may carry a penalty. Check each before you settle the date.",
    )
