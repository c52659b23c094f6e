"""Procedure numbers a regulator sets for specialist recognition (a logbook), and how
rows of a US case log count toward each (wayhome.core.cv.minimums compares them)."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

from pydantic import Field, field_validator

from wayhome.core.common.strict import StrictModel, new_list
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.base import Evaluation, Rule, Version


class ProcedureMatch(StrictModel):
    """Which case-log rows count: a CPT code in ``codes``, or a word of ``words`` in the
    row's category or description (whole words, case ignored). Empty: nothing in a US
    case log counts (an ultrasound count, say): the physician counts those."""

    codes: list[str] = Field(default_factory=new_list)
    words: list[str] = Field(default_factory=new_list)

    @field_validator("codes")
    @classmethod
    def _codes(cls, codes: list[str]) -> list[str]:
        bad = [c for c in codes if not re.fullmatch(r"\d{4}[0-9A-Z]", c)]
        if bad:
            raise ValueError(f"not CPT codes (5 characters): {', '.join(bad)}")
        return codes


class ProcedureMinimum(StrictModel):
    item: str = Field(min_length=1)  # as the regulator names it, in its language
    gloss: str | None = None  # in English, when the item is not
    count: int = Field(ge=1)
    # Whose hands: "performed" (as operator), or "assisted" (as first assistant,
    # which a performed case also satisfies).
    role: Literal["performed", "assisted"] = "performed"
    match: ProcedureMatch = Field(default_factory=ProcedureMatch)
    note: str | None = None

    @property
    def name(self) -> str:
        """The item as the regulator names it, with its gloss: "Appendektomie
        (appendectomy)". The words of every shell (the rule's explanation, `packs show`
        and the pack's page, `cases minimums` and the Procedure log page)."""
        return f"{self.item} ({self.gloss})" if self.gloss else self.item

    @property
    def hands(self) -> str:
        """In whose hands, where not your own: " as first assistant", else ""."""
        return " as first assistant" if self.role == "assisted" else ""

    @property
    def needed(self) -> str:
        """How many, and in whose hands: "20", "80 as first assistant"."""
        return f"{self.count}{self.hands}"


class ProcedureMinimumsVersion(Version):
    REQUIRED: ClassVar = ("logbook", "minimums")

    logbook: str | None = None  # what the regulator calls the list ("Facharzt ... Richtzahlen")
    minimums: list[ProcedureMinimum] | None = None


class ProcedureMinimumsRule(Rule):
    """Numbers of procedures a specialist title asks for."""

    kind: Literal["procedure_minimums"]
    versions: list[ProcedureMinimumsVersion] = Field(min_length=1)

    def evaluate(self, version: ProcedureMinimumsVersion, facts: ProfileFacts) -> Evaluation:
        assert version.logbook is not None and version.minimums is not None
        shown = "; ".join(f"{m.name}: {m.needed}" for m in version.minimums)
        uncounted = sum(1 for m in version.minimums if not (m.match.codes or m.match.words))
        basis = (
            f"{version.logbook}: {shown}. Compare your case log with `wayhome cases minimums` "
            "or on the Procedure log page."
        )
        if uncounted:
            basis += (
                f" {uncounted} of these are not in a US case log: count them yourself from "
                "your own records."
            )
        return Evaluation(basis=basis)
