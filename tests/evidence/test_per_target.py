"""Documents per target: each target's section (India's too), a document several targets
ask for (the same kind) listed once with all it serves, its steps, validity, lead time."""

from datetime import date
from pathlib import Path

import pytest

from wayhome.adapters import packs as pack_files
from wayhome.adapters.profiles import load_profile
from wayhome.core.evidence.per_target import GUIDE, checklist
from wayhome.core.rules import engine
from wayhome.core.rules.kinds.required_documents import RequiredDocumentsRule

ON = date(2026, 11, 24)
MEHTA = Path(__file__).parents[1] / "helpers" / "setups" / "j1-cardiologist-india.yaml"


@pytest.fixture(scope="module")
def packs():
    return pack_files.load_packs()


def _mehta(school_country: str = "IN"):
    """Dr. Mehta (India, Dubai as a backup); with a degree from ``school_country``."""
    profile, _ = load_profile(MEHTA)
    school = profile.medical_school.model_copy(update={"country": school_country})
    return profile.model_copy(update={"medical_school": school})


def _checklist(profile, packs):
    return checklist(engine.assess(profile, packs, ON), packs, profile.targets)


def test_a_degree_india_and_dubai_both_ask_for_is_listed_once_with_both(packs):
    c = _checklist(_mehta("DM"), packs)  # a Caribbean degree: India's FMGE list applies
    degrees = [r for r in c.requirements if r.kind == "primary-degree"]
    assert len(degrees) == 1
    [degree] = degrees
    assert degree.targets == ("IN", "AE-DHA") and degree.on_guide
    assert degree.name == "Primary medical qualification (degree) certificate"  # India's, first
    assert set(degree.other_names) == {
        "Primary medical degree and transcript",
        "Medical school diploma",
    }
    # Every step any of them gives, each with whom it is for; verification last.
    steps = [(s.text.split(",")[0].split(" (")[0], s.sources) for s in degree.steps]
    assert steps == [
        ("apostille", ("IN",)),
        ("legalisation where asked", ("AE-DHA",)),
        ("sworn translation into English", ("AE-DHA",)),
        ("DataFlow primary-source verification", ("AE-DHA",)),
    ]
    assert degree.lead_time is not None and degree.lead_time.months == 3
    assert degree.lead_time_from == ("AE-DHA",)
    india, dubai = c.targets
    assert (india.code, india.label, dubai.label) == ("IN", "India", "Dubai Health Authority (DHA)")
    assert degree.key in india.shared and degree.key in dubai.shared
    assert degree.key not in india.own + dubai.own
    assert [r.key for r in c.shared] == list(india.shared)  # shared ones come first
    keys = [r.key for r in c.requirements]
    assert len(keys) == len(set(keys))  # nothing listed twice


def test_the_guides_items_of_one_kind_are_one_document(packs):
    c = _checklist(_mehta("DM"), packs)
    training = [r for r in c.requirements if r.kind == "training-certificate"]
    assert len(training) == 1
    assert {"Residency certificate", "Fellowship certificate"} <= set(training[0].other_names)


def test_india_has_its_section_even_with_no_list_and_says_what_to_ask(packs):
    c = _checklist(_mehta("IN"), packs)  # an Indian degree: no list India publishes
    india = c.targets[0]
    assert india.code == "IN" and india.keys == ()
    assert "no published list of documents for your case" in india.why_none
    assert any("additional qualifications" in q for q in india.questions)
    assert c.for_target("AE-DHA")  # Dubai's list is there all the same


def test_the_shortest_validity_is_kept_with_whose_it_is(packs):
    c = _checklist(_mehta("DM"), packs)
    [good] = [r for r in c.requirements if r.kind == "good-standing"]
    assert good.valid_months == 6 and good.validity_from == ("AE-DHA",)


def _with_documents(pack) -> bool:
    return any(isinstance(r, RequiredDocumentsRule) for r in pack.rules)


def test_every_pack_with_documents_has_its_section(packs):
    """Each pack that lists documents, chosen as the only target of a doctor with a
    foreign degree, gets a section: its documents, or why none are listed."""
    with_lists = [p for p in packs if _with_documents(p)]
    assert {"IN", "AE-DHA", "GB", "DE"} <= {p.code for p in with_lists}
    listed = []
    for pack in with_lists:
        profile = _mehta("DM")
        profile = profile.model_copy(
            update={"plan": profile.plan.model_copy(update={"targets": [pack.code]})}
        )
        c = _checklist(profile, packs)
        [section] = [t for t in c.targets if t.code == pack.code]
        assert section.keys or section.why_none, pack.code
        if section.keys:
            listed.append(pack.code)
        assert all(r.targets in ((pack.code,), ()) for r in c.requirements)
    # Pakistan's list is a question for this doctor (its pack says what to ask).
    assert {p.code for p in with_lists} - set(listed) == {"PK"}, listed


def test_a_source_is_named_in_words(packs):
    c = _checklist(_mehta("DM"), packs)
    assert c.label(GUIDE) == "the guide" and c.label("IN") == "India"
