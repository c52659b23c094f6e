"""The money inputs of the plan and of each scenario, as a form asks them: the answers
shown, checked (every problem named by its field, in words), saved, and previewed (the
forecast and the chart of what is typed, before anything is saved).

Answers are a flat mapping of field names (:data:`FIXED_FIELDS`, ``us_income_<year>``)
to typed values: ``Decimal`` amounts and percentages (32 for 32%), ``date`` days,
upper-case currency codes, ``None`` for an empty field. :func:`to_money` turns them into
the profile's :class:`~wayhome.core.money.forecast.Money`; :func:`save` stores it through
:func:`wayhome.services.profile_edits.set_money`; :func:`preview` runs
:func:`wayhome.core.money.forecast.forecast` on it without saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from msgspec import Struct
from pydantic import ValidationError

from wayhome.adapters.exporters import money_chart
from wayhome.core.common.countries import country_name
from wayhome.core.common.problems import FieldsError
from wayhome.core.money.forecast import MOST, RATE_BOUNDS, Forecast, Money, forecast
from wayhome.core.planner import early, scenarios
from wayhome.core.profile.model import Profile, ReturnType, Scenario
from wayhome.services import profile_edits

PLAN: Final = profile_edits.PLAN_MONEY
HUNDRED: Final = Decimal(100)
US_INCOME: Final = "us_income_"  # one field per calendar year: us_income_2027
RETURN_WORDS: Final = {
    ReturnType.ACADEMIC.value: "in an academic or tertiary hospital post",
    ReturnType.PRIVATE.value: "in private or group practice",
    ReturnType.PUBLIC.value: "in the public health service",
}
HOME_BY_RETURN: Final = {f"home_income_{k}": k for k in RETURN_WORDS}
AMOUNTS: Final = (
    "relocation_cost",
    "return_incentive",
    "us_costs_after_leaving",
    "annual_debt_payment",
)
FIXED_FIELDS: Final = (
    "currency",
    "home_currency",
    "home_income",
    *HOME_BY_RETURN,
    "rate",
    "rate_on",
    "tax_us",
    "tax_home",
    *AMOUNTS,
    "ppp_factor",
    "ppp_on",
    "horizon_years",
    "discount_rate",
)


class MoneyInputError(FieldsError):
    """Why the money inputs were not taken: one message per field, each naming it."""


class Target(Struct, frozen=True):
    """The plan or one scenario, with what its money inputs are counted against."""

    id: str
    name: str
    return_date: date
    return_type: str
    home: str  # the home country's code: its tax rate, its return
    years: tuple[int, ...]  # the years of US income asked: today's to the return's
    money: Money | None
    # The return is before US training ends: what it costs and what to ask, as the plan
    # and `wayhome money` say it for the same scenario (early.planned).
    early: str | None = None

    @property
    def home_name(self) -> str:
        return country_name(self.home)


class Preview(Struct, frozen=True):
    """What the answers come to: the forecast, or why not; the chart beside it."""

    forecast: Forecast | None
    chart: str | None
    errors: Mapping[str, str]


# --------------------------------------------------------------------------- the targets


def targets(profile: Profile, on: date) -> list[Target]:
    """The plan as it stands, then each scenario, as the comparison lists them."""
    baseline = scenarios.BASELINE.model_copy(update={"money": profile.money})
    return [_target(profile, s, on) for s in [baseline, *profile.scenarios]]


def target(profile: Profile, target_id: str, on: date) -> Target:
    found = next((t for t in targets(profile, on) if t.id == target_id), None)
    if found is None:
        raise profile_edits.problem("Money inputs", f"there is no scenario '{target_id}'")
    return found


def _target(profile: Profile, s: Scenario, on: date) -> Target:
    applied = scenarios.apply(profile, s, on)
    back = applied.plan.return_date
    asked = set(range(on.year, max(on.year, back.year) + 1))
    if s.money is not None:
        asked |= set(s.money.us_income)
    return Target(
        id=s.id,
        name=s.name,
        return_date=back,
        return_type=applied.plan.return_type.value,
        home=profile.home_country,
        years=tuple(sorted(asked)),
        money=s.money,
        early=early.planned(applied),
    )


# --------------------------------------------------------------------------- the words


def labels(t: Target) -> dict[str, str]:
    """Every field in words; the messages name fields by these."""
    home = t.home_name
    out = {
        "currency": "Currency of these figures",
        "home_currency": "Currency of your home income",
        "home_income": "Home income a year, before tax",
        **{
            f: f"Home income a year {RETURN_WORDS[k]}, if different"
            for f, k in HOME_BY_RETURN.items()
        },
        "rate": "Exchange rate",
        "rate_on": "The exchange rate's date",
        "tax_us": "US effective tax rate, in %",
        "tax_home": f"Effective tax rate in {home}, in %",
        "relocation_cost": "Cost of moving home (once)",
        "return_incentive": "Incentive for returning (once)",
        "us_costs_after_leaving": "US costs you keep after leaving, a year",
        "annual_debt_payment": "Debt payments, a year",
        "ppp_factor": "Purchasing power at home (1.0: the same as in the US)",
        "ppp_on": "The purchasing power's date",
        "horizon_years": "Years to count",
        "discount_rate": "Discount rate, in % a year",
    }
    for y in t.years:
        out[f"{US_INCOME}{y}"] = f"US income in {y}, before tax"
    return out


def rate_words(currency: str | None, home_currency: str | None) -> str:
    """The exchange rate's question with the currencies named: how many INR one USD buys."""
    if currency and home_currency and currency != home_currency:
        return f"How many {home_currency} one {currency} buys"
    return "Only when your home income is in another currency"


# --------------------------------------------------------------------------- both ways


def answers_of(t: Target) -> dict[str, Any]:
    """The stored inputs as the form shows them (percentages as 32 for 32%)."""
    m = t.money
    if m is None:
        return {"currency": "USD", "home_currency": None}
    out: dict[str, Any] = {"currency": m.currency}
    for y, amount in m.us_income.items():
        out[f"{US_INCOME}{y}"] = amount
    if m.home_income is not None:
        out["home_currency"] = m.home_income.currency
        out["home_income"] = m.home_income.per_year
        for f, k in HOME_BY_RETURN.items():
            out[f] = m.home_income.by_return_type.get(k)
    if m.exchange_rate is not None:
        out["rate"], out["rate_on"] = m.exchange_rate.rate, m.exchange_rate.as_of
    out["tax_us"] = _percent(m.effective_tax.get("US"))
    out["tax_home"] = _percent(m.effective_tax.get(t.home))
    for f in AMOUNTS:
        out[f] = getattr(m, f) or None
    if m.purchasing_power is not None:
        out["ppp_factor"] = m.purchasing_power.factor
        out["ppp_on"] = m.purchasing_power.as_of
    out["horizon_years"] = m.horizon_years
    out["discount_rate"] = _percent(m.discount_rate)
    return out


def _percent(rate: Decimal | None) -> Decimal | None:
    return None if rate is None else (rate * HUNDRED).normalize()


def to_money(t: Target, answers: Mapping[str, Any]) -> Money | None:
    """The answers as money inputs; None when none was given. Raises MoneyInputError."""
    words = labels(t)
    given = {k: v for k, v in answers.items() if v not in (None, "") and k in words}
    if not any(k not in ("currency", "home_currency") for k in given):
        return None
    errors: dict[str, str] = {}

    def say(field: str, message: str) -> None:
        errors.setdefault(field, f"{words[field]}: {message}")

    # The model's bounds, asked here so that each is said at its field (a typo's extra
    # zeros), not as figures that "cannot be counted together".
    for field, value in given.items():
        if _is_amount(field) and value > MOST:
            say(field, f"give an amount up to {MOST:,}")
    for field in ("rate", "ppp_factor"):
        value = given.get(field)
        if value is not None and value > 0 and not RATE_BOUNDS[0] <= value <= RATE_BOUNDS[1]:
            say(field, f"give a number from {RATE_BOUNDS[0]:f} to {RATE_BOUNDS[1]:,}")
    currency = given.get("currency") or "USD"
    home_currency = given.get("home_currency") or currency
    by_return = {k: given[f] for f, k in HOME_BY_RETURN.items() if f in given}
    home_income: dict[str, Any] | None = None
    if "home_income" in given:
        home_income = {"currency": home_currency, "per_year": given["home_income"]}
        if by_return:
            home_income["by_return_type"] = by_return
    elif by_return:
        say("home_income", "give it too: it counts for any kind of return not given below")
    rate, rate_on = given.get("rate"), given.get("rate_on")
    exchange: dict[str, Any] | None = None
    if home_income is not None and home_currency != currency:
        if rate is None:
            say("rate", f"give how many {home_currency} one {currency} buys, as your home "
                f"income is in {home_currency}")  # fmt: skip
        if rate_on is None:
            say("rate_on", "give the day the rate is from, like 1 Nov 2026")
        if rate is not None and rate <= 0:
            say("rate", "give a number above 0, like 83.1")
        if rate is not None and rate_on is not None:
            exchange = {"home": home_currency, "base": currency, "rate": rate, "as_of": rate_on}
    elif rate is not None or rate_on is not None:
        field = "rate" if rate is not None else "rate_on"
        say(field, f"leave it empty: your home income is in {currency}, like these figures")
    taxes = dict(t.money.effective_tax) if t.money else {}  # other countries' kept
    for field, country in (("tax_us", "US"), ("tax_home", t.home)):
        if field in given:
            if given[field] > HUNDRED:
                say(field, "give a percentage from 0 to 100")
            taxes[country] = given[field] / HUNDRED
        else:
            taxes.pop(country, None)
    ppp: dict[str, Any] | None = None
    if ("ppp_factor" in given) != ("ppp_on" in given):
        if "ppp_on" in given:
            say("ppp_factor", "give the factor too, like 3.2, or leave the date empty")
        else:
            say("ppp_on", "give the day the factor is from, like 1 Nov 2026")
    elif "ppp_factor" in given:
        if given["ppp_factor"] <= 0:
            say("ppp_factor", "give a number above 0, like 3.2")
        ppp = {"factor": given["ppp_factor"], "as_of": given["ppp_on"]}
    if "horizon_years" in given and not 1 <= given["horizon_years"] <= 60:
        say("horizon_years", "give a number of years from 1 to 60")
    if "discount_rate" in given and given["discount_rate"] > HUNDRED:
        say("discount_rate", "give a percentage from 0 to 100")
    if errors:
        raise MoneyInputError(errors)
    data: dict[str, Any] = {
        "currency": currency,
        "us_income": {
            int(k.removeprefix(US_INCOME)): v for k, v in given.items() if k.startswith(US_INCOME)
        },
        "home_income": home_income,
        "exchange_rate": exchange,
        "effective_tax": taxes,
        **{f: given[f] for f in AMOUNTS if f in given},
        "purchasing_power": ppp,
        "horizon_years": given.get("horizon_years"),
        "discount_rate": given["discount_rate"] / HUNDRED if "discount_rate" in given else None,
    }
    try:
        return Money.model_validate(data)
    except ValidationError:  # the checks above leave nothing the model refuses
        raise MoneyInputError(
            {"currency": f"{words['currency']}: these figures cannot be counted together"}
        ) from None


def _is_amount(field: str) -> bool:
    return (
        field in AMOUNTS
        or field == "home_income"
        or field in HOME_BY_RETURN
        or (field.startswith(US_INCOME))
    )


def stored(money: Money | None) -> dict[str, Any] | None:
    """Money inputs as the profile file holds them (the defaults left out)."""
    if money is None:
        return None
    return money.model_dump(mode="json", exclude_none=True, exclude_defaults=True)


# --------------------------------------------------------------------------- the uses


def save(owner: Any, target_id: str, answers: Mapping[str, Any], on: date) -> Money | None:
    """Check the answers and store them as the target's money inputs (None: removed)."""
    t = target(profile_edits.current(owner), target_id, on)
    money = to_money(t, answers)
    profile_edits.set_money(owner, t.id, stored(money))
    return money


def preview(profile: Profile, target_id: str, answers: Mapping[str, Any], on: date) -> Preview:
    """What the answers come to, beside the other scenarios' saved figures: nothing saved."""
    t = target(profile, target_id, on)
    try:
        money = to_money(t, answers)
    except MoneyInputError as e:
        return Preview(None, None, e.errors)
    return _result(profile, t, money, on)


def result(profile: Profile, target_id: str, on: date) -> Preview:
    """The target's saved figures, beside the other scenarios'."""
    t = target(profile, target_id, on)
    return _result(profile, t, t.money, on)


def _result(profile: Profile, t: Target, money: Money | None, on: date) -> Preview:
    if money is None:
        return Preview(None, None, {})
    mine = _forecast(t, money, on)
    series = [(t.name, mine)]
    for other in targets(profile, on):
        if other.id != t.id and other.money is not None:
            # One in another currency is named under the chart, not drawn (money_chart).
            series.append((other.name, _forecast(other, other.money, on)))
    return Preview(mine, money_chart.lines(series), {})


def _forecast(t: Target, money: Money, on: date) -> Forecast:
    return forecast(money, on, t.return_date, t.home, t.return_type)
