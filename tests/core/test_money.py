"""Money: exact decimals, explicit currencies, totals and net present value."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from wayhome.core.money.forecast import Money, forecast


def test_the_share_of_each_year_before_and_after_the_return():
    m = Money.model_validate(
        {
            "currency": "USD",
            "us_income": {2027: 100000},
            "home_income": {"currency": "USD", "per_year": 36500},
            "horizon_years": 2,
            "discount_rate": 0,
            "effective_tax": {"US": "0.30", "IN": "0.20"},
        }
    )
    f = forecast(m, date(2027, 1, 1), date(2027, 7, 2), "IN")  # 182 days before, 183 after
    first = f.years[0]
    assert first.net == Decimal("34904.11") + Decimal("14640.00")  # US 70% of 182/365, home
    assert f.years[1].net == Decimal("29200.00")  # a full year at home, after 20% tax
    assert f.total == first.net + f.years[1].net
    assert f.notes == ()


def test_home_income_is_converted_at_the_users_dated_rate():
    m = Money.model_validate(
        {
            "home_income": {"currency": "INR", "per_year": 8310000},
            "exchange_rate": {"INR_per_USD": "83.1", "as_of": "2026-11-01"},
            "effective_tax": {"US": 0, "IN": 0},
            "horizon_years": 1,
            "discount_rate": 0,
        }
    )
    f = forecast(m, date(2027, 1, 1), date(2027, 1, 1), "IN")
    assert f.total == Decimal("100000.00")
    assert "83.1 INR per USD (your rate of 1 Nov 2026)" in f.notes[0]


def test_npv_discounts_later_years():
    m = Money.model_validate(
        {
            "home_income": {"currency": "USD", "per_year": 100000},
            "effective_tax": {"US": 0, "XX": 0},
            "horizon_years": 3,
            "discount_rate": "0.10",
        }
    )
    f = forecast(m, date(2027, 1, 1), date(2027, 1, 1), "XX")
    assert [y.discounted for y in f.years] == [
        Decimal("100000.00"),
        Decimal("90909.09"),
        Decimal("82644.63"),
    ]
    assert f.npv == Decimal("273553.72")


def test_relocation_and_incentive_fall_in_the_year_of_the_return():
    m = Money.model_validate(
        {
            "relocation_cost": 15000,
            "return_incentive": 5000,
            "effective_tax": {"US": 0, "XX": 0},
            "horizon_years": 2,
            "discount_rate": 0,
        }
    )
    f = forecast(m, date(2027, 1, 1), date(2028, 3, 1), "XX")
    assert [y.net for y in f.years] == [Decimal("0.00"), Decimal("-10000.00")]


def test_defaults_and_gaps_are_said_out_loud():
    f = forecast(Money(), date(2027, 1, 1), date(2028, 1, 1), "IN")
    text = " ".join(f.notes)
    assert "Horizon: 20 years (an illustrative default)" in text
    assert "Discount rate: 4% a year (an illustrative default)" in text
    assert "No effective tax rate for IN: counted as 0%" in text
    assert "No US income given for 2027" in text


def test_a_foreign_home_income_needs_its_rate():
    with pytest.raises(ValidationError, match="give an exchange_rate such as"):
        Money.model_validate({"home_income": {"currency": "INR", "per_year": 1}})
    with pytest.raises(ValidationError, match="must be INR per USD, not EUR per USD"):
        Money.model_validate(
            {
                "home_income": {"currency": "INR", "per_year": 1},
                "exchange_rate": {"EUR_per_USD": 1, "as_of": "2026-01-01"},
            }
        )


def test_home_income_follows_the_return_type_and_purchasing_power_is_separate():
    m = Money.model_validate(
        {
            "home_income": {
                "currency": "USD",
                "per_year": 50000,
                "by_return_type": {"private": 90000},
            },
            "purchasing_power": {"factor": 3, "as_of": "2026-06-01"},
            "effective_tax": {"US": 0, "IN": 0},
            "horizon_years": 1,
            "discount_rate": 0,
        }
    )
    academic = forecast(m, date(2027, 1, 1), date(2027, 1, 1), "IN", "academic")
    private = forecast(m, date(2027, 1, 1), date(2027, 1, 1), "IN", "private")
    assert academic.total == Decimal("50000.00")
    assert private.total == Decimal("90000.00")
    assert private.ppp_total == Decimal("270000.00")
    assert any("purchasing-power factor of 1 Jun 2026" in n for n in private.notes)
