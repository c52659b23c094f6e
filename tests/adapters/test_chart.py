"""The timeline chart: its window, its lanes, and labels that never overlap.

Every label's box is read back from the SVG and measured with the chart's own font
(DejaVu Sans, through Pillow) where the system has it, else at 0.6 em a character;
no two boxes may meet and every box stays inside the picture.
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import pytest
from msgspec.structs import replace

from tests.helpers import all_packs
from tests.helpers.setups import REFERENCES
from wayhome.adapters.exporters import chart
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.results import Plan, Task, TaskSpec, TaskStatus
from wayhome.core.planner.template import Category
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.report import Report

ON = date(2026, 11, 24)
SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
PROFILES = {
    **{p.stem: p for p in sorted(REFERENCES.glob("*.yaml"))},
    "do-the-math": example_path("do-the-math"),
    "cardiology-in": example_path("cardiology-in"),
}


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def meets(self, other: Box) -> bool:
        return not (
            self.x1 <= other.x0 or other.x1 <= self.x0 or self.y1 <= other.y0 or other.y1 <= self.y0
        )


@cache
def _font(size: float, bold: bool):
    from PIL import ImageFont

    path = FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size=round(size)) if path.is_file() else None


def measured(text: str, size: float, bold: bool) -> float:
    font = _font(size, bold)
    return font.getlength(text) if font is not None else 0.6 * size * len(text)


def boxes(svg: str) -> tuple[list[Box], float, float]:
    root = ET.fromstring(svg)
    width, height = float(root.get("width")), float(root.get("height"))
    base = float(root.get("font-size"))
    out = []
    for t in root.iter(f"{SVG}text"):
        size = float(t.get("font-size") or base)
        text = "".join(t.itertext())
        w = measured(text, size, t.get("font-weight") == "bold")
        x, y = float(t.get("x")), float(t.get("y"))
        x0 = {"end": x - w, "middle": x - w / 2}.get(t.get("text-anchor") or "", x)
        out.append(Box(text, x0, y - 0.95 * size, x0 + w, y + 0.3 * size))
    return out, width, height


def overlaps(svg: str) -> list[tuple[str, str]]:
    found, width, height = boxes(svg)
    out = [(b.text, "outside the picture") for b in found if b.x0 < 0 or b.x1 > width]
    out += [(b.text, "outside the picture") for b in found if b.y0 < 0 or b.y1 > height]
    out += [(a.text, b.text) for i, a in enumerate(found) for b in found[i + 1 :] if a.meets(b)]
    return out


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(f"{SVG}text")]


def planned(prof: Profile) -> tuple[Plan, Report]:
    packs = all_packs()
    report = engine.assess(prof, packs, ON)
    return make_plan(prof, report, packs, guide_template(), ON, None), report


@pytest.mark.parametrize("name", PROFILES)
def test_no_label_overlaps_another(name):
    plan, report = planned(load_profile(PROFILES[name])[0])
    svg = chart.svg(plan, report)
    found, _, _ = boxes(svg)
    assert len(found) > 20
    assert overlaps(svg) == []


def test_the_checker_finds_an_overlap():
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="50" font-size="12">'
        '<text x="10" y="20">Return 1 Jul 2028</text><text x="60" y="24">Today</text></svg>'
    )
    assert overlaps(svg) == [("Return 1 Jul 2028", "Today")]


@pytest.mark.parametrize("width", [420, chart.WIDTH])
@pytest.mark.parametrize("seed", range(12))
def test_no_overlap_on_a_crowded_chart(seed, width):
    """Sixty tasks and deadlines at random, some far out, some with the same title."""
    rng = random.Random(seed)
    tasks = []
    for i in range(60):
        start = ON + timedelta(days=rng.randrange(0, 2000))
        milestone = rng.random() < 0.4
        spec = TaskSpec(
            id=f"{'deadline:' if milestone and i % 2 else ''}t{i}",
            title=rng.choice(["Register", "Obtain: a certificate of good standing from"])
            + " every board WWW MMM " * rng.randrange(0, 3)
            + f" ({2027 + i % 5})" * (i % 3 == 0),
            why="",
            category=rng.choice(list(Category)),
            milestone=milestone,
            jurisdiction=rng.choice([None, "XX", "US", "YY"]),
            latest=start + timedelta(days=3) if i % 7 == 0 else None,
        )
        end = start if milestone else start + timedelta(days=rng.randrange(1, 400))
        far = start + timedelta(days=365 * 30) if i % 11 == 0 else start
        tasks.append(Task(spec, far, max(end, far), rng.choice(list(TaskStatus)), ""))
    plan = Plan(ON, "p", date(2028, 7, 1), tuple(tasks), ())
    svg = chart.svg(plan, width=width)
    assert overlaps(svg) == []


def test_the_window_runs_from_today_to_two_years_after_the_last_date_that_matters():
    """cardiology-in: the India pack's age limit for teaching posts, 14 Mar 2060, is a
    deadline, not a task: it sits at the right edge with its date, and the chart ends two
    years after the last task (Jan 2032)."""
    plan, report = planned(load_profile(example_path("cardiology-in"))[0])
    svg = chart.svg(plan, report)
    assert "Timeline from 24 Nov 2026 to 1 Feb 2034" in svg
    assert "· 14 Mar 2060, after the chart ends" in svg
    years = [b.text for b in boxes(svg)[0] if b.text.isdigit()]
    assert years == [str(y) for y in range(2027, 2034)]


def test_the_latest_safe_return_stretches_the_window():
    """A target whose latest safe return is years after the last task (an age limit for
    a post sought): the chart reaches two years past it, and marks it."""
    plan, report = planned(load_profile(example_path("cardiology-in"))[0])
    far = date(2061, 4, 11)
    report = replace(
        report,
        assessments=tuple(
            replace(a, latest_safe_return=far) if a.jurisdiction == "IN" else a
            for a in report.assessments
        ),
    )
    svg = chart.svg(plan, report)
    assert "to 1 May 2063" in svg
    assert "Latest safe return 11 Apr 2061" in svg
    assert overlaps(svg) == []


def test_rules_for_other_posts_never_reach_the_chart():
    """A consultant only: India's age limit for teaching posts is a rule for another post."""
    prof = load_profile(example_path("cardiology-in"))[0]
    prof = prof.model_copy(update={"plan": prof.plan.model_copy(update={"posts": ["consultant"]})})
    plan, report = planned(prof)
    india = next(a for a in report.assessments if a.jurisdiction == "IN")
    assert any("teacher" in f.title for f in india.other_posts)
    svg = chart.svg(plan, report)
    assert "teacher" not in svg and "2060" not in svg


def test_one_lane_per_target_one_for_the_visa_and_one_for_every_target():
    plan, report = planned(load_profile(PROFILES["j1-cardiologist-india"])[0])
    svg = chart.svg(plan, report)
    # a lane's heading sits on its band (its halo is the band's colour)
    lanes = [
        "".join(t.itertext())
        for t in ET.fromstring(svg).iter(f"{SVG}text")
        if t.get("stroke") == "#eef1f4"
    ]
    assert [lane.split(" · ")[0] for lane in lanes] == [
        "IN",
        "AE-DHA",
        "Visa",
        "Getting ready, for every target",
    ]
    assert "Today 24 Nov 2026" in svg and "Return 1 Aug 2027" in svg
    # a deadline is a diamond with its date and, in words, its status
    # (the US rule's deadline is the visa clock's, marked once)
    j1 = [t for t in texts(svg) if t.startswith("J-1: the last day in the US")]
    assert j1 == ["J-1: the last day in the US · 30 Jul 2027 (CONFLICT)"]


def test_a_task_done_every_year_is_one_row():
    plan, report = planned(load_profile(example_path("do-the-math"))[0])
    svg = chart.svg(plan, report)
    yearly = [t for t in plan.tasks if t.id.startswith("stay-visible-")]
    assert len(yearly) > 2
    assert svg.count("Stay visible in the US") == 1
    assert "(yearly)" in svg


def test_the_png_is_an_image():
    plan, report = planned(load_profile(example_path("do-the-math"))[0])
    png = chart.png(chart.svg(plan, report))
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
