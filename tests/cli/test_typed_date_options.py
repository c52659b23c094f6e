"""Every day typed on the command line goes through the one parser the web forms use
(wayhome.core.common.typed_dates, #17 item 5): 2024-06-30 and 30 Jun 2024 are taken,
03/06/2024 is refused with what to write, exit 2."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Annotated, Any, get_args, get_origin, get_type_hints

import pytest
import typer
from typer.models import ParameterInfo

from tests.helpers.cli import flatten, run
from wayhome.cli.options import typed_day
from wayhome.cli.root import app


def _commands(group: typer.Typer, path: str = "wayhome") -> Iterator[tuple[str, Any]]:
    for info in group.registered_commands:
        assert info.callback is not None
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        yield f"{path} {name}", info.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from _commands(sub.typer_instance, f"{path} {sub.name}")


def _days(group: typer.Typer) -> Iterator[tuple[str, type, ParameterInfo]]:
    """Every parameter of every command whose value is a day or a moment:
    (command and parameter, its type, Typer's information about it)."""
    for path, callback in _commands(group):
        for name, hint in get_type_hints(callback, include_extras=True).items():
            if get_origin(hint) is not Annotated:
                continue
            kind, *extras = get_args(hint)
            kinds = set(get_args(kind)) or {kind}
            found = kinds & {date, datetime}
            infos = [e for e in extras if isinstance(e, ParameterInfo)]
            if found and infos:
                yield f"{path} {name}", found.pop(), infos[0]


def _read_their_own_way(group: typer.Typer) -> list[str]:
    return [
        where
        for where, kind, info in _days(group)
        if kind is not date or info.parser is not typed_day or info.formats
    ]


def test_every_day_a_command_takes_is_read_by_the_shared_parser():
    assert _read_their_own_way(app) == []
    assert {
        "wayhome assess on",
        "wayhome whatif from_",
        "wayhome whatif to",
        "wayhome cases add on",
        "wayhome contacts visit start",
        "wayhome activities add start",
        "wayhome vault set born",
        "wayhome vault set expires",
        "wayhome task move to",
        "wayhome task snooze until",
        "wayhome packets mark-sent sent",
    } <= {where for where, _, _ in _days(app)}


def test_the_check_sees_a_day_read_its_own_way():
    def command(on: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"])] = None):
        """A command as they were written before."""

    def shared(on: Annotated[date | None, typer.Option(parser=typed_day)] = None):
        """A command as they are written now."""

    probe = typer.Typer()
    probe.command()(command)
    probe.command()(shared)
    assert _read_their_own_way(probe) == ["wayhome command on"]


@pytest.mark.parametrize("typed", ["24 Nov 2026", "24 november 2026", "NOV 24, 2026"])
def test_on_takes_a_day_in_words_as_the_same_day(typed):
    iso = run("assess", "--example", "do-the-math", "--on", "2026-11-24", "--json")
    words = run("assess", "--example", "do-the-math", "--on", typed, "--json")
    assert words.exit_code == 0, words.output
    assert json.loads(words.output) == json.loads(iso.output)


def test_on_refuses_slashes_saying_both_readings_and_what_to_write():
    result = run("assess", "--example", "do-the-math", "--on", "03/06/2026")
    assert result.exit_code == 2
    said = flatten(result.output)
    assert "it could be 3 Jun 2026 or 6 Mar 2026" in said
    assert "Write it as 3 Jun 2026 or 2026-06-03." in said


def test_a_month_alone_is_no_day():
    result = run("whatif", "--example", "do-the-math", "--from", "2027-01", "--to", "1 Jun 2027")
    assert result.exit_code == 2
    assert "'2027-01' is not a date: give the day too." in flatten(result.output)


def test_whatif_sweeps_between_days_typed_in_words():
    iso = run("whatif", "--example", "do-the-math", "--on", "2026-11-24", "--country", "XX",
              "--from", "2027-01-01", "--to", "2027-12-01", "--json")  # fmt: skip
    words = run("whatif", "--example", "do-the-math", "--on", "24 Nov 2026", "--country", "XX",
                "--from", "1 Jan 2027", "--to", "1 Dec 2027", "--json")  # fmt: skip
    assert words.exit_code == 0, words.output
    assert json.loads(words.output) == json.loads(iso.output)


def test_a_procedure_added_by_hand_takes_its_day_in_words(data_dir):
    added = run("cases", "add", "--date", "2 Mar 2026", "--role", "performed",
                "--category", "Hernia - inguinal")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Hernia - inguinal, performed, 2 Mar 2026." in flatten(added.output)
    refused = run("cases", "add", "--date", "02.03.2026", "--role", "performed",
                  "--category", "Hernia - inguinal")  # fmt: skip
    assert refused.exit_code == 2
    assert "Write it as 2 Mar 2026 or 2026-03-02." in flatten(refused.output)
