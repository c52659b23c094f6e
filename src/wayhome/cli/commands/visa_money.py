"""What a return costs in time and money: the visa clocks (`visa`) and the money of
the plan and its scenarios (`money`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from wayhome.cli.options import (
    ExampleOpt,
    JsonOpt,
    OnOpt,
    ProfileArg,
    console,
    day,
    exits_2,
    print_json,
    profile_source,
    usage,
)


def visa(
    profile: ProfileArg = None,
    example: ExampleOpt = None,
    on: OnOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your visa clocks, counted from your stays: the J-1 limit and grace, the two years
    at home, the H-1B maximum with time abroad recaptured."""
    from wayhome.cli.render import plan as show
    from wayhome.services import visa as visa_service

    with exits_2():
        found = visa_service.visa_clocks(profile_source(profile, example), day(on))
    if as_json:
        print_json([c.to_json() for c in found])
    else:
        show.render_clocks(found, console())


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
    from wayhome.cli.render import plan as show
    from wayhome.services import scenarios as scenario_service

    if chart_file is not None and chart_file.suffix.lower() not in (".svg", ".png"):
        usage("--chart takes a file ending in .svg or .png.")
    with exits_2():
        outcomes = scenario_service.scenarios_of(profile_source(profile, example), day(on))
        if chart_file is not None:
            scenario_service.export_money_chart(outcomes, chart_file)
    with_money = [o for o in outcomes if o.money is not None]
    if as_json:
        print_json(
            [
                {
                    "id": o.id,
                    "name": o.name,
                    "return_date": o.return_date.isoformat(),
                    "before_training_ends": o.early,
                    **(o.money.to_json() if o.money else {}),
                }
                for o in with_money
            ]
        )
    else:
        show.render_money(with_money, console())
