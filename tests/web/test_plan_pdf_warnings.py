"""The printable plan says what `wayhome timeline` says before the plan: a planned return
already past (services/planning.past_return) and a return that leaves US training
unfinished (Plan.early, core/planner/early.py), in the same words, under its title, from
`wayhome timeline --pdf` and the web's plan.pdf alike; a plan with neither says neither.

The do-the-math example's residency ends on 30 Jun 2027, a day of training."""

from __future__ import annotations

import json
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from django.contrib.auth.models import User
from django.utils import timezone
from pypdf import PdfReader

from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.core.common import dates

ON = "2026-12-05"
EARLY = (
    "A return on {} is before your US training ends (30 Jun 2027), so it means leaving it "
    "early: ask the regulator first whether US training you leave unfinished still counts."
)
PAST = "Your planned return, 1 Jul 2025, is before today (5 Dec 2026): set the date you now plan."


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages).split())


def _profile(tmp_path: Path, back: str) -> Path:
    data = yaml.safe_load(example_path("do-the-math").read_text(encoding="utf-8"))
    data["plan"]["return_date"] = back
    mine = tmp_path / "me.yaml"
    mine.write_text(yaml.safe_dump(data), encoding="utf-8")
    return mine


@pytest.mark.parametrize(
    ("back", "said"),
    [
        ("2027-06-30", [EARLY.format("30 Jun 2027")]),
        # Past, and (1 Jul 2025 being within the residency) early too: both, in
        # `timeline`'s order.
        ("2025-07-01", [PAST, EARLY.format("1 Jul 2025")]),
        ("2027-07-01", []),
    ],
    ids=["on-the-last-day-of-training", "already-past", "neither"],
)
def test_the_pdf_says_what_timeline_says_under_its_title(
    tmp_path, db, client_for, monkeypatch, back, said
):
    mine = _profile(tmp_path, back)
    out = tmp_path / "plan.pdf"
    done = run("timeline", str(mine), "--on", ON, "--json", "--pdf", str(out))
    assert done.exit_code == 0, done.output
    planned = json.loads(done.stdout)
    from_json = [*planned["warnings"], *filter(None, [planned["before_training_ends"]])]
    assert from_json == said
    timeline = flatten(run("timeline", str(mine), "--on", ON).output)

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))
    user = User.objects.create_user("printer", password="correct horse battery")
    prof, _ = load_profile(mine)
    row = StoredProfile.objects.create(owner=user, data=to_data(prof))
    response = client_for(user).get(f"/p/{row.pk}/plan.pdf")
    assert response.status_code == 200

    day = dates.fmt(date.fromisoformat(back))
    title = (
        f"Your return plan Dr. Sam Example, returning on {day} (academic). Prepared on 5 Dec 2026."
    )
    for sentence in said:
        assert sentence in timeline
    for how, text in (("--pdf", _text(out.read_bytes())), ("plan.pdf", _text(response.content))):
        # Under the title and its line about the return, before everything else; each
        # once, and nothing there when there is nothing to say.
        top = text.split(" What does not fit ", 1)[0].split(" Readiness: ", 1)[0]
        assert top == " ".join([title, *said]), how
        for sentence in said:
            assert text.count(sentence) == 1, how
        assert ("is before today" in text) is (PAST in said), how
