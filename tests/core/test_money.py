"""Money: exact decimals, explicit currencies, totals and net present value."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from wayhome.core.money.forecast import HomeIncome, Money, fmt_amount, forecast


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
    assert f.missing == ()
    assert f.notes[-1] == (
        "Counted to the day: each income is a full year's pay, times the share of that "
        "year's days it covers. 2027: of its 365 days, 182 at US pay (to 1 Jul 2027) and "
        "183 at home pay (from the return on 2 Jul 2027)."
    )


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
    assert "Home income converted at 83.1 INR per USD (your rate of 1 Nov 2026)." in f.notes


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
    assert "Horizon: 20 calendar years (an illustrative default), from today, " in text
    assert "Discount rate: 4% a year (an illustrative default)" in text
    assert "No US income given for 2027: counted as nothing." in text
    assert "No home income given: counted as nothing." in text
    # No income counted, so no tax rate is missed.
    assert f.missing == ("home income", "US income for 2027")


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


def _plain(**fields) -> Money:
    """No tax, no discounting: the arithmetic a test states is the whole of it."""
    return Money.model_validate(
        {"effective_tax": {"US": 0, "XX": 0}, "horizon_years": 1, "discount_rate": 0, **fields}
    )


def test_a_return_on_1_jul_splits_the_year_to_the_day_and_says_so():
    # 2028 has 366 days: 1 Jan to 30 Jun are 182 of them (31+29+31+30+31+30), 1 Jul to
    # 31 Dec the other 184. US pay 366,000 a year: 182,000; home pay 36,600: 18,400.
    m = _plain(us_income={2028: 366000}, home_income={"currency": "USD", "per_year": 36600})
    leap = forecast(m, date(2028, 1, 1), date(2028, 7, 1), "XX")
    assert leap.total == Decimal("182000.00") + Decimal("18400.00")
    assert (
        "2028: of its 366 days, 182 at US pay (to 30 Jun 2028) and 184 at home pay "
        "(from the return on 1 Jul 2028)."
    ) in leap.notes[-1]
    # 2027 has 365: 181 days before 1 Jul. 365,000 a year: 181,000; 36,500: 18,400.
    m = _plain(us_income={2027: 365000}, home_income={"currency": "USD", "per_year": 36500})
    common = forecast(m, date(2027, 1, 1), date(2027, 7, 1), "XX")
    assert common.total == Decimal("181000.00") + Decimal("18400.00")


def test_this_year_counts_from_today_and_says_how_many_days():
    # On 5 Dec 2026, 27 of 2026's 365 days are left: 365,000 a year counts 27,000.
    m = _plain(us_income={2026: 365000})
    f = forecast(m, date(2026, 12, 5), date(2027, 1, 1), "XX")
    assert f.total == Decimal("27000.00")
    assert "2026: from today, 27 of its 365 days." in " ".join(f.notes)
    assert f.notes[0] == "Horizon: 1 calendar year, from today, 5 Dec 2026, to 31 Dec 2026."


def test_the_discount_rate_and_the_undiscounted_first_year_are_said():
    m = Money.model_validate({"discount_rate": "0.10", "horizon_years": 2})
    f = forecast(m, date(2027, 3, 1), date(2027, 3, 1), "XX")
    assert f.notes[1] == (
        "Discount rate: 10% a year: the net present value counts 2027 as it is and "
        "divides each later year by 1.1 once for each year after 2027."
    )
    none = forecast(
        m.model_copy(update={"discount_rate": Decimal(0)}), date(2027, 3, 1), date(2027, 3, 1), "XX"
    )
    assert none.notes[1] == "Discount rate: 0% a year: the net present value is the total."


def test_what_was_not_given_is_listed_beside_the_total_never_a_silent_zero():
    # US pay given for 2027 only; the return is 1 Jul 2028; no home income, no taxes.
    m = Money.model_validate({"us_income": {2027: 100000}, "horizon_years": 3, "discount_rate": 0})
    f = forecast(m, date(2027, 1, 1), date(2028, 7, 1), "IN")
    assert f.total == Decimal("100000.00")  # 2028's half year and home: 0, and said
    assert f.missing == (
        "home income",
        "US income for 2028",
        "the tax rate for the US",
    )
    assert "No US income given for 2028: counted as nothing." in f.notes
    assert "No effective tax rate given for the US: counted as 0%." in f.notes
    assert f.to_json()["missing"] == list(f.missing)
    # Home income and its tax: India's rate is missed by name.
    m = m.model_copy(
        update={
            "us_income": {2027: 100000, 2028: 100000},
            "effective_tax": {"US": Decimal("0.3")},
            "home_income": HomeIncome(currency="USD", per_year=Decimal(1)),
        }
    )
    assert forecast(m, date(2027, 1, 1), date(2028, 7, 1), "IN").missing == (
        "the tax rate for India",
    )


def test_income_a_moved_return_leaves_out_is_said_not_dropped_quietly():
    # Pay given to 2030, the return moved to 1 Jul 2028: 2029 and 2030 are not counted.
    m = _plain(us_income={2025: 1, 2028: 366000, 2029: 1, 2030: 1}, horizon_years=2)
    f = forecast(m, date(2028, 1, 1), date(2028, 7, 1), "XX")
    assert f.total == Decimal("182000.00")
    assert (
        "US income given for 2029 and 2030 is not counted: it falls after the return on 1 Jul 2028."
    ) in f.notes
    assert (
        "US income given for 2025 is not counted: it falls outside 1 Jan 2028 to 31 Dec 2029."
        in f.notes
    )


def test_a_return_after_the_horizon_counts_no_moving_cost_and_says_why():
    m = _plain(relocation_cost=15000, horizon_years=2)
    f = forecast(m, date(2027, 1, 1), date(2030, 7, 1), "XX")
    assert f.total == Decimal("0.00")
    assert (
        "The return on 1 Jul 2030 falls after 31 Dec 2028, the horizon's end: no home "
        "income, moving cost or incentive is counted."
    ) in f.notes


def test_debt_payments_run_every_year_of_the_horizon_and_that_is_said():
    # 12,000 a year for 2027 and 2028, before and after the 1 Jan 2028 return: 24,000.
    m = _plain(annual_debt_payment=12000, horizon_years=2)
    f = forecast(m, date(2027, 1, 1), date(2028, 1, 1), "XX")
    assert [y.net for y in f.years] == [Decimal("-12000.00"), Decimal("-12000.00")]
    assert (
        "Debt payments: USD 12,000 a year, every year to 2028, after the return as before "
        "(the loan's balance, its end and any repayment plan tied to US income are not "
        "known here)."
    ) in f.notes


def test_amounts_are_shown_in_whole_units_rounded_half_up_with_separators():
    assert fmt_amount(Decimal("779549.73"), "USD") == "USD 779,550"
    # Half up, as a person rounds (Python's format would give 534,774: half to even).
    assert fmt_amount(Decimal("534774.50"), "USD") == "USD 534,775"
    assert fmt_amount(Decimal("-15000.00"), "INR") == "INR -15,000"
    assert fmt_amount(Decimal("-0.40"), "USD") == "USD 0"


def test_a_tax_or_discount_rate_written_as_a_percentage_is_refused_with_the_share():
    # 32 for 32% was refused as "32 is too large: it must be 1 at most".
    with pytest.raises(
        ValidationError, match=r"US: 32 is a percentage: write it as a share, 0\.32 for 32%"
    ):
        Money.model_validate({"effective_tax": {"US": 32}})
    with pytest.raises(
        ValidationError, match=r"4\.5 is a percentage: write it as a share, 0\.045 for 4\.5%"
    ):
        Money.model_validate({"discount_rate": "4.5"})
    with pytest.raises(ValidationError, match="less than or equal to 1"):
        Money.model_validate({"discount_rate": 250})  # past 100: not a percentage either
    assert Money.model_validate({"effective_tax": {"US": 1}}).effective_tax["US"] == 1


@pytest.mark.parametrize("junk", ["NaN", "nan", "Infinity", "-inf", "sNaN"])
def test_a_rate_that_is_no_number_is_refused_by_the_model_not_a_crash(junk):
    # Decimal("NaN") compared with 1 raises InvalidOperation: found by
    # tests/hostile/test_loaders.py on a stored profile.
    with pytest.raises(ValidationError):
        Money.model_validate({"effective_tax": {"US": junk}})
    with pytest.raises(ValidationError):
        Money.model_validate({"discount_rate": junk})
