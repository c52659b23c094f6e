"""temporary_licence: a permission to practise limited to N years.

Read from ``licences[]`` entries of ``kind: temporary`` in the pack's country (or
``country``): the licence's last day is its grant + N years − 1 day (the grant is day
1), checked against today, so the finding warns when under 12 months are left
(``tight``) and says when it has run out (``missed``). Without such a licence it
says how long one granted on your return would last.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field

from wayhome.core.common import dates, periods
from wayhome.core.common.strict import Country
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.profile.model import LicenceKind
from wayhome.core.rules.base import Evaluation, Rule, Version, missing_fact


class TemporaryLicenceVersion(Version):
    REQUIRED: ClassVar = ("years",)

    years: int | None = Field(None, ge=1, le=20)
    extendable: bool = False  # may be extended beyond ``years`` (ask before it ends)
    country: Country | None = None  # where the licence is held; default your home country


class TemporaryLicenceRule(Rule):
    kind: Literal["temporary_licence"]
    COUNTS_PERIOD: ClassVar = True
    versions: list[TemporaryLicenceVersion] = Field(min_length=1)

    def evaluate(self, version: TemporaryLicenceVersion, facts: ProfileFacts) -> Evaluation:
        assert version.years is not None
        profile = facts.profile
        country = version.country or profile.home_country
        span = dates.Span(years=version.years)
        counting = periods.counting_for(self.kind, "grant", self.counting)
        after = (
            " It can be extended: apply for the extension before it ends."
            if version.extendable
            else " It cannot be extended: have full registration before it ends."
        )
        held = [
            lic
            for lic in profile.licences
            if lic.kind is LicenceKind.TEMPORARY and lic.jurisdiction[:2].upper() == country
        ]
        if not held:
            back = profile.plan.return_date
            p = periods.period(back, span, counting)
            return Evaluation(
                basis=f"A temporary licence lasts at most {span.describe()}. Granted on your "
                f"return ({dates.fmt(back)}, {p.counted('the grant')}), it would last to "
                f"{dates.fmt(p.completed_on)}.{after}",
                completed_on=p.completed_on,
                convention=periods.PERIOD_CONVENTION,
            )
        latest = max(held, key=lambda lic: lic.issued or date.min)
        if latest.issued is None:
            return missing_fact("licences[].issued", "when your temporary licence was granted")
        p = periods.period(latest.issued, span, counting)
        return Evaluation(
            basis=f"Your temporary licence in {country} was granted {dates.fmt(latest.issued)}; "
            f"it lasts at most {span.describe()}, to {dates.fmt(p.completed_on)} "
            f"({p.counted('the grant')}).{after}",
            deadline=p.completed_on,
            completed_on=p.completed_on,
            convention=periods.PERIOD_CONVENTION,
            versus_today=True,
        )
