"""The dashboard's content as a plain object, composed without a database (no ``db``
fixture here: a query would fail): alerts, emails, charts and what changed since the
snapshot, whether a pack changed or only time passed."""

from datetime import UTC, date, datetime

import pytest
from msgspec.structs import replace

from wayhome.adapters.packs import bundled_packs
from wayhome.core.planner import early
from wayhome.core.rules import changes
from wayhome.services import dashboard, planning
from wayhome.services.dashboard import Overdue, Snapshot
from wayhome.services.source import from_example

PACKS = list(bundled_packs())
WHEN = datetime(2028, 4, 1, 9, 0, tzinfo=UTC)


def planned(on: date) -> planning.Planned:
    return planning.plan(from_example("do-the-math"), on)


def snapshot_on(on: date, **versions: str) -> Snapshot:
    """What "Seen" would have stored on ``on``."""
    pack_versions, findings = changes.summary(planned(on).report)
    return Snapshot(WHEN, {**pack_versions, **versions}, findings)


def test_it_is_a_frozen_plain_object_with_everything_the_page_shows():
    d = dashboard.compose(planned(date(2026, 11, 24)), PACKS, date(2026, 11, 24))
    with pytest.raises(AttributeError):
        d.stale = 0  # type: ignore[misc]
    assert d.profile.person.name == "Dr. Sam Example"
    assert [a.jurisdiction for a in d.report.assessments] == ["XX", "US"]
    assert "XX" in d.emails and d.emails["XX"].body.startswith("Dear Sir or Madam")
    assert d.chart.startswith("<svg") and "<svg" in d.timing_chart and "<svg" in d.leverage_chart
    assert d.years_away == pytest.approx(1.0, abs=0.01)
    assert d.first_visit and d.changes == ()


def test_alerts_name_deadlines_in_the_next_90_days_and_what_the_log_and_checklist_flag():
    on = date(2027, 4, 15)
    d = dashboard.compose(
        planned(on),
        PACKS,
        on,
        overdue=[Overdue("XX", "Any deadline?", date(2027, 3, 1))],
        document_alerts=["Certificate of good standing: too old on your submission."],
    )
    assert any("last day 29 Jun 2027" in a for a in d.alerts)
    assert "Certificate of good standing: too old on your submission." in d.alerts
    assert (
        "XX: no answer for over 21 days to \u201cAny deadline?\u201d (asked 1 Mar 2027): follow up."
    ) in d.alerts
    assert d.stale > 0


def test_time_alone_moves_a_status_and_it_is_shown_as_a_change():
    # The exam's window closes on 29 Jun 2027: a conflict before it, missed after.
    d = dashboard.compose(
        planned(date(2027, 7, 1)), PACKS, date(2027, 7, 1), snapshot=snapshot_on(date(2027, 4, 1))
    )
    texts = [c.text for c in d.changes]
    assert any("status conflict → missed" in t for t in texts), texts
    assert d.changed_since == WHEN and not d.first_visit


def test_a_closed_registration_moves_the_exam_to_its_next_sitting_as_a_change():
    # Registration for Sep 2028 closed on 1 Jun 2028: the exam counts on Mar 2029 instead.
    d = dashboard.compose(
        planned(date(2028, 7, 1)), PACKS, date(2028, 7, 1), snapshot=snapshot_on(date(2028, 4, 1))
    )
    texts = [c.text for c in d.changes]
    assert "XX: Specialist Conversion Examination: deadline 1 Jun 2028 → 1 Dec 2028." in texts
    assert d.changed_since == WHEN and not d.first_visit


def test_a_pack_update_is_found_by_the_stored_pack_versions():
    on = date(2026, 11, 24)
    current = next(p for p in PACKS if p.code == "XX").version
    d = dashboard.compose(planned(on), PACKS, on, snapshot=snapshot_on(on, XX="2020.1.0"))
    assert [c.text for c in d.changes] == [
        f"The XX pack changed from version 2020.1.0 to {current}."
    ]


def test_nothing_changed_is_an_empty_list():
    on = date(2026, 11, 24)
    d = dashboard.compose(planned(on), PACKS, on, snapshot=snapshot_on(on))
    assert d.changes == () and not d.first_visit
    assert replace(d, changes=()) == d


@pytest.mark.parametrize(
    ("back", "days"),
    [
        (date(2027, 6, 29), 0),
        (date(2027, 6, 30), 0),
        (date(2027, 7, 1), 1),
        (date(2028, 7, 1), 367),
    ],
    ids=["before-its-last-day", "on-its-last-day", "the-day-after", "the-plan"],
)
def test_years_away_count_from_the_last_day_of_us_training_the_core_gives(back, days):
    # The do-the-math residency ends on 30 Jun 2027 (core/planner/early.py): a home
    # training ending later is not US training, and moves nothing.
    prof = planned(date(2026, 11, 24)).profile
    home = prof.training[0].model_copy(
        update={"country": "XX", "start": date(2027, 7, 1), "end": date(2029, 6, 30)}
    )
    prof = prof.model_copy(
        update={
            "training": [*prof.training, home],
            "plan": prof.plan.model_copy(update={"return_date": back}),
        }
    )
    assert early.training_ends(prof) == date(2027, 6, 30)
    assert dashboard.years_after_training(prof) == pytest.approx(days / 365.25)


def test_with_no_us_training_years_away_is_not_known():
    prof = planned(date(2026, 11, 24)).profile
    home = [t.model_copy(update={"country": "XX"}) for t in prof.training]
    assert dashboard.years_after_training(prof.model_copy(update={"training": home})) is None
