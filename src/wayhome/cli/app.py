"""`wayhome`: the command line. Each command parses, calls a service, renders."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.text import Text

from wayhome import __version__
from wayhome.adapters import profiles
from wayhome.adapters.vault.keys import WrongPassphraseError
from wayhome.adapters.vault.storage import Vault
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.cli import render
from wayhome.core.common import dates
from wayhome.core.planner.progress import Mark
from wayhome.core.profile.model import Profile
from wayhome.core.rules.pack import Pack
from wayhome.services import assessment, planning, profile_store, source
from wayhome.services import backup as backup_service
from wayhome.services import packs as pack_service
from wayhome.services import scenarios as scenario_service
from wayhome.services import serve as serve_service
from wayhome.services import vault as vault_service
from wayhome.services import visa as visa_service
from wayhome.services import whatif as whatif_service

EXIT_INVALID = 2

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Plan a physician's return home after US training.",
)
packs_app = typer.Typer(no_args_is_help=True, help="The rule packs: list, show, check.")
app.add_typer(packs_app, name="packs")
task_app = typer.Typer(no_args_is_help=True, help="Your progress on the plan's tasks.")
app.add_typer(task_app, name="task")
profile_app = typer.Typer(no_args_is_help=True, help="Your stored profile: import, export.")
app.add_typer(profile_app, name="profile")
cases_app = typer.Typer(no_args_is_help=True, help="Your procedure log.")
app.add_typer(cases_app, name="cases")
pubs_app = typer.Typer(no_args_is_help=True, help="Your publications.")
app.add_typer(pubs_app, name="pubs")
contacts_app = typer.Typer(no_args_is_help=True, help="Your two networks: US and home.")
app.add_typer(contacts_app, name="contacts")
activities_app = typer.Typer(
    no_args_is_help=True, help="Teaching, leadership and awards for your CV, with letters."
)
app.add_typer(activities_app, name="activities")
vault_app = typer.Typer(no_args_is_help=True, help="Your encrypted document vault.")
app.add_typer(vault_app, name="vault")

# Options shared by several commands.
ProfileArg = Annotated[
    Path | None,
    typer.Argument(
        help="A profile file (YAML). Default: your stored profile (the one the web app edits)."
    ),
]
ExampleOpt = Annotated[
    str | None,
    typer.Option(help="Use a bundled example profile instead (see `wayhome example --list`)."),
]
OnOpt = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], help="Act as if today were this date (YYYY-MM-DD)."),
]
PacksOpt = Annotated[
    list[Path] | None,
    typer.Option(
        help="A folder of your own rule packs; replaces bundled packs with the same code."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
T = TypeVar("T")


def _fail(errors: InvalidFileError) -> NoReturn:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for e in errors.errors:
        err.print(str(e), markup=False)
    raise typer.Exit(EXIT_INVALID)


def _usage(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_INVALID)


def _read_file(file: Path, read: Callable[[Path], T]) -> T:
    """Run an importer on a file the user named; a refusal exits 2 with the reason."""
    if not file.is_file():
        _usage(f"{file} is not a file.")
    try:
        return read(file)
    except ValueError as e:
        _usage(str(e))


def _write_outputs(*outputs: tuple[Path | None, Callable[[], bytes | str]]) -> None:
    """Write each file asked for (text as UTF-8), made only when it is asked for."""
    for path, make in outputs:
        if path is None:
            continue
        content = make()
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        typer.echo(f"Wrote {path}")


def _source(profile: Path | None, example: str | None) -> source.ProfileSource:
    """The profile to use: a file, a bundled example, or else the stored one."""
    if profile is not None and example is not None:
        _usage("Give a profile file or --example NAME, not both.")
    if profile is not None:
        return source.from_file(profile, str(profile))
    if example is not None:
        return source.from_example(example)
    return source.from_store(source.local_owner())


def _day(on: datetime | None) -> date:
    return on.date() if on else datetime.now().astimezone().date()


def _print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _console() -> Console:
    return Console(highlight=False)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wayhome {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plan a physician's return home after US training."""


@app.command()
def assess(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this jurisdiction (a country like IN or a regulator like AE-DHA); "
            "repeat for more. Default: your plan's targets and the US rules."
        ),
    ] = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Check your plan against the rules of each target jurisdiction."""
    try:
        report = assessment.assess(
            _source(profile, example),
            _day(on),
            pack_dirs=packs or [],
            countries=[c.upper() for c in country or []],
        )
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json(report.to_json())
    else:
        render.render_report(report, _console())


@app.command()
def ask(
    profile: ProfileArg = None,
    country: Annotated[
        str, typer.Option(help="The regulator to write to: a country (IN) or a regulator (AE-DHA).")
    ] = "",
    example: ExampleOpt = None,
    on: OnOpt = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Draft the email to your regulator with the questions that matter for you."""
    if not country:
        _usage("Say which regulator: --country CODE (e.g. IN or AE-DHA).")
    try:
        emails = pack_service.email(
            _source(profile, example), country, _day(on), pack_dirs=packs or []
        )
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([e.to_json() for e in emails])
    else:
        render.render_emails(emails, _console())


@app.command()
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
    if chart_file is not None and chart_file.suffix.lower() not in (".svg", ".png"):
        _usage("--chart takes a file ending in .svg or .png.")
    try:
        planned = planning.plan(_source(profile, example), _day(on), pack_dirs=packs or [])
        if ics_file:
            planning.export_ics(planned, ics_file, todo=todo)
        if chart_file:
            planning.export_chart(planned, chart_file)
        if pdf_file:
            planning.export_pdf(planned, pdf_file)
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json(planned.plan.to_json())
    else:
        render.render_plan(planned.plan, _console())
    for label, written in (("calendar", ics_file), ("chart", chart_file), ("PDF", pdf_file)):
        if written:
            typer.echo(f"Wrote the {label} to {written}", err=True)


TaskId = Annotated[str, typer.Argument(help="The task's id (see `wayhome task list`).")]
ProfileOpt = Annotated[
    Path | None,
    typer.Option(
        "--profile",
        help="A profile file; progress is kept beside it. Default: your stored profile.",
    ),
]


def _task_plan(profile: Path | None, on: datetime | None) -> planning.Planned:
    return planning.plan(_source(profile, None), _day(on))


@task_app.command("list")
def task_list(profile: ProfileOpt = None, on: OnOpt = None, as_json: JsonOpt = False) -> None:
    """The plan's tasks with their ids, dates and status."""
    try:
        planned = _task_plan(profile, on)
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([t.to_json() for t in planned.plan.tasks])
    else:
        render.render_task_list(planned.plan, _console())


def _mark(
    profile: Path | None, task_id: str, status: Mark, on: datetime | None, to: date | None = None
) -> None:
    try:
        planned = _task_plan(profile, on)
        planning.mark(planned, task_id, status, _day(on), to)
    except InvalidFileError as e:
        _fail(e)
    typer.echo(f"{task_id}: {status.value}" + (f" to {to.isoformat()}" if to else ""))


@task_app.command("done")
def task_done(task_id: TaskId, profile: ProfileOpt = None, on: OnOpt = None) -> None:
    """Mark a task done (on today's date, or --on)."""
    _mark(profile, task_id, Mark.DONE, on)


@task_app.command("skip")
def task_skip(task_id: TaskId, profile: ProfileOpt = None, on: OnOpt = None) -> None:
    """Skip a task that does not apply to you; the plan re-flows without it."""
    _mark(profile, task_id, Mark.SKIPPED, on)


@task_app.command("move")
def task_move(
    task_id: TaskId,
    to: Annotated[datetime, typer.Argument(formats=["%Y-%m-%d"], help="The new start date.")],
    profile: ProfileOpt = None,
    on: OnOpt = None,
) -> None:
    """Start a task on another date; what depends on it moves too."""
    _mark(profile, task_id, Mark.MOVED, on, to.date())


@app.command()
def serve(
    host: Annotated[
        str,
        typer.Option(
            help="The address to listen on. Only 127.0.0.1 (this computer) unless you say so."
        ),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="The port.")] = 8765,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser.")
    ] = False,
) -> None:
    """Start the web app on this computer (SQLite in your data folder)."""
    serve_service.run(host, port, not no_browser, typer.echo)


@profile_app.command("import")
def profile_import(
    file: Annotated[Path, typer.Argument(help="A profile file (YAML).")],
) -> None:
    """Store a profile file as your profile (the web app and every command then use it)."""
    try:
        profile = profile_store.import_file(source.local_owner(), file)
    except InvalidFileError as e:
        _fail(e)
    typer.echo(f"Stored the profile of {profile.person.name}.")


@profile_app.command("export")
def profile_export(
    file: Annotated[Path, typer.Argument(help="Where to write it (YAML).")],
) -> None:
    """Write your stored profile to a file."""
    try:
        profile_store.export_file(source.from_store(source.local_owner()).profile, file)
    except InvalidFileError as e:
        _fail(e)
    typer.echo(f"Wrote {file}")


@app.command()
def whatif(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    country: Annotated[
        list[str] | None, typer.Option(help="Only this jurisdiction; repeat for more.")
    ] = None,
    from_: Annotated[
        datetime | None,
        typer.Option(
            "--from", formats=["%Y-%m-%d"], help="First return date (default: next month)."
        ),
    ] = None,
    to: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Last return date (default: five years on)."),
    ] = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Return later? Month by month, the status of every rule and when each first breaks."""
    try:
        sw = whatif_service.whatif(
            _source(profile, example),
            _day(on),
            start=from_.date() if from_ else None,
            end=to.date() if to else None,
            countries=[c.upper() for c in country or []],
            pack_dirs=packs or [],
        )
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json(render.sweep_json(sw))
    else:
        render.render_sweep(sw, _console())


@app.command("scenarios")
def scenarios_cmd(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your plan and its scenarios side by side: route, windows closed, readiness."""
    try:
        outcomes = scenario_service.scenarios_of(_source(profile, example), _day(on))
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([o.to_json() for o in outcomes])
    else:
        render.render_scenarios(outcomes, _console())


@app.command()
def visa(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your visa clocks, counted from your stays: the J-1 limit and grace, the two years
    at home, the H-1B maximum with time abroad recaptured."""
    try:
        found = visa_service.visa_clocks(_source(profile, example), _day(on))
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([c.to_json() for c in found])
    else:
        render.render_clocks(found, _console())


@app.command()
def money(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
    chart_file: Annotated[
        Path | None,
        typer.Option("--chart", help="Draw the cumulative money to FILE.svg or FILE.png."),
    ] = None,
) -> None:
    """The money of your plan and its scenarios, year by year, with totals and NPV."""
    if chart_file is not None and chart_file.suffix.lower() not in (".svg", ".png"):
        _usage("--chart takes a file ending in .svg or .png.")
    try:
        outcomes = scenario_service.scenarios_of(_source(profile, example), _day(on))
        if chart_file is not None:
            scenario_service.export_money_chart(outcomes, chart_file)
    except InvalidFileError as e:
        _fail(e)
    with_money = [o for o in outcomes if o.money is not None]
    if as_json:
        _print_json(
            [
                {"id": o.id, "name": o.name, **(o.money.to_json() if o.money else {})}
                for o in with_money
            ]
        )
    else:
        render.render_money(with_money, _console())


def _passphrase(create: bool) -> str:
    """From WAYHOME_PASSPHRASE (unattended use), or asked for without echo."""
    given = os.environ.get("WAYHOME_PASSPHRASE")
    if given:
        return given
    if create:
        typer.echo(
            "Choose a passphrase for your vault and backups. Without it nothing can "
            "be read back: keep it somewhere safe.",
            err=True,
        )
    text: str = typer.prompt("Passphrase", hide_input=True, confirmation_prompt=create)
    return text


@cases_app.command("import")
def cases_import(
    file: Annotated[Path, typer.Argument(help="A case-log download (.csv, .xlsx) or spreadsheet.")],
    map_file: Annotated[
        Path | None,
        typer.Option("--map", help="A YAML file naming columns and your program's role words."),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Store a case log's procedures; print totals by category and role, and rejected rows."""
    from rich.progress import Progress

    from wayhome.adapters.importers.caselog import CaseLogError

    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import cases

    if not file.is_file():
        _usage(f"{file} is not a file.")
    console = _console()
    try:
        with Progress(console=console, transient=True, disable=json_out) as bar:
            task = bar.add_task("Reading", total=None)
            imported = cases.import_file(
                owner,
                file,
                map_file,
                lambda done, total: bar.update(task, completed=done, total=total),
            )
    except InvalidFileError as e:
        _fail(e)
    except CaseLogError as e:
        _usage(f"{file.name}: {e}")
    if json_out:
        _print_json(imported.to_json())
    else:
        render.render_cases(imported, console)


@cases_app.command("minimums")
def cases_minimums(
    country: Annotated[
        str | None, typer.Option(help="Only this regulator (default: all your targets).")
    ] = None,
    on: OnOpt = None,
    json_out: JsonOpt = False,
) -> None:
    """Your procedure log against the procedure numbers your target regulators set for
    your specialty, with what counted and what is still short."""
    owner = source.local_owner()
    from wayhome.services import cases

    try:
        found = cases.minimums(owner, _day(on), country.upper() if country else None)
    except InvalidFileError as e:
        _fail(e)
    if json_out:
        _print_json([c.to_json() for c in found])
    else:
        render.render_minimums(found, _console())


@cases_app.command("add")
def cases_add(
    on: Annotated[datetime, typer.Option("--date", formats=["%Y-%m-%d"], help="YYYY-MM-DD.")],
    role: Annotated[str, typer.Option(help="performed, assisted or observed.")],
    category: Annotated[str | None, typer.Option(help="e.g. Hernia - inguinal.")] = None,
    description: Annotated[str | None, typer.Option(help="What was done.")] = None,
    code: Annotated[str | None, typer.Option(help="The CPT code.")] = None,
    site: Annotated[str | None, typer.Option(help="The hospital.")] = None,
    case_id: Annotated[
        str | None, typer.Option(help="Give two procedures the same id to make them one case.")
    ] = None,
) -> None:
    """Add one procedure by hand (no patient details: none are asked for)."""
    owner = source.local_owner()
    from wayhome.adapters.importers.caselog import CaseLogError
    from wayhome.core.common.vocabulary import ROLES_TYPED, Role
    from wayhome.core.cv.cases import Procedure
    from wayhome.services import cases

    if role not in ROLES_TYPED:
        _usage(f"--role: '{role}' is not one of {', '.join(ROLES_TYPED)}.")
    try:
        cases.add_one(
            owner,
            Procedure(
                case_id,
                on.date(),
                Role(role),
                role_said=role,
                category=category,
                code=code,
                description=description,
                site=site,
            ),
        )
    except CaseLogError as e:
        _usage(f"{e}.")
    typer.echo(f"Added: {description or category or code}, {role}, {dates.fmt(on.date())}.")


@cases_app.command("summary")
def cases_summary(
    pdf: Annotated[
        Path | None, typer.Option(help="Write a PDF with room for the director's attestation.")
    ] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the counts as CSV.")] = None,
    on: OnOpt = None,
) -> None:
    """Your stored procedure log's totals, as a PDF a regulator can read and as CSV."""
    from wayhome.adapters.exporters import caselog

    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import cases

    if pdf is None and csv_file is None:
        _usage("Give --pdf FILE, --csv FILE or both.")
    totals, person, training = cases.summary(owner, _day(on))
    if not totals.procedures:
        _usage("Your procedure log is empty: run `wayhome cases import FILE` first.")
    _write_outputs(
        (pdf, lambda: caselog.pdf(totals, _day(on), person, training)),
        (csv_file, lambda: caselog.csv_text(totals)),
    )


@pubs_app.command("import")
def pubs_import(
    file: Annotated[Path, typer.Argument(help="A PubMed (.nbib), RIS, BibTeX or CSL-JSON export.")],
    json_out: JsonOpt = False,
) -> None:
    """Add a reference export's papers, merged by PMID, DOI or title; print the counts."""
    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import publications

    imported = _read_file(file, lambda path: publications.import_file(owner, path))
    if json_out:
        _print_json(imported.to_json())
    else:
        render.render_pubs(imported, _console())


@app.command()
def cv(
    country: Annotated[
        str | None,
        typer.Option(help="The regulator or country it is for (default: your first target)."),
    ] = None,
    pdf: Annotated[Path | None, typer.Option(help="Write the CV as PDF.")] = None,
    docx: Annotated[
        Path | None, typer.Option(help="Write it as an editable Word document (.docx).")
    ] = None,
    json_resume: Annotated[
        Path | None, typer.Option("--json-resume", help="Write it as JSON Resume, for other tools.")
    ] = None,
    on: OnOpt = None,
) -> None:
    """Your CV from the stored profile, case log and publications, ordered for your return."""
    from wayhome.adapters.exporters import cv as cv_export
    from wayhome.adapters.exporters import cv_docx

    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import cv as cv_service

    if pdf is None and docx is None and json_resume is None:
        _usage("Give --pdf FILE, --docx FILE, --json-resume FILE, or several.")
    try:
        made, resume = cv_service.make(owner, country.upper() if country else None)
    except InvalidFileError as e:
        _fail(e)
    _write_outputs(
        (pdf, lambda: cv_export.pdf(made, _day(on))),
        (docx, lambda: cv_docx.docx(made)),
        (json_resume, lambda: cv_export.json_text(resume)),
    )


DateOpt = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD")]


@activities_app.command("add")
def activities_add(
    kind: Annotated[str, typer.Argument(help="teaching, leadership or award.")],
    title: Annotated[str, typer.Argument(help='The role or award ("Chief resident").')],
    organisation: Annotated[str, typer.Option(help="Where, or who gave it.")] = "",
    start: DateOpt = None,
    end: DateOpt = None,
    detail: Annotated[str, typer.Option(help="What it involved, in a line.")] = "",
    letter: Annotated[
        int | None, typer.Option(help="The stored file (number from `vault list`) proving it.")
    ] = None,
) -> None:
    """Add a teaching role, a leadership role or an award to your CV."""
    owner = source.local_owner()
    from wayhome.services import activities

    try:
        record = activities.add(
            owner,
            kind,
            title,
            organisation=organisation,
            start=start.date() if start else None,
            end=end.date() if end else None,
            detail=detail,
            letter=letter,
        )
    except activities.ActivityError as e:
        _usage(str(e))
    typer.echo(
        f"Added #{record.pk}: {record.title}."
        + ("" if record.letter else " No letter yet: ask for one before you leave.")
    )


@activities_app.command("list")
def activities_list(json_out: JsonOpt = False) -> None:
    """Your teaching, leadership and awards, and which still lack a letter."""
    owner = source.local_owner()
    from wayhome.services import activities

    records = activities.records(owner)
    if json_out:
        _print_json([activities.record_json(r) for r in records])
    else:
        render.render_activities(records, _console())


@activities_app.command("link")
def activities_link(
    activity: Annotated[int, typer.Argument(help="The activity's number (activities list).")],
    letter: Annotated[int, typer.Argument(help="The stored letter's number (vault list).")],
) -> None:
    """Link an activity to the letter in your vault that proves it."""
    owner = source.local_owner()
    from wayhome.services import activities

    try:
        activities.link_letter(owner, activity, letter)
    except activities.ActivityError as e:
        _usage(str(e))
    typer.echo(f"Linked activity #{activity} to file #{letter}.")


@contacts_app.command("import")
def contacts_import(
    file: Annotated[Path, typer.Argument(help="A vCard file (.vcf) from a phone or mail app.")],
    json_out: JsonOpt = False,
) -> None:
    """Add or update contacts from a vCard file; report cards that could not be read."""
    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import contacts

    imported = _read_file(file, lambda path: contacts.import_file(owner, path))
    if json_out:
        _print_json(imported.to_json())
        return
    typer.echo(
        f"{imported.file}: {imported.added} contacts added, {imported.updated} updated, "
        f"{sum(p.skipped for p in imported.result.problems)} cards skipped."
    )
    for p in imported.result.problems:
        typer.echo(f"{imported.file}: {p}")


@contacts_app.command("export")
def contacts_export(
    file: Annotated[Path, typer.Argument(help="The vCard file to write (.vcf).")],
    version: Annotated[str, typer.Option(help="vCard version: 3.0 (most phones) or 4.0.")] = "3.0",
) -> None:
    """Write your contacts, with their roles in your return, as one vCard file."""
    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import contacts

    if version not in ("3.0", "4.0"):
        _usage("--version is 3.0 or 4.0.")
    file.write_text(contacts.export_text(owner, version), encoding="utf-8", newline="")
    typer.echo(f"Wrote {file}")


@contacts_app.command("check")
def contacts_check(on: OnOpt = None, json_out: JsonOpt = False) -> None:
    """Who is still missing from your US and home networks, and who is due a message."""
    owner = source.local_owner()  # sets up the data folder and Django first
    from wayhome.services import contacts

    gaps, due = contacts.check(owner, _day(on))
    if json_out:
        _print_json(
            {
                "missing": [g.to_json() for g in gaps] if gaps is not None else None,
                "due": [d.to_json() for d in due],
            }
        )
        return
    render.render_networks(gaps, due, _console())


@contacts_app.command("log")
def contacts_log(
    who: Annotated[str, typer.Argument(help="A part of the name that only they have, or the id.")],
    on: OnOpt = None,
) -> None:
    """Record that you were in touch with someone: their keep-in-touch clock restarts."""
    owner = source.local_owner()
    from wayhome.services import contacts

    try:
        contact = contacts.log_contact(owner, who, _day(on))
    except contacts.ContactError as e:
        _usage(str(e))
    last = contact.last_contact
    typer.echo(f"{contact.name}: last in touch {dates.fmt(last) if last else 'never'}.")


@contacts_app.command("visit")
def contacts_visit(
    start: Annotated[datetime, typer.Option("--from", formats=["%Y-%m-%d"], help="First day.")],
    end: Annotated[datetime, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day.")],
    json_out: JsonOpt = False,
) -> None:
    """Plan the annual home visit: the institutions to go to, whom to see at each and what
    to ask, and the home roles nobody fills yet."""
    owner = source.local_owner()
    from wayhome.services import contacts

    try:
        planned = contacts.visit(owner, start.date(), end.date())
    except contacts.ContactError as e:
        _usage(str(e))
    if json_out:
        _print_json(planned.to_json())
    else:
        render.render_visit(planned, _console())


@vault_app.command("import")
def vault_import(
    folder: Annotated[Path, typer.Argument(help="A folder of your documents (read, not moved).")],
    no_read: Annotated[
        bool, typer.Option("--no-read", help="Store only; read the files later (vault read).")
    ] = False,
) -> None:
    """Store every file of a folder in the vault, encrypted, and read each (OCR for scans)."""
    from rich.progress import Progress

    owner = source.local_owner()
    if not folder.is_dir():
        _usage(f"{folder} is not a folder.")
    vault = _open_vault(create=True)
    paths = vault_service.files_in(folder)
    console = _console()
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Storing", total=len(paths))
        results = vault_service.import_folder(owner, vault, paths, lambda _: bar.advance(task))
    render.render_ingest(results, console)
    if not no_read:
        from wayhome.services import reading

        _read(owner, vault, reading.unread(owner), console)


def _open_vault(create: bool = False) -> Vault:
    try:
        return vault_service.open_vault(
            _passphrase(create and not vault_service.is_set_up()), create=create
        )
    except WrongPassphraseError as e:
        _usage(str(e))


def _read(owner: Any, vault: Vault, files: list[Any], console: Console) -> None:
    from rich.progress import Progress

    from wayhome.adapters import ocr
    from wayhome.services import reading

    if not files:
        return
    missing = ocr.tesseract_missing()
    if missing:
        console.print(Text(missing, style="yellow"))
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("Reading", total=len(files))
        readings = reading.read_all(owner, vault, files, lambda _: bar.advance(task))
    render.render_readings(readings, console)


@vault_app.command("read")
def vault_read(
    again: Annotated[bool, typer.Option("--all", help="Read every file again.")] = False,
) -> None:
    """Read the stored files not read yet: their text, or OCR of scans, and what it suggests."""
    owner = source.local_owner()
    from wayhome.services import reading

    vault = _open_vault()
    files = reading.all_files(owner) if again else reading.unread(owner)
    if not files:
        typer.echo("Every stored file has been read.")
        return
    _read(owner, vault, files, _console())


@vault_app.command("list")
def vault_list(json_out: JsonOpt = False) -> None:
    """The stored files: what each is, whether it was read, and what it suggests."""
    owner = source.local_owner()
    from wayhome.services import reading

    files = reading.all_files(owner)
    if json_out:
        _print_json([reading.file_json(f) for f in files])
    else:
        render.render_files(files, _console())


@vault_app.command("set")
def vault_set(
    file_id: Annotated[int, typer.Argument(help="The file's number (vault list).")],
    holder: Annotated[str | None, typer.Option(help="The name as printed on it.")] = None,
    born: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    graduated: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    training_start: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    training_end: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    issued: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    expires: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None,
    translation_of: Annotated[
        int | None, typer.Option(help="The number of the original this file translates.")
    ] = None,
) -> None:
    """Record what a file says (as you checked it), or that it translates another file."""
    owner = source.local_owner()
    from wayhome.services import reading

    try:
        reading.set_facts(
            owner,
            file_id,
            {
                "holder": holder,
                "born": _day(born) if born else None,
                "graduated": _day(graduated) if graduated else None,
                "training_start": _day(training_start) if training_start else None,
                "training_end": _day(training_end) if training_end else None,
                "issued": _day(issued) if issued else None,
                "expires": _day(expires) if expires else None,
            },
        )
        if translation_of is not None:
            reading.set_translation(owner, file_id, translation_of)
    except reading.NotFoundError as e:
        _usage(str(e))
    typer.echo(f"Saved what file {file_id} says.")


@vault_app.command("search")
def vault_search(
    text: Annotated[list[str], typer.Argument(help="Words to find (all of them must appear).")],
    no_texts: Annotated[
        bool,
        typer.Option(
            "--no-texts", help="Search names, emails and answers only (no passphrase needed)."
        ),
    ] = False,
    json_out: JsonOpt = False,
) -> None:
    """Search your correspondence, answers, documents and the text of every stored file."""
    owner = source.local_owner()
    from wayhome.services import search

    vault = None if no_texts or not vault_service.is_set_up() else _open_vault()
    found = search.search(owner, " ".join(text), vault)
    if json_out:
        _print_json(search.results_json(found))
    else:
        render.render_search(found, _console())


@vault_app.command("consistency")
def vault_consistency(json_out: JsonOpt = False) -> None:
    """Names and key dates compared across your documents and your profile (exit 1 on a
    difference): the commonest reason a verification comes back with discrepancies."""
    owner = source.local_owner()
    from wayhome.services import consistency

    try:
        found = consistency.check(owner)
    except InvalidFileError as e:
        _fail(e)
    if json_out:
        _print_json([consistency.mismatch_json(m) for m in found])
    else:
        render.render_mismatches(found, _console())
    if found:
        raise typer.Exit(1)


@vault_app.command("bundle")
def vault_bundle(
    file: Annotated[Path, typer.Argument(help="Where to write the zip.")],
    on: OnOpt = None,
) -> None:
    """Every stored file in one zip, with SHA256SUMS (checked by `sha256sum -c`) and an
    index PDF."""
    owner = source.local_owner()
    from wayhome.adapters.exporters.bundle import BundleError
    from wayhome.services import packets

    vault = _open_vault()
    try:
        packets.write_bundle(owner, vault, file, _day(on))
    except InvalidFileError as e:
        _fail(e)
    except (packets.PacketError, BundleError) as e:
        _usage(str(e))
    typer.echo(f"Wrote {file}: unzip it and run `sha256sum -c SHA256SUMS` to check every file.")


@vault_app.command("packet")
def vault_packet(
    country: Annotated[str, typer.Argument(help="The regulator's pack code (GB, DE, ...).")],
    file: Annotated[Path, typer.Argument(help="Where to write the zip.")],
    item: Annotated[
        list[str] | None,
        typer.Option(help="A document to include (its key); repeat it. Default: all with files."),
    ] = None,
    despite: Annotated[
        bool,
        typer.Option(
            "--despite-differences",
            help="Build it even when names or dates differ between documents.",
        ),
    ] = False,
    on: OnOpt = None,
) -> None:
    """The documents for one regulator, in its pack's order, each translation after its
    original, with a cover index PDF. Runs the names-and-dates check first."""
    owner = source.local_owner()
    from wayhome.adapters.exporters.bundle import BundleError
    from wayhome.services import consistency, packets

    console = _console()
    try:
        found = consistency.check(owner)
        if found:
            render.render_mismatches(found, console)
            if not despite:
                _usage(
                    "Names or dates differ between your documents (above): fix them, or "
                    "build the packet anyway with --despite-differences."
                )
        vault = _open_vault()
        packets.write_packet(owner, vault, country.upper(), item, file, _day(on))
    except InvalidFileError as e:
        _fail(e)
    except (packets.PacketError, BundleError) as e:
        _usage(str(e))
    typer.echo(f"Wrote {file}.")


@vault_app.command("check")
def vault_check() -> None:
    """Decrypt and re-hash every stored file; report orphans, missing and damaged files."""
    source.local_owner()
    report = vault_service.check(_open_vault())
    render.render_check(report, _console())
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def backup(file: Annotated[Path, typer.Argument(help="Where to write the backup.")]) -> None:
    """One encrypted archive of your data: the database and the vault."""
    source.local_owner()
    size = backup_service.backup(file, _passphrase(not vault_service.is_set_up()))
    typer.echo(f"Wrote {file} ({size:,} bytes, encrypted).")


@app.command()
def restore(file: Annotated[Path, typer.Argument(help="A backup made by wayhome backup.")]) -> None:
    """Restore a backup into an empty data folder."""
    source.local_owner()
    try:
        backup_service.restore(file, _passphrase(False))
    except backup_service.BackupError as e:
        _usage(str(e))
    typer.echo(f"Restored {file}.")


class SchemaName(StrEnum):
    PROFILE = "profile"
    PACK = "pack"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="profile or pack")]) -> None:
    """Print the JSON Schema of a profile or a rule pack."""
    model = Profile if name is SchemaName.PROFILE else Pack
    out = model.model_json_schema(by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    _print_json(out)


@app.command()
def example(
    name: Annotated[str, typer.Argument(help="Which example.")] = "do-the-math",
    list_: Annotated[bool, typer.Option("--list", help="List the examples.")] = False,
) -> None:
    """Print a bundled example profile, to copy and edit: `wayhome example > me.yaml`."""
    if list_:
        for n in profiles.example_names():
            typer.echo(n)
        return
    try:
        path = profiles.example_path(name)
    except InvalidFileError as e:
        _fail(e)
    sys.stdout.write(path.read_text(encoding="utf-8"))


@packs_app.command("list")
def packs_list(packs: PacksOpt = None, as_json: JsonOpt = False) -> None:
    """The rule packs: code, name, regulator, version and when last reviewed."""
    try:
        found = pack_service.all_packs(packs or [])
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([render.pack_summary(p) for p in found])
    else:
        render.render_pack_list(found, _console())


@packs_app.command("show")
def packs_show(
    code: Annotated[str, typer.Argument(help="The pack's code (IN, AE-DHA, XX ...).")],
    packs: PacksOpt = None,
) -> None:
    """What a pack says: each rule, whom it applies to, its dated values and sources."""
    try:
        pack = pack_service.find(code, packs or [])
    except InvalidFileError as e:
        _fail(e)
    render.render_pack(pack, _console())


@packs_app.command("check")
def packs_check(
    folder: Annotated[Path, typer.Argument(help="A pack folder, or a folder of pack folders.")],
) -> None:
    """Validate your own rule packs; every problem is listed with its file and line."""
    try:
        found = pack_service.check(folder)
    except InvalidFileError as e:
        _fail(e)
    for p in found:
        typer.echo(f"ok  {p.code}  {p.name}: {len(p.rules)} rules, {len(p.sources)} sources")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
