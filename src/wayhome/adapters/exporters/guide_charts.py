"""The guide's two illustrative charts, with the physician marked on each.

The numbers are the guide's own and it calls them illustrative: the charts say
so. Drawn as SVG on the server; the physician's bar and point carry a written
label, so nothing depends on colour.
"""

from __future__ import annotations

from itertools import pairwise
from xml.sax.saxutils import escape

# When physicians return after training (share of returners, %), per the guide.
RETURN_TIMING = (("Immediately", 35), ("1-3 years", 40), ("4-7 years", 18), ("8+ years", 7))
# How leverage at home falls with years after training (index, year 0 = 100), per the guide.
LEVERAGE = ((0, 100), (4, 95), (7, 80), (10, 60), (12, 40))
W, H = 480, 285


def timing_bucket(years: float) -> int:
    if years < 1:
        return 0
    if years < 4:
        return 1
    if years < 8:
        return 2
    return 3


def return_timing(years_after_training: float | None) -> str:
    you = timing_bucket(years_after_training) if years_after_training is not None else None
    out = [_head("When physicians return after training")]
    base, top, left = H - 50, 50, 50
    bar_w = 80
    for i, (label, share) in enumerate(RETURN_TIMING):
        x = left + i * 105
        h = (base - top) * share / 45
        mine = i == you
        out.append(
            f'<rect x="{x}" y="{base - h:.1f}" width="{bar_w}" height="{h:.1f}" '
            f'fill="{"#1f5f8b" if mine else "#b9c7d3"}" stroke="#222" '
            f'stroke-width="{2 if mine else 0.5}"/>'
        )
        out.append(
            f'<text x="{x + bar_w / 2}" y="{base - h - 6:.1f}" text-anchor="middle">{share}%</text>'
        )
        out.append(
            f'<text x="{x + bar_w / 2}" y="{base + 16}" text-anchor="middle">{escape(label)}</text>'
        )
        if mine:
            out.append(
                f'<text x="{x + bar_w / 2}" y="{base + 32}" text-anchor="middle" '
                'font-weight="bold">▲ you</text>'
            )
    out.append(_foot("Illustrative shares from the guide, not measured data."))
    return "\n".join(out)


def leverage(years_after_training: float | None) -> str:
    out = [_head("Leverage at home by years after training")]
    left, right, top, base = 50, W - 20, 45, H - 50

    def x(year: float) -> float:
        return left + (right - left) * min(year, 14) / 14

    def y(value: float) -> float:
        return base - (base - top) * value / 100

    points = " ".join(f"{x(a):.1f},{y(b):.1f}" for a, b in LEVERAGE)
    out.append(f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#444"/>')
    for value in (100, 50):
        out.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" '
            f'fill="#555">{value}</text>'
        )
    out.append(f'<polyline points="{points}" fill="none" stroke="#1f5f8b" stroke-width="2.5"/>')
    for a, b in LEVERAGE:
        out.append(f'<circle cx="{x(a):.1f}" cy="{y(b):.1f}" r="3" fill="#1f5f8b"/>')
        out.append(f'<text x="{x(a):.1f}" y="{base + 16}" text-anchor="middle">{a}</text>')
    out.append(
        f'<text x="{(left + right) / 2}" y="{base + 32}" text-anchor="middle">'
        "years after training</text>"
    )
    if years_after_training is not None:
        yv = _interpolate(years_after_training)
        px, py = x(years_after_training), y(yv)
        out.append(
            f'<line x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{base}" stroke="#111" '
            'stroke-dasharray="4 3"/>'
        )
        out.append(
            f'<rect x="{px - 6:.1f}" y="{py - 6:.1f}" width="12" height="12" '
            'fill="#fff" stroke="#111" stroke-width="2"/>'
        )
        anchor = "end" if px > W - 120 else "start"
        dx = -10 if anchor == "end" else 10
        out.append(
            f'<text x="{px + dx:.1f}" y="{py - 10:.1f}" text-anchor="{anchor}" '
            f'font-weight="bold">you: {years_after_training:.1f} years</text>'
        )
    out.append(_foot("The guide calls this curve illustrative: the trend, not a measurement."))
    return "\n".join(out)


def _interpolate(year: float) -> float:
    pts = LEVERAGE
    if year <= pts[0][0]:
        return float(pts[0][1])
    for (a, va), (b, vb) in pairwise(pts):
        if a <= year <= b:
            return va + (vb - va) * (year - a) / (b - a)
    return float(pts[-1][1])


def _head(title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12" '
        f'role="img" aria-label="{escape(title)}"><rect width="{W}" height="{H}" fill="#fff"/>'
        f'<text x="12" y="22" font-size="14" font-weight="bold">{escape(title)}</text>'
    )


def _foot(text: str) -> str:
    return f'<text x="12" y="{H - 6}" fill="#555" font-size="11">{escape(text)}</text></svg>'
