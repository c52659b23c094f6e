"""The visa clocks on worked cases, each date exact to the day with its convention:
the J-1's seven years and grace period, a board-exam extension, two years at home
(INA 212(e)), H-1B with trips recaptured, Conrad 30, and drift."""

from datetime import date

import pytest
from pydantic import ValidationError

from tests.helpers import all_packs, profile
from wayhome.core.planner import scenarios
from wayhome.core.profile.model import Scenario, Training
from wayhome.core.visa import clocks
from wayhome.core.visa.clocks import ClockStatus

# A J-1 internist: the visa from 20 Jun 2019, residency from 1 Jul 2019 to 30 Jun 2026.
J1 = {
    "home_country": "IN",
    "training": [
        {
            "kind": "residency",
            "specialty": "internal-medicine",
            "country": "US",
            "start": "2019-07-01",
            "end": "2022-06-30",
        },
        {
            "kind": "fellowship",
            "specialty": "cardiology",
            "country": "US",
            "start": "2022-07-01",
            "end": "2026-06-30",
        },
    ],
    "visa": {"type": "J-1", "start": "2019-06-20"},
    "plan": {"return_date": "2026-07-30"},
}


def clock(prof, cid, on="2026-01-01"):
    found = {c.id: c for c in clocks.clocks(prof, all_packs(), date.fromisoformat(on))}
    return found[cid]


def _stay(country, start, end, **more):
    return {"country": country, "start": start, "end": end, **more}


# -- J-1: seven years, grace, extension ------------------------------------------------


def test_seven_years_count_from_the_first_programme_not_the_visa():
    c = clock(profile(**J1), "j1-limit")
    assert c.last_day == date(2026, 6, 30)  # from 1 Jul 2019 (day 1), not 20 Jun 2019
    assert c.status is ClockStatus.RUNNING
    assert "counted from the start of your US residency, 1 Jul 2019 (day 1)" in c.explanation
    assert "(the end of your last US training period, as your profile has no J-1 end" in (
        c.explanation
    )


# A fellowship after the seven years, planned in the profile or in a scenario.
EXTRA_FELLOWSHIP = {
    "kind": "fellowship",
    "specialty": "interventional-cardiology",
    "country": "US",
    "start": "2026-07-01",
    "end": "2027-06-30",
}


@pytest.mark.parametrize("planned_in", ["the-profile", "a-scenario"])
def test_a_planned_fellowship_past_seven_years_cannot_be_sponsored(planned_in):
    base = profile(**J1)
    assert clock(base, "j1-limit").status is ClockStatus.RUNNING
    if planned_in == "the-profile":
        prof = profile(**{**J1, "training": [*J1["training"], EXTRA_FELLOWSHIP]})
    else:
        extra = Training.model_validate(EXTRA_FELLOWSHIP)
        prof = scenarios.apply(base, Scenario(id="f", name="F", extra_training=[extra]))
    c = clock(prof, "j1-limit")
    assert (c.status, c.last_day) == (ClockStatus.CONFLICT, date(2026, 6, 30))
    assert "the last day is 30 Jun 2026" in c.explanation
    assert "runs to 30 Jun 2027: beyond the limit, so it cannot be sponsored" in c.explanation


def test_the_grace_period_is_30_days_after_the_programme_and_a_return_on_its_last_day_is_fine():
    c = clock(profile(**J1), "j1-grace")
    assert c.last_day == date(2026, 7, 30)
    assert c.status is ClockStatus.RUNNING
    late = clock(profile(**{**J1, "plan": {"return_date": "2026-07-31"}}), "j1-grace")
    assert late.status is ClockStatus.CONFLICT
    assert "leave by 30 Jul 2026" in late.explanation


def test_the_grace_period_as_it_stands_today():
    prof = profile(**J1)
    assert clock(prof, "j1-grace", on="2026-07-10").status is ClockStatus.GRACE
    past = clock(prof, "j1-grace", on="2026-09-01")
    assert past.status is ClockStatus.ENDED  # over: shown as past, never as planned
    assert "That time is over." in past.explanation


def test_the_ds2019_end_date_wins_over_the_training_and_says_so():
    visa = {"type": "J-1", "start": "2019-06-20", "end": "2026-06-15"}
    c = clock(profile(**{**J1, "visa": visa}), "j1-grace")
    assert c.last_day == date(2026, 7, 15)
    assert "(the DS-2019 end date in your profile)" in c.explanation


def test_a_board_exam_extension_within_six_months_runs_to_the_exam_months_last_day():
    visa = {**J1["visa"], "board_exam_extension": {"exam": "2026-10"}}
    prof = profile(**{**J1, "visa": visa, "plan": {"return_date": "2026-10-31"}})
    c = clock(prof, "j1-grace")
    assert c.last_day == date(2026, 10, 31)
    assert "allowed to 31 Dec 2026, 6 months after the programme" in c.explanation
    assert c.status is ClockStatus.RUNNING
    # The two years at home count from after the extension, even with a return on its
    # last day.
    home = clock(prof, "j1-home")
    assert home.met_on == date(2028, 11, 1)


def test_an_exam_more_than_six_months_after_is_not_an_extension():
    visa = {**J1["visa"], "board_exam_extension": {"exam": "2027-01-15"}}
    c = clock(profile(**{**J1, "visa": visa}), "j1-grace")
    assert c.last_day == date(2026, 7, 30)
    assert "The extension you recorded is not allowed" in c.explanation
    assert "the extension runs to 31 Dec 2026 at most" in c.explanation


def test_a_month_only_exam_must_be_a_real_month():
    with pytest.raises(ValidationError):
        profile(**{**J1, "visa": {**J1["visa"], "board_exam_extension": {"exam": "2026-13"}}})


def test_a_j1_left_for_h1b_binds_no_more_as_the_rule_says():
    # J-1 residency 2019-2022, then a waiver and H-1B for a fellowship to 30 Jun 2027 and
    # a return in 2027: not a J-1 training past seven years, nor a stay past the grace
    # period (the visa page said CONFLICT for both; assess, rightly, said nothing).
    training = [J1["training"][0], {**J1["training"][1], "end": "2027-06-30"}]
    prof = profile(
        home_country="IN",
        training=training,
        visa={"type": "H-1B", "start": "2022-07-01"},
        visa_history=[{"type": "J-1", "start": "2019-06-20", "end": "2022-06-30"}],
        plan={"return_date": "2027-07-30"},
    )
    limit, grace = clock(prof, "j1-limit"), clock(prof, "j1-grace")
    assert (limit.status, limit.last_day) == (ClockStatus.ENDED, date(2026, 6, 30))
    assert (grace.status, grace.last_day) == (ClockStatus.ENDED, date(2022, 7, 30))
    for c in (limit, grace):
        assert "not in J-1 status now (in H-1B status since 1 Jul 2022)" in c.explanation
        assert "cannot be sponsored" not in c.explanation and "leave by" not in c.explanation
    still = profile(**J1, stays=[_stay("IN", "2026-07-30", "2030-12-31")])
    assert clock(still, "j1-home").status is ClockStatus.RUNNING  # still owed


# -- two years at home (212(e)) ---------------------------------------------------------


def test_arriving_30_july_2026_two_years_are_served_29_july_2028_and_met_30_july_2028():
    prof = profile(**J1, stays=[_stay("IN", "2026-07-30", "2030-12-31")])
    c = clock(prof, "j1-home")
    assert c.last_day == date(2028, 7, 29)
    assert c.met_on == date(2028, 7, 30)
    assert c.date == c.met_on
    assert c.days_added == 0 and c.unknown_days == 0
    assert c.status is ClockStatus.RUNNING
    assert clock(prof, "j1-home", on="2028-07-30").status is ClockStatus.MET


def test_visits_back_to_the_us_push_both_dates_a_day_each():
    prof = profile(
        **J1,
        stays=[
            _stay("IN", "2026-07-30", "2027-03-01"),
            _stay("US", "2027-03-01", "2027-03-31"),  # 30 days (arrival day is home's)
            _stay("IN", "2027-03-31", "2030-12-31"),
        ],
    )
    c = clock(prof, "j1-home")
    assert c.days_added == 30
    assert c.last_day == date(2028, 8, 28)
    assert c.met_on == date(2028, 8, 29)
    assert c.days_added_by == (clocks.DaysAdded("US", 2027, 30),)
    assert (
        "2 years in India, counted from your first day in India after the J-1, 30 Jul 2026 as "
        "day 1, plus 30 days in the US in 2027: the last day served is 28 Aug 2028, and the "
        "requirement is met on 29 Aug 2028." in c.explanation
    )


@pytest.mark.parametrize(
    ("stays", "added", "last_day", "met_on", "said"),
    [
        pytest.param(
            [
                _stay("IN", "2026-07-30", "2027-03-01"),
                _stay("US", "2027-03-01", "2027-03-31"),  # 30 days
                _stay("IN", "2027-03-31", "2027-11-20"),
                _stay("US", "2027-11-20", "2027-12-04"),  # 14 days
                _stay("IN", "2027-12-04", "2030-12-31"),
            ],
            clocks.DaysAdded("US", 2027, 44),
            date(2028, 9, 11),
            date(2028, 9, 12),
            "as day 1, plus 44 days in the US in 2027: the last day served is 11 Sep 2028",
            id="two-visits-in-one-year",
        ),
        pytest.param(
            [
                _stay("IN", "2026-07-30", "2028-02-01"),
                _stay("US", "2028-02-01", "2028-03-01"),  # 1 to 29 Feb 2028: 29 days
                _stay("IN", "2028-03-01", "2030-12-31"),
            ],
            clocks.DaysAdded("US", 2028, 29),
            date(2028, 8, 27),
            date(2028, 8, 28),
            "as day 1, plus 29 days in the US in 2028: the last day served is 27 Aug 2028",
            id="a-visit-over-a-leap-day",
        ),
    ],
)
def test_days_back_in_the_us_in_one_year_are_added_up_to_the_day(
    stays, added, last_day, met_on, said
):
    c = clock(profile(**J1, stays=stays), "j1-home")
    assert (c.days_added, c.unknown_days) == (added.days, 0)
    assert c.days_added_by == (added,)
    assert (c.last_day, c.met_on) == (last_day, met_on)
    assert said in c.explanation


def test_days_away_over_new_year_are_split_between_the_years_and_places():
    prof = profile(
        **J1,
        stays=[
            _stay("IN", "2026-07-30", "2026-12-20"),
            _stay("US", "2026-12-20", "2027-01-10"),  # 20-31 Dec: 12 days; 1-9 Jan: 9 days
            _stay("IN", "2027-01-10", "2027-06-01"),
            _stay("DE", "2027-06-01", "2027-06-15"),  # 14 days in a third country
            _stay("IN", "2027-06-15", "2030-12-31"),
        ],
    )
    c = clock(prof, "j1-home")
    assert c.days_added_by == (
        clocks.DaysAdded("US", 2026, 12),
        clocks.DaysAdded("US", 2027, 9),
        clocks.DaysAdded("DE", 2027, 14),
    )
    assert (c.days_added, c.unknown_days) == (35, 0)
    # 30 Jul 2028 pushed 35 days: met on 3 Sep 2028.
    assert (c.last_day, c.met_on) == (date(2028, 9, 2), date(2028, 9, 3))
    assert (
        "as day 1, plus 35 days (12 days in the US in 2026, 9 days in the US in 2027 and 14 "
        "days in Germany in 2027): the last day served is 2 Sep 2028, and the requirement is "
        "met on 3 Sep 2028." in c.explanation
    )
    assert c.to_json()["days_added_by"] == [
        {"country": "US", "year": 2026, "days": 12},
        {"country": "US", "year": 2027, "days": 9},
        {"country": "DE", "year": 2027, "days": 14},
    ]


def test_a_leap_day_inside_the_count_is_a_day_like_any_other():
    prof = profile(
        **{**J1, "plan": {"return_date": "2027-03-01"}},
        stays=[_stay("IN", "2027-03-01", "2031-01-01")],
    )
    c = clock(prof, "j1-home")
    # 1 Mar 2027 + 2 years is 1 Mar 2029: 731 days with 29 Feb 2028 among them.
    assert (c.last_day, c.met_on) == (date(2029, 2, 28), date(2029, 3, 1))


def test_days_in_a_third_country_and_gaps_in_the_log_count_as_not_at_home():
    prof = profile(
        **J1,
        stays=[
            _stay("IN", "2026-07-30", "2027-01-01"),
            _stay("AE", "2027-01-01", "2027-01-11"),  # 10 days in a third country
            _stay("IN", "2027-01-11", "2027-06-30"),
            # 1 Jul to 9 Jul 2027: nothing recorded (9 days)
            _stay("IN", "2027-07-10", "2027-12-31"),
        ],
    )
    c = clock(prof, "j1-home")
    assert (c.days_added, c.unknown_days) == (19, 9)
    assert c.days_added_by == (clocks.DaysAdded("AE", 2027, 10), clocks.DaysAdded(None, 2027, 9))
    assert c.met_on == date(2028, 8, 18)
    assert (
        "plus 19 days (10 days in the United Arab Emirates in 2027 and 9 days your stays log "
        "does not cover, counted as not at home): the last day served is 17 Aug 2028"
        in c.explanation
    )
    assert (
        "After your last recorded stay (to 31 Dec 2027) Wayhome takes it that you stay in India"
        in (c.explanation)
    )


def test_days_the_stays_log_does_not_cover_alone_are_named_as_such():
    prof = profile(
        **J1,
        stays=[
            _stay("IN", "2026-07-30", "2027-06-30"),
            # 1 Jul 2027: nothing recorded (1 day)
            _stay("IN", "2027-07-02", "2030-12-31"),
        ],
    )
    c = clock(prof, "j1-home")
    assert (c.days_added, c.unknown_days) == (1, 1)
    assert c.met_on == date(2028, 7, 31)
    assert (
        "as day 1, plus 1 day your stays log does not cover, counted as not at home: the last "
        "day served is 30 Jul 2028" in c.explanation
    )


def test_a_holiday_at_home_before_the_return_is_not_taken_as_the_return():
    # Still in the US (another status after the J-1), a holiday in India 20 Dec 2025 to
    # 5 Jan 2026 the only stay recorded: 16 days at home (the first day 1; 5 Jan is the
    # flight back, a day in the US), the log says nothing of 6 Jan 2026 to 30 Jun 2028
    # (907 days, not at home), and from the planned return, 1 Jul 2028, the rest: 714
    # days, served on 14 Jun 2030. (The holiday was taken as the return: "you stay in
    # India", met on 20 Dec 2027.)
    prof = profile(
        home_country="IN",
        visa_history=[{"type": "J-1", "start": "2018-06-20", "end": "2024-06-30"}],
        visa={"type": "other", "start": "2024-07-01"},
        stays=[_stay("IN", "2025-12-20", "2026-01-05")],
        plan={"return_date": "2028-07-01"},
    )
    c = clock(prof, "j1-home", on="2026-12-05")
    assert (c.status, c.last_day, c.met_on) == (
        ClockStatus.RUNNING,
        date(2030, 6, 14),
        date(2030, 6, 15),
    )
    assert (c.days_added, c.unknown_days) == (908, 907)
    assert c.days_added_by[0] == clocks.DaysAdded("US", 2026, 1)
    assert "ends on 5 Jan 2026, before your planned return: that day is taken as your flight" in (
        c.explanation
    )
    assert "counted from your first day in India after the J-1, 20 Dec 2025" in c.explanation
    assert (
        "Your stays log ends on 5 Jan 2026: the days from then to your planned return, "
        "1 Jul 2028, are not known and count as not at home, and from the return Wayhome "
        "takes it that you stay in India." in c.explanation
    )


def test_a_log_ending_before_the_return_with_no_day_at_home_counts_from_the_return():
    # Only US stays recorded, to 31 Dec 2026; back 1 Jul 2028: two years from then.
    prof = profile(
        home_country="IN",
        visa_history=[{"type": "J-1", "start": "2018-06-20", "end": "2024-06-30"}],
        visa={"type": "other", "start": "2024-07-01"},
        stays=[_stay("US", "2024-07-01", "2026-12-31")],
        plan={"return_date": "2028-07-01"},
    )
    c = clock(prof, "j1-home", on="2026-12-05")
    assert (c.last_day, c.met_on, c.days_added) == (date(2030, 6, 30), date(2030, 7, 1), 0)
    assert "counted from your planned return, 1 Jul 2028" in c.explanation
    assert "from the return Wayhome takes it that you stay in India" in c.explanation


def test_without_stays_the_count_starts_at_the_planned_return_and_says_so():
    c = clock(profile(**J1), "j1-home")
    assert c.met_on == date(2028, 7, 30)
    assert "With no stays recorded, Wayhome takes it that you stay in India from then" in (
        c.explanation
    )


def test_a_granted_waiver_ends_the_home_requirement():
    prof = profile(**J1, j1_waiver={"route": "hardship", "status": "granted", "date": "2026-03-01"})
    c = clock(prof, "j1-home")
    assert c.status is ClockStatus.WAIVED and c.date is None


# A J-1 (residency and fellowship to 30 Jun 2024) and what came after it.
AFTER_J1 = {
    "home_country": "IN",
    "training": [*J1["training"][:1], {**J1["training"][1], "end": "2024-06-30"}],
    "visa_history": [{"type": "J-1", "start": "2019-06-20", "end": "2024-06-30"}],
    "plan": {"return_date": "2028-07-01"},
}


def test_h1b_straight_after_a_j1_with_no_waiver_is_unknown_and_asks_for_it():
    # 212(e) closes H-1B to a J-1 until the two years are served or waived: with no
    # waiver recorded the years cannot be counted (the visa page said "running, an H or
    # L visa is closed to you" to a doctor holding one).
    prof = profile(**AFTER_J1, visa={"type": "H-1B", "start": "2024-07-01"})
    c = clock(prof, "j1-home", on="2026-12-05")
    assert (c.status, c.date, c.last_day) == (ClockStatus.UNKNOWN, None, None)
    assert "H-1B status from 1 Jul 2024, after your J-1 ended on 30 Jun 2024" in c.explanation
    assert "your profile records no waiver" in c.explanation
    assert "is closed to you" not in c.explanation
    applied = profile(
        **AFTER_J1,
        visa={"type": "H-1B", "start": "2024-07-01"},
        j1_waiver={"route": "conrad-30", "status": "applied"},
    )
    c = clock(applied, "j1-home")
    assert c.status is ClockStatus.UNKNOWN
    assert "your Conrad 30 waiver is recorded as applied, not granted" in c.explanation
    granted = profile(
        **AFTER_J1,
        visa={"type": "H-1B", "start": "2024-07-01"},
        j1_waiver={"route": "conrad-30", "status": "granted", "date": "2024-04-15"},
    )
    c = clock(granted, "j1-home")
    assert c.status is ClockStatus.WAIVED
    assert "You recorded a Conrad 30 waiver as granted" in c.explanation


def test_a_green_card_after_a_j1_is_closed_the_same_way_and_the_first_closed_status_named():
    prof = profile(**AFTER_J1, visa={"type": "green-card", "start": "2025-09-01"})
    c = clock(prof, "j1-home")
    assert c.status is ClockStatus.UNKNOWN
    assert "a green card from 1 Sep 2025" in c.explanation
    # An H-1B before it, now over: the first status closed to the J-1 is the one named.
    history = [
        *AFTER_J1["visa_history"],
        {"type": "H-1B", "start": "2024-08-01", "end": "2025-08-31"},
    ]
    earlier = profile(
        **{**AFTER_J1, "visa_history": history}, visa={"type": "green-card", "start": "2025-09-01"}
    )
    assert "H-1B status from 1 Aug 2024" in clock(earlier, "j1-home").explanation


@pytest.mark.parametrize(
    ("j1_end", "h1b_start", "closed"),
    [
        # Back home 1 Jul 2024 (day 1): the two years are served on 30 Jun 2026.
        ("2024-06-30", "2026-06-30", True),  # on the last day owed: too soon
        ("2024-06-30", "2026-07-01", False),  # the day after: could have been served
        # Day 1 on 1 Mar 2022: 29 Feb 2024 is the last day owed, 1 Mar 2024 the first free.
        ("2022-02-28", "2024-02-29", True),
        ("2022-02-28", "2024-03-01", False),
    ],
)
def test_a_status_taken_before_the_two_years_could_be_served_is_closed_to_the_day(
    j1_end, h1b_start, closed
):
    prof = profile(
        home_country="IN",
        visa_history=[{"type": "J-1", "start": "2016-06-20", "end": j1_end}],
        visa={"type": "H-1B", "start": h1b_start},
        plan={"return_date": "2028-07-01"},
    )
    assert (clock(prof, "j1-home").status is ClockStatus.UNKNOWN) is closed


def test_two_years_served_at_home_then_h1b_are_met_with_no_waiver():
    prof = profile(
        **AFTER_J1,
        visa={"type": "H-1B", "start": "2026-07-01"},
        stays=[_stay("IN", "2024-07-01", "2026-06-30"), _stay("US", "2026-07-01", "2028-06-30")],
    )
    c = clock(prof, "j1-home", on="2026-12-05")
    assert (c.status, c.last_day, c.met_on) == (
        ClockStatus.MET,
        date(2026, 6, 30),
        date(2026, 7, 1),
    )


# -- H-1B ---------------------------------------------------------------------------


H1B = {"visa": {"type": "H-1B", "start": "2020-07-01"}, "plan": {"return_date": "2026-06-01"}}


def test_six_years_of_h1b_from_1_july_2020_end_30_june_2026():
    c = clock(profile(**H1B), "h1b-max")
    assert c.last_day == date(2026, 6, 30)
    assert c.days_added == 0


def test_trips_of_20_and_25_days_are_recaptured():
    prof = profile(
        **H1B,
        stays=[
            _stay("US", "2020-07-01", "2022-03-01"),
            _stay("IN", "2022-03-01", "2022-03-21"),  # 20 days abroad
            _stay("US", "2022-03-21", "2023-12-10"),
            _stay("IN", "2023-12-10", "2024-01-04"),  # 25 days abroad
            _stay("US", "2024-01-04", "2027-12-31"),
        ],
    )
    c = clock(prof, "h1b-max")
    assert c.days_added == 45
    assert c.days_added_by == (  # the second trip over New Year: 22 days and 3
        clocks.DaysAdded("IN", 2022, 20),
        clocks.DaysAdded("IN", 2023, 22),
        clocks.DaysAdded("IN", 2024, 3),
    )
    assert c.last_day == date(2026, 8, 14)
    assert (
        "2,191 days, plus 45 days (20 days in India in 2022, 22 days in India in 2023 and "
        "3 days in India in 2024) recaptured. The last day is 14 Aug 2026." in c.explanation
    )
    assert "keep proof of each trip" in c.explanation


def test_one_h1b_trip_in_one_year_is_said_by_place_and_year():
    prof = profile(
        **H1B,
        stays=[
            _stay("US", "2020-07-01", "2022-03-01"),
            _stay("IN", "2022-03-01", "2022-03-21"),  # 20 days abroad
            _stay("US", "2022-03-21", "2027-12-31"),
        ],
    )
    c = clock(prof, "h1b-max")
    assert c.last_day == date(2026, 7, 20)
    assert "2,191 days, plus 20 days in India in 2022 recaptured. The last day is 20 Jul 2026." in (
        c.explanation
    )


def test_an_h1b_trip_over_new_year_is_split_by_year():
    prof = profile(
        **H1B,
        stays=[
            _stay("US", "2020-07-01", "2024-12-20"),
            _stay("DE", "2024-12-20", "2025-01-05"),  # 20 Dec to 4 Jan in Germany
            _stay("US", "2025-01-05", "2027-12-31"),
        ],
    )
    c = clock(prof, "h1b-max")
    assert c.days_added == 16
    assert c.days_added_by == (clocks.DaysAdded("DE", 2024, 12), clocks.DaysAdded("DE", 2025, 4))
    assert c.last_day == date(2026, 7, 16)
    assert (
        "plus 16 days (12 days in Germany in 2024 and 4 days in Germany in 2025) recaptured. "
        "The last day is 16 Jul 2026." in c.explanation
    )


def test_a_planned_trip_last_in_the_log_ends_with_the_flight_back():
    # H-1B from 1 Jan 2022; a trip to Germany 10 to 20 Jan 2027, planned, the last stay,
    # before the return in 2027: 10 days abroad (20 Jan is the flight back, a day in the
    # US, as when a stay in the US follows it), so 31 Dec 2027 + 10 days = 10 Jan 2028.
    stays = [_stay("US", "2022-01-01", "2027-01-10"), _stay("DE", "2027-01-10", "2027-01-20")]
    prof = profile(
        visa={"type": "H-1B", "start": "2022-01-01"},
        plan={"return_date": "2027-04-01"},
        stays=stays,
    )
    followed = profile(
        visa={"type": "H-1B", "start": "2022-01-01"},
        plan={"return_date": "2027-04-01"},
        stays=[*stays, _stay("US", "2027-01-20", "2027-03-31")],
    )
    last, then = clock(prof, "h1b-max"), clock(followed, "h1b-max")
    assert last.last_day == then.last_day == date(2028, 1, 10)
    assert last.days_added == then.days_added == 10
    assert "20 Jan 2027, before your planned return: that day is taken as your flight" in (
        last.explanation
    )
    # A stay abroad that reaches the return is the move home, not a trip.
    home = profile(
        visa={"type": "H-1B", "start": "2022-01-01"},
        plan={"return_date": "2027-01-10"},
        stays=stays,
    )
    assert "flight back" not in clock(home, "h1b-max").explanation


def test_no_trips_abroad_no_recaptured_words():
    c = clock(profile(**H1B), "h1b-max")
    assert "recaptured" not in c.explanation and "keep proof" not in c.explanation


def test_earlier_h1b_time_counts_and_time_in_other_statuses_does_not():
    prof = profile(
        visa={"type": "H-1B", "start": "2024-01-01"},
        visa_history=[
            {"type": "H-1B", "start": "2019-01-01", "end": "2019-12-31"},
            {"type": "other", "start": "2020-01-01", "end": "2023-12-31"},
        ],
        plan={"return_date": "2027-01-01"},
    )
    c = clock(prof, "h1b-max")
    # 365 days in 2019, then from 1 Jan 2024: six years are 2,192 days from 1 Jan 2019.
    assert c.last_day == date(2028, 12, 31)


def test_returning_after_the_h1b_limit_is_a_conflict():
    c = clock(profile(**{**H1B, "plan": {"return_date": "2026-07-01"}}), "h1b-max")
    assert c.status is ClockStatus.CONFLICT


def test_h1b_time_all_in_the_past_binds_no_more_as_the_rule_says():
    # A green-card surgeon whose H-1B ran past six years (extensions allow it) is not
    # told the plan breaks a limit he no longer lives under (it said CONFLICT, 2019).
    prof = profile(
        visa={"type": "green-card", "start": "2020-03-15"},
        visa_history=[{"type": "H-1B", "start": "2013-06-20", "end": "2020-03-14"}],
        plan={"return_date": "2027-09-01"},
    )
    c = clock(prof, "h1b-max")
    assert c.status is ClockStatus.ENDED and c.last_day == date(2020, 3, 14)
    assert "not in H-1B status now" in c.explanation and "15 Mar 2020" in c.explanation


# -- Conrad 30 --------------------------------------------------------------------------


def _conrad(start: str | None):
    waiver = {"route": "conrad-30", "status": "granted", "date": "2026-03-01"}
    if start:
        waiver["employment_start"] = start
    return profile(**J1, j1_waiver=waiver)


def test_conrad_30_employment_starts_within_90_days_and_three_years_are_served():
    c = clock(_conrad("2026-05-30"), "conrad-30")
    assert "by 30 May 2026" in c.explanation
    assert c.last_day == date(2029, 5, 29)
    assert c.met_on == date(2029, 5, 30)
    assert c.status is ClockStatus.RUNNING
    assert "fits inside them" in c.explanation


def test_a_conrad_obligation_past_the_h1b_years_does_not_fit():
    # 1,826 H-1B days used before (2019-2023) of 2,192: the 366 left, from 30 May 2026
    # (day 1), end on 30 May 2027, two years before the service is done.
    prof = profile(
        **J1,
        visa_history=[{"type": "H-1B", "start": "2019-01-01", "end": "2023-12-31"}],
        j1_waiver={
            "route": "conrad-30",
            "status": "granted",
            "date": "2026-03-01",
            "employment_start": "2026-05-30",
        },
    )
    c = clock(prof, "conrad-30")
    assert c.met_on == date(2029, 5, 30)
    assert "run to 30 May 2027, so it does not fit inside them" in c.explanation


def test_a_conrad_job_starting_late_is_a_conflict():
    c = clock(_conrad("2026-05-31"), "conrad-30")
    assert c.status is ClockStatus.CONFLICT
    assert "too late" in c.explanation


def test_a_conrad_waiver_without_a_start_asks_for_it():
    c = clock(_conrad(None), "conrad-30")
    assert c.status is ClockStatus.UNKNOWN
    assert "j1_waiver.employment_start" in c.explanation


# -- drift ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("back", "flagged"),
    [("2034-06-30", True), ("2034-06-29", False)],
    ids=["eight-years-to-the-day", "a-day-short"],
)
def test_drift_is_warned_from_eight_years_after_training(back, flagged):
    ids = {
        c.id
        for c in clocks.clocks(
            profile(**{**J1, "plan": {"return_date": back}}), all_packs(), date(2026, 1, 1)
        )
    }
    assert ("drift" in ids) is flagged


def test_overlapping_stays_are_an_error_naming_both():
    with pytest.raises(ValidationError, match=r"stays\[0\] .* and stays\[1\] .* overlap"):
        profile(
            stays=[
                _stay("IN", "2025-01-01", "2025-03-01"),
                _stay("US", "2025-02-01", "2025-04-01"),
            ]
        )


def test_every_clock_says_what_it_counted_from_in_json():
    prof = profile(**J1, stays=[_stay("IN", "2026-07-30", "2030-12-31")])
    found = clocks.clocks(prof, all_packs(), date(2026, 1, 1))
    assert {c.id for c in found} == {"j1-limit", "j1-grace", "j1-home"}
    for c in found:
        assert c.basis, c.id
        assert set(c.to_json()) == set(clock(prof, "j1-home").to_json()), c.id
    data = clock(prof, "j1-home").to_json()
    assert data["date"] == data["met_on"] == "2028-07-30"
    assert data["last_day"] == "2028-07-29"
    assert data["basis"] == "your first day in India after the J-1, 30 Jul 2026"
    assert data["days_added_by"] == []
    assert set(data) == {
        "id",
        "title",
        "status",
        "date",
        "explanation",
        "last_day",
        "met_on",
        "days_added",
        "unknown_days",
        "days_added_by",
        "basis",
        "first_day",
    }
    assert data["first_day"] == "2026-07-30"


# The H-1B count is computed over spans of days (#28, start-up); the day-by-day walk it
# replaced is kept here as the reference, and both must agree on every field, day for day.


def _h1b_count_day_by_day(prof, held, years):
    from wayhome.core.common import dates
    from wayhome.core.common.dates import ONE_DAY, Span
    from wayhome.core.common.periods import counting_for, period
    from wayhome.core.visa import h1b
    from wayhome.core.visa.clocks import tally
    from wayhome.core.visa.h1b import MAX_YEARS, Count
    from wayhome.core.visa.stays import Whereabouts

    first = held[0].start
    limit = period(first, Span(years=years), counting_for("h1b-max", "first_day_in_status"))
    allowed = (limit.allowed_from - first).days
    where = Whereabouts.of(prof.stays, prof.plan.return_date)
    last_recorded = None if any(v.end is None for v in held) else max(v.end for v in held if v.end)
    counted = 0
    abroad = []
    day = first
    horizon = dates.add_years(first, MAX_YEARS)
    while day <= horizon:
        in_status = any(v.start <= day and (v.end is None or day <= v.end) for v in held) or (
            last_recorded is not None and day > last_recorded
        )
        if in_status:
            country = where.recorded_on(day)
            if country not in (None, "US"):
                abroad.append((country, day))
            else:
                counted += 1
                if counted == allowed:
                    break
        day += ONE_DAY
    # The words are the count's own (h1b.assumed): the walk checks the days, not them.
    assumed = h1b.assumed(first, day, last_recorded, where)
    return Count(first, allowed, day, len(abroad), assumed, tally(abroad))


def _h1b_cases():
    from datetime import timedelta

    from hypothesis import strategies as st

    from wayhome.core.profile.model import Stay, Visa, VisaType

    base = st.dates(date(2014, 1, 1), date(2030, 12, 31))
    offset = st.integers(-400, 3000)
    length = st.one_of(st.integers(0, 40), st.integers(0, 2500))
    country = st.sampled_from(["US", "IN", "GB", "DE"])

    from types import SimpleNamespace

    @st.composite
    def cases(draw):
        origin = draw(base)
        held = []
        at = origin
        for _ in range(draw(st.integers(1, 3))):
            start = at + timedelta(days=draw(st.integers(0, 900)))
            end = draw(st.one_of(st.none(), length.map(lambda n, s=start: s + timedelta(n))))
            held.append(Visa(type=VisaType.H1B, start=start, end=end))
            at = (end or start) + timedelta(days=draw(st.integers(-30, 700)))
        stays = []
        at = origin + timedelta(days=draw(offset))
        for _ in range(draw(st.integers(0, 6))):
            # the next stay from the last one's last day (a travel day), after a gap,
            # or anywhere (overlapping)
            start = draw(
                st.one_of(
                    st.just(at),
                    st.integers(1, 200).map(lambda n, a=at: a + timedelta(n)),
                    offset.map(lambda n: origin + timedelta(n)),
                )
            )
            end = start + timedelta(days=draw(length))
            stays.append(Stay(country=draw(country), start=start, end=end))
            at = end
        back = origin + timedelta(days=draw(st.integers(-100, 4000)))
        prof = SimpleNamespace(stays=stays, plan=SimpleNamespace(return_date=back))
        return prof, held, draw(st.sampled_from([6, 6, 1, 2, 3]))

    return cases()


def test_the_h1b_count_by_spans_is_the_day_by_day_count():
    from hypothesis import HealthCheck, given, settings

    from wayhome.core.visa import h1b

    @settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_h1b_cases())
    def check(case):
        prof, held, years = case
        assert h1b.count(prof, held, years) == _h1b_count_day_by_day(prof, held, years)

    check()


def test_the_h1b_count_by_spans_on_the_cases_the_walk_turns_on():
    from types import SimpleNamespace

    from wayhome.core.profile.model import Stay, Visa, VisaType
    from wayhome.core.visa import h1b

    def stay(c, a, b):
        return Stay(country=c, start=date.fromisoformat(a), end=date.fromisoformat(b))

    def visa(a, b=None):
        end = date.fromisoformat(b) if b else None
        return Visa(type=VisaType.H1B, start=date.fromisoformat(a), end=end)

    cases = [
        # a leap day abroad; a trip over New Year; a travel day shared by two stays
        (
            [stay("IN", "2024-02-20", "2024-03-05"), stay("GB", "2024-12-20", "2025-01-10")],
            [visa("2022-07-01")],
            "2030-07-01",
        ),
        (
            [stay("US", "2022-07-01", "2023-05-01"), stay("IN", "2023-05-01", "2023-06-01")],
            [visa("2022-07-01"), visa("2025-01-01", "2026-06-30")],
            "2031-01-01",
        ),
        # a last trip that ends before the return: its last day is the flight back
        (
            [stay("IN", "2025-03-01", "2025-03-20")],
            [visa("2023-01-01", "2024-12-31")],
            "2027-01-01",
        ),
        # several periods with a gap between them, and one recorded end
        (
            [stay("DE", "2021-01-01", "2021-02-28")],
            [visa("2019-10-01", "2020-09-30"), visa("2020-12-01", "2023-11-30")],
            "2029-06-01",
        ),
    ]
    for stays, held, back in cases:
        prof = SimpleNamespace(
            stays=stays, plan=SimpleNamespace(return_date=date.fromisoformat(back))
        )
        for years in (6, 1):
            assert h1b.count(prof, held, years) == _h1b_count_day_by_day(prof, held, years)
