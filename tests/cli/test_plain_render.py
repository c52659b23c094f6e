"""The plain console (cli/render/plain.py and layout.py) prints what Rich prints, byte for
byte: the reports of `assess` and `timeline` on the examples, and, as properties, any
text, table, panel and group built from the pieces the renderers use, at any width."""

from __future__ import annotations

import io
import os
from datetime import date
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wayhome.adapters.packs import bundled_dir, pack_folders
from wayhome.cli.render import plain
from wayhome.cli.render import plan as plan_render
from wayhome.cli.render import rules as rules_render
from wayhome.services import assessment, planning, source

ON = date(2026, 12, 5)
BOUNDED = settings(
    max_examples=int(os.environ.get("WAYHOME_PLAIN_EXAMPLES", "300")),  # more: to hunt
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


class RichDrawn(plain.Console):
    """The plain console with Rich drawing every print: what it prints is what Rich
    prints, the dates glued as the plain console glues them (plain.GLUE)."""

    def _plain(self):
        return False


def _both(draw, width, **options):
    """What Rich prints, and what the plain console prints; or the error each raises
    (Rich has its own: a table too narrow for its ratios is an AssertionError)."""
    found = []
    for console in (RichDrawn, plain.Console):
        out = io.StringIO()
        try:
            draw(console(file=out, width=width, highlight=False, **options))
        except Exception as e:  # compared below
            found.append(f"{out.getvalue()}{type(e).__name__}: {e}")
        else:
            found.append(out.getvalue())
    return found


def _laid_out(renderable, width):
    """What the plain console writes for ``renderable`` from its own layout alone."""
    console = plain.Console(file=io.StringIO(), width=width, highlight=False)
    assert console._plain()
    return console._lay_out(renderable, None, None)


@pytest.fixture(scope="module")
def reports():
    every = [f.name for f in pack_folders(bundled_dir())]
    found = {}
    for name in ("cardiology-in", "do-the-math"):
        src = source.from_example(name)
        found[name] = (
            assessment.assess_with_verdict(src, ON, countries=every),
            planning.plan(src, ON).plan,
        )
    return found


@pytest.mark.parametrize("width", [80, 47, 131])
@pytest.mark.parametrize("example", ["cardiology-in", "do-the-math"])
def test_it_prints_the_reports_of_assess_and_timeline_as_rich_does(reports, example, width):
    assessed, plan = reports[example]

    def draw(console):
        rules_render.render_report(assessed.report, console, assessed.verdict)
        rules_render.render_verdict(assessed.verdict, console)
        plan_render.render_plan(plan, console)

    rich_out, plain_out = _both(draw, width)
    assert plain_out == rich_out


def test_it_lays_out_the_reports_itself(reports, monkeypatch):
    """Not Rich again under another name: every print of the report is laid out."""
    handed_back = []
    monkeypatch.setattr(plain.rich_console.Console, "print", lambda *a, **k: handed_back.append(a))
    assessed, plan = reports["cardiology-in"]
    console = plain.Console(file=io.StringIO(), width=80, highlight=False)
    rules_render.render_report(assessed.report, console, assessed.verdict)
    plan_render.render_plan(plan, console)
    assert handed_back == []
    assert "Assessment on 5 Dec 2026" in console.file.getvalue()


def test_it_leaves_styles_and_what_it_does_not_know_to_rich():
    for options, draw in (
        ({"force_terminal": True}, lambda c: c.print(Text("bold", style="bold"))),
        ({}, lambda c: c.print(Text("centred"), justify="center")),
        ({}, lambda c: c.print(Text("a\ttab"))),
        ({}, lambda c: c.print(Text("a\ttab"), soft_wrap=True)),
        ({}, lambda c: c.print("[bold]markup[/] soft", soft_wrap=True)),
        ({}, lambda c: c.print(Panel("not expanded", expand=False))),
        ({}, lambda c: c.print("[bold]markup[/] and :thumbs_up:")),
    ):
        rich_out, plain_out = _both(draw, 30, **options)
        assert plain_out == rich_out


# Properties ---------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "a",
        "word",
        "Years",
        "since",
        "graduation:",
        "—",
        "30 Jun 2024",
        "https://www.nmc.org.in/information-desk/for-students-to-study-in-india",
        "医師国家試験",
        "의사",
        "résumé",
        "•",
        "  ",
        "\n",
        "",
        "x" * 30,
        "…",
        "−3",
    ]
)
# Tabs are Rich's to draw (the layout hands text with one back): left out here. Control
# characters and combining marks are handed back too (no width: Rich crops around them
# its own way), so PRINTABLE has none, for the tests that the layout draws.
PLAIN = (st.lists(WORDS, max_size=14).map(" ".join) | st.text(max_size=40)).map(
    lambda s: s.replace("\t", " ")
)
PRINTABLE = st.lists(WORDS, max_size=14).map(" ".join) | st.text(
    st.characters(exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me", "Zl", "Zp")).filter(
        lambda c: cell_len(c) > 0
    ),
    max_size=40,
)
JUSTIFY = st.sampled_from([None, "left", "default"])
# Titles with an emoji code, escaped markup, a new line, a wide character.
ODD_TITLES = (
    "Note: :thumbs_up: [bold]done[/]",
    "a \\[literal] title",
    "two\nlines",
    "医師国家試験 [i]exam[/i]",
)
OVERFLOW = st.sampled_from([None, "fold", "crop", "ellipsis"])


@st.composite
def texts(draw, strings=PLAIN):
    plain_text = draw(strings)
    return Text(
        plain_text,
        style=draw(st.sampled_from(["", "bold", "dim"])),
        justify=draw(JUSTIFY),
        overflow=draw(OVERFLOW),
        no_wrap=draw(st.sampled_from([None, True, False])),
    )


@st.composite
def tables(draw, strings=PLAIN):
    grid = draw(st.booleans())
    title = draw(st.sampled_from([None, "Exams", "Documents, on the day you apply", *ODD_TITLES]))
    if grid:
        table = Table.grid(padding=draw(st.sampled_from([0, (0, 1), (1, 2)])))
    else:
        table = Table(
            title=title,
            title_justify="left",
            box=draw(st.sampled_from([box.HEAVY_HEAD, box.ROUNDED, None])),
            show_lines=draw(st.booleans()),
            show_header=draw(st.booleans()),
            show_edge=draw(st.booleans()),
            expand=draw(st.booleans()),
            padding=draw(st.sampled_from([(0, 1), 0, (1, 1), (0, 2, 0, 0)])),
            collapse_padding=draw(st.booleans()),
            pad_edge=draw(st.booleans()),
            leading=draw(st.sampled_from([0, 0, 1])),
            min_width=draw(st.sampled_from([None, 30])),
        )
    columns = draw(st.integers(min_value=1, max_value=5))
    for _ in range(columns):
        table.add_column(
            draw(st.sampled_from(["", "Status", "Rule, the arithmetic, and where it comes from"])),
            no_wrap=draw(st.booleans()),
            ratio=draw(st.sampled_from([None, None, 1, 2])),
            width=draw(st.sampled_from([None, None, None, 3])),
            min_width=draw(st.sampled_from([None, None, 8])),
            max_width=draw(st.sampled_from([None, None, 12])),
            overflow=draw(st.sampled_from(["ellipsis", "fold", "crop"])),
            vertical=draw(st.sampled_from(["top", "middle", "bottom"])),
        )
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        cell = texts(strings) | strings.map(lambda s: s.replace("[", "("))
        cells = [draw(cell) for _ in range(columns)]
        table.add_row(*cells, end_section=draw(st.booleans()))
    return table


@st.composite
def panels(draw, strings=PLAIN):
    parts = draw(st.lists(texts(strings) | tables(strings), min_size=1, max_size=3))
    return Panel(
        Group(*parts),
        title=draw(
            st.sampled_from([None, "[bold]IN[/] India - National Medical Commission", *ODD_TITLES])
        ),
        subtitle=draw(st.sampled_from([None, "pack 2026.12.1, reviewed 24 Nov 2026", *ODD_TITLES])),
        title_align=draw(st.sampled_from(["left", "center", "right"])),
        subtitle_align=draw(st.sampled_from(["left", "center", "right"])),
    )


RENDERABLES = texts() | tables() | panels() | PLAIN.map(lambda s: s.replace("[", "("))


@BOUNDED
@given(renderables=st.lists(RENDERABLES, max_size=3), width=st.integers(1, 130))
def test_it_prints_what_rich_prints(renderables, width):
    def draw(console):
        for r in renderables:
            console.print(r)
        console.print()

    rich_out, plain_out = _both(draw, width)
    assert plain_out == rich_out


@BOUNDED
@given(table=tables(PRINTABLE), width=st.integers(1, 100))
def test_it_lays_out_tables_as_rich_does(table, width):
    rich_out, plain_out = _both(lambda c: c.print(table), width)
    assert plain_out == rich_out
    if not rich_out.endswith("Sum of ratios must be > 0"):  # Rich's own error
        # laid out here, not handed back to Rich (this raises what it would hand back)
        assert _laid_out(table, width) == rich_out


@BOUNDED
@given(panel=panels(PRINTABLE), width=st.integers(1, 100))
def test_it_lays_out_panels_as_rich_does(panel, width):
    rich_out, plain_out = _both(lambda c: c.print(panel), width)
    assert plain_out == rich_out
    if not rich_out.endswith("Sum of ratios must be > 0"):
        assert _laid_out(panel, width) == rich_out


@BOUNDED
@given(text=texts(PRINTABLE), width=st.integers(1, 100), on_console=st.booleans())
def test_it_writes_soft_wrapped_text_as_rich_does(text, width, on_console):
    """A text printed with soft_wrap (a web address, whole to copy), asked of the print or
    of the console, is written by the layout itself as Rich writes it: no break added,
    nothing cropped."""

    def draw(console):
        if on_console:
            console.soft_wrap = True
            console.print(text)
        else:
            console.print(text, soft_wrap=True)

    rich_out, plain_out = _both(draw, width)
    assert plain_out == rich_out
    console = plain.Console(file=io.StringIO(), width=width, highlight=False)
    with mock.patch.object(plain.rich_console.Console, "print") as rich_print:
        draw(console)
    rich_print.assert_not_called()  # laid out here, not handed back to Rich
    assert console.file.getvalue() == rich_out
