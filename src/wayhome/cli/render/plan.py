"""The plan and its tasks, the scenarios side by side, the visa clocks and the
money (`wayhome timeline`, `task`, `scenarios`, `visa`, `money`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wayhome.cli.render.common import DISCLAIMER, fmt_day
from wayhome.cli.render.rules import PATHWAY_WORDS
from wayhome.core.common import dates
from wayhome.core.planner.results import TaskStatus
from wayhome.core.rules.base import Pathway

if TYPE_CHECKING:  # names for annotations only: `timeline` loads no scenario code
    from rich.console import Console

    from wayhome.core.money.forecast import Forecast
    from wayhome.core.planner.results import Plan, Task
    from wayhome.core.planner.scenarios import Outcome
    from wayhome.core.visa.clocks import Clock

TASK_STYLE = {
    TaskStatus.PLANNED: ("planned", "cyan"),
    TaskStatus.DONE: ("done", "green"),
    TaskStatus.SKIPPED: ("skipped", "dim"),
    TaskStatus.LATE: ("LATE", "bold yellow"),
    TaskStatus.CONFLICT: ("CONFLICT", "bold red"),
    # A visa task's clock status, in the words `wayhome visa` shows.
    TaskStatus.TIGHT: ("TIGHT", "bold yellow"),
    TaskStatus.UNKNOWN: ("UNKNOWN", "bold magenta"),
}


def _status(task: Task, on: date) -> Text:
    """The task's status word; a snoozed one says until when (it is out of the next
    actions till then, and the plan keeps its dates)."""
    label, style = TASK_STYLE[task.status]
    snoozed = task.snoozed_until
    if (
        snoozed is None
        or not task.snoozed_on(on)
        or task.status in (TaskStatus.DONE, TaskStatus.SKIPPED)
    ):
        return Text(label, style=style)
    words = f"snoozed until {fmt_day(snoozed)}"
    if task.status is TaskStatus.PLANNED:
        return Text(words, style="magenta")
    return Text(f"{label}, {words}", style=style)


def _when(t: Task) -> str:
    """Its dates; a task done, the day it was done (no start is made up for it)."""
    if t.status is TaskStatus.DONE or t.start == t.end:
        return fmt_day(t.end)
    return f"{fmt_day(t.start)} → {fmt_day(t.end)}"


def render_plan(plan: Plan, console: Console) -> None:
    console.print(
        Text(
            f"Your plan on {dates.fmt(plan.on)}, for a return on {dates.fmt(plan.return_date)}",
            style="bold",
        )
    )
    if plan.early:  # the return leaves US training unfinished: before every task
        console.print(Text(plan.early, style="bold yellow"))
    if plan.conflicts:
        text = Text()
        for c in plan.conflicts:
            text.append(f"• {c.problem}\n")
            text.append(f"  Fix: {c.fix}\n", style="bold")
        console.print(
            Panel(text, title="What does not fit", title_align="left", border_style="red")
        )
    t = Table(expand=True, show_lines=False)
    t.add_column("When", no_wrap=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Task, and why it sits there", ratio=1)
    for task in plan.tasks:
        # the title alone bold (a Text made with a style shows all appended in it)
        body = Text.assemble((task.spec.title, "bold" if not task.spec.milestone else ""))
        body.append(f"\n{task.reason}", style="dim")
        t.add_row(_when(task), _status(task, plan.on), body)
    console.print(t)
    done, total = plan.readiness
    console.print(
        Text(f"Readiness (the guide's 12-24-month checklist): {done} of {total} done", style="bold")
    )
    # Each item's lines under its text, its detail under that: a wrapped line keeps its
    # indent.
    check = Table.grid()
    check.add_column(width=2, no_wrap=True)
    check.add_column(ratio=1)
    for item in plan.checklist:
        due = f" — {item.when}" if item.when and not item.done else ""
        check.add_row(
            "✓" if item.done else "✗",
            Text(f"{item.text}{due}", style="" if item.done else "bold"),
        )
        if not item.done:
            check.add_row("", Padding(Text(item.detail, style="dim"), (0, 0, 0, 2)))
    console.print(check)
    console.print()
    console.print(Text(DISCLAIMER, style="italic"))


TASK_ROOM: Final = 24  # the least width a task's title is given beside its id


def render_task_list(plan: Plan, console: Console) -> None:
    """The tasks with their ids, which are typed: an id is never broken. A table when the
    longest id fits on its line beside the dates, the status and some of the title; else
    each id on a line of its own, its dates, status and title under it."""
    rows = [(t.id, _when(t), _status(t, plan.on), t.spec.title) for t in plan.tasks]
    if not rows:
        console.print("No tasks.")
        return
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    if sum(widths) + TASK_ROOM + 13 <= console.width:  # 13: a table's borders and padding
        t = Table(expand=True)
        t.add_column("Id", no_wrap=True)
        t.add_column("When", no_wrap=True)
        t.add_column("Status", no_wrap=True)
        t.add_column("Task", ratio=1)
        for row in rows:
            t.add_row(*row)
        console.print(t)
        return
    for task_id, when, status, title in rows:
        console.print(Text(task_id, style="bold"))
        line = Table.grid(padding=(0, 2))
        line.add_column(width=2 + widths[1], no_wrap=True)
        line.add_column(width=widths[2], no_wrap=True)
        line.add_column(ratio=1)
        line.add_row(Text("  " + when), status, title)
        console.print(line)


def render_scenarios(outcomes: list[Outcome], console: Console) -> None:
    t = Table(expand=True, show_lines=True, title="Scenarios side by side", title_justify="left")
    t.add_column("", no_wrap=True)
    for o in outcomes:
        t.add_column(o.name, ratio=1)
    t.add_row(
        "Return",
        *(
            fmt_day(o.return_date)
            + f"\n({o.months_to_return} months away)"
            + ("\nbefore US training ends: see below" if o.early else "")
            for o in outcomes
        ),
    )
    codes = list(dict.fromkeys(r["jurisdiction"] for o in outcomes for r in o.regulators))
    for code in codes:
        cells = []
        for o in outcomes:
            r = next((r for r in o.regulators if r["jurisdiction"] == code), None)
            if r is None:
                cells.append("—")
                continue
            route = PATHWAY_WORDS[Pathway(r["pathway"])] if r["pathway"] else ""
            cells.append(
                (f"{route}\n" if route else "")
                + f"the latest return these rules allow: {r['latest_return']}"
            )
        t.add_row(code, *cells)
    t.add_row("Windows this plan misses", *("\n".join(o.closes) or "none" for o in outcomes))
    t.add_row("Money (total, NPV)", *(_money_cell(o) for o in outcomes))
    t.add_row(
        "Visa clocks",
        *(
            "\n".join(
                f"{c.title}: {c.status}" + (f", {fmt_day(c.date)}" if c.date else "")
                for c in o.clocks
            )
            or "none"
            for o in outcomes
        ),
    )
    t.add_row("Keeping US doors open", *(f"{len(o.doors)} tasks" for o in outcomes))
    t.add_row("Readiness", *(f"{o.readiness[0]} of {o.readiness[1]}" for o in outcomes))
    console.print(t)
    for o in outcomes:  # in full, with their reasons: the table's columns are narrow
        if o.early:
            console.print(Text(f"{o.name}: {o.early}", style="bold yellow"))
        if o.stays_note:
            console.print(Text(f"{o.name}, visa clocks: {o.stays_note}", style="yellow"))
    console.print(Text(DISCLAIMER, style="italic"))


CLOCK_STYLE = {
    "ok": "green",
    "running": "cyan",
    "grace": "yellow",
    "ended": "dim",
    "met": "green",
    "waived": "green",
    "tight": "bold yellow",
    "conflict": "bold red",
    "unknown": "bold magenta",
    "info": "cyan",
}


def render_clocks(found: list[Clock], console: Console) -> None:
    if not found:
        console.print("No visa clocks apply: your profile has no J-1 or H-1B status.")
        return
    t = Table(title="Visa clocks", title_justify="left", expand=True, show_lines=True)
    t.add_column("Status", no_wrap=True)
    t.add_column("Date", no_wrap=True)
    t.add_column("Clock, and the arithmetic", ratio=1)
    for c in found:
        body = Text.assemble((c.title, "bold"))
        body.append(f"\n{c.explanation}")
        t.add_row(
            Text(c.status.upper(), style=CLOCK_STYLE.get(c.status, "")), fmt_day(c.date), body
        )
    console.print(t)
    console.print(
        Text(
            "The limits come from the US pack (wayhome packs show US). " + DISCLAIMER,
            style="italic",
        )
    )


def _money_cell(o: Outcome) -> Text | str:
    """A scenario's total and net present value, with what was not given and counted as
    0 beside them (the money page's words)."""
    from wayhome.core.money.forecast import fmt_amount

    if o.money is None:
        return "—"
    f = o.money
    cell = Text(f"total {fmt_amount(f.total, f.currency)}\nNPV {fmt_amount(f.npv, f.currency)}")
    if f.missing:
        cell.append(f"\n{NOT_GIVEN}: " + "; ".join(f.missing), style="bold yellow")
    return cell


NOT_GIVEN: Final = "Not given, so counted as 0"


def render_money(outcomes: list[Outcome], console: Console) -> None:
    from wayhome.core.money.forecast import fmt_amount

    if not outcomes:
        console.print(
            "No money figures yet: add a `money:` section to your profile or to a "
            "scenario (docs/money.md)."
        )
        return
    money = [(o, o.money) for o in outcomes if o.money is not None]
    ppp = any(f.ppp_total is not None for _, f in money)
    t = Table(title="Money, scenario by scenario", title_justify="left", expand=True)
    t.add_column("Scenario", ratio=2)
    t.add_column("Return", no_wrap=True)
    t.add_column("Total over the horizon", justify="right")
    t.add_column("Net present value", justify="right")
    if ppp:
        t.add_column("Total at what it buys at home", justify="right")
    for o, f in money:
        name = Text(o.name)
        if f.missing:
            name.append(f"\n{NOT_GIVEN}: " + "; ".join(f.missing), style="bold yellow")
        if o.early:
            name.append(f"\n{o.early}", style="bold yellow")
        row: list[Text | str] = [name, fmt_day(o.return_date), fmt_amount(f.total, f.currency)]
        row.append(fmt_amount(f.npv, f.currency))
        if ppp:
            row.append(fmt_amount(f.ppp_total, f.currency) if f.ppp_total is not None else "—")
        t.add_row(*row)
    console.print(t)
    _render_years(money, console)
    for o, f in money:  # the money page's "What was assumed", a line each
        console.print(Text(f"What was assumed, {o.name}:", style="bold"))
        for note in f.notes:
            console.print(Padding(Text(f"- {note}", style="dim"), (0, 0, 0, 2)))
    console.print(
        Text(
            "Figures are only as good as the inputs you gave; defaults are marked "
            "illustrative. Planning help, not financial advice.",
            style="italic",
        )
    )


def _render_years(money: list[tuple[Outcome, Forecast]], console: Console) -> None:
    """Each year's net after tax, a column per scenario (the money page's year by year)."""
    from wayhome.core.money.forecast import fmt_amount

    t = Table(title="Year by year: the net after tax", title_justify="left", expand=True)
    t.add_column("Year", no_wrap=True)
    for o, _ in money:
        t.add_column(o.name, justify="right", ratio=1)
    nets = [{y.year: fmt_amount(y.net, f.currency) for y in f.years} for _, f in money]
    for year in sorted({y for n in nets for y in n}):
        t.add_row(str(year), *(n.get(year, "—") for n in nets))
    console.print(t)
