"""Which packs an assessment reads, from a few facts about each pack (its
:class:`PackSummary`), so that a command loads those and not all sixteen (#28).

An assessment reads: the packs its targets name (a pack's code, or its country for all
its regulators), the US pack (the visa clocks), every pack with an exam the profile
records an attempt at or a pass of, or a sitting registered for (``plan.registered``;
both matched by the exam's names), and every pack whose exams share an attempt pool with
those (pooled attempts count together). Where the profile records an attempt at, or a
registration for, an exam no pack knows, every pack is read, so that the error lists
every exam there is. ``tests/packs/test_selection.py`` checks that
the packs chosen give the same assessment and plan as all of them, for every scenario.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from msgspec import Struct

from wayhome.core.profile.facts import ProfileFacts, exam_key
from wayhome.core.profile.model import Profile
from wayhome.core.rules.attempts import exam_keys
from wayhome.core.rules.kinds.exams import ExamRule
from wayhome.core.rules.pack import Pack

IMMIGRATION_CODE = "US"  # the visa clocks concern everyone leaving US training


class PackSummary(Struct, frozen=True):
    """What choosing the packs an assessment reads needs of a pack: its code, country and exams."""

    code: str
    country: str
    exams: frozenset[str]  # every exam's names, as attempts are matched (exam_keys)
    pools: frozenset[str]  # the attempt pools its exams belong to

    @classmethod
    def of(cls, pack: Pack) -> PackSummary:
        exams = [r for r in pack.rules if isinstance(r, ExamRule)]
        return cls(
            pack.code,
            pack.country,
            frozenset(k for r in exams for k in exam_keys(r)),
            frozenset(v.attempt_pool for r in exams for v in r.versions if v.attempt_pool),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "country": self.country,
            "exams": sorted(self.exams),
            "pools": sorted(self.pools),
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> PackSummary:
        exams, pools = data["exams"], data["pools"]
        if not (isinstance(exams, list) and isinstance(pools, list)):
            raise ValueError("a pack summary's exams and pools are lists")
        return cls(str(data["code"]), str(data["country"]), frozenset(exams), frozenset(pools))


def needed(
    profile: Profile, summaries: Sequence[PackSummary], targets: Iterable[str] | None = None
) -> set[str] | None:
    """The codes of the packs an assessment of ``profile`` (for ``targets``, else the
    profile's) reads; None for all of them."""
    wanted = list(targets or ()) or profile.targets
    codes = {s.code for s in summaries if s.code == IMMIGRATION_CODE}
    codes |= {s.code for s in summaries for t in wanted if t in (s.code, s.country)}
    for a in ProfileFacts.of(profile).attempts:
        known = {s.code for s in summaries if a.key in s.exams}
        if not known and a.path[:1] == ("exam_attempts",):
            return None  # an attempt at an exam no pack knows: the error names them all
        codes |= known  # (a pass no pack knows, as USMLE, is no one's to count)
    for r in profile.plan.registered:
        known = {s.code for s in summaries if exam_key(r.exam) in s.exams}
        if not known:
            return None  # a registration for an exam no pack knows: as an attempt
        codes |= known
    while True:  # pool partners, and theirs
        pools = {p for s in summaries if s.code in codes for p in s.pools}
        more = {s.code for s in summaries if s.pools & pools} - codes
        if not more:
            return codes
        codes |= more
