"""--country on every command that takes it: a code that is no jurisdiction (ZZ) is
refused in the profile's words, exit 2; a country with no rule pack (FR) is kept in the
verdict, said to have no pack."""

from __future__ import annotations

import json

import pytest

from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path

REFUSED = "'ZZ' is not a jurisdiction code: use a country (IN) or a regulator (AE-DHA)"
ME = str(example_path("do-the-math"))


@pytest.mark.parametrize(
    "args",
    [
        ["assess", ME, "--country", "ZZ", "--brief"],
        ["assess", ME, "--country", "zz"],
        ["assess", ME, "--country", "XX", "--country", "ZZ", "--json"],
        ["ask", ME, "--country", "ZZ"],
        ["whatif", ME, "--country", "ZZ"],
    ],
)
def test_a_code_that_is_no_jurisdiction_is_refused(args):
    done = run(*args, "--on", "2026-12-05")
    assert done.exit_code == 2, done.output
    assert REFUSED in done.output
    assert "ZZ ZZ" not in done.output and "regulator of ZZ" not in done.output


@pytest.mark.parametrize(
    "args", [["cv", "--country", "ZZ", "--pdf", "cv.pdf"], ["cases", "minimums", "--country", "ZZ"]]
)
def test_the_stored_profiles_commands_refuse_it_too(data_dir, args):
    done = run(*args)
    assert done.exit_code == 2, done.output
    assert REFUSED in done.output


def test_a_country_with_no_pack_stays_in_the_brief_verdict():
    done = run("assess", ME, "--country", "FR", "--brief", "--on", "2026-12-05")
    assert done.exit_code == 0, done.output
    text = flatten(done.output)
    assert "FR France — not in your plan" in text
    assert "Latest safe not known: no rule pack yet" in text
    assert "Wayhome has no rule pack for FR yet" in text


def test_a_country_asked_for_beside_a_target_keeps_both_cards():
    done = run("assess", ME, "--country", "XX", "--country", "FR", "--on", "2026-12-05", "--json")
    cards = json.loads(done.output)["verdict"]["targets"]
    assert [(c["jurisdiction"], c["role"]) for c in cards] == [
        ("XX", "your plan"),
        ("FR", "not in your plan"),
    ]
    assert cards[1]["latest_safe_return"]
