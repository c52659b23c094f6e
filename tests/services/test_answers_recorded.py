"""What a logged answer answers, as "the regulator told me" recorded it
(services/correspondence.answers_to): the target, and the pack rule it settles or the
kind of the new rule it made; readiness (services/readiness.py) reads nothing else."""

from datetime import date

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.db.models import Correspondence
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import correspondence, readiness, regulator_answers
from wayhome.services.source import from_store

ON = date(2026, 11, 24)
TOLD = regulator_answers.Told(answered=date(2026, 11, 3), channel="email", said="Twelve years.")


@pytest.fixture
def me(db):
    user = store.local_account()
    store.save_profile(user, to_data(load_profile(example_path("do-the-math"))[0]))
    return user


def test_an_answer_told_against_a_finding_records_its_target_and_rule(me):
    item = regulator_answers.record(me, "XX:xx-exam-graduation-window", {"years": "12"}, TOLD, ON)
    assert correspondence.answers_to(item) == ("XX", "xx-exam-graduation-window", None)
    made = regulator_answers.record(me, "XX:+age-limit", {"age": "45", "inclusive": "no"}, TOLD, ON)
    assert correspondence.answers_to(made) == ("XX", None, "max_age")


def test_an_answer_logged_without_the_told_form_answers_no_rule(me):
    item = Correspondence.objects.create(
        owner=me, jurisdiction="XX", question="Any exam?", answer="Yes.", answered=ON
    )
    assert correspondence.answers_to(item) == ("XX", None, None)


def test_the_target_is_the_one_told_even_on_another_regulators_question(me):
    item = Correspondence.objects.create(owner=me, jurisdiction="AE-DHA", question="Anything?")
    regulator_answers.record(
        me, "XX:xx-exam-graduation-window", {"years": "12"}, TOLD, ON, item=item
    )
    item.refresh_from_db()
    assert correspondence.answers_to(item) == ("XX", "xx-exam-graduation-window", None)
    [answer] = readiness.of(from_store(me)).answers
    assert (answer.jurisdiction, answer.rule, answer.kind, answer.written) == (
        "XX",
        "xx-exam-graduation-window",
        None,
        True,
    )
