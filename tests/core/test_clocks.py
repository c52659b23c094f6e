"""The visa clocks on worked cases: continuous presence, interruptions, visits back."""

from datetime import date

import pytest
from pydantic import ValidationError

from tests.helpers import all_packs, profile
from wayhome.core.visa import clocks

J1 = {
    "visa_history": [{"type": "J-1", "start": "2018-06-20", "end": "2024-06-30"}],
    "home_country": "IN",
    "plan": {"return_date": "2024-07-15"},
}


def clock(prof, cid, on="2026-11-24"):
    return next(c for c in clocks.clocks(prof, all_packs(), date.fromisoformat(on)) if c.id == cid)


def test_continuous_presence_meets_two_years_after_731_days():
    prof = profile(**J1, stays=[{"country": "IN", "start": "2024-07-15", "end": "2027-12-31"}])
    c = clock(prof, "j1-home")
    # 731 days from 15 Jul 2024 (the first at home) end on 15 Jul 2026.
    assert c.date == date(2026, 7, 15)
    assert c.status == "met"
    assert "731 days are needed" in c.explanation


def test_days_back_in_the_us_do_not_count():
    prof = profile(
        **J1,
        stays=[
            {"country": "IN", "start": "2024-07-15", "end": "2025-01-10"},
            {"country": "US", "start": "2025-01-10", "end": "2025-02-09"},  # a travel day shared
            {"country": "IN", "start": "2025-02-09", "end": "2027-12-31"},
        ],
    )
    c = clock(prof, "j1-home")
    # Travel days count for the country arrived in: 10 Jan is the US, 9 Feb is India.
    # 30 days in the US push the date back by 30 days: 14 Aug 2026.
    assert c.date == date(2026, 8, 14)


def test_an_interrupted_stay_with_unknown_days_counts_only_what_is_recorded():
    prof = profile(
        **J1,
        stays=[
            {"country": "IN", "start": "2024-07-15", "end": "2025-07-14"},  # 365 days
            {"country": "IN", "start": "2026-01-01", "end": "2026-12-31", "planned": True},
        ],
    )
    c = clock(prof, "j1-home")
    # 365 + 365 recorded days: a day short, with the gap in 2025 unknown (not counted).
    assert c.status == "info"
    assert "730 of the 731 days at home are in your stays log up to 31 Dec 2026" in c.explanation
    assert "At this rate the requirement is met around 1 Jan 2027" in c.explanation
    assert c.date == date(2027, 1, 1)


def test_without_stays_the_home_clock_asks_for_them():
    c = clock(profile(**J1), "j1-home")
    assert c.status == "unknown" and "Add your stays" in c.explanation


def test_a_granted_waiver_waives_the_home_requirement():
    prof = profile(
        **J1, j1_waiver={"route": "conrad-30", "status": "granted", "date": "2024-03-01"}
    )
    c = clock(prof, "j1-home")
    assert c.status == "waived"
    assert "three years of full-time H-1B work" in c.explanation


def test_the_j1_limit_and_grace_come_from_the_us_pack():
    prof = profile(**J1)
    limit = clock(prof, "j1-limit")
    assert limit.date == date(2025, 6, 19) and limit.status == "ok"
    grace = clock(prof, "j1-grace")
    assert grace.date == date(2024, 7, 30)  # 30 days after 30 Jun 2024


def test_h1b_time_abroad_is_recaptured():
    prof = profile(
        visa={"type": "H-1B", "start": "2022-01-01"},
        plan={"return_date": "2027-01-01"},
        stays=[
            {"country": "US", "start": "2022-01-01", "end": "2023-05-31"},
            {"country": "IN", "start": "2023-05-31", "end": "2023-06-30"},
            {"country": "US", "start": "2023-06-30", "end": "2026-12-31"},
        ],
    )
    c = clock(prof, "h1b-max")
    # 30 days abroad (31 May to 29 Jun) come back: the 6 years end 30 days later.
    assert "less 30 days abroad" in c.explanation
    assert c.date == date(2028, 1, 30)


def test_overlapping_stays_are_an_error_naming_both():
    with pytest.raises(ValidationError, match=r"stays\[0\] .* and stays\[1\] .* overlap"):
        profile(
            stays=[
                {"country": "IN", "start": "2025-01-01", "end": "2025-03-01"},
                {"country": "US", "start": "2025-02-01", "end": "2025-04-01"},
            ]
        )


def test_drifting_eight_years_after_training_is_flagged():
    prof = profile(plan={"return_date": "2031-06-01"})  # residency ended 31 Dec 2023
    c = clock(prof, "drift")
    assert "7 years after your US training ends" in c.explanation
