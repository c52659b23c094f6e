"""Run numbers, not vibes: a scenario's money, year by year, in exact decimals.

Inputs are the user's own (incomes, taxes, an exchange rate with its date);
where Wayhome fills a gap (the horizon, the discount rate) it says the value is
an illustrative default. Every amount carries its currency.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Annotated, Any, Final

from msgspec import Struct
from pydantic import Field, model_validator

from wayhome.core.common import dates
from wayhome.core.common.strict import StrictModel

CENT: Final = Decimal("0.01")
DEFAULT_HORIZON: Final = 20
DEFAULT_DISCOUNT: Final = Decimal("0.04")
Currency = str  # ISO 4217, upper case (USD, INR)
# Bounds that keep every sum countable in cents within the decimal context's 28 digits
# (forecast's quantize raised InvalidOperation on an income of 1e308): no physician earns
# a trillion a year, and a rate or a factor outside these is a typo.
Amount = Annotated[Decimal, Field(ge=0, le=10**12)]
Rate = Annotated[Decimal, Field(ge=Decimal("0.000001"), le=10**9)]
Share = Annotated[Decimal, Field(ge=0, le=1)]  # a tax rate: 0.32 for 32%


class HomeIncome(StrictModel):
    currency: Currency = Field(pattern=r"^[A-Z]{3}$")
    per_year: Amount
    # Income differs by the kind of return; a scenario's return type picks its line.
    by_return_type: dict[str, Amount] = Field(default_factory=dict)

    def for_return(self, return_type: str) -> Decimal:
        return self.by_return_type.get(return_type, self.per_year)


class PurchasingPower(StrictModel):
    """What one unit of home income buys at home, against the same at the US price level."""

    factor: Rate
    as_of: date


class ExchangeRate(StrictModel):
    """How many units of ``home`` one unit of ``base`` buys, on ``as_of``."""

    home: Currency = Field(pattern=r"^[A-Z]{3}$")
    base: Currency = Field(pattern=r"^[A-Z]{3}$")
    rate: Rate
    as_of: date

    @model_validator(mode="before")
    @classmethod
    def _short_form(cls, data: Any) -> Any:
        # {INR_per_USD: 83.1, as_of: ...} is how people write it.
        if isinstance(data, dict) and "rate" not in data:
            keys = [k for k in data if re.fullmatch(r"[A-Z]{3}_per_[A-Z]{3}", str(k))]
            if len(keys) == 1:
                home, base = keys[0].split("_per_")
                rest = {k: v for k, v in data.items() if k != keys[0]}
                return {**rest, "home": home, "base": base, "rate": data[keys[0]]}
        return data


class Money(StrictModel):
    currency: Currency = Field("USD", pattern=r"^[A-Z]{3}$")
    us_income: dict[int, Amount] = Field(default_factory=dict)  # gross, per calendar year
    home_income: HomeIncome | None = None
    exchange_rate: ExchangeRate | None = None
    effective_tax: dict[str, Share] = Field(default_factory=dict)  # country -> 0.25
    relocation_cost: Amount = Decimal(0)
    return_incentive: Amount = Decimal(0)
    us_costs_after_leaving: Amount = Decimal(0)  # per year: licences, MOC, CME
    annual_debt_payment: Amount = Decimal(0)
    purchasing_power: PurchasingPower | None = None
    horizon_years: int | None = Field(None, ge=1, le=60)
    discount_rate: Decimal | None = Field(None, ge=0, le=1)

    @model_validator(mode="after")
    def _rate_fits(self) -> Money:
        if self.home_income and self.home_income.currency != self.currency:
            r = self.exchange_rate
            if r is None:
                raise ValueError(
                    f"home income is in {self.home_income.currency}: give an "
                    f"exchange_rate such as {{{self.home_income.currency}_per_"
                    f"{self.currency}: 83.1, as_of: 2026-11-01}}"
                )
            if (r.home, r.base) != (self.home_income.currency, self.currency):
                raise ValueError(
                    f"the exchange rate must be {self.home_income.currency} per "
                    f"{self.currency}, not {r.home} per {r.base}"
                )
        return self


class Year(Struct, frozen=True):
    """One year of a forecast: its net, the running total, and its value today."""

    year: int
    net: Decimal
    cumulative: Decimal
    discounted: Decimal


class Forecast(Struct, frozen=True):
    """A scenario's money, year by year, with its totals and the gaps it filled."""

    currency: str
    years: tuple[Year, ...]
    total: Decimal
    npv: Decimal
    notes: tuple[str, ...]  # gaps filled and defaults used, in words
    ppp_total: Decimal | None = None  # the total with home income at its purchasing power

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "total": str(self.total),
            "npv": str(self.npv),
            "years": [
                {
                    "year": y.year,
                    "net": str(y.net),
                    "cumulative": str(y.cumulative),
                    "discounted": str(y.discounted),
                }
                for y in self.years
            ],
            "notes": list(self.notes),
            "ppp_total": str(self.ppp_total) if self.ppp_total is not None else None,
        }


def forecast(
    m: Money, on: date, return_date: date, home: str, return_type: str = "academic"
) -> Forecast:
    notes: list[str] = []
    horizon = m.horizon_years or DEFAULT_HORIZON
    if m.horizon_years is None:
        notes.append(f"Horizon: {DEFAULT_HORIZON} years (an illustrative default).")
    rate = m.discount_rate if m.discount_rate is not None else DEFAULT_DISCOUNT
    if m.discount_rate is None:
        notes.append(f"Discount rate: {DEFAULT_DISCOUNT:.0%} a year (an illustrative default).")
    us_tax = _tax(m, "US", notes)
    home_tax = _tax(m, home, notes)
    home_per_year = Decimal(0)
    if m.home_income is not None:
        home_per_year = m.home_income.for_return(return_type)
        if return_type in m.home_income.by_return_type:
            notes.append(f"Home income for a {return_type} return.")
        if m.home_income.currency != m.currency and m.exchange_rate is not None:
            home_per_year = home_per_year / m.exchange_rate.rate
            notes.append(
                f"Home income converted at {m.exchange_rate.rate} "
                f"{m.exchange_rate.home} per {m.exchange_rate.base} "
                f"(your rate of {dates.fmt(m.exchange_rate.as_of)})."
            )
    else:
        notes.append("No home income given: counted as nothing.")
    years: list[Year] = []
    cumulative = Decimal(0)
    npv = Decimal(0)
    missing_us: list[int] = []
    ppp = m.purchasing_power
    ppp_total = Decimal(0)
    for i in range(horizon):
        y = on.year + i
        us_share, home_share = _shares(y, on if i == 0 else date(y, 1, 1), return_date)
        income = m.us_income.get(y)
        if income is None and us_share > 0:
            missing_us.append(y)
            income = Decimal(0)
        net = (income or Decimal(0)) * us_share * (1 - us_tax)
        net += home_per_year * home_share * (1 - home_tax)
        net -= m.us_costs_after_leaving * home_share
        net -= m.annual_debt_payment * (us_share + home_share)
        if y == return_date.year:
            net += m.return_incentive - m.relocation_cost
        if ppp is not None:
            home_part = home_per_year * home_share * (1 - home_tax)
            ppp_total += (net + home_part * (ppp.factor - 1)).quantize(CENT, ROUND_HALF_EVEN)
        net = net.quantize(CENT, ROUND_HALF_EVEN)
        cumulative += net
        discounted = (net / (1 + rate) ** i).quantize(CENT, ROUND_HALF_EVEN)
        npv += discounted
        years.append(Year(y, net, cumulative, discounted))
    if missing_us:
        notes.append(
            "No US income given for " + ", ".join(map(str, missing_us)) + ": counted as nothing."
        )
    if ppp is not None:
        notes.append(
            f"At home, income counted at {ppp.factor}x its value for what it buys "
            f"(your purchasing-power factor of {dates.fmt(ppp.as_of)})."
        )
    return Forecast(
        m.currency,
        tuple(years),
        cumulative,
        npv,
        tuple(notes),
        ppp_total if ppp is not None else None,
    )


def _tax(m: Money, country: str, notes: list[str]) -> Decimal:
    if country in m.effective_tax:
        return m.effective_tax[country]
    notes.append(f"No effective tax rate for {country}: counted as 0%.")
    return Decimal(0)


def _shares(year: int, start: date, return_date: date) -> tuple[Decimal, Decimal]:
    """The shares of ``year``, counted from ``start``, spent before and after the return."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = Decimal((last - first).days + 1)
    start = max(start, first)
    if start > last:
        return Decimal(0), Decimal(0)
    span = (last - start).days + 1
    before = 0 if return_date <= start else min((return_date - start).days, span)
    return Decimal(before) / days, Decimal(span - before) / days
