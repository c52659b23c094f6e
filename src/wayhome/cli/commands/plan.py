"""The plan: the timeline and its exports (`timeline`), progress on its tasks
(`task list`, `done`, `skip` -- the dashboard's "Not for me" --, `snooze`, `move`,
`undo`: the dashboard's buttons, through the same service functions; `registered`: "I
registered" for an exam's sitting, services/registrations.py), returning later
(`whatif`) and the scenarios side by side (`scenarios`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wayhome.cli.options import (
    CountriesOpt,
    ExampleOpt,
    JsonOpt,
    OnOpt,
    PacksOpt,
    ProfileArg,
    codes,
    console,
    day,
    day_argument,
    day_option,
    exits_2,
    print_json,
    profile_source,
    typed_day,
    usage,
)

if TYPE_CHECKING:
    from wayhome.core.planner.progress import Mark
    from wayhome.core.planner.results import Task
    from wayhome.services.planning import Planned

task_app = typer.Typer(no_args_is_help=True, help="Your progress on the plan's tasks.")

TaskId = Annotated[str, typer.Argument(help="The task's id (see `wayhome task list`).")]
TaskDay = Annotated[date, day_argument("A day: 30 Jun 2024 or 2024-06-30.")]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="A profile file; progress is kept beside it. Default: your stored profile.",
    ),
]


def timeline(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
    ics_file: Annotated[
        Path | None,
        typer.Option("--ics", help="Write the plan as a calendar file (.ics) to import."),
    ] = None,
    todo: Annotated[
        bool, typer.Option(help="With --ics: add the tasks as to-dos (VTODO) too.")
    ] = False,
    chart_file: Annotated[
        Path | None, typer.Option("--chart", help="Draw the timeline to FILE.svg or FILE.png.")
    ] = None,
    pdf_file: Annotated[
        Path | None, typer.Option("--pdf", help="Write the printable plan to a PDF.")
    ] = None,
) -> None:
    """Your plan from today to the return and after: tasks, dates, reasons, checklist."""
    from rich.text import Text

    from wayhome.cli.render import plain
    from wayhome.cli.render import plan as show
    from wayhome.services import planning

    if todo and ics_file is None:
        usage("--todo adds the tasks as to-dos to the calendar file: give --ics FILE with it.")
    if chart_file is not None and chart_file.suffix.lower() not in (".svg", ".png"):
        usage("--chart takes a file ending in .svg or .png.")
    with exits_2():
        planned = planning.plan(profile_source(profile, example), day(on), pack_dirs=packs or [])
        if ics_file:
            planning.export_ics(planned, ics_file, todo=todo)
        if chart_file:
            planning.export_chart(planned, chart_file)
        if pdf_file:
            planning.export_pdf(planned, pdf_file)
    warnings = planning.warnings(planned)
    if as_json:
        print_json({**planned.plan.to_json(), "warnings": warnings})
    else:
        out = plain.console()
        for warning in warnings:
            out.print(Text(warning, style="bold red"))
        show.render_plan(planned.plan, out)
    for label, written in (("calendar", ics_file), ("chart", chart_file), ("PDF", pdf_file)):
        if written:
            typer.echo(f"Wrote the {label} to {written}", err=True)


def _task_plan(profile: Path | None, on: date | None) -> Planned:
    from wayhome.services import planning

    return planning.plan(profile_source(profile, None), day(on))


@task_app.command("list")
def task_list(profile: ProfileOpt = None, on: OnOpt = None, as_json: JsonOpt = False) -> None:
    """The plan's tasks with their ids, dates and status."""
    from wayhome.cli.render import plan as show

    with exits_2():
        planned = _task_plan(profile, on)
    if as_json:
        print_json([t.to_json() for t in planned.plan.tasks])
    else:
        show.render_task_list(planned.plan, console())


def _said(task: Task, on: date) -> str:
    """What became of the task, in words."""
    from wayhome.core.common import dates
    from wayhome.core.planner.results import TaskStatus

    if task.snoozed_until is not None and task.snoozed_on(on):
        return (
            f"snoozed until {dates.fmt(task.snoozed_until)}: back in your next actions then "
            f"(the plan keeps it on {dates.fmt(task.start)})."
        )
    if task.status is TaskStatus.DONE:
        return f"{task.reason}."  # "done on 24 Nov 2026"
    if task.status is TaskStatus.SKIPPED:
        return "not for you: skipped, and the plan re-flows without it."
    if task.moved:
        return f"moved: it starts on {dates.fmt(task.start)}."
    return f"back in the plan: {task.reason}."


def _mark(
    profile: Path | None,
    task_id: str,
    status: Mark | None,
    on: date | None,
    to: date | None = None,
) -> None:
    from wayhome.services import planning

    today = day(on)
    with exits_2():
        task = planning.mark_task(profile_source(profile, None), task_id, status, today, to)
    typer.echo(f"{task.spec.title} ({task_id}): {_said(task, today)}")


@task_app.command("done")
def task_done(task_id: TaskId, profile: ProfileOpt = None, on: OnOpt = None) -> None:
    """Mark a task done (on today's date, or --on)."""
    from wayhome.core.planner.progress import Mark

    _mark(profile, task_id, Mark.DONE, on)


@task_app.command("skip")
def task_skip(task_id: TaskId, profile: ProfileOpt = None, on: OnOpt = None) -> None:
    """Not for me: skip a task that does not apply to you; the plan re-flows without it."""
    from wayhome.core.planner.progress import Mark

    _mark(profile, task_id, Mark.SKIPPED, on)


@task_app.command("snooze")
def task_snooze(
    task_id: TaskId, until: TaskDay, profile: ProfileOpt = None, on: OnOpt = None
) -> None:
    """Leave a task out of your next actions until DATE, a day after today.

    DATE as 30 Jun 2027 or 2027-06-30; the plan keeps the task where it is.
    """
    from wayhome.services import planning

    today = day(on)
    with exits_2():
        task = planning.snooze_task(profile_source(profile, None), task_id, until, today)
    typer.echo(f"{task.spec.title} ({task_id}): {_said(task, today)}")


@task_app.command("move")
def task_move(
    task_id: TaskId,
    to: Annotated[date, day_argument("The new start date: 30 Jun 2024 or 2024-06-30.")],
    profile: ProfileOpt = None,
    on: OnOpt = None,
) -> None:
    """Start a task on another date; what depends on it moves too."""
    from wayhome.core.planner.progress import Mark

    _mark(profile, task_id, Mark.MOVED, on, to)


@task_app.command("undo")
def task_undo(task_id: TaskId, profile: ProfileOpt = None, on: OnOpt = None) -> None:
    """Forget what you recorded for a task: done, skipped, moved or snoozed."""
    _mark(profile, task_id, None, on)


@task_app.command("registered")
def task_registered(
    exam: Annotated[str, typer.Argument(help="The exam: its id or name (`wayhome assess`).")],
    sitting: Annotated[
        str,
        typer.Argument(help="The sitting: 15 Mar 2027 or 2027-03-15; a month as 2028-09."),
    ],
    undo: Annotated[
        bool, typer.Option("--undo", help="Take it out again: you have not registered.")
    ] = False,
    on: OnOpt = None,
) -> None:
    """Record that you registered for an exam's sitting, on your stored profile.

    The assessment then counts the sitting as open to you after its registration closes,
    and the plan no longer asks you to register. Marking the plan's register task done
    records it too. On a profile file, write it under plan.registered instead.
    """
    from wayhome.cli.options import local_owner

    owner = local_owner()
    from wayhome.services import registrations

    label = sitting.strip()
    if len(label) != len("2028-09"):  # a day as people type it; a month as the file has it
        label = typed_day(label).isoformat()
    with exits_2():
        how = registrations.withdraw if undo else registrations.record
        done = how(owner, exam, label, day(on))
    typer.echo(done.text)


def whatif(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    country: CountriesOpt = None,
    from_: Annotated[
        date | None, day_option("--from", help="First return date (default: next month).")
    ] = None,
    to: Annotated[
        date | None, day_option("--to", help="Last return date (default: five years on).")
    ] = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Return later? Month by month, the status of every rule and when each first breaks."""
    from wayhome.cli.render import rules as show
    from wayhome.services import whatif as whatif_service

    with exits_2():
        sw = whatif_service.whatif(
            profile_source(profile, example),
            day(on),
            start=from_,
            end=to,
            countries=codes(country),
            pack_dirs=packs or [],
        )
    if as_json:
        print_json(show.sweep_json(sw))
    else:
        show.render_sweep(sw, console())


def scenarios(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your plan and its scenarios side by side: route, windows closed, readiness."""
    from wayhome.cli.render import plan as show
    from wayhome.services import scenarios as scenario_service

    with exits_2():
        outcomes = scenario_service.scenarios_of(profile_source(profile, example), day(on))
    if as_json:
        print_json([o.to_json() for o in outcomes])
    else:
        show.render_scenarios(outcomes, console())
