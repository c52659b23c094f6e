"""Every rule kind asked in plain words: its questions cover what its versions require,
each answer is read into a value the kind takes, and a new rule made of them holds."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.helpers import profile
from wayhome.core.profile.model import ConfirmedRule, Profile
from wayhome.core.rules import questions
from wayhome.core.rules.base import Rule
from wayhome.core.rules.confirmed import with_confirmed
from wayhome.core.rules.kinds import KINDS
from wayhome.core.rules.questions import QUESTIONS, AnswersError, Input


def test_every_kind_that_can_be_confirmed_has_its_questions():
    # A new kind fails here until its questions are written (core/rules/questions.py).
    assert set(QUESTIONS) == set(KINDS)


def test_topics_and_their_slugs_are_unique_and_name_no_kind():
    slugs = [q.slug for q in QUESTIONS.values()]
    assert len(set(slugs)) == len(slugs)
    assert len({q.topic for q in QUESTIONS.values()}) == len(QUESTIONS)
    for kind, q in QUESTIONS.items():
        assert questions.by_slug(q.slug) == kind
        words = [q.topic] + [a.question for a in q.asks] + [a.name for a in q.asks]
        for text in words:
            assert "_" not in text, text  # no kind name (they all have one)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_question_sets_a_value_its_kind_has_and_the_required_ones_are_asked(kind):
    version = questions.version_model(kind)
    rule_fields = set(KINDS[kind].model_fields) - set(Rule.model_fields)
    for a in QUESTIONS[kind].asks:
        owner = rule_fields if a.new_only else set(version.model_fields)
        assert a.key in owner, f"{kind}: {a.key} is not a value of the kind"
        assert a.question.endswith("?") or a.question.endswith("."), a.question
        if a.input in (Input.CHOICE, Input.YES_NO):
            assert a.choices, f"{kind}: {a.key} has nothing to choose"
    asked = {a.key for a in QUESTIONS[kind].asks}
    assert set(version.REQUIRED) <= asked
    # a confirmed rule's own fields (its title, what it applies to) are not values
    assert not asked & set(ConfirmedRule.model_fields)


def sample(a: questions.Ask) -> Any:
    """A valid answer as a person would give it."""
    if a.input is Input.CHOICE:
        return a.choices[0][0]
    return {
        Input.WHOLE: str(max(a.low or 1, 1)),
        Input.YES_NO: "yes",
        Input.TEXT: "Clinical attachment",
        Input.LINES: "Certificate of good standing\nDiploma",
        Input.COUNTS: "Coronary angiography 300",
        Input.MONTHS: ["6", "12"],
        Input.COUNTRY: "IN",
    }[a.input]


def profile_with(rule: dict[str, Any]) -> Profile:
    return profile(confirmed_rules=[{"jurisdiction": "XX", **rule, "evidence": "letter"}])


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_answers_to_every_question_make_a_new_rule_that_holds(kind):
    typed = {a.key: sample(a) for a in questions.asks(kind, new=True)}
    values = questions.read(kind, typed, new=True)
    rules, problems = with_confirmed(profile_with({"kind": kind, **values}), None, "XX")
    assert problems == []
    (rule, confirmed), = rules  # fmt: skip
    assert confirmed is not None and rule.kind == kind
    # ...and the rule's values read back as the same answers.
    again = questions.answers_of(kind, rule.versions[0], new=False)
    for a in questions.asks(kind, new=False):
        assert again.get(a.key) == typed[a.key], a.key


def test_it_reads_answers_as_people_give_them():
    values = questions.read(
        "exam",
        {
            "name": " National   Exit Test ",
            "purpose": "licensing",
            "sittings": ["3", "9"],
            "registration_closes": "30",
            "pass_valid": "5",
            "attempts": "",
        },
        new=True,
    )
    assert values == {
        "name": "National Exit Test",
        "purpose": "licensing",
        "sittings": {"months": [3, 9]},
        "registration_closes": {"days": 30},
        "pass_valid": {"years": 5},
    }
    assert questions.read("exam", {"sittings": ["any"]}, new=False) == {
        "sittings": {"on_demand": True}
    }
    minimums = questions.read(
        "procedure_minimums",
        {"logbook": "Richtzahlen", "minimums": "Coronary angiography 1,000\nPCI 200"},
        new=False,
    )
    assert minimums["minimums"] == [
        {"item": "Coronary angiography", "count": 1000},
        {"item": "PCI", "count": 200},
    ]


def errors(kind: str, typed: dict[str, Any], new: bool = False) -> dict[str, str]:
    with pytest.raises(AnswersError) as e:
        questions.read(kind, typed, new=new)
    return e.value.errors


def test_what_cannot_be_read_is_said_by_the_questions_name():
    assert errors("max_years_since_graduation", {"years": "ten"}) == {
        "years": "Years after graduation: give a whole number, in years"
    }
    assert errors("max_years_since_graduation", {"years": "0"}) == {
        "years": "Years after graduation: give a number from 1 to 60"
    }
    assert errors("max_years_since_graduation", {}) == {
        "years": "Years after graduation: give what they told you"
    }
    assert errors("max_age", {"age": "65"}) == {
        "inclusive": "That age itself allowed: choose what they told you"
    }
    assert errors(
        "recognition",
        {"residency": "maybe", "fellowship": "unknown", "board_certification": "unknown"},
    ) == {
        "residency": "US residency: choose one of: full specialist recognition, provisional or "
        "limited specialist recognition, a conversion: local exams or training first, not "
        "recognised, they did not say"
    }
    assert errors("procedure_minimums", {"logbook": "x", "minimums": "PCI lots"}) == {
        "minimums": "Procedures: line 1 (PCI lots): end it with how many, like Coronary "
        "angiography 300"
    }
    assert errors("max_years_since_training", {"years": "5", "country": "Atlantis"}) == {
        "country": "Only training in: choose a country from the list"
    }
    # a new exam needs its name and what it is for; a pack's exam has them
    new_exam = errors("exam", {"sittings": ["6"]}, new=True)
    assert set(new_exam) == {"name", "purpose"}


def test_the_event_is_said_as_a_verb():
    ask = QUESTIONS["max_years_since_graduation"].asks[0]
    assert ask.text(questions.event_words("application")) == (
        "How many years after you graduated may you still apply?"
    )
    assert ask.text(questions.event_words("exam:in-fmge", "FMGE")) == (
        "How many years after you graduated may you still sit the FMGE?"
    )


def test_a_version_is_said_in_a_sentence():
    from wayhome.core.rules.kinds.age import MaxAgeVersion
    from wayhome.core.rules.kinds.local import LocalTrainingVersion

    age = MaxAgeVersion.model_validate({"age": 70, "inclusive": True, "source": "s"})
    assert (
        questions.statement("max_age", age)
        == "the age limit is 70 years; someone aged exactly 70 is still allowed"
    )
    local = LocalTrainingVersion.model_validate(
        {"duration": {"years": 1}, "what": "a supervised attachment", "source": "s"}
    )
    assert questions.statement("local_training", local) == (
        "months needed: 12 months; what it is: a supervised attachment"
    )
    assert questions.answers_of("max_age", None, new=False) == {}


def test_an_unknown_version_gives_no_answers():
    from wayhome.core.rules.kinds.windows import YearsVersion

    unknown = YearsVersion.model_validate(
        {"unknown": {"question": "How long?", "why": "Not published."}, "from": date(2020, 1, 1)}
    )
    assert questions.answers_of("max_years_since_graduation", unknown, new=False) == {}


def test_a_confirmed_rules_values_are_said_as_they_were_asked():
    values = questions.read("exam", {"sittings": ["3", "9"], "pass_valid": "5"}, new=False)
    assert (
        questions.said("exam", values) == "months held: March, September; a pass valid for: 5 years"
    )
    assert questions.said("max_age", {"age": 65, "inclusive": False}) == (
        "the age limit is 65 years; someone aged exactly 65 is no longer allowed"
    )
