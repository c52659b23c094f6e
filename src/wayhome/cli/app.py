"""`wayhome`: the command line. Each command parses, calls a service, renders."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from wayhome import __version__
from wayhome.adapters import profiles
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.cli import render
from wayhome.core.profile import Profile
from wayhome.core.rules.pack import Pack
from wayhome.services import packs as pack_service
from wayhome.services.assessment import assess_file

EXIT_INVALID = 2

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Plan a physician's return home after US training.",
)
packs_app = typer.Typer(no_args_is_help=True, help="The rule packs: list, show, check.")
app.add_typer(packs_app, name="packs")

# Options shared by several commands.
ProfileArg = Annotated[
    Path | None,
    typer.Argument(help="Your profile (YAML). See `wayhome example` for one to start from."),
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


def _fail(errors: InvalidFileError) -> NoReturn:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for e in errors.errors:
        err.print(str(e), markup=False)
    raise typer.Exit(EXIT_INVALID)


def _usage(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_INVALID)


def _profile(profile: Path | None, example: str | None) -> tuple[Path, str]:
    if (profile is None) == (example is None):
        _usage("Give a profile file, or --example NAME (not both).")
    if profile is not None:
        return profile, str(profile)
    return profiles.example_path(str(example)), f"example:{example}"


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
        path, display = _profile(profile, example)
        report = assess_file(
            path,
            _day(on),
            pack_dirs=packs or [],
            countries=[c.upper() for c in country or []],
            display=display,
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
        path, display = _profile(profile, example)
        emails = pack_service.email(path, country, _day(on), pack_dirs=packs or [], display=display)
    except InvalidFileError as e:
        _fail(e)
    if as_json:
        _print_json([e.to_json() for e in emails])
    else:
        render.render_emails(emails, _console())


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
