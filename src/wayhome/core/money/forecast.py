"""Run numbers, not vibes: a scenario's money, year by year, in exact decimals.

Inputs are the user's own (incomes, taxes, an exchange rate with its date);
where Wayhome fills a gap (the horizon, the discount rate) it says the value is
an illustrative default. Every amount carries its currency.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import Annotated, Any, Final

from msgspec import Struct
from pydantic import Field, field_validator, model_validator

from wayhome.core.common import dates
from wayhome.core.common.countries import country_name
from wayhome.core.common.dates import ONE_DAY
from wayhome.core.common.strict import StrictModel

CENT: Final = Decimal("0.01")
DEFAULT_HORIZON: Final = 20
DEFAULT_DISCOUNT: Final = Decimal("0.04")
Currency = str  # ISO 4217, upper case (USD, INR)
# Bounds that keep every sum countable in cents within the decimal context's 28 digits
# (forecast's quantize raised InvalidOperation on an income of 1e308): no physician earns
# a trillion a year, and a rate or a factor outside these is a typo.
MOST: Final = Decimal(10**12)  # the largest amount
RATE_BOUNDS: Final = (Decimal("0.000001"), Decimal(10**9))  # an exchange rate, a factor
Amount = Annotated[Decimal, Field(ge=0, le=MOST)]
Rate = Annotated[Decimal, Field(ge=RATE_BOUNDS[0], le=RATE_BOUNDS[1])]
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

    @field_validator("effective_tax", mode="before")
    @classmethod
    def _taxes_are_shares(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for country, rate in value.items():
                _share_not_percent(rate, f"{country}: ")
        return value

    @field_validator("discount_rate", mode="before")
    @classmethod
    def _discount_is_a_share(cls, value: Any) -> Any:
        _share_not_percent(value, "")
        return value

    @model_validator(mode="after")
    def _rate_fits(self) -> Money:
        if self.home_income and self.home_income.currency != self.currency:
            r = self.exchange_rate
            if r is None:
                raise ValueError(
                    f"home income is in {self.home_income.currency}: give an "
                    f"exchange_rate such as `{{{self.home_income.currency}_per_"
                    f"{self.currency}: 83.1, as_of: 2026-11-01}}`"
                )
            if (r.home, r.base) != (self.home_income.currency, self.currency):
                raise ValueError(
                    f"the exchange rate must be {self.home_income.currency} per "
                    f"{self.currency}, not {r.home} per {r.base}"
                )
        return self


def _share_not_percent(value: Any, where: str) -> None:
    """32 for a tax rate of 32% is the likeliest slip in a profile file: said as such (the
    bound, 1 at most, is the model's; a number past 100 is left to it)."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return  # not a number: the model says so
    if not number.is_finite():
        return  # NaN or infinity: the model refuses it (comparing a NaN would raise)
    if 1 < number <= 100:
        raise ValueError(
            f"{where}{value} is a percentage: write it as a share, "
            f"{(number / 100).normalize():f} for {value}%"
        )


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
    notes: tuple[str, ...]  # the conventions, the gaps filled and the defaults, in words
    ppp_total: Decimal | None = None  # the total with home income at its purchasing power
    # Inputs not given and counted as 0 ("US income for 2026"): said beside every total,
    # so a sum that leaves out a salary never passes for a whole one.
    missing: tuple[str, ...] = ()

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
            "missing": list(self.missing),
        }


def fmt_amount(value: Decimal, currency: str) -> str:
    """An amount as every shell shows it: its currency, whole units rounded half up, the
    thousands separated ("USD 779,550"); the JSON keeps the cents."""
    whole = value.quantize(Decimal(1), ROUND_HALF_UP) + 0  # + 0: no "-0"
    return f"{currency} {whole:,}"


def forecast(
    m: Money, on: date, return_date: date, home: str, return_type: str = "academic"
) -> Forecast:
    notes: list[str] = []
    missing: list[str] = []
    horizon = m.horizon_years or DEFAULT_HORIZON
    last = on.year + horizon - 1
    default = " (an illustrative default)" if m.horizon_years is None else ""
    span = f"{horizon} calendar year{'s' if horizon > 1 else ''}{default}"
    notes.append(f"Horizon: {span}, from today, {dates.fmt(on)}, to 31 Dec {last}.")
    rate = m.discount_rate if m.discount_rate is not None else DEFAULT_DISCOUNT
    notes.append(_discount_note(rate, m.discount_rate is None, on.year))
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
    shares = [_days(on.year + i, on, return_date) for i in range(horizon)]
    notes.extend(_split_note(on, return_date, shares))
    worked_us = [on.year + i for i, d in enumerate(shares) if d.before]
    at_home = any(d.after for d in shares)
    if at_home and m.home_income is None:
        notes.append("No home income given: counted as nothing.")
        missing.append("home income")
    missing_us = [y for y in worked_us if y not in m.us_income]
    if missing_us:
        notes.append(f"No US income given for {_years(missing_us)}: counted as nothing.")
        missing.append(f"US income for {_years(missing_us)}")
    notes.extend(_unused_note(m, worked_us, on, last, return_date))
    us_tax = _tax(m, "US", any(m.us_income.get(y) for y in worked_us), notes, missing)
    home_tax = _tax(m, home, at_home and home_per_year > 0, notes, missing)
    if return_date.year > last:
        notes.append(
            f"The return on {dates.fmt(return_date)} falls after 31 Dec {last}, the "
            "horizon's end: no home income, moving cost or incentive is counted."
        )
    if m.annual_debt_payment:
        notes.append(
            f"Debt payments: {fmt_amount(m.annual_debt_payment, m.currency)} a year, every "
            f"year to {last}, after the return as before (the loan's balance, its end and "
            "any repayment plan tied to US income are not known here)."
        )
    years: list[Year] = []
    cumulative = Decimal(0)
    npv = Decimal(0)
    ppp = m.purchasing_power
    ppp_total = Decimal(0)
    for i, d in enumerate(shares):
        y = on.year + i
        us_share, home_share = Decimal(d.before) / d.days, Decimal(d.after) / d.days
        net = m.us_income.get(y, Decimal(0)) * us_share * (1 - us_tax)
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
        tuple(missing),
    )


class Days(Struct, frozen=True):
    """One calendar year's days: how many it has, and how many of those counted (from
    today on) fall before the return and from it."""

    days: int
    before: int
    after: int


def _days(year: int, on: date, return_date: date) -> Days:
    first, last = date(year, 1, 1), date(year, 12, 31)
    days = (last - first).days + 1
    start = max(on, first)
    if start > last:
        return Days(days, 0, 0)
    span = (last - start).days + 1
    before = 0 if return_date <= start else min((return_date - start).days, span)
    return Days(days, before, span - before)


def _split_note(on: date, return_date: date, shares: list[Days]) -> list[str]:
    """The day count said with the years it cuts: this year from today, the return's year
    at the return."""
    parts = []
    for i, d in enumerate(shares):
        y = on.year + i
        cut_today = i == 0 and on != date(y, 1, 1)
        cut_back = d.before and d.after
        if not (cut_today or cut_back):
            continue
        whose = (
            f"{y}: from today, {d.before + d.after} of its {d.days} days"
            if cut_today
            else f"{y}: of its {d.days} days"
        )
        if cut_back:
            whose += (
                f", {d.before} at US pay (to {dates.fmt(return_date - ONE_DAY)}) and "
                f"{d.after} at home pay (from the return on {dates.fmt(return_date)})"
            )
        parts.append(whose + ".")
    if not parts:
        return []
    return [
        "Counted to the day: each income is a full year's pay, times the share of that "
        "year's days it covers. " + " ".join(parts)
    ]


def _discount_note(rate: Decimal, default: bool, first: int) -> str:
    percent = f"{(rate * 100).normalize():f}"
    said = f"Discount rate: {percent}% a year{' (an illustrative default)' if default else ''}"
    if not rate:
        return f"{said}: the net present value is the total."
    return (
        f"{said}: the net present value counts {first} as it is and divides each later "
        f"year by {(1 + rate).normalize():f} once for each year after {first}."
    )


def _unused_note(m: Money, worked: list[int], on: date, last: int, return_date: date) -> list[str]:
    """US income given for a year with no day before the return in the horizon is left
    out, and said: a scenario that moves the return must not drop a salary quietly."""
    unused = sorted(set(m.us_income) - set(worked))
    after = [y for y in unused if y >= return_date.year]
    outside = [y for y in unused if y not in after]
    notes = []
    if after:
        notes.append(
            f"US income given for {_years(after)} is not counted: it falls after the "
            f"return on {dates.fmt(return_date)}."
        )
    if outside:
        notes.append(
            f"US income given for {_years(outside)} is not counted: it falls outside "
            f"{dates.fmt(on)} to 31 Dec {last}."
        )
    return notes


def _years(years: list[int]) -> str:
    return ", ".join(map(str, years[:-1])) + (" and " if len(years) > 1 else "") + str(years[-1])


def _tax(m: Money, country: str, used: bool, notes: list[str], missing: list[str]) -> Decimal:
    """The effective tax rate for ``country``; one not given counts as 0%, said where it
    taxes an income counted."""
    if country in m.effective_tax:
        return m.effective_tax[country]
    if used:
        name = "the US" if country == "US" else country_name(country)
        notes.append(f"No effective tax rate given for {name}: counted as 0%.")
        missing.append(f"the tax rate for {name}")
    return Decimal(0)
