"""The money inputs as a form asks them: shown, checked field by field in words, saved,
and previewed without saving."""

from datetime import date
from decimal import Decimal

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import money_inputs, profile_edits
from wayhome.services.money_inputs import MoneyInputError

ON = date(2026, 11, 24)


@pytest.fixture
def me(db):
    user = store.local_account()
    store.save_profile(user, to_data(load_profile(example_path("do-the-math"))[0]))
    return user


@pytest.fixture
def plan():
    profile, _ = load_profile(example_path("do-the-math"))
    return money_inputs.target(profile, "your-plan", ON)


def errors(t, answers) -> dict[str, str]:
    with pytest.raises(MoneyInputError) as e:
        money_inputs.to_money(t, answers)
    return e.value.errors


def test_it_asks_us_income_for_each_year_from_today_to_the_return(plan):
    profile, _ = load_profile(example_path("do-the-math"))
    assert plan.years == (2026, 2027, 2028)  # today's year to the return's (1 Jul 2028)
    later = money_inputs.target(profile, "attending-with-money", ON)
    assert later.return_date == date(2030, 7, 1)  # three years as an attending
    assert later.years == (2026, 2027, 2028, 2029, 2030)
    labels = money_inputs.labels(later)
    assert labels["us_income_2029"] == "US income in 2029, before tax"
    assert labels["tax_home"] == "Effective tax rate in Exampleland (fictional), in %"
    with pytest.raises(profile_edits.ProfileEditError, match="no scenario 'nope'"):
        money_inputs.target(profile, "nope", ON)


def test_the_stored_inputs_are_shown_as_typed_and_read_back_the_same(plan):
    answers = money_inputs.answers_of(plan)
    assert answers["us_income_2027"] == Decimal(70000)
    assert answers["tax_us"] == Decimal(32) and answers["tax_home"] == Decimal(25)
    assert answers["home_currency"] == "USD" and answers["home_income"] == Decimal(60000)
    again = money_inputs.to_money(plan, answers)
    assert again == plan.money


def test_a_home_income_in_another_currency_needs_the_rate_and_its_date(plan):
    answers = {"currency": "USD", "home_currency": "INR", "home_income": Decimal(4200000)}
    assert errors(plan, answers) == {
        "rate": "Exchange rate: give how many INR one USD buys, as your home income is in INR",
        "rate_on": "The exchange rate's date: give the day the rate is from, like 1 Nov 2026",
    }
    money = money_inputs.to_money(
        plan, {**answers, "rate": Decimal("83.1"), "rate_on": date(2026, 11, 1)}
    )
    assert money is not None and money.exchange_rate is not None
    assert (money.exchange_rate.home, money.exchange_rate.base) == ("INR", "USD")
    same = {"currency": "USD", "home_income": Decimal(1), "rate": Decimal(2)}
    assert "leave it empty" in errors(plan, same)["rate"]


def test_home_income_by_kind_of_return_and_percentages(plan):
    money = money_inputs.to_money(
        plan,
        {
            "home_income": Decimal(60000),
            "home_income_private": Decimal(90000),
            "tax_us": Decimal(32),
            "tax_home": Decimal("25.5"),
            "discount_rate": Decimal(3),
        },
    )
    assert money is not None and money.home_income is not None
    assert money.home_income.by_return_type == {"private": Decimal(90000)}
    assert money.effective_tax == {"US": Decimal("0.32"), "XX": Decimal("0.255")}
    assert money.discount_rate == Decimal("0.03")
    assert errors(plan, {"home_income_public": Decimal(1)}) == {
        "home_income": "Home income a year, before tax: give it too: it counts for any "
        "kind of return not given below"
    }
    assert errors(plan, {"tax_us": Decimal(132)})["tax_us"] == (
        "US effective tax rate, in %: give a percentage from 0 to 100"
    )


def test_other_checks_name_their_field(plan):
    bad = {"horizon_years": 61, "ppp_factor": Decimal(2), "rate": Decimal(0)}
    assert errors(plan, {**bad, "home_currency": "INR", "home_income": Decimal(1)}) == {
        "rate": "Exchange rate: give a number above 0, like 83.1",
        "rate_on": "The exchange rate's date: give the day the rate is from, like 1 Nov 2026",
        "ppp_on": "The purchasing power's date: give the day the factor is from, like 1 Nov 2026",
        "horizon_years": "Years to count: give a number of years from 1 to 60",
    }


def test_a_figure_past_the_models_bounds_is_named_at_its_field(plan):
    # Before: each was "Currency of these figures: these figures cannot be counted together".
    typed = {
        "us_income_2027": Decimal("2000000000000"),  # 2 trillion: three zeros too many
        "relocation_cost": Decimal("1e13"),
        "home_currency": "INR",
        "home_income": Decimal(1),
        "rate": Decimal("0.0000001"),
        "rate_on": date(2026, 11, 1),
        "ppp_factor": Decimal("1e10"),
        "ppp_on": date(2026, 11, 1),
    }
    assert errors(plan, typed) == {
        "us_income_2027": "US income in 2027, before tax: give an amount up to 1,000,000,000,000",
        "relocation_cost": "Cost of moving home (once): give an amount up to 1,000,000,000,000",
        "rate": "Exchange rate: give a number from 0.000001 to 1,000,000,000",
        "ppp_factor": "Purchasing power at home (1.0: the same as in the US): give a number "
        "from 0.000001 to 1,000,000,000",
    }


def test_nothing_typed_is_no_money_inputs(plan):
    assert money_inputs.to_money(plan, {"currency": "USD", "home_currency": ""}) is None


def test_saving_stores_them_and_nothing_typed_removes_them(me):
    money_inputs.save(me, "back-before-the-window-closes", {"us_income_2027": Decimal(70000)}, ON)
    scenario = store.profile_data(me)["scenarios"][0]
    assert scenario["money"] == {"us_income": {"2027": "70000"}}
    money_inputs.save(me, "back-before-the-window-closes", {}, ON)
    assert "money" not in store.profile_data(me)["scenarios"][0]


def test_the_taxes_of_other_countries_are_kept(me):
    profile_edits.set_money(me, "your-plan", {"effective_tax": {"US": "0.3", "IN": "0.2"}})
    money_inputs.save(me, "your-plan", {"tax_us": Decimal(31)}, ON)
    assert store.profile_data(me)["money"]["effective_tax"] == {"US": "0.31", "IN": "0.2"}


def test_the_preview_counts_what_is_typed_and_saves_nothing(me):
    before = store.profile_data(me)
    profile = profile_edits.current(me)
    saved = money_inputs.result(profile, "your-plan", ON)
    answers = {**money_inputs.answers_of(money_inputs.target(profile, "your-plan", ON))}
    answers["relocation_cost"] = Decimal(115000)  # 100,000 more
    typed = money_inputs.preview(profile, "your-plan", answers, ON)
    assert saved.forecast is not None and typed.forecast is not None
    assert saved.forecast.total - typed.forecast.total == Decimal(100000)
    assert typed.chart is not None and "Your plan as it stands" in typed.chart
    assert "Three years as an attendi…" in typed.chart  # beside the other scenarios
    assert store.profile_data(me) == before
    wrong = money_inputs.preview(profile, "your-plan", {"tax_us": Decimal(200)}, ON)
    assert wrong.forecast is None and set(wrong.errors) == {"tax_us"}
