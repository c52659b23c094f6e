"""The rules: check a plan against them (`assess`), ask a regulator what they leave
open (`ask`), and the packs they come in (`packs list`, `show`, `check`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wayhome.cli.options import (
    CountriesOpt,
    ExampleOpt,
    JsonOpt,
    OnOpt,
    PacksOpt,
    ProfileArg,
    code,
    codes,
    console,
    day,
    exits_2,
    print_json,
    profile_source,
    usage,
)

packs_app = typer.Typer(no_args_is_help=True, help="The rule packs: list, show, check.")


def assess(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    country: CountriesOpt = None,
    packs: PacksOpt = None,
    as_json: JsonOpt = False,
    brief: Annotated[
        bool, typer.Option("--brief", help="The verdict per target alone, without the details.")
    ] = False,
) -> None:
    """Check your plan against the rules of each target jurisdiction: the verdict per
    target first (what your training counts as, a status word and its reason, the latest
    safe and earliest return, the next action), then every rule with its arithmetic."""
    from wayhome.cli.render import plain
    from wayhome.cli.render import rules as show
    from wayhome.services import assessment

    with exits_2():
        assessed = assessment.assess_with_verdict(
            profile_source(profile, example),
            day(on),
            pack_dirs=packs or [],
            countries=codes(country),
        )
    if as_json:
        print_json(assessed.to_json())
    else:
        show.render_assessed(assessed, plain.console(), brief=brief)


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
    from wayhome.cli.render import rules as show
    from wayhome.services import packs as pack_service

    if not country:
        usage("Say which regulator: --country CODE (e.g. IN or AE-DHA).")
    with exits_2():
        emails = pack_service.email(
            profile_source(profile, example), code(country), day(on), pack_dirs=packs or []
        )
    if as_json:
        print_json([e.to_json() for e in emails])
    else:
        show.render_emails(emails, console())


@packs_app.command("list")
def packs_list(packs: PacksOpt = None, as_json: JsonOpt = False) -> None:
    """The rule packs: regulator, version, review date, sources, open questions, tests."""
    from wayhome.cli.render import packs as show
    from wayhome.services import packs as pack_service

    with exits_2():
        rows = pack_service.table(packs or [])
    if as_json:
        print_json([r.to_json() for r in rows])
    else:
        show.render_pack_list(rows, console())


@packs_app.command("show")
def packs_show(
    code: Annotated[str, typer.Argument(help="The pack's code (IN, AE-DHA, XX ...).")],
    packs: PacksOpt = None,
) -> None:
    """What a pack says: each rule, whom it applies to, its dated values and sources."""
    from wayhome.cli.render import packs as show
    from wayhome.services import packs as pack_service

    with exits_2():
        page = pack_service.show(code, packs or [])
    show.render_pack(page, console())


@packs_app.command("check")
def packs_check(
    folder: Annotated[Path, typer.Argument(help="A pack folder, or a folder of pack folders.")],
) -> None:
    """Validate your own rule packs; every problem is listed with its file and line."""
    from wayhome.services import packs as pack_service

    with exits_2():
        found = pack_service.check(folder)
    for p in found:
        typer.echo(f"ok  {p.code}  {p.name}: {len(p.rules)} rules, {len(p.sources)} sources")
