"""The CV headed for a target and laid out as its pack's ``cv:`` section says: each pack
that has one (IN, DE, AE-DHA, GB), US style for a target without one, and the plan's
first target unless another is chosen."""

from __future__ import annotations

from datetime import date

import pytest

from wayhome.adapters.packs import bundled_packs
from wayhome.core.cv.conventions import gaps, photo_refused, target_of
from wayhome.core.cv.document import build

ON = date(2026, 12, 5)


def target(code):
    return target_of(code, bundled_packs())


def made(facts, code, *, photo=False, targets=None):
    profile, log, papers = facts
    if targets is not None:
        profile = profile.model_copy(
            update={"plan": profile.plan.model_copy(update={"targets": targets})}
        )
    return build(profile, log, papers, target=target(code) if code else None, photo=photo, on=ON)


def section(cv, sid):
    return next((s for s in cv.sections if s.id == sid), None)


def titles(cv, sid):
    found = section(cv, sid)
    return [e.title for e in found.entries] if found else []


def whens(cv, sid):
    return [e.when for e in section(cv, sid).entries]


def test_it_is_headed_for_the_first_target(facts):
    from wayhome.services.cv import target as target_for

    profile, log, papers = facts
    for targets, name in (
        (["IN", "AE-DHA"], "India"),
        (["AE-DHA", "IN"], "Dubai Health Authority (DHA)"),
    ):
        plan = profile.plan.model_copy(update={"targets": targets})
        chosen = profile.model_copy(update={"plan": plan})
        cv = build(chosen, log, papers, target=target_for(chosen), on=ON)
        assert cv.headline == f"Curriculum vitae for an academic post, {name}"
        assert cv.target == targets[0]
    # The core alone, given no target, heads it for the first target too.
    assert made(facts, None, targets=["IN", "AE-DHA"]).target == "IN"


def test_another_target_can_be_chosen(facts):
    cv = made(facts, "GB", targets=["IN", "AE-DHA"])
    assert cv.headline.endswith(", United Kingdom") and cv.target == "GB"


def test_gb_follows_the_gmcs_cv_guidance(facts):
    cv = made(facts, "GB")
    # No date of birth, nationality or photograph: nothing personal beyond the name.
    assert section(cv, "personal") is None
    assert not cv.photo
    assert photo_refused(target("GB")).startswith("a CV for United Kingdom has no photograph")
    assert not made(facts, "GB", photo=True).photo
    # Licence numbers given; dates as DD/MM/YYYY; posts most recent first.
    licence = next(e for e in section(cv, "certificates").entries if "licence" in e.title)
    assert licence.detail == "Licence number 000000" and licence.when == "to 31/08/2027"
    assert titles(cv, "training") == ["Fellowship in cardiology", "Residency in internal medicine"]
    assert whens(cv, "training") == ["01/07/2021 to 30/06/2024", "01/07/2018 to 30/06/2021"]
    # Every gap over 28 days since the degree, most recent first, to be explained.
    assert whens(cv, "gaps") == ["01/07/2026 to 05/12/2026", "01/07/2014 to 30/06/2018"]
    assert titles(cv, "gaps") == ["No post (158 days)", "No post (1461 days)"]
    assert (
        "The CV lists 2 gaps of more than 28 days between posts: add a brief explanation of "
        "each (in the Word version)." in cv.advice
    )
    assert "Hand it in within 3 months: by 5 Mar 2027." in cv.advice
    assert cv.style_note == "" and cv.signature == ""
    sources = {f.key: f.sources for f in cv.followed}
    assert "gmc-cv-guidance" in sources["registration_numbers"]
    assert {f.key: f.words for f in cv.followed}["dates"] == "DD/MM/YYYY"


def test_de_follows_the_approbation_authorities_lebenslauf(facts):
    cv = made(facts, "DE", photo=True)
    assert cv.sections[0].id == "personal"
    assert [(e.title, e.when) for e in cv.sections[0].entries] == [
        ("Date of birth", "15 Mar 1990"),
        ("Nationality", "India"),
    ]
    assert cv.photo  # customary in Germany
    assert titles(cv, "training")[0] == "Fellowship in cardiology"  # most recent first
    # Without gaps: every day with no post is listed.
    assert whens(cv, "gaps") == ["1 Jul 2026 to 5 Dec 2026", "1 Jul 2014 to 30 Jun 2018"]
    assert (
        "The CV lists 2 periods with no post: add a brief explanation of each (in the Word "
        "version)." in cv.advice
    )
    assert cv.signature.startswith("Place and date:")
    assert "It must be in German: this CV is in English. Have it translated." in cv.advice
    assert "Print it and sign it by hand, with the place and the date." in cv.advice
    # Licence numbers: nobody reliable says, so they are left out and asked about.
    licence = next(e for e in section(cv, "certificates").entries if "licence" in e.title)
    assert licence.detail == ""
    assert any(
        a.startswith("Registration and licence numbers: not known. Should the CV for the "
                     "Approbation give the numbers of your US licences")
        for a in cv.advice
    )  # fmt: skip


def test_in_gives_registration_numbers_and_asks_about_the_rest(facts):
    cv = made(facts, "IN")
    assert section(cv, "personal") is None  # date of birth, nationality: not known
    licence = next(e for e in section(cv, "certificates").entries if "licence" in e.title)
    assert licence.detail == "Licence number 000000"
    asked = [a for a in cv.advice if ": not known. " in a]
    assert [a.split(":")[0] for a in asked] == ["Photograph", "Date of birth", "Nationality"]
    assert "expect a photograph on your CV?" in asked[0]
    # A photograph may go on it when you choose one: nobody says it may not.
    assert photo_refused(target("IN")) is None and made(facts, "IN", photo=True).photo
    assert section(cv, "gaps") is None and cv.signature == "" and cv.style_note == ""


def test_ae_dha_leaves_each_item_out_and_asks(facts):
    cv = made(facts, "AE-DHA")
    assert cv.headline.endswith(", Dubai Health Authority (DHA)")
    assert section(cv, "personal") is None and section(cv, "gaps") is None
    licence = next(e for e in section(cv, "certificates").entries if "licence" in e.title)
    assert licence.detail == ""
    assert whens(cv, "training")[0] == "Jul 2018 to Jun 2021"  # as the profile lists them
    assert [f.key for f in cv.followed if f.question] == [
        "photograph",
        "date_of_birth",
        "nationality",
        "registration_numbers",
        "dates",
        "gaps",
    ]
    assert cv.style_note == ""  # the pack says: it does not know


@pytest.mark.parametrize("code", ["JP", "US", "AE"])
def test_without_conventions_it_is_us_style_and_says_so(facts, code):
    cv = made(facts, code, photo=True)
    name = {"JP": "Japan", "US": "United States", "AE": "United Arab Emirates"}[code]
    assert cv.style_note == f"Laid out in US style: no CV conventions are recorded for {name}."
    assert cv.to_json()["style_note"] == cv.style_note
    assert not cv.photo and section(cv, "personal") is None
    assert cv.advice[-1].startswith("The photograph is left out: no CV conventions")
    assert whens(cv, "training")[0] == "Jul 2018 to Jun 2021"


def test_every_pack_with_a_cv_section_cites_its_sources_or_asks():
    with_cv = {p.code: p for p in bundled_packs() if p.cv is not None}
    assert set(with_cv) >= {"IN", "DE", "AE-DHA", "GB"}
    for pack in with_cv.values():
        for key, value in pack.cv.items():
            assert value.unknown is not None or value.sources, (pack.code, key)
            assert all(s in pack.sources for s in value.sources), (pack.code, key)


def test_gaps_count_from_the_degree_to_the_day_made_and_skip_what_is_covered(facts):
    profile, _, _ = facts
    assert gaps(profile, ON, 28) == (
        (date(2014, 7, 1), date(2018, 6, 30)),
        (date(2026, 7, 1), date(2026, 12, 5)),
    )
    assert gaps(profile, date(2026, 6, 30), 0) == ((date(2014, 7, 1), date(2018, 6, 30)),)
    assert gaps(profile, ON, 1461) == ()  # exactly 1,461 days is not over 1,461
    assert gaps(profile, ON, None) == ()
