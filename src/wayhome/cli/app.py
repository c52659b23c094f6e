"""`wayhome`: the command line. Each command parses, calls a service, renders."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from wayhome import __version__
from wayhome.adapters import profiles
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.cli.render import render_report
from wayhome.core.profile import Profile
from wayhome.core.rules.pack import Pack
from wayhome.services.assessment import assess_file

EXIT_INVALID = 2

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Plan a physician's return home after US training.",
)


def _fail(errors: InvalidFileError) -> None:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    for e in errors.errors:
        err.print(str(e), markup=False)
    raise typer.Exit(EXIT_INVALID)


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


def _today() -> date:
    return datetime.now().astimezone().date()


@app.command()
def assess(
    profile: Annotated[
        Path | None,
        typer.Argument(help="Your profile (YAML). See `wayhome example` for one to start from."),
    ] = None,
    example: Annotated[
        str | None,
        typer.Option(
            help="Assess a bundled example profile instead (see `wayhome example --list`)."
        ),
    ] = None,
    on: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Assess as if today were this date (YYYY-MM-DD)."),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            help="Only this jurisdiction (a country like IN or a regulator like AE-DHA); "
            "repeat for more. Default: your plan's targets and the US rules."
        ),
    ] = None,
    packs: Annotated[
        list[Path] | None,
        typer.Option(
            help="A folder of your own rule packs; replaces bundled packs with the same code."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Check your plan against the rules of each target jurisdiction."""
    if (profile is None) == (example is None):
        typer.echo("Give a profile file, or --example NAME (not both).", err=True)
        raise typer.Exit(EXIT_INVALID)
    try:
        path, display = (
            (profile, str(profile))
            if profile is not None
            else (profiles.example_path(str(example)), f"example:{example}")
        )
        report = assess_file(
            path,
            on.date() if on else _today(),
            pack_dirs=packs or [],
            countries=[c.upper() for c in country or []],
            display=display,
        )
    except InvalidFileError as e:
        _fail(e)
        return
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        render_report(report, Console(highlight=False))


class SchemaName(StrEnum):
    PROFILE = "profile"
    PACK = "pack"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="profile or pack")]) -> None:
    """Print the JSON Schema of a profile or a rule pack."""
    model = Profile if name is SchemaName.PROFILE else Pack
    out = model.model_json_schema(by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    typer.echo(json.dumps(out, indent=2))


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
        return
    sys.stdout.write(path.read_text(encoding="utf-8"))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
