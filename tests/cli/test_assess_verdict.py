"""`wayhome assess` opens with the verdict per target, `--brief` prints it alone within
80 columns, and `--json` carries it beside the assessment it adds to."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from tests.helpers.cli import flatten, run
from wayhome.cli.app import app

ON = "2026-11-24"
CARDIOLOGIST = str(Path(__file__).parents[1] / "helpers" / "setups" / "j1-cardiologist-india.yaml")


def narrow(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def test_it_opens_with_the_verdict_then_the_details():
    out = narrow("assess", CARDIOLOGIST, "--on", ON)
    lines = out.splitlines()
    assert lines[0] == "Your verdict on 24 Nov 2026, for a return on 1 Aug 2027"
    head = flatten("\n".join(lines[:30]))
    assert "IN India - National Medical Commission" in head and "— your plan" in head
    assert "AE-DHA Dubai Health Authority (DHA) — backup" in head
    assert "Status OPEN QUESTION:" in head
    assert "Training recognised as a specialist" in head
    assert "Latest safe no limit before 11 Apr 2061: Maximum age for appointment" in head
    assert "Latest safe 30 Jun 2029 (No break in clinical practice longer than 2 years)" in head
    assert (
        "Next Find your home regulator and its page on foreign training — do it now (it was "
        "due 1 Jul 2022)" in head
    )
    assert "US visa: J-1: at most 7 years of training: 30 Jun 2028 (running)" in head
    assert "J-1: the last day in the US: 30 Jul 2027 (CONFLICT)" in head
    details = out.index("The details, rule by rule")
    assert out.index("Assessment on 24 Nov 2026") > details
    # the detail's headline does not make a far limit the date to plan by
    assert "Latest safe return: no limit before 11 Apr 2061" in flatten(out[details:])


def test_brief_prints_the_verdict_alone_within_80_columns():
    out = narrow("assess", CARDIOLOGIST, "--on", ON, "--brief")
    assert "The details" not in out and "Assessment on" not in out
    # Only questions for the regulator: the teaching to add to the profile is not one.
    assert "Ask 2 questions: wayhome ask --country IN" in flatten(out)
    assert len(out.splitlines()) < 30
    assert max(len(line) for line in out.splitlines()) <= 80
    full = narrow("assess", CARDIOLOGIST, "--on", ON)
    # but a source's web address, whole on its own line under its number, to copy
    lines = full.splitlines()
    wide = [(lines[i - 1], line) for i, line in enumerate(lines) if len(line) > 80]
    assert all(re.fullmatch(r"\[\d+\]", n) and re.fullmatch(r"https?://\S+", u) for n, u in wide)


def test_json_adds_the_verdict_and_keeps_the_assessment():
    result = run("assess", CARDIOLOGIST, "--on", ON, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"on", "profile_id", "return_date", "assessments"} <= set(data)
    verdict = data["verdict"]
    assert [c["jurisdiction"] for c in verdict["targets"]] == ["IN", "AE-DHA"]
    india = verdict["targets"][0]
    assert india["latest_safe_return"]["date"] == next(
        a["latest_safe_return"] for a in data["assessments"] if a["jurisdiction"] == "IN"
    )
    timeline = json.loads(run("timeline", CARDIOLOGIST, "--on", ON, "--json").output)
    first = next(t for t in timeline["tasks"] if t["id"] == india["next_action"]["task"])
    assert first["status"] == "late" and first["due"] == india["next_action"]["due"]
    visa = json.loads(run("visa", CARDIOLOGIST, "--on", ON, "--json").output)
    assert verdict["us_clocks"] == visa


def test_a_country_narrows_the_cards_not_the_plan():
    data = json.loads(run("assess", CARDIOLOGIST, "--on", ON, "--country", "AE", "--json").output)
    cards = data["verdict"]["targets"]
    assert [c["jurisdiction"] for c in cards] == ["AE-DHA"]
    assert cards[0]["rank"] == 1 and cards[0]["role"] == "backup"
    # the next actions are the whole plan's
    assert data["verdict"]["next_actions"][0]["task"] == "find-regulator"


def test_a_target_with_no_pack_is_not_known_in_the_details_as_on_its_card(tmp_path):
    import yaml

    data = yaml.safe_load(Path(CARDIOLOGIST).read_text())
    data["plan"]["targets"] = ["FR"]
    path = tmp_path / "fr.yaml"
    path.write_text(yaml.safe_dump(data))
    brief = flatten(narrow("assess", str(path), "--on", ON, "--brief"))
    assert "Latest safe not known: no rule pack yet" in brief
    full = flatten(narrow("assess", str(path), "--on", ON))
    assert "Latest safe return: not known: no rule pack yet" in full
    assert "Earliest return: not known: no rule pack yet" in full
    assert "no limit found" not in full and "no minimum found" not in full
    verdict = json.loads(run("assess", str(path), "--on", ON, "--json").output)["verdict"]
    assert "no rule pack for FR yet" in verdict["targets"][0]["latest_safe_return"]["reason"]


def test_the_details_carry_the_cards_caveat_on_a_far_limit():
    full = flatten(narrow("assess", CARDIOLOGIST, "--on", ON))
    assert (
        "Latest safe return: no limit before 11 Apr 2061: Maximum age for appointment as a "
        "teacher in a medical college, unless the 3 rules not judged yet say otherwise" in full
    )
    assert "Training not known — ask" in full
