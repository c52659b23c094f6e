"""The plan as a Gantt-like chart: SVG written directly, PNG rendered by Typst.

Rows are tasks in date order; diamonds are dates to remember (sittings,
deadlines, the return). Today and the return are marked. Status is written
in each row's label as well as coloured, so the chart reads without colour.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from wayhome.core.common import dates
from wayhome.core.planner.results import Plan, TaskStatus

WIDTH = 1100
LABEL = 380
ROW = 20
TOP = 56
PAD = 16

FILL = {
    TaskStatus.PLANNED: "#4a7fc1",
    TaskStatus.DONE: "#9aa5b1",
    TaskStatus.SKIPPED: "#d5d9de",
    TaskStatus.LATE: "#e08a1e",
    TaskStatus.CONFLICT: "#c62828",
}
MARK = {
    TaskStatus.LATE: "LATE",
    TaskStatus.CONFLICT: "CONFLICT",
    TaskStatus.DONE: "done",
    TaskStatus.SKIPPED: "skipped",
}


def svg(plan: Plan) -> str:
    tasks = [t for t in plan.tasks if t.status is not TaskStatus.SKIPPED]
    lo = dates.month_start(min([plan.on, *(t.start for t in tasks)]))
    # Room on the right for the last milestone's date.
    hi = dates.add_months(dates.month_start(max([plan.return_date, *(t.end for t in tasks)])), 4)
    span = max((hi - lo).days, 1)

    def x(d: date) -> float:
        return LABEL + (WIDTH - LABEL - PAD) * (d - lo).days / span

    height = TOP + ROW * len(tasks) + 40
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="DejaVu Sans, Arial, sans-serif" '
        'font-size="11">',
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" '
        'stroke-width="2"/></pattern></defs>',
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>',
        f'<text x="{PAD}" y="22" font-size="15" font-weight="bold">Your return plan, as of '
        f"{escape(dates.fmt(plan.on))}</text>",
    ]
    # Years along the top, with a faint line at each.
    for year in range(lo.year, hi.year + 1):
        first = date(year, 1, 1)
        if lo <= first <= hi:
            out.append(
                f'<line x1="{x(first):.1f}" y1="{TOP - 14}" x2="{x(first):.1f}" '
                f'y2="{height - 30}" stroke="#ddd"/>'
            )
            out.append(f'<text x="{x(first) + 3:.1f}" y="{TOP - 18}" fill="#555">{year}</text>')
    for i, t in enumerate(tasks):
        y = TOP + i * ROW
        if i % 2:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="#f6f7f9"/>')
        label = _short(t.spec.title)
        if t.status in MARK:
            label += f" ({MARK[t.status]})"
        weight = ' font-weight="bold"' if t.status in (TaskStatus.CONFLICT, TaskStatus.LATE) else ""
        out.append(f'<text x="{PAD}" y="{y + 14}"{weight}>{escape(label)}</text>')
        colour = FILL[t.status]
        if t.spec.milestone:
            cx, cy = x(t.start), y + ROW / 2
            out.append(
                f'<polygon points="{cx:.1f},{cy - 6} {cx + 6:.1f},{cy} {cx:.1f},{cy + 6} '
                f'{cx - 6:.1f},{cy}" fill="{colour}" stroke="#222" stroke-width="0.8"/>'
            )
            # Near the right edge the date goes to the left of its diamond.
            at = f'x="{cx - 9:.1f}" text-anchor="end"' if cx > WIDTH - 90 else f'x="{cx + 9:.1f}"'
            out.append(f'<text {at} y="{y + 14}" fill="#333">{escape(dates.fmt(t.start))}</text>')
            continue
        x0 = x(t.start)
        x1 = max(x(t.end + dates.ONE_DAY), x0 + 2)
        out.append(
            f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" height="{ROW - 8}" '
            f'rx="2" fill="{colour}"/>'
        )
        if t.status in (TaskStatus.CONFLICT, TaskStatus.LATE):
            out.append(
                f'<rect x="{x0:.1f}" y="{y + 4}" width="{x1 - x0:.1f}" '
                f'height="{ROW - 8}" fill="url(#hatch)"/>'
            )
        if t.spec.latest and lo <= t.spec.latest < t.end:
            lx = x(t.spec.latest)
            out.append(
                f'<line x1="{lx:.1f}" y1="{y + 2}" x2="{lx:.1f}" y2="{y + ROW - 2}" '
                'stroke="#000" stroke-width="2"/>'
            )
    bottom = TOP + ROW * len(tasks)
    for when, text, style in (
        (plan.on, f"Today {dates.fmt(plan.on)}", 'stroke-dasharray="4 3"'),
        (plan.return_date, f"Return {dates.fmt(plan.return_date)}", ""),
    ):
        px = x(when)
        out.append(
            f'<line x1="{px:.1f}" y1="{TOP - 8}" x2="{px:.1f}" y2="{bottom}" '
            f'stroke="#111" stroke-width="1.5" {style}/>'
        )
        out.append(
            f'<text x="{px + 3:.1f}" y="{bottom + 16}" font-weight="bold">{escape(text)}</text>'
        )
    out.append(
        f'<text x="{PAD}" y="{height - 8}" fill="#555">Bars: tasks (hatched: late or '
        "does not fit; a black tick marks the last day allowed). Diamonds: dates to "
        "remember. Planning help, not legal advice.</text>"
    )
    out.append("</svg>")
    return "\n".join(out)


def _short(title: str, limit: int = 58) -> str:
    """Cut a long title, keeping a trailing '(2027)' that tells yearly tasks apart."""
    if len(title) <= limit:
        return title
    head, sep, tail = title.rpartition(" (")
    if sep and tail.endswith(")") and len(tail) < 12:
        return head[: limit - len(tail) - 4] + "… (" + tail
    return title[: limit - 1] + "…"


def png(svg_text: str) -> bytes:
    """Rasterise the SVG with Typst (a wheel, no system libraries)."""
    from wayhome.adapters.exporters import typst_render

    return typst_render.image_to_png(svg_text)
