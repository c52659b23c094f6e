"""Teaching, leadership and awards: the roles a home system respects when each comes
with a letter (the guide: official teaching roles, with letters, not just "I taught")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Final

from msgspec import Struct


class ActivityKind(StrEnum):
    TEACHING = "teaching"
    LEADERSHIP = "leadership"
    AWARD = "award"


# Words residents use, offered as examples in forms and docs.
EXAMPLES: Final = {
    ActivityKind.TEACHING: (
        "Resident educator",
        "Small-group leader",
        "Simulation teaching",
        "Medical student clerkship teaching",
    ),
    ActivityKind.LEADERSHIP: (
        "Chief resident",
        "Residency program evaluation committee",
        "Quality improvement committee",
        "Resident council",
    ),
    ActivityKind.AWARD: ("Teaching award", "Research award", "Best resident award"),
}


class Activity(Struct, frozen=True):
    kind: ActivityKind
    title: str
    organisation: str = ""
    start: date | None = None
    end: date | None = None
    detail: str = ""
    letter: str = ""  # the name of the stored file that proves it; "" when none yet


def without_letter(activities: Sequence[Activity]) -> list[Activity]:
    """Roles with no letter yet: ask for each before leaving, while the people who can
    sign it are still down the corridor."""
    return [a for a in activities if not a.letter]
