"""The dashboard's card and `wayhome assess` say the same sentence about the sitting whose
registration closes soon (the do-the-math example, 10 days before it closes) and, the
day after, that it closed: the words are the core's (core/planner/register.py)."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.utils import timezone

from tests.helpers.cli import flatten, run
from tests.web.markup import html_of


@pytest.mark.parametrize(
    ("on", "starts"),
    [
        ("2026-12-05", "Register for Specialist Conversion Examination by 15 Dec 2026 (in 10"),
        ("2026-12-16", "Registration for Specialist Conversion Examination on 15 Mar 2027 closed"),
    ],
    ids=["ten-days-before", "the-day-after"],
)
def test_the_cli_and_the_dashboard_card_say_the_same_sentence(
    owner, client_for, monkeypatch, on, starts
):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(on))
    user, row = owner
    page = html_of(client_for(user).get(f"/p/{row.pk}/"))
    shown = re.search(r'<dd data-field="registration" class="([^"]*)"[^>]*>([^<]*)</dd>', page)
    assert shown is not None, "the card has no registration line"
    sentence = shown.group(2)
    assert sentence.startswith(starts)
    assert shown.group(1) == ("registration" if on == "2026-12-05" else "registration closed")

    result = run("assess", "--example", "do-the-math", "--on", on, "--brief")
    assert result.exit_code == 0, result.output
    assert f"Exam {sentence}" in flatten(result.output)
    as_json = run("assess", "--example", "do-the-math", "--on", on, "--json")
    card = json.loads(as_json.output)["verdict"]["targets"][0]
    assert card["registration"]["text"] == sentence
