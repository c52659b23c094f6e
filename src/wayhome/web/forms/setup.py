"""The guided setup's steps in order, the whole setup's answers as profile parts, and
the profile import.

Each step (wayhome.web.forms.setup_career, setup_status) asks what the rules need, in a
physician's words, and says in one line why it asks; the same steps are the pages of
the profile afterwards. wayhome.services.setup keeps the answers as a draft until the
last step, then saves them over the stored profile, validated like any profile file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from django import forms

from wayhome.core.common.specialties import BOARDS, SPECIALTIES
from wayhome.services import setup as setup_service
from wayhome.services.setup import Seen
from wayhome.web.forms import setup_career as career
from wayhome.web.forms import setup_status as status
from wayhome.web.forms.steps import FINGERPRINT, Bound, Parts, Step, Typed

STEPS: Final[tuple[Step, ...]] = (
    career.You(),
    career.Return(),
    career.School(),
    career.Training(),
    career.Boards(),
    career.Licences(),
    status.Work(),
    status.Visa(),
    status.Trips(),
    status.Exams(),
    status.Documents(),
    status.ReturnDate(),
)
BY_SLUG: Final = {s.slug: s for s in STEPS}


def step_after(step: Step) -> Step | None:
    i = STEPS.index(step)
    return STEPS[i + 1] if i + 1 < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    i = STEPS.index(step)
    return STEPS[i - 1] if i else None


def typed_answers(
    draft: Mapping[str, Typed] | None, data: Mapping[str, Any], today: date
) -> dict[str, Typed]:
    """Every step's answers as typed: the draft's, else the profile's (``data``, which
    may be empty), else an empty step."""
    out = {}
    for step in STEPS:
        if draft and step.slug in draft:
            out[step.slug] = draft[step.slug]
        elif data:
            out[step.slug] = step.typed_from(data, today)
        else:
            out[step.slug] = step.blank()
    return out


def all_parts(answers: Mapping[str, Typed], today: date) -> tuple[Parts, Bound | None]:
    """The whole setup's parts of the profile, or the first step that does not check out
    (bound, with its errors)."""
    parts: Parts = {}
    for step in STEPS:
        bound = step.bind(answers.get(step.slug), today, fictional=True)  # as its pages
        if not bound.is_valid():
            return {}, bound
        parts |= bound.parts()
    return parts, None


def all_seen(answers: Mapping[str, Typed]) -> list[Seen]:
    """What each step was shown from: its paths, and the fingerprint its answers carry
    (those read from the profile its own; a step typed before there was one, none)."""
    out = []
    for s in STEPS:
        carried = (answers.get(s.slug) or {}).get(FINGERPRINT)
        out.append(Seen(s.paths, carried[-1] if carried else None))
    return out


def step_of(seen: Seen) -> Step:
    """The step that was shown from ``seen``'s paths."""
    return next(s for s in STEPS if s.paths == seen.paths)


def datalists() -> dict[str, list[tuple[str, str]]]:
    """The suggestions the steps' fields offer as you type (``<datalist>``, no script):
    (value, what it is)."""
    specialties = []
    for s in SPECIALTIES.values():
        parent = SPECIALTIES[s.parent].name if s.parent else None
        what = f"subspecialty of {parent}" if parent else "specialty"
        specialties.append((s.name, f"{what}; {s.certificate}" if s.certificate else what))
    exams = sorted(set(setup_service.choices().exams.values()))
    return {
        "specialties": sorted(specialties),
        "boards": list(BOARDS.items()),
        "exams": [(e.rsplit(" (", 1)[0], e.rsplit(" (", 1)[1].rstrip(")")) for e in exams],
    }


class ImportForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Choose a profile file (.yaml) to import."})
