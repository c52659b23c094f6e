"""A return before US training ends: the one convention, and its words.

The return date is the first day at home (the J-1's years at home count from it), and
a training period's ``end`` is its last day, a day of training. So a return **on or
before** the last day of US training leaves it unfinished; a return the day after (30
Jun 2027 ends it, 1 Jul 2027 is the first day home) does not. A scenario's own added
training (a fellowship) counts as the US training it would end.

The conflicts' fixes and the plan's own return (:mod:`.plan`: ``Plan.early``, which the
verdict above the cards, `wayhome assess`, `wayhome timeline`, the dashboard and the
printable plan say), the scenarios (:mod:`.scenarios`), the money page and the what-if
views (`wayhome whatif`, the dashboard's slider) all ask here, so they say it alike.
What counts as the last day of US training is :func:`training_ends`, for the planner's
anchors, the drift clock and the dashboard's years after training too.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from wayhome.core.common import dates
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import Profile

# What to ask before leaving training early for a return that is not a deadline's fix.
ASK: Final = "ask the regulator first whether US training you leave unfinished still counts"


def training_ends(profile: Profile) -> date | None:
    """The last day of the profile's US training (None: no US training recorded)."""
    return ProfileFacts.of(profile).training_end(country="US")


def before_training_ends(back: date, trained_until: date | None) -> bool:
    """Whether a return on ``back`` leaves US training that runs to ``trained_until``
    unfinished: on or before its last day (the module's docstring)."""
    return trained_until is not None and back <= trained_until


def leaving_early(trained_until: date) -> str:
    """The reason, in the words every view uses: "before your US training ends (30 Jun
    2027), so it means leaving it early"."""
    return (
        f"before your US training ends ({dates.fmt(trained_until)}), so it means leaving it early"
    )


def warning(back: date, trained_until: date | None) -> str | None:
    """For one return: what it costs and what to ask, or None when it is not early."""
    if trained_until is None or not before_training_ends(back, trained_until):
        return None
    return f"A return on {dates.fmt(back)} is {leaving_early(trained_until)}: {ASK}."


def planned(profile: Profile) -> str | None:
    """For the profile's own planned return (a scenario's, once applied): the plan's
    (:mod:`.plan`) and the money page's, so the two say it alike."""
    return warning(profile.plan.return_date, training_ends(profile))


def warning_between(returns: list[date], trained_until: date | None) -> str | None:
    """For a range of returns (`wayhome whatif`'s months): those that are early, from the
    first to the last, or None when none is."""
    early = [d for d in returns if before_training_ends(d, trained_until)]
    if trained_until is None or not early:
        return None
    if len(early) == 1:
        return warning(early[0], trained_until)
    return (
        f"A return from {dates.fmt(min(early))} to {dates.fmt(max(early))} is "
        f"{leaving_early(trained_until)}: {ASK}."
    )
