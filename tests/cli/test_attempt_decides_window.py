"""A window rule whose exam was last sat too late for any later sitting to be in time:
the latest safe return is not a date 25 years back but what decides it — the pending
result, or none at all after a fail (missed, as a deadline gone by)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.attempts import RULE, assess_text, profile_with_attempt
from tests.helpers.cli import flatten


def _latest(path: str, on: str) -> dict[str, object]:
    out = json.loads(assess_text(path, on, "--json"))
    (a,) = [x for x in out["assessments"] if x["jurisdiction"] == "XX"]
    return {k: v for k, v in a.items() if k.startswith("latest_safe_return")}


def test_a_pending_attempt_leaves_the_latest_safe_return_to_its_result(tmp_path: Path):
    path = profile_with_attempt(tmp_path, "2027-03-15")
    card = flatten(assess_text(path, "2027-03-16", "--brief"))
    assert "2002" not in card
    assert (
        "Latest safe cannot tell yet: hangs on your result at Specialist Conversion "
        f"Examination on 15 Mar 2027: a pass meets {RULE}; else no later sitting is before "
        "its last day, 29 Jun 2027"
    ) in card
    assert "AT RISK" in card
    assert _latest(path, "2027-03-16") == {
        "latest_safe_return": None,
        "latest_safe_return_rule": "xx-exam-graduation-window",
        "latest_safe_return_reason": "hangs_on_result",
    }


def test_a_failed_attempt_with_no_sitting_left_in_time_leaves_no_safe_return(tmp_path: Path):
    path = profile_with_attempt(tmp_path, "2027-03-15", "fail")
    card = flatten(assess_text(path, "2027-03-16", "--brief"))
    assert "2002" not in card
    assert (
        "Latest safe none: no sitting of Specialist Conversion Examination after your attempt "
        f"on 15 Mar 2027 is before {RULE}'s last day, 29 Jun 2027"
    ) in card
    assert f"BLOCKED: {RULE}: no sitting left before its last day, 29 Jun 2027" in card
    assert _latest(path, "2027-03-16")["latest_safe_return_reason"] == "no_sitting_in_time"
    findings = json.loads(assess_text(path, "2027-03-16", "--json"))["assessments"][0]["findings"]
    (f,) = [f for f in findings if f["rule"] == "xx-exam-graduation-window"]
    assert f["status"] == "missed"


def test_an_attempt_after_the_window_keeps_a_dated_answer(tmp_path: Path):
    # Attempted the day after the window's last day: the window is simply missed, as before
    # (the last safe return is the deadline, gone by): no attempt decides it.
    path = profile_with_attempt(tmp_path, "2027-06-30", "fail")
    latest = _latest(path, "2027-07-01")
    assert latest == {
        "latest_safe_return": "2027-06-29",  # the window's last day, not 25 years back
        "latest_safe_return_rule": "xx-exam-graduation-window",
        "latest_safe_return_reason": None,
    }


def test_without_attempts_the_latest_safe_return_is_unchanged(tmp_path: Path):
    path = profile_with_attempt(tmp_path, None)
    assert _latest(path, "2026-12-05") == {
        "latest_safe_return": "2027-03-15",
        "latest_safe_return_rule": "xx-exam-graduation-window",
        "latest_safe_return_reason": None,
    }
    assert "Latest safe 15 Mar 2027" in flatten(assess_text(path, "2026-12-05", "--brief"))
