"""The CV and what goes into it: the procedure log (`cases import`, `minimums`,
`add`, `summary`), publications (`pubs import`), the CV itself (`cv`), teaching,
leadership and awards (`activities`), and the two networks (`contacts`)."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from wayhome.cli.options import (
    JsonOpt,
    OnOpt,
    code,
    console,
    day,
    day_option,
    exits_2,
    local_owner,
    not_a_file,
    print_json,
    read_file,
    usage,
    write_outputs,
)

cases_app = typer.Typer(no_args_is_help=True, help="Your procedure log.")
pubs_app = typer.Typer(no_args_is_help=True, help="Your publications.")
contacts_app = typer.Typer(no_args_is_help=True, help="Your two networks: US and home.")
activities_app = typer.Typer(
    no_args_is_help=True, help="Teaching, leadership and awards for your CV, with letters."
)

DateOpt = Annotated[date | None, day_option(help="30 Jun 2024 or 2024-06-30.")]


@cases_app.command("import")
def cases_import(
    file: Annotated[Path, typer.Argument(help="A case-log download (.csv, .xlsx) or spreadsheet.")],
    map_file: Annotated[
        Path | None,
        typer.Option("--map", help="A YAML file naming columns and your program's role words."),
    ] = None,
    date_order: Annotated[
        str | None,
        typer.Option(
            "--dates",
            help="month-first (06/30/2024) or day-first (30/06/2024): how to read dates like "
            "03/06/2024 (default: as the file's other rows show).",
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Store a case log's procedures; print totals by category and role, and rejected rows."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.importers.caselog import CaseLogError
    from wayhome.cli.render import cv as show
    from wayhome.services import cases

    if (why := not_a_file(file)) is not None:
        usage(why)
    if date_order not in (None, "month-first", "day-first"):
        usage(f"--dates: '{date_order}' is not month-first or day-first.")
    out = console()
    # A bar for a person only: --json shows none, so Rich's progress is not even loaded
    # (a twentieth of a 50,000-row import, bench/bench_caselog.py).
    bar_shown: AbstractContextManager[Any] = nullcontext()
    if not json_out:
        from rich.progress import Progress

        bar_shown = Progress(console=out, transient=True)
    # The bar goes before a refusal is printed: exits_2 is the outer context.
    with exits_2(CaseLogError, say=lambda e: f"{file.name}: {e}"), bar_shown as bar:
        progress = None
        if bar is not None:
            task = bar.add_task("Reading", total=None)
            progress = lambda done, total: bar.update(task, completed=done, total=total)  # noqa: E731
        imported = cases.import_file(owner, file, map_file, progress, date_order=date_order)
    if json_out:
        print_json(imported.to_json())
    else:
        show.render_cases(imported, out)


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
    country = code(country) if country else None
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import cv as show
    from wayhome.services import cases

    with exits_2():
        found = cases.minimums(owner, day(on), country)
    if json_out:
        print_json([c.to_json() for c in found])
    else:
        show.render_minimums(found, console())


@cases_app.command("add")
def cases_add(
    on: Annotated[date, day_option("--date", help="The day: 30 Jun 2024 or 2024-06-30.")],
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
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.importers.caselog import CaseLogError
    from wayhome.core.common import dates
    from wayhome.core.common.vocabulary import ROLES_TYPED, Role
    from wayhome.core.cv.cases import Procedure
    from wayhome.services import cases

    if role not in ROLES_TYPED:
        usage(f"--role: '{role}' is not one of {', '.join(ROLES_TYPED)}.")
    with exits_2(CaseLogError, say=lambda e: f"{e}."):
        cases.add_one(
            owner,
            Procedure(
                case_id,
                on,
                Role(role),
                role_said=role,
                category=category,
                code=code,
                description=description,
                site=site,
            ),
        )
    typer.echo(f"Added: {description or category or code}, {role}, {dates.fmt(on)}.")


@cases_app.command("summary")
def cases_summary(
    pdf: Annotated[
        Path | None, typer.Option(help="Write a PDF with room for the director's attestation.")
    ] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Write the counts as CSV.")] = None,
    on: OnOpt = None,
) -> None:
    """Your stored procedure log's totals, as a PDF a regulator can read and as CSV."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.exporters import caselog
    from wayhome.services import cases

    if pdf is None and csv_file is None:
        usage("Give --pdf FILE, --csv FILE or both.")
    totals, person, training = cases.summary(owner, day(on))
    if not totals.procedures:
        usage("Your procedure log is empty: run `wayhome cases import FILE` first.")
    write_outputs(
        (pdf, lambda: caselog.pdf(totals, day(on), person, training)),
        (csv_file, lambda: caselog.csv_text(totals)),
    )


@pubs_app.command("import")
def pubs_import(
    file: Annotated[Path, typer.Argument(help="A PubMed (.nbib), RIS, BibTeX or CSL-JSON export.")],
    json_out: JsonOpt = False,
) -> None:
    """Add a reference export's papers, merged by PMID, DOI or title; print the counts."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import cv as show
    from wayhome.services import publications

    imported = read_file(file, lambda path: publications.import_file(owner, path))
    if json_out:
        print_json(imported.to_json())
    else:
        show.render_pubs(imported, console())


def cv(
    country: Annotated[
        str | None,
        typer.Option(help="The regulator or country it is for (default: your first target)."),
    ] = None,
    photo: Annotated[
        int | None,
        typer.Option(
            help="A photograph from your vault (its number in `wayhome vault list`), where "
            "the target expects one or nobody knows; asks for your passphrase."
        ),
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
    """Your CV from the stored profile, case log and publications, ordered for your return,
    headed for your first target (or --country) and laid out as it expects."""
    country = code(country) if country else None
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.adapters.exporters import cv as cv_export
    from wayhome.adapters.exporters import cv_docx
    from wayhome.core.cv.conventions import photo_refused
    from wayhome.services import cv as cv_service
    from wayhome.services.source import from_store

    if pdf is None and docx is None and json_resume is None:
        usage("Give --pdf FILE, --docx FILE, --json-resume FILE, or several.")
    made_on = day(on)
    image = None
    with exits_2(cv_service.PhotoError):
        if photo is not None:
            refused = photo_refused(cv_service.target(from_store(owner).profile, country))
            if refused:
                usage(f"No photograph on this CV: {refused}.")
            from wayhome.cli.commands.keyring import open_vault

            image = cv_service.photo_from(owner, open_vault(), photo)
        made, resume = cv_service.make(owner, country, photo=image is not None, on=made_on)
    write_outputs(
        (pdf, lambda: cv_export.pdf(made, made_on, image)),
        (docx, lambda: cv_docx.docx(made, image)),
        (json_resume, lambda: cv_export.json_text(resume)),
    )
    for line in made.advice:
        typer.echo(f"- {line}", err=True)


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
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import activities

    with exits_2(activities.ActivityError):
        record = activities.add(
            owner,
            kind,
            title,
            organisation=organisation,
            start=start,
            end=end,
            detail=detail,
            letter=letter,
        )
    typer.echo(
        f"Added #{record.pk}: {record.title}."
        + ("" if record.letter else " No letter yet: ask for one before you leave.")
    )


@activities_app.command("list")
def activities_list(json_out: JsonOpt = False) -> None:
    """Your teaching, leadership and awards, and which still lack a letter."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import cv as show
    from wayhome.services import activities

    records = activities.records(owner)
    if json_out:
        print_json([activities.record_json(r) for r in records])
    else:
        show.render_activities(records, console())


@activities_app.command("link")
def activities_link(
    activity: Annotated[int, typer.Argument(help="The activity's number (activities list).")],
    letter: Annotated[int, typer.Argument(help="The stored letter's number (vault list).")],
) -> None:
    """Link an activity to the letter in your vault that proves it."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import activities

    with exits_2(activities.ActivityError):
        activities.link_letter(owner, activity, letter)
    typer.echo(f"Linked activity #{activity} to file #{letter}.")


@contacts_app.command("import")
def contacts_import(
    file: Annotated[Path, typer.Argument(help="A vCard file (.vcf) from a phone or mail app.")],
    json_out: JsonOpt = False,
) -> None:
    """Add or update contacts from a vCard file; report cards that could not be read."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import contacts

    imported = read_file(file, lambda path: contacts.import_file(owner, path))
    if json_out:
        print_json(imported.to_json())
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
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.services import contacts

    if version not in ("3.0", "4.0"):
        usage("--version is 3.0 or 4.0.")
    file.write_text(contacts.export_text(owner, version), encoding="utf-8", newline="")
    typer.echo(f"Wrote {file}")


@contacts_app.command("check")
def contacts_check(on: OnOpt = None, json_out: JsonOpt = False) -> None:
    """Who is still missing from your US and home networks, and who is due a message."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import cv as show
    from wayhome.services import contacts

    gaps, due = contacts.check(owner, day(on))
    if json_out:
        print_json(
            {
                "missing": [g.to_json() for g in gaps] if gaps is not None else None,
                "due": [d.to_json() for d in due],
            }
        )
        return
    show.render_networks(gaps, due, console())


@contacts_app.command("log")
def contacts_log(
    who: Annotated[str, typer.Argument(help="A part of the name that only they have, or the id.")],
    on: OnOpt = None,
) -> None:
    """Record that you were in touch with someone: their keep-in-touch clock restarts."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.core.common import dates
    from wayhome.services import contacts

    with exits_2(contacts.ContactError):
        contact = contacts.log_contact(owner, who, day(on))
    last = contact.last_contact
    typer.echo(f"{contact.name}: last in touch {dates.fmt(last) if last else 'never'}.")


@contacts_app.command("visit")
def contacts_visit(
    start: Annotated[date, day_option("--from", help="First day: 30 Jun 2024 or 2024-06-30.")],
    end: Annotated[date, day_option("--to", help="Last day: 30 Jun 2024 or 2024-06-30.")],
    json_out: JsonOpt = False,
) -> None:
    """Plan the annual home visit: the institutions to go to, whom to see at each and what
    to ask, and the home roles nobody fills yet."""
    owner = local_owner()  # sets up the data folder and Django first
    from wayhome.cli.render import cv as show
    from wayhome.services import contacts

    with exits_2(contacts.ContactError):
        planned = contacts.visit(owner, start, end)
    if json_out:
        print_json(planned.to_json())
    else:
        show.render_visit(planned, console())
