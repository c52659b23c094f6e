"""What the commands share: their common options, the exit-2 message for a mistake
the user can fix (:func:`exits_2` and :func:`usage`), and printing and writing.

Only Typer and the standard library are imported here. Each command imports the
rules, the database or an exporter when it runs, so `wayhome --version` and the
commands on a file start quickly and never load Django (tests/cli/test_imports.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, NoReturn, TypeVar

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from wayhome.services.source import ProfileSource

EXIT_INVALID: Final = 2
T = TypeVar("T")


def typed_day(text: str) -> date:
    """A day as a person types it (30 Jun 2024 or 2024-06-30), with the shared parser of
    wayhome.core.common.typed_dates; what it refuses is said, with what to write."""
    from wayhome.core.common.typed_dates import TypedDateError, parse_date

    try:
        return parse_date(text)
    except TypedDateError as e:
        raise typer.BadParameter(str(e)) from None


def day_option(*names: str, help: str) -> Any:
    """An option that takes a day, read by :func:`typed_day` as every date a person
    types is (never Click's own date type, which takes one format and says nothing of
    03/06/2024's two readings)."""
    return typer.Option(*names, parser=typed_day, metavar="DATE", help=help)


def day_argument(help: str) -> Any:
    """An argument that takes a day, read as :func:`day_option`'s."""
    return typer.Argument(parser=typed_day, metavar="DATE", help=help)


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
    date | None,
    day_option(help="Act as if today were this date: 30 Jun 2024 or 2024-06-30."),
]
PacksOpt = Annotated[
    list[Path] | None,
    typer.Option(
        help="A folder of your own rule packs; replaces bundled packs with the same code."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
DespiteOpt = Annotated[  # a packet's zip: `packets build` and `vault packet`
    bool,
    typer.Option(
        "--despite-differences",
        help="Build it even when names or dates differ between documents.",
    ),
]
CountriesOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        help="Only this jurisdiction (a country like IN or a regulator like AE-DHA); "
        "repeat for more. Default: your plan's targets and the US rules.",
    ),
]


def code(country: str) -> str:
    """A jurisdiction code as typed in the packs' spelling (IN, AE-DHA); an unknown one
    (ZZ) is refused, exit 2, in the profile's words."""
    from wayhome.core.common.strict import jurisdiction_problem

    if (why := jurisdiction_problem(country)) is not None:
        usage(why)
    return country.strip().upper()


def codes(countries: list[str] | None) -> list[str]:
    """Jurisdiction codes as typed (in, ae-dha) in the packs' spelling (IN, AE-DHA),
    each checked by :func:`code`."""
    return [code(c) for c in countries or []]


def usage(message: str) -> NoReturn:
    """The exit-2 message: say what to change, on stderr."""
    typer.echo(message, err=True)
    raise typer.Exit(EXIT_INVALID)


@contextmanager
def exits_2(*errors: type[Exception], say: Callable[[Exception], str] = str) -> Iterator[None]:
    """Turn the mistakes a user can fix into exit 2: a file's problems, each with its
    file and line, or one of ``errors`` (the command's own refusals) in ``say``'s words.
    """
    # Here, not at the top: reading YAML is not needed for `wayhome --version`.
    from wayhome.adapters.yamlfile import InvalidFileError

    try:
        yield
    except InvalidFileError as e:
        from rich.console import Console

        err = Console(stderr=True, highlight=False, soft_wrap=True)
        for located in e.errors:
            err.print(str(located), markup=False)
        raise typer.Exit(EXIT_INVALID) from None
    except errors as e:
        usage(say(e))


def not_a_file(file: Path) -> str | None:
    """Why ``file`` is no file to read, in words (None when it is one). A link to a
    file is followed, as a person who names a link means the file."""
    if file.is_file():
        return None
    if file.is_symlink() and not file.exists():
        return f"{file} is a link to something that does not exist."
    if file.is_dir():
        return f"{file} is a folder: name a file in it."
    if not file.exists():
        return f"{file} does not exist."
    return f"{file} is not a regular file (a pipe, a socket or a device): name a file."


def read_file(file: Path, read: Callable[[Path], T]) -> T:
    """Run an importer on a file the user named; a refusal exits 2 with the reason."""
    if (why := not_a_file(file)) is not None:
        usage(why)

    def say(e: Exception) -> str:
        return f"{file}: {e.strerror or e}" if isinstance(e, OSError) else str(e)

    with exits_2(ValueError, OSError, say=say):
        result = read(file)
    return result


def write_outputs(*outputs: tuple[Path | None, Callable[[], bytes | str]]) -> None:
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


def profile_source(profile: Path | None, example: str | None) -> ProfileSource:
    """The profile to use: a file, a bundled example, or else the stored one."""
    from wayhome.services import source

    if profile is not None and example is not None:
        usage("Give a profile file or --example NAME, not both.")
    if profile is not None:
        return source.from_file(profile, str(profile))
    if example is not None:
        return source.from_example(example)
    return source.from_store(source.local_owner())


def local_owner() -> Any:
    """The local account, after setting up the data folder's database (Django with the
    data layer's settings). A command calls it before importing a service whose module
    uses the models. The data layer alone: not the profile's modules (services/source.py,
    a tenth of a second), which a command on the stored profile loads itself."""
    from wayhome.adapters.db import store

    store.setup()
    return store.local_account()


def day(on: date | None) -> date:
    """The date to act on: --on, or today."""
    return on or datetime.now().astimezone().date()


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def console() -> Console:
    """The console of every command: Rich's, dates never split (cli/render/plain.py)."""
    from wayhome.cli.render import plain

    return plain.Console(highlight=False)
