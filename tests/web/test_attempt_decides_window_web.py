"""The dashboard's card says what the command line's says when an exam attempt, not a
return date, decides a window rule (tests/cli/test_attempt_decides_window.py): the pending
result it hangs on, or none after a fail; never a date 25 years back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.helpers.attempts import assess_text, profile_with_attempt
from tests.helpers.cli import flatten
from tests.web.markup import html_of
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import load_profile, to_data

ON = "2027-03-16"  # the day after the attempt on 15 Mar 2027


@pytest.mark.parametrize(
    ("result", "said"),
    [
        ("pending", "cannot tell yet: hangs on your result at Specialist Conversion Examination"),
        ("fail", "none: no sitting of Specialist Conversion Examination after your attempt"),
    ],
)
def test_the_card_says_what_the_attempt_decides_as_the_command_line_does(
    tmp_path, db, client_for, monkeypatch, result, said
):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))
    path = profile_with_attempt(tmp_path, "2027-03-15", result)
    text = flatten(assess_text(path, ON, "--brief"))
    assert said in text and "2002" not in text
    user = User.objects.create_user("planner", password="correct horse battery")
    prof, _ = load_profile(Path(path))
    row = StoredProfile.objects.create(owner=user, data=to_data(prof))
    page = " ".join(html_of(client_for(user).get(f"/p/{row.pk}/")).split())
    assert said in page
    assert "2002" not in page
