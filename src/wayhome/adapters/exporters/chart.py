"""The plan as a timeline: one lane per target and one for the visa, SVG written directly,
PNG rendered by Typst.

The window runs from today to two years past the latest of the return, the latest safe
returns (for the posts sought: rules for other posts never reach the chart) and the last
planned task; a deadline after the window is shown at its right edge with its date.
Each lane holds its tasks as bars and its dates to remember (deadlines, sittings) as
diamonds, and its latest safe return as a red line. Today and the return are marked
across every lane. Tasks for no one target (the guide's, for every return) have a lane
of their own.

No label overlaps another: each item's label goes beside it, and an item whose label
would run into a neighbour's drops to the next row of its lane (:func:`pack`, sized by
:func:`text_width`, a generous estimate; tests/adapters/test_chart.py checks every label
box in the SVG). Status is written in each label as well as coloured, so the chart reads
without colour.

Public surface: :func:`svg`, :func:`png`, :func:`text_width`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Final
from xml.sax.saxutils import escape

from msgspec import Struct, field

from wayhome.core.common import dates
from wayhome.core.planner.results import Plan, Task, TaskStatus
from wayhome.core.planner.template import Category
from wayhome.core.rules.report import Assessment, Report

WIDTH: Final = 1040
FONT: Final = 12  # px, every label
ROW: Final = 20  # a row of a lane: a label's height and room around it
PAD: Final = 16
GAP: Final = 8  # the least room between two items in a row
YEARS_AFTER: Final = 2  # the window ends this long after the last date that matters
TITLE_CHARS: Final = 46

_X = Callable[[date], float]  # a day's place along the chart

FILL: Final = {
    TaskStatus.PLANNED: "#3b6fb0",
    TaskStatus.DONE: "#8a949e",
    TaskStatus.SKIPPED: "#d5d9de",
    TaskStatus.LATE: "#c46a00",
    TaskStatus.CONFLICT: "#b3261e",
    TaskStatus.TIGHT: "#c46a00",  # a visa clock's status (core/planner/visa_tasks.py)
    TaskStatus.UNKNOWN: "#6a1b9a",
}
MARK: Final = {
    TaskStatus.LATE: "LATE",
    TaskStatus.CONFLICT: "CONFLICT",
    TaskStatus.TIGHT: "TIGHT",
    TaskStatus.UNKNOWN: "UNKNOWN",
    TaskStatus.DONE: "done",
}
SAFE: Final = "#b3261e"  # the latest safe return's line
TEXT: Final = "#1f2328"
HALO: Final = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
LANE_HALO: Final = HALO.replace("#fff", "#eef1f4")  # on a lane's heading band
MUTED: Final = "#555c63"  # 7:1 on white

# Widths of characters as a share of the font size, generous for DejaVu Sans and Arial
# (the widest glyph of each class: DejaVu's O is 0.79, its bold n 0.71), so that a
# label is never wider than its box.
_NARROW: Final = frozenset("fijltI.,:;'!|() ")
_WIDE: Final = frozenset("mwMW@%—…")


def text_width(text: str, size: float = FONT, *, bold: bool = False) -> float:
    """A label's width in px, never less than it renders in the chart's fonts."""
    ems = 0.0
    for ch in text:
        if ch in _NARROW:
            ems += 0.4
        elif ch in _WIDE:
            ems += 1.0
        elif ch.isupper() or ch.isdigit():
            ems += 0.8
        else:
            ems += 0.64
    return ems * size * (1.15 if bold else 1.0)


class Item(Struct):
    """Something drawn in a lane: bars (x0, x1 pairs) or a diamond, and its label."""

    label: str
    x0: float
    x1: float
    colour: str
    bars: list[tuple[float, float]] = field(default_factory=list)  # empty: a diamond
    hatched: bool = False
    bold: bool = False
    tick: float | None = None  # a black tick: the last day allowed
    edge: bool = False  # a deadline after the window, drawn at its right edge
    line: bool = False  # the latest safe return: a line down its lane
    # Set by pack():
    row: int = 0
    text_x: float = 0.0
    anchor: str = "start"

    def width(self) -> float:
        return text_width(self.label, bold=self.bold)


class Lane(Struct):
    title: str
    items: list[Item]
    rows: int = 1


def svg(plan: Plan, report: Report | None = None, *, width: int = WIDTH) -> str:
    """The timeline of ``plan``; ``report`` names the lanes and gives the latest safe
    returns (without it, lanes are named by their codes)."""
    assessments = report.assessments if report else ()
    lo = dates.month_start(plan.on)
    hi = dates.add_months(dates.month_start(_last(plan, assessments)), 12 * YEARS_AFTER + 1)
    left, right = PAD, width - PAD
    span = max((hi - lo).days, 1)

    def x(d: date) -> float:
        return left + (right - left) * (min(max(d, lo), hi) - lo).days / span

    lanes = _lanes(plan, assessments, lo, hi, x)
    for lane in lanes:
        lane.rows = pack(lane.items, left, right)
        if text_width(lane.title, bold=True) > right - left:
            lane.title = _fit(lane.title, right - left, True)
    marks = [
        Item(f"Today {dates.fmt(plan.on)}", x(plan.on), x(plan.on), TEXT, bold=True),
        Item(
            f"Return {dates.fmt(plan.return_date)}",
            x(plan.return_date),
            x(plan.return_date),
            TEXT,
            bold=True,
        ),
    ]
    mark_rows = pack(marks, left, right)

    out: list[str] = []
    y = 26
    out.append(
        f'<text x="{left}" y="{y}" font-size="16" font-weight="bold">'
        f"Your return plan, as of {escape(dates.fmt(plan.on))}</text>"
    )
    y += 10
    axis = y + ROW  # the years' baseline
    top = axis + 6
    y = top + mark_rows * ROW
    body: list[str] = []
    for lane in lanes:
        body.append(f'<rect x="0" y="{y}" width="{width}" height="{ROW + 2}" fill="#eef1f4"/>')
        body.append(
            f'<text x="{left}" y="{y + ROW - 5}" font-weight="bold" {LANE_HALO}>'
            f"{escape(lane.title)}</text>"
        )
        y += ROW + 2
        body += _lane(lane, y, x)
        y += lane.rows * ROW + 6
    bottom = y
    legend = _wrap(
        "Bars: tasks (hatched: late or does not fit; a black tick marks the last day "
        "allowed). Diamonds: deadlines and sittings. Red line: the latest safe return for "
        "that target. Planning help, not legal advice.",
        right - left,
    )
    height = bottom + 8 + ROW * len(legend)

    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, Arial, sans-serif" '
        f'font-size="{FONT}" fill="{TEXT}" role="img" aria-labelledby="chart-title" '
        # Focusable: where the page lets it scroll sideways (a phone), the keyboard can.
        'tabindex="0">',
        f'<title id="chart-title">Timeline from {escape(dates.fmt(plan.on))} to '
        f"{escape(dates.fmt(hi))}: one lane per target and one for the visa</title>",
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" '
        'stroke-width="2"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    out = head + out
    out += _years(lo, hi, x, axis, bottom)
    out += body
    for item, dash in zip(marks, ('stroke-dasharray="4 3"', ""), strict=True):
        out.append(
            f'<line x1="{item.x0:.1f}" y1="{top}" x2="{item.x0:.1f}" y2="{bottom}" '
            f'stroke="#111" stroke-width="1.5" {dash}/>'
        )
        out.append(_label(item, top + item.row * ROW))
    for i, line in enumerate(legend):
        out.append(
            f'<text x="{left}" y="{bottom + 8 + ROW * i + 12}" fill="{MUTED}">{escape(line)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _last(plan: Plan, assessments: Sequence[Assessment]) -> date:
    """The latest of the return, the latest safe returns and the last planned task (a
    deadline is not a task: one decades away would stretch the chart to nothing)."""
    days = [plan.return_date]
    days += [a.latest_safe_return for a in assessments if a.latest_safe_return]
    days += [t.end for t in _shown(plan) if not _is_deadline(t)]
    return max(days)


def _shown(plan: Plan) -> list[Task]:
    return [t for t in plan.tasks if t.status is not TaskStatus.SKIPPED]


def _is_deadline(t: Task) -> bool:
    return t.spec.milestone and t.id.startswith("deadline:")


def _lanes(plan: Plan, assessments: Sequence[Assessment], lo: date, hi: date, x: _X) -> list[Lane]:
    """One lane per target, one for the visa (the assessment that sets no pathway: the US
    rules) and one for tasks of every target, each with its items."""
    visa = [a for a in assessments if a.pathway is None]
    targets = [a for a in assessments if a.pathway is not None]
    visa_codes = {a.jurisdiction for a in visa} or {"US"}
    by_lane: dict[str, list[Task]] = {}
    for t in _shown(plan):
        code = t.spec.jurisdiction
        if code in visa_codes or t.spec.category is Category.VISA:
            key = "visa"
        elif code is not None:
            key = code
        else:
            key = ""
        by_lane.setdefault(key, []).append(t)
    lanes: list[Lane] = []
    known = {a.jurisdiction for a in targets}
    for a in targets:
        lanes.append(_make_lane(_title(a), by_lane.pop(a.jurisdiction, []), [a], lo, hi, x))
    for code in sorted(k for k in by_lane if k not in ("visa", "") and k not in known):
        lanes.append(_make_lane(code, by_lane.pop(code), [], lo, hi, x))
    visa_tasks = by_lane.pop("visa", [])
    if visa or visa_tasks:
        title = "Visa · " + (visa[0].name if visa else "US rules")
        lanes.append(_make_lane(title, visa_tasks, visa, lo, hi, x))
    if by_lane.get(""):
        lanes.append(_make_lane("Getting ready, for every target", by_lane[""], [], lo, hi, x))
    return lanes


def _title(a: Assessment) -> str:
    return f"{a.jurisdiction} · {a.name}"


def _make_lane(
    title: str,
    tasks: Iterable[Task],
    assessments: Sequence[Assessment],
    lo: date,
    hi: date,
    x: _X,
) -> Lane:
    items: list[Item] = []
    for a in assessments:
        if a.latest_safe_return is None:
            continue
        when = dates.fmt(a.latest_safe_return)
        if a.latest_safe_return < lo:
            title += f" — latest safe return {when} has passed"
            continue
        px = x(a.latest_safe_return)
        items.append(Item(f"Latest safe return {when}", px, px, SAFE, bold=True, line=True))
    groups: dict[str, list[Task]] = {}
    for t in tasks:
        if t.end < lo:
            continue  # over before the window: history
        if t.spec.milestone:
            items.append(_point(t, hi, x))
        else:
            groups.setdefault(_yearly(t.spec.title), []).append(t)
    for name, group in groups.items():
        items.append(_bars(name, group, x, lo))
    items.sort(key=lambda i: (i.x0, i.x1))
    return Lane(title, items)


def _point(t: Task, hi: date, x: _X) -> Item:
    title = _short(t.spec.title.removeprefix("Deadline: "))
    when = dates.fmt(t.start)
    bold = t.status in (TaskStatus.CONFLICT, TaskStatus.LATE)
    status = f" ({MARK[t.status]})" if t.status in MARK else ""
    if t.start > hi:
        label = f"{title} · {when}, after the chart ends{status}"
        return Item(label, x(hi), x(hi), FILL[t.status], bold=bold, edge=True)
    px = x(t.start)
    return Item(f"{title} · {when}{status}", px, px, FILL[t.status], bold=bold)


_YEAR = re.compile(r" \((19|20)\d\d\)$")


def _yearly(title: str) -> str:
    """A task done every year shows as one row: its title without the year."""
    return _YEAR.sub(" (yearly)", title)


def _bars(name: str, group: Sequence[Task], x: _X, lo: date) -> Item:
    bars = []
    for t in sorted(group, key=lambda t: t.start):
        x0 = x(max(t.start, lo))
        bars.append((x0, max(x(t.end + dates.ONE_DAY), x0 + 3)))
    worst = next(
        (s for s in (TaskStatus.CONFLICT, TaskStatus.LATE) if any(t.status is s for t in group)),
        group[0].status,
    )
    label = _short(name) + (f" ({MARK[worst]})" if worst in MARK else "")
    ticks = [t.spec.latest for t in group if t.spec.latest and lo <= t.spec.latest < t.end]
    # A task that cannot be done late (an exam's registration) shows the day it closes.
    closes = [
        t.spec.latest
        for t in group
        if t.spec.closing and t.spec.latest and t.status is not TaskStatus.DONE
    ]
    if closes and lo <= closes[0]:
        label += f" · last day {dates.fmt(closes[0])}"
        ticks = ticks or closes[:1]
    tick = x(ticks[0]) if ticks else None
    return Item(
        label,
        min(b[0] for b in bars) if tick is None else min(tick, *(b[0] for b in bars)),
        max(b[1] for b in bars) if tick is None else max(tick, *(b[1] for b in bars)),
        FILL[worst],
        bars=bars,
        hatched=worst in (TaskStatus.CONFLICT, TaskStatus.LATE),
        bold=worst in (TaskStatus.CONFLICT, TaskStatus.LATE),
        tick=tick,
    )


def pack(items: Sequence[Item], left: float, right: float) -> int:
    """Each item a row and a place for its label, so that nothing in a row overlaps; the
    number of rows used. A label goes right of its item, else left of it, else (too long
    for either side) it is cut to the wider side."""
    ends: list[float] = []  # per row, the right end of what is in it
    for item in items:
        w = item.width()
        shape0, shape1 = item.x0 - 6, item.x1 + 6  # a diamond's half-width, or a bar's
        if item.edge or shape1 + GAP / 2 + w > right:
            if shape0 - GAP / 2 - w >= left:
                item.anchor, item.text_x = "end", shape0 - GAP / 2
                start, end = item.text_x - w, shape1
            else:
                room = max(right - shape1, shape0 - left) - GAP
                item.label = _fit(item.label, room, item.bold)
                w = item.width()
                if right - shape1 >= shape0 - left:
                    item.anchor, item.text_x = "start", shape1 + GAP / 2
                    start, end = shape0, item.text_x + w
                else:
                    item.anchor, item.text_x = "end", shape0 - GAP / 2
                    start, end = item.text_x - w, shape1
        else:
            item.anchor, item.text_x = "start", shape1 + GAP / 2
            start, end = shape0, item.text_x + w
        for row, taken in enumerate(ends):
            if taken + GAP <= start:
                item.row, ends[row] = row, end
                break
        else:
            item.row = len(ends)
            ends.append(end)
    return max(len(ends), 1)


def _fit(label: str, room: float, bold: bool) -> str:
    """The label cut to ``room`` px, keeping what matters most at its end: a date after
    " · ", a status or "(yearly)" in brackets."""
    head, tail = label, ""
    for sep in (" · ", " ("):
        at = label.find(sep) if sep == " · " else label.rfind(sep)
        if at > 0 and text_width(label[at:], bold=bold) < room * 0.7:
            head, tail = label[:at], label[at:]
            break
    while head and text_width(head + "…" + tail, bold=bold) > room:
        head = head[:-1]
    if not head:
        return _fit(tail.strip(" ·"), room, bold) if tail and tail != label else "…"
    return head.rstrip(" -,:;") + "…" + tail


def _lane(lane: Lane, y0: float, x: _X) -> list[str]:
    out = [
        f'<line x1="{i.x0:.1f}" y1="{y0}" x2="{i.x0:.1f}" y2="{y0 + lane.rows * ROW}" '
        f'stroke="{SAFE}" stroke-width="3"/>'
        for i in lane.items
        if i.line
    ]
    for item in lane.items:
        y = y0 + item.row * ROW
        mid = y + ROW / 2
        if item.bars:
            for b0, b1 in item.bars:
                out.append(
                    f'<rect x="{b0:.1f}" y="{y + 5}" width="{b1 - b0:.1f}" height="{ROW - 10}" '
                    f'rx="2" fill="{item.colour}"/>'
                )
                if item.hatched:
                    out.append(
                        f'<rect x="{b0:.1f}" y="{y + 5}" width="{b1 - b0:.1f}" '
                        f'height="{ROW - 10}" fill="url(#hatch)"/>'
                    )
            if item.tick is not None:
                out.append(
                    f'<line x1="{item.tick:.1f}" y1="{y + 2}" x2="{item.tick:.1f}" '
                    f'y2="{y + ROW - 2}" stroke="#000" stroke-width="2"/>'
                )
        elif not item.line:
            cx = item.x0
            out.append(
                f'<polygon points="{cx:.1f},{mid - 6} {cx + 6:.1f},{mid} {cx:.1f},{mid + 6} '
                f'{cx - 6:.1f},{mid}" fill="{item.colour}" stroke="#222" stroke-width="0.8"/>'
            )
        out.append(_label(item, y))
    return out


def _label(item: Item, y: float) -> str:
    weight = ' font-weight="bold"' if item.bold else ""
    anchor = ' text-anchor="end"' if item.anchor == "end" else ""
    colour = f' fill="{SAFE}"' if item.line else ""
    # A white halo keeps a label legible where a line crosses it (today, the return).
    return (
        f'<text x="{item.text_x:.1f}" y="{y + ROW - 6}"{anchor}{weight}{colour} {HALO}>'
        f"{escape(item.label)}</text>"
    )


def _years(lo: date, hi: date, x: _X, axis: float, bottom: float) -> list[str]:
    """A faint line at each new year, labelled as often as the labels have room."""
    first = lo.year + (0 if lo == date(lo.year, 1, 1) else 1)
    per_year = x(date(first + 1, 1, 1)) - x(date(first, 1, 1))
    step = max(1, math.ceil((text_width("2030") + 2 * GAP) / max(per_year, 1)))
    out = []
    for year in range(first, hi.year + 1):
        at = x(date(year, 1, 1))
        if date(year, 1, 1) > hi:
            break
        out.append(
            f'<line x1="{at:.1f}" y1="{axis - 14}" x2="{at:.1f}" y2="{bottom}" stroke="#dde1e5"/>'
        )
        if (year - first) % step == 0 and at + 3 + text_width(str(year)) <= x(hi):
            out.append(f'<text x="{at + 3:.1f}" y="{axis}" fill="{MUTED}">{year}</text>')
    return out


def _wrap(text: str, room: float) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word) <= room:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _short(title: str, limit: int = TITLE_CHARS) -> str:
    """Cut a long title at a word, keeping a trailing '(2027)' or '(yearly)'."""
    if len(title) <= limit:
        return title
    head, sep, tail = title.rpartition(" (")
    keep = " (" + tail if sep and tail.endswith(")") and len(tail) < 12 else ""
    body = (head if keep else title)[: limit - len(keep) - 1]
    if " " in body[limit // 2 :]:
        body = body.rsplit(" ", 1)[0]  # a whole word last
    return body.rstrip(" -,:;") + "…" + keep


def png(svg_text: str) -> bytes:
    """Rasterise the SVG with Typst (a wheel, no system libraries)."""
    from wayhome.adapters.exporters import typst_render

    return typst_render.image_to_png(svg_text)
