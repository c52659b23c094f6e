"""The two dates on a card said once, in the core, for every shell: a target with no
rule pack is "not known" (never "no limit"); open questions qualify any answer that
says there is no limit to plan by, a far one too; every date has its reason; and what
training counts as is not known while a rule on it is open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.helpers import all_packs
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import load_profile, to_data
from wayhome.core.common.data import merge
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.verdict import Verdict, bounds, verdict
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine

SETUPS = Path(__file__).parents[1] / "helpers" / "setups"
ON = date(2026, 11, 24)

NO_PACK = "not known: no rule pack yet"


def setup(name: str, **over) -> Profile:
    prof, _ = load_profile(SETUPS / f"{name}.yaml")
    return Profile.model_validate(merge(to_data(prof), over)) if over else prof


def answer(prof: Profile) -> Verdict:
    packs = all_packs()
    report = engine.assess(prof, packs, ON)
    return verdict(report, make_plan(prof, report, packs, guide_template(), ON), prof.targets)


def test_a_target_with_no_pack_is_not_known_on_both_dates_with_its_reason():
    prof = setup("j1-cardiologist-india", plan={"targets": ["FR"]})
    v = answer(prof)
    france = v.cards[0]
    assert france.latest.text == france.earliest.text == NO_PACK
    data = france.to_json()
    assert data["latest_safe_return"]["reason"] == (
        "Wayhome has no rule pack for FR yet: nothing is known about a deadline on your "
        "return there. Ask the regulator."
    )
    assert "no rule pack for FR yet" in data["earliest_return"]["reason"]


def test_the_full_assessment_takes_the_cards_words_for_every_jurisdiction():
    prof = setup("j1-cardiologist-india", plan={"targets": ["FR"]})
    report = engine.assess(prof, all_packs(), ON)
    france = next(a for a in report.assessments if a.jurisdiction == "FR")
    latest, earliest = bounds(france, report.return_date)
    assert latest.text == earliest.text == NO_PACK


def test_a_far_limit_carries_the_open_questions_as_no_limit_does():
    india = answer(setup("j1-cardiologist-india")).cards[0]
    assert india.latest.far
    assert india.latest.text == (
        "no limit before 11 Apr 2061: Maximum age for appointment as a teacher in a medical "
        "college, unless the 3 rules not judged yet say otherwise"
    )
    germany = answer(setup("h1b-internist-germany")).cards[0]
    assert germany.latest.text == "no limit found, unless the 2 rules not judged yet say otherwise"


def test_every_date_has_a_reason_in_the_json():
    india = answer(setup("j1-cardiologist-india")).to_json()["targets"][0]
    latest = india["latest_safe_return"]
    assert latest["date"] == "2061-04-11"
    assert latest["reason"] == (
        "Set by Maximum age for appointment as a teacher in a medical college, more than 10 "
        "years after your return: no limit to plan by. 3 rules could not be judged for you "
        "(What your US residency, fellowship and board certification count as in India; "
        "Assistant Professor without first doing a year as Senior Resident in India; "
        "Registering your US qualification with a State Medical Council (additional "
        "qualification)): their answers may set an earlier one."
    )
    dubai = answer(setup("j1-cardiologist-india")).to_json()["targets"][1]
    assert dubai["latest_safe_return"]["reason"].startswith(
        "Set by No break in clinical practice longer than 2 years."
    )


def test_training_is_not_known_while_a_rule_on_it_is_open():
    india, dubai = answer(setup("j1-cardiologist-india")).cards
    assert india.training == "not known — ask"
    assert india.training_note == (
        "What US training counts as for a teaching (faculty) post in a medical college: "
        "recognised as a specialist"
    )
    assert dubai.training == "recognised as a specialist" and dubai.training_note is None
