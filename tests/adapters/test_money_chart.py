"""The cumulative money chart: one currency on its axis, every line on the same years."""

from __future__ import annotations

import re
from datetime import date

from wayhome.adapters.exporters import money_chart
from wayhome.core.money.forecast import Money, forecast

ON = date(2027, 1, 1)


def _line(currency: str, years: int):
    m = Money.model_validate(
        {
            "currency": currency,
            "home_income": {"currency": currency, "per_year": 100000},
            "effective_tax": {"US": 0, "XX": 0},
            "horizon_years": years,
            "discount_rate": 0,
        }
    )
    return forecast(m, ON, ON, "XX")


def _points(svg: str) -> list[list[tuple[float, float]]]:
    return [
        [tuple(map(float, p.split(","))) for p in pts.split()]
        for pts in re.findall(r'<polyline points="([^"]+)"', svg)
    ]


def test_a_line_in_another_currency_is_named_not_drawn_on_the_same_axis():
    # 100,000 USD and 100,000 INR a year are not the same money: one axis, one currency.
    svg = money_chart.lines([("In dollars", _line("USD", 3)), ("In rupees", _line("INR", 3))])
    assert len(_points(svg)) == 1
    assert ">In dollars</text>" in svg and ">In rupees</text>" not in svg
    assert "Not drawn, as not in USD: In rupees." in svg
    assert "In USD, after tax" in svg


def test_a_longer_horizon_runs_to_the_right_edge_and_a_shorter_stops_at_its_year():
    # 2027 to 2036 on the axis: the 3-year line ends at 2029, two ninths of the way.
    svg = money_chart.lines([("Three years", _line("USD", 3)), ("Ten years", _line("USD", 10))])
    short, long = _points(svg)
    left, right = money_chart.LEFT, money_chart.W - money_chart.RIGHT
    assert long[0][0] == short[0][0] == left
    assert long[-1][0] == right
    assert short[-1][0] == round(left + (right - left) * 2 / 9, 1)
    assert ">2036</text>" in svg
