"""The profile: store one (`profile import`), write it out (`profile export`),
start from an example (`example`) and the JSON Schemas (`schema`)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from wayhome.cli.options import exits_2, print_json

profile_app = typer.Typer(no_args_is_help=True, help="Your stored profile: import, export.")


@profile_app.command("import")
def profile_import(
    file: Annotated[Path, typer.Argument(help="A profile file (YAML).")],
) -> None:
    """Store a profile file as your profile (the web app and every command then use it)."""
    from wayhome.services import profile_store, source

    with exits_2():
        profile = profile_store.import_file(source.local_owner(), file)
    typer.echo(f"Stored the profile of {profile.person.name}.")


@profile_app.command("export")
def profile_export(
    file: Annotated[Path, typer.Argument(help="Where to write it (YAML).")],
) -> None:
    """Write your stored profile to a file."""
    from wayhome.services import profile_store, source

    with exits_2():
        profile_store.export_file(source.from_store(source.local_owner()).profile, file)
    typer.echo(f"Wrote {file}")


class SchemaName(StrEnum):
    PROFILE = "profile"
    PACK = "pack"


def schema(name: Annotated[SchemaName, typer.Argument(help="profile or pack")]) -> None:
    """Print the JSON Schema of a profile or a rule pack."""
    from wayhome.core.profile.model import Profile
    from wayhome.core.rules.pack import Pack

    model = Profile if name is SchemaName.PROFILE else Pack
    out = model.model_json_schema(by_alias=True)
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print_json(out)


def example(
    name: Annotated[str, typer.Argument(help="Which example.")] = "do-the-math",
    list_: Annotated[bool, typer.Option("--list", help="List the examples.")] = False,
) -> None:
    """Print a bundled example profile, to copy and edit: `wayhome example > me.yaml`."""
    from wayhome.adapters import profiles

    if list_:
        for n in profiles.example_names():
            typer.echo(n)
        return
    with exits_2():
        path = profiles.example_path(name)
    sys.stdout.write(path.read_text(encoding="utf-8"))
