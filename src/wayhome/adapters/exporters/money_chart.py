"""Cumulative money by year, one line per scenario (SVG).

Lines differ by dash pattern as well as colour, and each is labelled at its end,
so the chart reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from wayhome.core.money.forecast import Forecast
from wayhome.core.planner.scenarios import Outcome

W, H = 760, 340
LEFT, RIGHT, TOP, BOTTOM = 80, 200, 40, 50
STYLES = (
    ("#1f5f8b", ""),
    ("#b26a00", "8 4"),
    ("#2e6b30", "2 3"),
    ("#6a1b9a", "10 3 2 3"),
    ("#555", "4 4"),
)


def svg(outcomes: list[Outcome]) -> str:
    return lines([(o.name, o.money) for o in outcomes if o.money is not None])


def lines(series: Sequence[tuple[str, Forecast]]) -> str:
    """One line per named forecast (the money page draws what is being typed)."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12" '
        'role="img" aria-label="Cumulative money by scenario">'
        f'<rect width="{W}" height="{H}" fill="#fff"/>'
        '<text x="12" y="22" font-size="14" font-weight="bold">Cumulative net income by '
        "scenario</text>"
    ]
    if not series:
        out.append('<text x="12" y="60">No scenario has money figures.</text></svg>')
        return "".join(out)
    # One axis, one currency: the first line's. A line in another is left off and named,
    # never drawn against a scale it does not share.
    currency = series[0][1].currency
    left_off = [name for name, f in series if f.currency != currency]
    series = [(name, f) for name, f in series if f.currency == currency]
    # Every year any line reaches: a scenario counted over a longer horizon keeps its own.
    years = sorted({y.year for _, f in series for y in f.years})
    values = [y.cumulative for _, f in series for y in f.years]
    lo, hi = min(Decimal(0), *values), max(Decimal(1), *values)

    def x(year: int) -> float:
        return LEFT + (W - LEFT - RIGHT) * (year - years[0]) / max(years[-1] - years[0], 1)

    def y(v: Decimal) -> float:
        return float(H - BOTTOM - (H - TOP - BOTTOM) * (v - lo) / (hi - lo))

    out.append(
        f'<line x1="{LEFT}" y1="{y(Decimal(0)):.1f}" x2="{W - RIGHT}" '
        f'y2="{y(Decimal(0)):.1f}" stroke="#999"/>'
    )
    for v in (lo, (lo + hi) / 2, hi):
        out.append(
            f'<text x="{LEFT - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#555">'
            f"{v / 1000:,.0f}k</text>"
        )
    for i, year in enumerate(years):
        if i % max(len(years) // 8, 1) == 0:
            out.append(
                f'<text x="{x(year):.1f}" y="{H - BOTTOM + 16}" text-anchor="middle" '
                f'fill="#555">{year}</text>'
            )
    for k, (name, f) in enumerate(series):
        colour, dash = STYLES[k % len(STYLES)]
        pts = " ".join(f"{x(v.year):.1f},{y(v.cumulative):.1f}" for v in f.years)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{pts}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
        last = f.years[-1]
        label = _short(name)
        out.append(
            f'<text x="{x(last.year) + 6:.1f}" y="{y(last.cumulative) + 4:.1f}">'
            f"{escape(label)}</text>"
        )
    if left_off:
        out.append(
            f'<text x="12" y="{H - 22}" fill="#555" font-size="11">Not drawn, as not in '
            f"{currency}: {escape('; '.join(_short(n) for n in left_off))}.</text>"
        )
    out.append(
        f'<text x="12" y="{H - 8}" fill="#555" font-size="11">In {currency}, after '
        "tax, from your inputs; not financial advice.</text></svg>"
    )
    return "".join(out)


def _short(name: str) -> str:
    return name if len(name) <= 26 else name[:25] + "…"
