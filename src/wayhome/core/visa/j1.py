"""The J-1 clocks for a physician sponsored by ECFMG: seven years of graduate medical
education, the grace period (or a board-exam extension), two years at home after it
(INA 212(e)), and a Conrad 30 waiver's obligation.

The programme runs from the first US training period held in J-1 status; it ends on
the DS-2019 end date (``visa.end``), else with the last US training period, and each
clock says which it used.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from msgspec import Struct
from msgspec.structs import replace

from wayhome.core.common import dates
from wayhome.core.common.dates import ONE_DAY, Span
from wayhome.core.common.periods import counting_for, period
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.labels import WAIVER_ROUTES
from wayhome.core.profile.model import (
    Profile,
    Training,
    Visa,
    VisaType,
    WaiverRoute,
    WaiverStatus,
)
from wayhome.core.visa.clocks import Clock, ClockStatus, added_in_words, tally, us_version
from wayhome.core.visa.stays import Whereabouts, place

if TYPE_CHECKING:
    from wayhome.core.rules.pack import Pack


class Programme(Struct, frozen=True):
    """The J-1 programme: when it started and ended, and how Wayhome knows."""

    start: date
    start_basis: str
    end: date | None
    end_basis: str
    sponsored: tuple[Training, ...]  # US training held in J-1 status


def programme(profile: Profile) -> Programme | None:
    facts = ProfileFacts.of(profile)
    j1 = facts.visa_periods(VisaType.J1)
    if not j1:
        return None
    sponsored = tuple(
        t
        for t in sorted(profile.training, key=lambda t: t.start)
        if t.country == "US"
        and any(t.end >= v.start and (v.end is None or t.start <= v.end) for v in j1)
    )
    if sponsored:
        first = sponsored[0]
        start, start_basis = first.start, f"the start of your US {first.kind.value}"
    else:
        start, start_basis = j1[0].start, "the J-1's first day (no US training in J-1 recorded)"
    if j1[-1].end is not None:
        end: date | None = j1[-1].end
        end_basis = "the DS-2019 end date in your profile"
    elif sponsored:
        end = max(t.end for t in sponsored)
        end_basis = "the end of your last US training period, as your profile has no J-1 end date"
    else:
        end, end_basis = None, "no J-1 end date or US training in your profile"
    return Programme(start, start_basis, end, end_basis, sponsored)


class Stay(Struct, frozen=True):
    """The last day of a J-1 stay in the US: the grace period's, or an extension's."""

    last_day: date
    how: str  # in words
    extension_refused: str | None = None  # why a recorded extension is not allowed


def last_day_of_stay(profile: Profile, prog: Programme, version: Any) -> Stay | None:
    """When the physician must have left: 30 days after the programme (counting from the
    day after its end), or the board exam of an allowed extension."""
    if prog.end is None or version.grace_days is None:
        return None
    grace = period(
        prog.end, Span(days=version.grace_days), counting_for("j1-grace", "programme_end")
    ).completed_on
    visa = ProfileFacts.of(profile).status_now(VisaType.J1)
    ext = visa.board_exam_extension if visa else None
    if ext is not None and version.extension_months:
        limit = period(
            prog.end,
            Span(months=version.extension_months),
            counting_for("j1-extension", "programme_end"),
        )
        if ext.last_day <= limit.completed_on:
            return Stay(
                ext.last_day,
                f"your J-1 is extended for the board exam to {dates.fmt(ext.last_day)} "
                f"(allowed to {dates.fmt(limit.completed_on)}, {version.extension_months} months "
                "after the programme; no clinical work meanwhile, and Wayhome adds no grace "
                "period after it: ask ECFMG)",
            )
        return Stay(
            grace,
            f"you have {version.grace_days} days after the programme to leave, to "
            f"{dates.fmt(grace)}",
            extension_refused=f"your board exam ({dates.fmt(ext.last_day)}) is more than "
            f"{version.extension_months} months after the programme ends (the extension runs "
            f"to {dates.fmt(limit.completed_on)} at most)",
        )
    return Stay(
        grace,
        f"you have {version.grace_days} days after the programme to leave, to "
        f"{dates.fmt(grace)} (no work or training meanwhile)",
    )


def clocks(profile: Profile, packs: list[Pack], on: date) -> list[Clock]:
    prog = programme(profile)
    if prog is None:
        return []
    out: list[Clock] = []
    gme = us_version(packs, "us-j1-gme-limit")
    home = us_version(packs, "us-j1-home-presence")
    stay = last_day_of_stay(profile, prog, gme) if gme is not None else None
    now = profile.visa
    if gme is not None:
        limit = seven_years(profile, prog, gme, on)
        grace = _grace(profile, prog, stay, on) if stay is not None else None
        if ProfileFacts.of(profile).status_now(VisaType.J1) is None:
            # A J-1 in the past (a waiver and H-1B, say) binds no more, as the rule says.
            limit, grace = _left(limit, now), _left(grace, now) if grace else None
        out.append(limit)
        if grace is not None:
            out.append(grace)
    if home is not None:
        out.append(home_presence(profile, prog, home, on))
        h1b_rule = us_version(packs, "us-h1b-six-years")
        conrad = _conrad(profile, home, on, h1b_rule.years if h1b_rule else None)
        if conrad is not None:
            out.append(conrad)
    return out


def seven_years(profile: Profile, prog: Programme, version: Any, on: date) -> Clock:
    p = period(prog.start, Span(years=version.years), counting_for("j1-limit", "programme_start"))
    title = f"J-1: at most {version.years} years of training"
    text = (
        f"ECFMG sponsors graduate medical education for at most {version.years} years, counted "
        f"from {prog.start_basis}, {dates.fmt(prog.start)} (day 1): the last day is "
        f"{dates.fmt(p.completed_on)}."
    )
    beyond = [t for t in prog.sponsored if t.end > p.completed_on]
    us_after = [
        t
        for t in profile.training
        if t.country == "US" and t.end > p.completed_on and t not in prog.sponsored
    ]
    beyond += us_after
    if beyond:
        t = beyond[-1]
        text += (
            f" Your {t.kind.value} in {t.specialty} runs to {dates.fmt(t.end)}: beyond the limit, "
            "so it cannot be sponsored on a J-1."
        )
        status = ClockStatus.CONFLICT
    elif prog.end is None:
        text += " Your profile has no J-1 end date or US training to check against it."
        status = ClockStatus.UNKNOWN
    else:
        text += f" Your programme ends {dates.fmt(prog.end)} ({prog.end_basis}), within it."
        status = ClockStatus.ENDED if on > prog.end else ClockStatus.RUNNING
    return Clock(
        "j1-limit",
        title,
        status,
        text,
        last_day=p.completed_on,
        basis=f"{prog.start_basis}, {dates.fmt(prog.start)}",
    )


def _grace(profile: Profile, prog: Programme, stay: Stay, on: date) -> Clock:
    assert prog.end is not None
    back = profile.plan.return_date
    text = f"Your programme ends {dates.fmt(prog.end)} ({prog.end_basis}); {stay.how}."
    if stay.extension_refused:
        text += f" The extension you recorded is not allowed: {stay.extension_refused}."
    if back > stay.last_day:
        status = ClockStatus.CONFLICT
        text += (
            f" You plan to return on {dates.fmt(back)}, after that day: leave by "
            f"{dates.fmt(stay.last_day)}, or change status before the programme ends."
        )
    elif on > stay.last_day:
        status = ClockStatus.ENDED
        text += " That time is over."
    elif on > prog.end:
        status = ClockStatus.GRACE
        text += f" You are in it now; returning on {dates.fmt(back)} keeps within it."
    else:
        status = ClockStatus.RUNNING
        text += f" Returning on {dates.fmt(back)} keeps within it."
    return Clock(
        "j1-grace",
        "J-1: the last day in the US",
        status,
        text,
        last_day=stay.last_day,
        basis=f"the programme's end, {dates.fmt(prog.end)}",
    )


def _left(clock: Clock, now: Visa | None) -> Clock:
    """A J-1 clock once the physician is in another status: history, not a date to plan
    for (the US pack's rule says the same: kinds/status_limits.py)."""
    since = f" (in {now.type.value} status since {dates.fmt(now.start)})" if now else ""
    what = "its limit on years of training" if clock.id == "j1-limit" else "its last day"
    day = f": {dates.fmt(clock.last_day)}" if clock.last_day else ""
    return replace(
        clock,
        status=ClockStatus.ENDED,
        explanation=f"You are not in J-1 status now{since}, so {what} no longer binds your "
        f"plan (counted from {clock.basis}{day}).",
    )


def _waived(profile: Profile) -> bool:
    w = profile.j1_waiver
    return w is not None and w.status is WaiverStatus.GRANTED


# INA 212(e): until the years at home are served, or waived, no H or L visa and no
# permanent residence. Wayhome's statuses of those kinds ("other" may be anything).
CLOSED_BY_212E: Final = {VisaType.H1B: "H-1B status", VisaType.GREEN_CARD: "a green card"}


def closed_status_taken(profile: Profile, prog: Programme, years: int) -> Visa | None:
    """The first status 212(e) closes (H-1B, a green card) taken after the J-1 sooner than
    the years at home could have been served, with no waiver granted: the profile is
    missing the waiver, or the status breaks the rule; either way the years cannot be
    counted. None when waived, or when no such status is recorded."""
    if _waived(profile) or prog.end is None:
        return None
    after = prog.end + ONE_DAY
    served_by = period(after, Span(years=years), counting_for("j1-home", "first_day_home"))
    taken = [
        v
        for v in ProfileFacts.of(profile).visas()
        if v.type in CLOSED_BY_212E and after <= v.start < served_by.allowed_from
    ]
    return min(taken, key=lambda v: v.start) if taken else None


def _closed_status_clock(profile: Profile, prog: Programme, title: str, years: int) -> Clock:
    assert prog.end is not None
    taken = closed_status_taken(profile, prog, years)
    assert taken is not None
    w = profile.j1_waiver
    recorded = (
        f"your {WAIVER_ROUTES[w.route]} waiver is recorded as {w.status.value}, not granted"
        if w is not None
        else "your profile records no waiver"
    )
    return Clock(
        "j1-home",
        title,
        ClockStatus.UNKNOWN,
        f"Your profile has {CLOSED_BY_212E[taken.type]} from {dates.fmt(taken.start)}, after "
        f"your J-1 ended on {dates.fmt(prog.end)}. A J-1 physician may take H or L status "
        f"or a green card only once the {years} years at home are served, or with a waiver of them "
        f"(INA 212(e)); {recorded}, so Wayhome cannot tell whether the {years} years are "
        "still owed. If a waiver was granted (Conrad 30, say), record it with its date; if "
        "not, ask an immigration lawyer about your status before you plan on it.",
        basis=f"the J-1's end, {dates.fmt(prog.end)}",
    )


def home_presence(profile: Profile, prog: Programme, version: Any, on: date) -> Clock:
    """Two years at home, counted from the first day at home after the J-1 (day 1);
    each day in the US or a third country, or not in the stays log, pushes it a day."""
    title = f"J-1: {version.years} years at home (INA 212(e))"
    if _waived(profile):
        w = profile.j1_waiver
        assert w is not None
        return Clock(
            "j1-home",
            title,
            ClockStatus.WAIVED,
            f"You recorded a {WAIVER_ROUTES[w.route]} waiver as granted: the home requirement does "
            "not apply.",
            basis="your waiver",
        )
    if prog.end is None:
        return Clock(
            "j1-home",
            title,
            ClockStatus.UNKNOWN,
            "Your J-1 has no end date and no US training is recorded: the two years count "
            "from the first day at home after it.",
        )
    if closed_status_taken(profile, prog, version.years) is not None:
        return _closed_status_clock(profile, prog, title, version.years)
    home = profile.home_for_212e or profile.home_country
    at_home = place(home)
    # Days at home count from after the J-1: the programme, or a board-exam extension.
    visa = ProfileFacts.of(profile).status_now(VisaType.J1)
    ext = visa.board_exam_extension if visa else None
    after = max(prog.end, ext.last_day if ext else prog.end) + ONE_DAY
    back = profile.plan.return_date
    where = Whereabouts.of(profile.stays, back)
    said = ""
    found = _first_home_day(where, home, after)
    if found is None and where.last is not None and where.last.end < back:
        # The log ends before the return and has no day at home: from the return, as below.
        first = max(back, after)
        counted_from = f"your planned return, {dates.fmt(first)}"
        country_on = partial(where.country_on, back=back, home=home)
    elif not where.spans:
        # No stays log: home from the planned return on, and said.
        first = max(profile.plan.return_date, after)
        counted_from = f"your planned return, {dates.fmt(first)}"
        country_on = _home_from(first, home)
        said = f" With no stays recorded, Wayhome takes it that you stay in {at_home} from then."
    else:
        if found is None:
            return Clock(
                "j1-home",
                title,
                ClockStatus.UNKNOWN,
                f"No day in {at_home} after your J-1 ({dates.fmt(prog.end)}) is in your stays "
                "log, and the last stay is elsewhere: add the stays of your return.",
                basis=f"the J-1's end, {dates.fmt(prog.end)}",
            )
        first = found
        counted_from = f"your first day in {at_home} after the J-1, {dates.fmt(first)}"
        country_on = partial(where.country_on, back=back, home=home)
    nominal = period(first, Span(years=version.years), counting_for("j1-home", "first_day_home"))
    need = (nominal.allowed_from - first).days
    counted = 0
    pushed: list[tuple[str | None, date]] = []  # each day not at home, None: not in the log
    day = first
    horizon = dates.add_years(first, 60)
    while counted < need and day <= horizon:
        c = country_on(day)
        if c == home:
            counted += 1
        else:
            pushed.append((c, day))
        day += ONE_DAY
    unknown = sum(1 for c, _ in pushed if c is None)
    if counted < need:
        return Clock(
            "j1-home",
            title,
            ClockStatus.UNKNOWN,
            f"Counting from {counted_from}, your stays log does not reach {version.years} "
            f"years in {at_home}.",
            unknown_days=unknown,
            basis=counted_from,
        )
    last_served = day - ONE_DAY
    met = day
    if where.spans:
        said = where.assumption(last_served, back, home)
        if where.back_in_us is not None and first <= where.back_in_us <= last_served:
            said = where.trip_words() + said
    by = tally(pushed)
    text = f"{version.years} years in {at_home}, counted from {counted_from} as day 1"
    added = added_in_words(by)
    text += f", plus {added}" if added else ""
    text += (
        f": the last day served is {dates.fmt(last_served)}, and the requirement is met on "
        f"{dates.fmt(met)}. Until then an H or L visa or a green card is closed to you.{said}"
    )
    return Clock(
        "j1-home",
        title,
        ClockStatus.MET if met <= on else ClockStatus.RUNNING,
        text,
        last_day=last_served,
        met_on=met,
        days_added=len(pushed),
        unknown_days=unknown,
        basis=counted_from,
        days_added_by=by,
        first_day=first,
    )


def _home_from(first: date, home: str) -> Any:
    def country_on(day: date) -> str | None:
        return home if day >= first else None

    return country_on


def _first_home_day(where: Whereabouts, home: str, after: date) -> date | None:
    for s in where.spans:
        if s.country == home and s.end >= after:
            return max(s.start, after)
    return None


def _conrad(profile: Profile, version: Any, on: date, h1b_years: int | None) -> Clock | None:
    """A granted Conrad 30 waiver: start the job within the days allowed after approval,
    then serve the years; both from the US pack."""
    w = profile.j1_waiver
    terms = getattr(version, "conrad_30", None)
    if w is None or w.route is not WaiverRoute.CONRAD_30 or terms is None:
        return None
    title = f"Conrad 30: {terms.service_years} years of service"
    if w.status is not WaiverStatus.GRANTED or w.date is None:
        return Clock(
            "conrad-30",
            title,
            ClockStatus.UNKNOWN,
            "Record the waiver's approval date (j1_waiver.date) once it is granted: the job "
            f"must then start within {terms.start_within_days} days.",
        )
    start_by = period(
        w.date, Span(days=terms.start_within_days), counting_for("conrad-30", "approval")
    ).completed_on
    text = (
        f"Approved on {dates.fmt(w.date)}: employment must begin within "
        f"{terms.start_within_days} days, by {dates.fmt(start_by)}."
    )
    if w.employment_start is None:
        return Clock(
            "conrad-30",
            title,
            ClockStatus.UNKNOWN if on <= start_by else ClockStatus.CONFLICT,
            text + " Record the first day of the job (j1_waiver.employment_start).",
            last_day=start_by,
            basis=f"the approval, {dates.fmt(w.date)}",
        )
    service = period(
        w.employment_start,
        Span(years=terms.service_years),
        counting_for("conrad-30", "employment_start"),
    )
    late = w.employment_start > start_by
    text += (
        f" The job starts {dates.fmt(w.employment_start)}"
        + (": too late." if late else ".")
        + f" {terms.service_years} years of full-time service from then are completed on "
        f"{dates.fmt(service.completed_on)}: the obligation is met on "
        f"{dates.fmt(service.allowed_from)}."
    )
    if h1b_years:
        text += _h1b_room(profile, w.employment_start, service.completed_on, h1b_years)
    if late:
        status = ClockStatus.CONFLICT
    else:
        status = ClockStatus.MET if service.allowed_from <= on else ClockStatus.RUNNING
    return Clock(
        "conrad-30",
        title,
        status,
        text,
        last_day=service.completed_on,
        met_on=service.allowed_from,
        basis=f"the job's first day, {dates.fmt(w.employment_start)}",
    )


def _h1b_room(profile: Profile, start: date, end: date, years: int) -> str:
    """Whether the service fits inside the H-1B years (the H-1B clock has the date)."""
    from wayhome.core.visa import h1b

    limit = h1b.last_day_if_continuing(profile, start, years)
    fits = end <= limit
    return (
        f" The service is H-1B time: your {years} H-1B years, counted with it, run to "
        f"{dates.fmt(limit)}, so it {'fits' if fits else 'does not fit'} inside them."
    )
