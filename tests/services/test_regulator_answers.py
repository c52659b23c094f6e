""" "The regulator told me": the finding picked, its questions in plain words, and the
confirmed rule Wayhome makes of the answers, with the answer logged and its email kept."""

from datetime import date

import pytest

from tests.helpers.web import PASS
from wayhome.adapters.db import store
from wayhome.adapters.db.models import Correspondence, Evidence
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.core.rules import engine
from wayhome.services import regulator_answers as answers
from wayhome.services import vault_access
from wayhome.services.regulator_answers import AnswerError, Told
from wayhome.services.source import from_store

ON = date(2026, 11, 24)
WINDOW = "XX:xx-exam-graduation-window"
TOLD = Told(answered=date(2026, 11, 3), channel="email", person="Registration Office",
            said="The window is 12 years from graduation.")  # fmt: skip
REPLY = (
    b"From: Registration Office <registration@council.example>\r\n"
    b"Subject: Re: exam window\r\nDate: Tue, 3 Nov 2026 09:12:00 +0000\r\n"
    b"\r\nThe window is 12 years from graduation.\r\n"
)


@pytest.fixture
def me(db):
    user = store.local_account()
    store.save_profile(user, to_data(load_profile(example_path("do-the-math"))[0]))
    return user


@pytest.fixture
def unlocked(me, settings, tmp_path):
    """A vault made and unlocked for one signed-in session; locked again after."""
    settings.DATA_DIR = tmp_path
    vault_access.create(me, "a-session", PASS, PASS)
    yield "a-session"
    vault_access.lock("a-session")


def finding(user, rule: str):
    report = engine.assess(from_store(user).profile, list(bundled_packs()), ON, ["XX"])
    return next(f for f in report.assessments[0].findings if f.rule == rule)


def test_it_lists_each_targets_findings_open_ones_first_and_topics_for_something_else(me):
    (xx,) = answers.choices(me, ON)
    assert xx.code == "XX" and xx.name.startswith("Exampleland")
    keys = [c.key for c in xx.findings]
    assert keys[0] == "XX:xx-faculty-teaching"  # unknown: open
    assert xx.findings[0].open and not xx.findings[1].open
    assert WINDOW in keys
    words = dict(xx.topics)
    assert words["XX:+age-limit"] == "An age limit"
    assert all("_" not in w for w in words.values())  # no kind names


def test_a_findings_questions_say_what_it_governs_and_start_from_what_the_pack_says(me):
    t = answers.topic(me, WINDOW, ON)
    assert t.title == "Sit the conversion exam within the window after graduation"
    ((_, text),) = t.asks
    assert text == (
        "How many years after you graduated may you still sit the Specialist Conversion "
        "Examination?"
    )
    assert t.initial == {"years": "10"} and t.required == {"years"}
    assert t.says is not None and t.says.startswith("years after graduation: 10 years (from")
    age = answers.topic(me, "XX:+age-limit", ON)
    assert [text for _, text in age.asks] == [
        "What is the age limit to apply?",
        "May someone of exactly that age still apply?",
    ]
    new = answers.topic(me, "XX:+exam", ON)
    assert [a.key for a, _ in new.asks][:2] == ["name", "purpose"] and new.new
    for bad in ("XX:nope", "ZZ:xx-recognition", "XX:+nope", "XX"):
        with pytest.raises(LookupError):
            answers.topic(me, bad, ON)


def test_the_answers_become_a_confirmed_rule_logged_as_the_regulators_answer(me):
    assert finding(me, "xx-exam-graduation-window").status.value == "conflict"
    item = answers.record(me, WINDOW, {"years": "12"}, TOLD, ON)
    rule = from_store(me).profile.confirmed_rules[0]
    assert (rule.rule, rule.values) == ("xx-exam-graduation-window", {"years": 12})
    assert rule.evidence_date == date(2026, 11, 3)
    assert "Registration Office" in rule.evidence_note
    after = finding(me, "xx-exam-graduation-window")
    assert after.confirmed_by_user and after.deadline == date(2029, 6, 29)
    assert item.answer == TOLD.said and item.channel == "email"
    assert answers.summary(item) == (
        "Sit the conversion exam within the window after graduation: years after "
        "graduation: 12 years"
    )
    # Told again: the earlier answer is replaced, not doubled; it is what Wayhome has now.
    again = answers.topic(me, WINDOW, ON)
    assert again.says == "You were told: years after graduation: 12 years"
    assert again.initial == {"years": "12"}
    answers.record(me, WINDOW, {"years": "11"}, TOLD, ON)
    assert [c.values for c in from_store(me).profile.confirmed_rules] == [{"years": 11}]


def test_something_else_makes_a_new_rule_of_that_topic(me):
    item = answers.record(
        me, "XX:+age-limit", {"age": "45", "inclusive": "no"}, TOLD, ON,
        applies_to="consultant post",
    )  # fmt: skip
    (rule,) = from_store(me).profile.confirmed_rules
    assert rule.kind == "max_age" and rule.values == {"age": 45, "inclusive": False}
    assert rule.applies_to == "consultant post"
    assert item.question == "An age limit?" and item.jurisdiction == "XX"
    f = finding(me, "confirmed-1")
    assert f.title == "Age limit: consultant post" and f.confirmed_by_user
    # ...and answering it again goes to the same rule
    t = answers.topic(me, "XX:confirmed-1", ON)
    assert t.new and t.initial == {"age": "45", "inclusive": "no"}
    answers.record(me, "XX:confirmed-1", {"age": "50", "inclusive": "no"}, TOLD, ON)
    assert [c.values["age"] for c in from_store(me).profile.confirmed_rules] == [50]


def test_answers_that_do_not_fit_are_refused_in_words_and_nothing_is_saved(me):
    before = store.profile_data(me)
    with pytest.raises(AnswerError) as e:
        answers.record(me, WINDOW, {"years": "twelve"}, TOLD, ON)
    assert e.value.errors == {"years": "Years after graduation: give a whole number, in years"}
    with pytest.raises(AnswerError) as e:
        answers.record(me, "XX:+age-limit", {"age": "45"}, TOLD, ON)
    assert e.value.errors == {"inclusive": "That age itself allowed: choose what they told you"}
    assert store.profile_data(me) == before
    assert not Correspondence.objects.exists()


def test_the_email_is_kept_in_the_vault_beside_the_answer(me, unlocked):
    item = answers.record(
        me, WINDOW, {"years": "12"}, TOLD, ON, upload=("reply.eml", REPLY), session=unlocked
    )
    evidence = Evidence.objects.get(correspondence=item)
    assert evidence.headers["subject"] == "Re: exam window"
    (rule,) = from_store(me).profile.confirmed_rules
    assert rule.evidence_file == f"vault:{evidence.vault_file.object_id}"


def test_a_file_the_vault_refuses_or_a_locked_vault_is_said_before_anything_is_saved(me, unlocked):
    before = store.profile_data(me)
    with pytest.raises(AnswerError) as e:
        answers.record(me, WINDOW, {"years": "12"}, TOLD, ON, upload=("r.eml", REPLY))
    assert "the vault is locked" in e.value.errors["file"]
    with pytest.raises(AnswerError) as e:
        answers.record(
            me, WINDOW, {"years": "12"}, TOLD, ON, upload=("x.zip", b"PK\x03\x04junk"),
            session=unlocked,
        )  # fmt: skip
    assert e.value.errors["file"].startswith("The email or letter: ")
    assert store.profile_data(me) == before and not Correspondence.objects.exists()


def test_a_logged_question_is_answered_in_place_and_found_by_its_finding(me):
    # A question for the regulator (the pack does not know the years a senior public post
    # needs); what to add to the profile is never logged as one.
    data = store.profile_data(me)
    data["plan"]["return_type"] = "public"
    store.save_profile(me, data)
    item = Correspondence.objects.create(
        owner=me, jurisdiction="XX", question=finding(me, "xx-senior-public-post").question
    )
    assert item.question
    assert answers.key_for(me, item, ON) == "XX:xx-senior-public-post"
    other = Correspondence.objects.create(owner=me, jurisdiction="XX", question="Anything?")
    assert answers.key_for(me, other, ON) is None
    answers.record(me, WINDOW, {"years": "12"}, TOLD, ON, item=other)
    other.refresh_from_db()
    assert other.answer == TOLD.said and other.confirmed_rule["years"] == 12
    assert Correspondence.objects.count() == 2
