"""`wayhome`: the command line, put together from the command groups in
:mod:`wayhome.cli.commands`. Each command parses, calls a service, renders.

``app`` is the whole Typer app (built when first asked for); :mod:`wayhome.cli.app`
runs it (and answers ``--version`` before importing this), or runs :func:`app_for` the
command named, which imports only that command's module: `wayhome assess` loads no
vault, CV or server code (docs/benchmarks.md, start-up).
"""

from __future__ import annotations

import inspect
from functools import cache
from importlib import import_module
from typing import Annotated, Any, Final, NoReturn

import typer

from wayhome import __version__

# name: (module in wayhome.cli.commands, its function), in the order `wayhome --help`
# lists them.
COMMANDS: Final = {
    "assess": ("assess", "assess"),
    "ask": ("assess", "ask"),
    "timeline": ("plan", "timeline"),
    "serve": ("serve", "serve"),
    "link": ("serve", "link"),
    "whatif": ("plan", "whatif"),
    "scenarios": ("plan", "scenarios"),
    "visa": ("visa_money", "visa"),
    "money": ("visa_money", "money"),
    "cv": ("cv", "cv"),
    "backup": ("vault", "backup"),
    "restore": ("vault", "restore"),
    "schema": ("profile", "schema"),
    "example": ("profile", "example"),
}
# name: (module, its Typer group), listed after the commands.
GROUPS: Final = {
    "packs": ("assess", "packs_app"),
    "task": ("plan", "task_app"),
    "profile": ("profile", "profile_app"),
    "cases": ("cv", "cases_app"),
    "pubs": ("cv", "pubs_app"),
    "contacts": ("cv", "contacts_app"),
    "activities": ("cv", "activities_app"),
    "vault": ("vault", "vault_app"),
    "packets": ("packets", "packets_app"),
}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"wayhome {__version__}")
        raise typer.Exit()


def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Plan a physician's return home after US training."""


def _new_app() -> typer.Typer:
    one = typer.Typer(
        no_args_is_help=True,
        add_completion=False,
        help="Plan a physician's return home after US training.",
        # A crash's traceback names the code, never the values: Typer would print every
        # variable of every frame (the profile with its date of birth and visa), and
        # tracebacks get pasted into bug reports.
        pretty_exceptions_show_locals=False,
    )
    one.callback()(main_callback)
    return one


def _attr(module: str, name: str) -> Any:
    return getattr(import_module(f"wayhome.cli.commands.{module}"), name)


def flowing(doc: str | None) -> str | None:
    """A docstring as help that flows: each paragraph's lines joined into one, so that
    the help wraps them at the terminal's width (the list of commands in `wayhome --help`
    kept the docstring's own line breaks, mid-sentence)."""
    if doc is None:
        return None
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def _flow(group: typer.Typer) -> None:
    """Each command of ``group`` given its docstring's help, flowing."""
    for info in group.registered_commands:
        if info.help is None and info.callback is not None:
            info.help = flowing(info.callback.__doc__)


@cache
def _group(name: str) -> typer.Typer:
    group: typer.Typer = _attr(*GROUPS[name])
    if name == "vault":
        # The vault's passphrase and recovery code: their own module, in the vault group.
        keyring = import_module("wayhome.cli.commands.keyring")
        group.command("recovery-code")(keyring.recovery_code)
        group.command("passphrase")(keyring.change_passphrase)
    _flow(group)
    return group


def _build(names: list[str]) -> typer.Typer:
    built = _new_app()
    for name in names:
        if name in COMMANDS:
            command = _attr(*COMMANDS[name])
            built.command(name, help=flowing(command.__doc__))(command)
        else:
            built.add_typer(_group(name), name=name)
    return built


@cache
def whole_app() -> typer.Typer:
    return _build([*COMMANDS, *GROUPS])


def app_for(name: str) -> typer.Typer:
    """The app with only the command or group ``name`` (and the main options), or the
    whole app for a name it does not have. The command is the same, so it parses, helps
    and refuses the same; only its module is imported, and Typer builds that command
    alone, not all fifty, for a run (docs/benchmarks.md, start-up)."""
    if name not in COMMANDS and name not in GROUPS:
        return whole_app()
    return _build([name])


def raise_as_typer(name: str, error: Exception) -> NoReturn:
    """Raise ``error`` from a command ``name`` of an app made as this one is, so that
    Typer reports it as it reports what the command raises (a crash's traceback without
    its values, a closed pipe's exit 1): for a command that ran without Typer
    (cli/app.py)."""
    one = _new_app()

    def failed() -> None:
        raise error

    one.command(name)(failed)
    one([name])
    raise error  # pragma: no cover (the app ends in SystemExit or raises)


def __getattr__(name: str) -> Any:
    """``app``: the whole app, built when first asked for (``from ... import app``)."""
    if name == "app":
        return whole_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
