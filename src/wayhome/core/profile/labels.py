"""The profile's fields in the person's words, for messages about an edit.

A path into the profile (``('training', 1, 'end')``) becomes what the page calls it
("Training period 2, end date"); ISO dates and list positions inside a message become
"30 Jun 2024" and "stay 2". wayhome.services.profile_edits names every problem so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from wayhome.core.common import dates

# Top-level keys: a list's items are numbered from 1 ("Training period 2").
SECTIONS: Final[dict[str, str]] = {
    "id": "Profile id",
    "person": "You",
    "home_country": "Home country",
    "medical_school": "Medical school",
    "specialty": "Specialty",
    "training": "Training period",
    "work": "Work period",
    "board_certifications": "Board certification",
    "licences": "Licence",
    "exams_passed": "Exam passed",
    "exam_attempts": "Exam attempt",
    "documents": "Document",
    "visa": "Current US status",
    "visa_history": "Earlier US status",
    "j1_waiver": "J-1 waiver",
    "stays": "Stay",
    "home_for_212e": "Country of the two-year home requirement",
    "plan": "Your plan",
    "confirmed_rules": "Confirmed rule",
    "tasks": "Your task",
    "scenarios": "Scenario",
    "money": "Money inputs",
}
# Keys inside a section, wherever they appear.
FIELDS: Final[dict[str, str]] = {
    "name": "name",
    "born": "date of birth",
    "citizenship": "citizenship",
    "country": "country",
    "start": "start date",
    "end": "end date",
    "graduated": "degree awarded",
    "internship": "internship",
    "kind": "kind",
    "specialty": "specialty",
    "program": "programme",
    "role": "role",
    "board": "board",
    "certified": "date certified",
    "expires": "expiry date",
    "jurisdiction": "regulator",
    "number": "number",
    "issued": "date issued",
    "date": "date",
    "score": "score",
    "result": "result",
    "issuer": "issued by",
    "applications": "applications",
    "type": "status",
    "planned": "still to come",
    "route": "route",
    "status": "status",
    "return_date": "return date",
    "return_type": "kind of post",
    "targets": "regulators",
    "target": "regulator",
    "posts": "posts sought",
    "rule": "rule",
    "title": "title",
    "applies_to": "what it governs",
    "event": "event",
    "evidence": "evidence",
    "note": "note",
    "file": "file",
    "extra_training": "added training",
    "attending_years": "years as a US attending",
    "money": "money inputs",
}
# A J-1 waiver's route as the forms offer it and the visa clocks say it.
WAIVER_ROUTES: Final[dict[str, str]] = {
    "conrad-30": "Conrad 30",
    "hardship": "exceptional hardship",
    "persecution": "persecution",
    "interested-agency": "interested government agency",
}
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_ITEM = re.compile(r"\b([a-z_]+)\[(\d+)\]")
# What a message shows to write or type, in backticks (`2027-03-15`, `wayhome packs show
# XX`): kept as written, as it is the way to write it, not a date to read.
# A sentence's capital ("Input should be ..."), not a name's ("ISO code", "Specialist
# Conversion Examination (XX) has ...").
_SENTENCE = re.compile(r"[A-Z][a-z]+(?![\w-]* [A-Z])")
_AS_WRITTEN = re.compile(r"(`[^`]*`)")


def where(path: Sequence[str | int]) -> str:
    """A path into the profile in words: ``('training', 1, 'end')`` -> "Training period 2,
    end date"; an empty path is the profile as a whole."""
    if not path:
        return "Your profile"
    head, *rest = path
    words = [SECTIONS.get(str(head), str(head).replace("_", " ").capitalize())]
    for part in rest:
        if isinstance(part, int):
            words[-1] += f" {part + 1}"
        else:
            words.append(FIELDS.get(part, part.replace("_", " ")))
    if words[0] == "You" and len(words) > 1:  # "Your name", not "You, name"
        return "Your " + ", ".join(words[1:])
    return ", ".join(words)


def in_words(message: str) -> str:
    """A validation message as the person reads it, after "where: ": days as
    "30 Jun 2024", list items by their place ("stays[0]" -> "stay 1"), and no capital
    to start ("Input should be ..." -> "input should be ...", but "ISO ..." and a name
    such as "Specialist Conversion Examination ..." stay).
    What the message shows to write, in backticks ("write a date as `2027-03-15`"),
    stays as written."""

    def day(m: re.Match[str]) -> str:
        try:
            return dates.fmt(date(int(m[1]), int(m[2]), int(m[3])))
        except ValueError:
            return m[0]

    def item(m: re.Match[str]) -> str:
        name = SECTIONS.get(m[1])
        return f"{name.lower()} {int(m[2]) + 1}" if name else m[0]

    text = "".join(
        part if part.startswith("`") else _ITEM.sub(item, _ISO_DAY.sub(day, part))
        for part in _AS_WRITTEN.split(message)
    )
    if _SENTENCE.match(text):  # not a name: "Specialist Conversion Examination has ..."
        text = text[0].lower() + text[1:]
    return text
