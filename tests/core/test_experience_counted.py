"""Experience counted from the periods themselves: kinds of work, part time, gaps, a
country, licences; what is assumed; and recent practice from every period."""

from __future__ import annotations

from datetime import date

import pytest

from tests.helpers import assess_one, mini_pack, profile
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.profile.facts import ProfileFacts
from wayhome.core.rules.report import Status

ON = "2024-01-01"


def _experience(params: str, **over):
    rule = f"""
  - id: exp
    kind: min_years_experience
    title: Experience
    versions: [{{source: s1, years: 1, {params}}}]
"""
    a = assess_one(profile(**over), ON, [mini_pack(rule)])
    assert len(a.findings) == 1, a.findings
    return a.findings[0]


def _work(kind: str, start: str, end: str | None, country: str = "XX", **more):
    return {"role": "job", "kind": kind, "country": country, "start": start, "end": end, **more}


def test_ten_months_of_teaching_are_ten_months_of_a_year_not_a_year():
    f = _experience(
        "counts: [teaching]",
        training=[],
        work=[_work("teaching", "2022-01-01", "2022-10-31")],
    )
    assert f.earliest is None and f.completed_on is None
    assert f.status is Status.UNKNOWN
    assert "your periods add up to 10 months of the 1 year needed" in f.explanation
    assert "Nothing is assumed after your last recorded period" in f.explanation
    # Work still to come is the physician's to add, not a question for the regulator.
    assert f.question is None
    assert f.to_add and f.to_add.startswith(
        "Add the teaching that will complete 1 year of experience to your profile"
    )


def test_teaching_does_not_count_where_only_clinical_work_does():
    f = _experience(
        "counts: [clinical]",
        training=[],
        work=[
            _work("teaching", "2019-01-01", "2019-12-31"),
            _work("clinical", "2020-01-01", "2020-12-31"),
        ],
    )
    # 2020 is a leap year: 1 Jan 2020 + 1 year covers 366 days, completed 31 Dec 2020.
    assert f.completed_on == date(2020, 12, 31)
    assert f.earliest == date(2021, 1, 1)


def test_a_gap_pushes_the_completion_by_as_many_days():
    f = _experience(
        "counts: [clinical]",
        training=[],
        work=[
            _work("clinical", "2021-01-01", "2021-06-30"),  # 181 days
            _work("clinical", "2021-09-01", "2022-12-31"),  # after a 62-day gap
        ],
    )
    # 365 days are needed from 1 Jan 2021: 181 before the gap, 184 more from 1 Sep.
    assert f.completed_on == date(2022, 3, 3)
    assert f.earliest == date(2022, 3, 4)
    assert "days that do not count, and part-time days in part, push it later" in f.explanation


def test_half_time_counts_half():
    f = _experience(
        "counts: [clinical]",
        training=[],
        work=[_work("clinical", "2021-01-01", "2022-12-31", fraction=0.5)],
    )
    # 365 days needed at half a day each: 730 days, the last on 31 Dec 2022.
    assert f.completed_on == date(2022, 12, 31)


def test_training_counts_only_where_the_rule_lists_it():
    base = {"work": [_work("clinical", "2024-01-01", "2024-06-30")]}
    without = _experience("counts: [clinical]", **base)
    with_training = _experience("counts: [clinical, training]", **base)
    assert without.completed_on is None  # six months of clinical work only
    # The residency of 2021-2023 (in BASE) counts: its first year is done on 31 Dec 2021.
    assert with_training.completed_on == date(2021, 12, 31)
    assert "Counting clinical work and training" in with_training.explanation


def test_only_the_rules_country_counts():
    f = _experience(
        "counts: [clinical], country: XX",
        training=[],
        work=[
            _work("clinical", "2020-01-01", "2020-12-31", country="GB"),
            _work("clinical", "2021-01-01", "2021-12-31"),
        ],
    )
    assert f.completed_on == date(2021, 12, 31)
    assert "Counting clinical work in Exampleland (fictional)" in f.explanation


def test_only_days_a_licence_covers_count_while_licensed():
    f = _experience(
        "counts: [clinical], country: XX, while_licensed: true",
        training=[],
        work=[_work("clinical", "2021-01-01", "2022-12-31")],
        licences=[{"jurisdiction": "XX", "issued": "2021-04-01"}],
    )
    # Unlicensed January to March do not count: a year from 1 Apr 2021.
    assert f.completed_on == date(2022, 3, 31)
    assert "while licensed there" in f.explanation


def test_an_open_job_at_home_goes_on_after_the_return_and_one_abroad_stops():
    home = _experience(
        "counts: [clinical]",
        training=[],
        work=[_work("clinical", "2024-07-01", None)],  # at home (XX), no end
        plan={"return_date": "2024-06-01"},
    )
    assert home.completed_on == date(2025, 6, 30)
    assert "Wayhome assumed your work as job goes on after you return" in home.explanation
    abroad = _experience(
        "counts: [clinical]",
        training=[],
        work=[_work("clinical", "2024-03-01", None, country="US")],
        plan={"return_date": "2024-09-01"},
    )
    # Six months in the US to the day before the return; nothing assumed after it.
    assert abroad.completed_on is None
    assert "your periods add up to 6 months of the 1 year needed" in abroad.explanation
    assert "Wayhome assumed your work as job goes on until you return" in abroad.explanation


def test_nothing_that_counts_asks_for_it():
    f = _experience("counts: [research]", training=[], work=[])
    assert f.status is Status.UNKNOWN
    assert "nothing in your profile counts yet" in f.explanation


def test_without_counts_the_rule_keeps_the_anniversary_of_its_anchor():
    f = _experience("after: training", work=[_work("teaching", "2024-01-01", "2024-03-31")])
    # BASE's residency ends 31 Dec 2023: experience from 1 Jan 2024, a year done 31 Dec 2024.
    assert f.completed_on == date(2024, 12, 31)
    assert f.earliest == date(2025, 1, 1)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ("title: x", "give 'after' (what experience is counted from) or 'counts'"),
        ("after: training, country: XX", "'country' and 'while_licensed' need 'counts'"),
        ("counts: [surgery]", "counts"),
    ],
    ids=["neither", "country-without-counts", "unknown-kind"],
)
def test_bad_values_are_refused_with_their_place(params, message):
    with pytest.raises(InvalidFileError) as e:
        _experience(params)
    assert "pack.yaml:" in str(e.value) and message in str(e.value)


def test_practice_is_training_and_clinical_work_not_teaching():
    facts = ProfileFacts.of(
        profile(
            work=[
                _work("clinical", "2024-01-01", "2024-06-30"),
                _work("teaching", "2024-07-01", "2025-06-30"),
            ]
        )
    )
    assert facts.practice_end() == (date(2024, 6, 30), False)


def _recent(consequences: str = "", **over):
    rule = f"""
  - id: rp
    kind: recent_practice
    title: Recent practice
    versions: [{{source: s1, years: 2{consequences}}}]
"""
    a = assess_one(profile(**over), ON, [mini_pack(rule)])
    assert len(a.findings) == 1, a.findings
    return a.findings[0]


def test_a_gap_beyond_the_limit_shows_what_the_regulator_then_asks():
    consequences = ", consequences: [50 hours of CPD, 3 months of supervised practice]"
    late = _recent(consequences, plan={"return_date": "2026-07-01"})
    assert late.status is Status.CONFLICT
    assert (
        "With a longer gap the regulator asks for: 50 hours of CPD; 3 months of supervised "
        "practice." in late.explanation
    )
    in_time = _recent(consequences, plan={"return_date": "2025-06-01"})
    assert in_time.status is Status.TIGHT  # within the two years, by under 12 months
    assert "regulator asks for" not in in_time.explanation


def test_an_earlier_long_gap_is_named_but_does_not_set_the_deadline():
    f = _recent(
        training=[],
        work=[
            _work("clinical", "2015-01-01", "2016-12-31"),
            _work("clinical", "2020-01-01", "2023-12-31"),
        ],
    )
    assert f.deadline == date(2025, 12, 31)
    assert "Earlier you had a longer gap (1 Jan 2017 to 31 Dec 2019)" in f.explanation
