"""A case log against a regulator's procedure numbers (a `procedure_minimums` rule).

Each number counts cases, not rows: a hernia repair logged with its mesh code is one
hernia. A row counts when its CPT code is one the pack lists, or its category or
description holds one of the pack's words; its role must be the one asked for (a
performed case also counts where first assistance is asked). What matched is kept,
so the physician can see why a number is what it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

from msgspec import Struct

from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, case_of
from wayhome.core.rules.kinds.procedures import ProcedureMinimum, ProcedureMinimumsVersion

SHOWN_MATCHES: Final = 5
COUNTS_FOR: Final = {
    "performed": {Role.PERFORMED},
    "assisted": {Role.PERFORMED, Role.ASSISTED},
}


class Against(Struct, frozen=True):
    minimum: ProcedureMinimum
    have: int | None  # None: a US case log does not record it
    matched: tuple[str, ...]  # the categories or descriptions that counted, a few

    @property
    def short(self) -> int | None:
        return None if self.have is None else max(0, self.minimum.count - self.have)

    def to_json(self) -> dict[str, Any]:
        m = self.minimum
        return {
            "item": m.item,
            "gloss": m.gloss,
            "need": m.count,
            "role": m.role,
            "have": self.have,
            "short": self.short,
            "matched": list(self.matched),
        }


def matcher(m: ProcedureMinimum) -> re.Pattern[str] | None:
    """What a row's category and description are searched with (services/cases.py too)."""
    if not m.match.words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in m.match.words) + r")", re.I)


def compare(procedures: Sequence[Procedure], version: ProcedureMinimumsVersion) -> list[Against]:
    assert version.minimums is not None
    out = []
    for m in version.minimums:
        if not (m.match.codes or m.match.words):
            out.append(Against(m, None, ()))
            continue
        words, codes, roles = matcher(m), set(m.match.codes), COUNTS_FOR[m.role]
        cases: set[str] = set()
        matched: dict[str, None] = {}
        for i, p in enumerate(procedures):
            if p.role not in roles:
                continue
            text = f"{p.category or ''} {p.description or ''}"
            if (p.code or "") in codes or (words is not None and words.search(text)):
                cases.add(case_of(p, i))
                if len(matched) < SHOWN_MATCHES:
                    matched[p.category or p.description or p.code or "?"] = None
        out.append(Against(m, len(cases), tuple(matched)))
    return out
