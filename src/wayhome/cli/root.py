"""`wayhome`: the command line, put together from the command groups in
:mod:`wayhome.cli.commands`. Each command parses, calls a service, renders.

``app`` is the Typer app; :mod:`wayhome.cli.app` runs it (and answers ``--version``
before importing it), or runs :func:`app_for` the command named.
"""

from __future__ import annotations

import copy
from typing import Annotated

import typer

from wayhome import __version__
from wayhome.cli.commands import (
    assess,
    cv,
    keyring,
    packets,
    plan,
    profile,
    serve,
    vault,
    visa_money,
)

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Plan a physician's return home after US training.",
    # A crash's traceback names the code, never the values: Typer would print every
    # variable of every frame (the profile with its date of birth and visa), and
    # tracebacks get pasted into bug reports.
    pretty_exceptions_show_locals=False,
)

# In the order `wayhome --help` lists them: the commands, then the groups.
for command in (
    assess.assess,
    assess.ask,
    plan.timeline,
    serve.serve,
    serve.link,
    plan.whatif,
    plan.scenarios,
    visa_money.visa,
    visa_money.money,
    cv.cv,
    vault.backup,
    vault.restore,
    profile.schema,
    profile.example,
):
    app.command()(command)
# The vault's passphrase and recovery code: their own module, in the vault group.
vault.vault_app.command("recovery-code")(keyring.recovery_code)
vault.vault_app.command("passphrase")(keyring.change_passphrase)
for name, group in (
    ("packs", assess.packs_app),
    ("task", plan.task_app),
    ("profile", profile.profile_app),
    ("cases", cv.cases_app),
    ("pubs", cv.pubs_app),
    ("contacts", cv.contacts_app),
    ("activities", cv.activities_app),
    ("vault", vault.vault_app),
    ("packets", packets.packets_app),
):
    app.add_typer(group, name=name)


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


def app_for(name: str) -> typer.Typer:
    """The app with only the command or group ``name`` (and the main options), or the
    whole app for a name it does not have. The command is the same, so it parses, helps
    and refuses the same; Typer then builds that command alone, not all fifty, for a run
    (about 20 ms, docs/benchmarks.md, start-up)."""
    commands = [
        c
        for c in app.registered_commands
        if (c.name or typer.main.get_command_name(c.callback.__name__)) == name  # type: ignore[union-attr]
    ]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one
