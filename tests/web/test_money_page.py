"""The money page: a form per scenario with its result beside it, saved by its button
(no script needed), previewed as it is typed, and no YAML anywhere."""

from datetime import date

import pytest
from django.utils import timezone

from wayhome.adapters.db.models import StoredProfile


@pytest.fixture
def page(owner, client_for, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 11, 24))
    user, row = owner
    return client_for(user), row


def stored(row):
    return StoredProfile.objects.get(pk=row.pk).data


def test_it_shows_the_plans_inputs_as_a_form_with_the_result_beside_it(page):
    c, row = page
    html = c.get(f"/p/{row.pk}/money/").content.decode()
    assert "Money: Your plan as it stands" in html
    assert 'name="us_income_2027" value="70000"' in html
    assert 'name="tax_us" value="32"' in html  # a percentage as people write it
    assert "US costs you keep after leaving, a year" in html
    # A year's US income is a full year's pay, counted to the day: said beside each box.
    assert "A full year&#x27;s pay, even for the year you leave" in html
    # The total as the terminal says it, and the year left out beside it.
    assert 'id="money-total">USD 791,385<' in html and 'id="money-npv">USD 545,716<' in html
    assert "Not given, so counted as 0: US income for 2026." in html
    assert 'id="money-total"' in html and "Net present value" in html and "<svg" in html
    assert "relocation_cost:" not in html and "<textarea" not in html  # no YAML
    other = c.get(f"/p/{row.pk}/money/?scenario=attending-with-money").content.decode()
    assert "Money: Three years as an attending, with the money" in other
    assert 'name="us_income_2030" value="300000"' in other
    assert c.get(f"/p/{row.pk}/money/?scenario=nope").status_code == 404


def test_the_scenarios_page_links_each_scenarios_money_and_shows_no_yaml(page):
    c, row = page
    html = c.get(f"/p/{row.pk}/scenarios/").content.decode()
    assert f"/p/{row.pk}/money/?scenario=back-before-the-window-closes" in html
    assert "<textarea" not in html and "docs/money.md" not in html


def test_it_saves_what_is_typed_as_people_type_it(page):
    c, row = page
    form = {
        "target": "back-before-the-window-closes",
        "currency": "usd",
        "us_income_2027": "70,000",
        "home_currency": "INR",
        "home_income": "4 200 000",
        "home_income_private": "6000000",
        "rate": "83.1",
        "rate_on": "1 Nov 2026",
        "tax_us": "32%",
        "tax_home": "25",
    }
    response = c.post(f"/p/{row.pk}/money/?scenario=back-before-the-window-closes", form)
    assert response.status_code == 302
    money = stored(row)["scenarios"][0]["money"]
    assert money == {
        "us_income": {"2027": "70000"},
        "home_income": {
            "currency": "INR",
            "per_year": "4200000",
            "by_return_type": {"private": "6000000"},
        },
        "exchange_rate": {"home": "INR", "base": "USD", "rate": "83.1", "as_of": "2026-11-01"},
        "effective_tax": {"US": "0.32", "XX": "0.25"},
    }
    shown = c.get(response.url).content.decode()
    assert "money inputs saved" in shown
    assert "Home income converted at 83.1 INR per USD" in shown


def test_bad_input_is_named_beside_its_field_and_nothing_is_saved(page):
    c, row = page
    before = stored(row)
    response = c.post(
        f"/p/{row.pk}/money/",
        {
            "target": "your-plan",
            "us_income_2027": "lots",
            "home_currency": "rupees",
            "home_income": "-5",
            "rate_on": "12/04/2026",
            "horizon_years": "2.5",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    for message in (
        "US income in 2027, before tax: write it in figures, like 280000",
        "Currency of your home income: write its three letters, like USD or INR",
        "Home income a year, before tax: it cannot be below 0",
        "Years to count: give whole years, like 20",
    ):
        assert message in html, message
    assert (
        "The exchange rate&#x27;s date: &#x27;12/04/2026&#x27; is not a date: it could be" in html
    )
    assert "Input should" not in html and "validation error" not in html  # no pydantic
    assert stored(row) == before


def test_the_preview_answers_with_the_result_and_each_fields_error_and_saves_nothing(page):
    c, row = page
    before = stored(row)
    url = f"/p/{row.pk}/money/preview/"
    html = c.post(url, {"target": "your-plan", "home_income": "60000", "tax_home": "25"})
    html = html.content.decode()
    assert 'id="money-total"' in html and "<svg" in html
    assert 'id="error-home_income" hx-swap-oob="true"></p>' in html  # cleared
    bad = c.post(url, {"target": "your-plan", "home_currency": "INR", "home_income": "1"})
    bad_html = bad.content.decode()
    assert bad.status_code == 200  # htmx swaps it in
    assert "give how many INR one USD buys" in bad_html
    assert 'id="error-rate" hx-swap-oob="true">Exchange rate' in bad_html
    assert "(How many INR one USD buys)" in bad_html  # the rate's words follow the currencies
    assert 'id="money-total"' not in bad_html
    assert stored(row) == before
    assert c.get(url).status_code == 405
