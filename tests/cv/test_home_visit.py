"""The annual home visit: institutions to go to, whom to see, what to ask, who is missing."""

from datetime import date

import pytest

from tests.helpers.contacts import person
from wayhome.core.cv.contacts import NO_INSTITUTION, ContactRole, plan_visit

START, END = date(2026, 12, 20), date(2027, 1, 5)


def test_the_institution_with_most_to_do_comes_first_and_us_contacts_stay_out():
    dean = person(
        "Prof. Adeyemi", ContactRole.DEAN_OR_DIRECTOR, country="NG",
        institution="Lagos University Teaching Hospital",
        pending=("a letter offering a post",), last_contact=date(2026, 1, 10),
    )  # fmt: skip
    head = person(
        "Dr. Okafor", ContactRole.DEPARTMENT_HEAD, country="NG",
        institution="Lagos University Teaching Hospital", last_contact=date(2026, 11, 1),
    )  # fmt: skip
    returned = person(
        "Dr. Bello", ContactRole.RETURNED_ATTENDING, country="NG", institution="Reddington"
    )
    mentor = person("Dr. Smith", ContactRole.US_MENTOR, country="US", institution="Mercy")
    visit = plan_visit([head, returned, mentor, dean], "NG", START, END)
    assert [s.institution for s in visit.stops] == [
        "Lagos University Teaching Hospital",
        "Reddington",
    ]
    first = visit.stops[0]
    assert [m.contact.name for m in first.meetings] == ["Prof. Adeyemi", "Dr. Okafor"]
    assert first.meetings[0].why == (
        "ask about: a letter offering a post; last in touch 10 Jan 2026: overdue, catch up"
    )
    assert first.meetings[1].why == "last in touch 1 Nov 2026: keep it warm"
    assert visit.stops[1].meetings[0].why == (
        "first meeting: introduce yourself and your return date"
    )
    [gap] = visit.also_find
    assert gap.role is ContactRole.REGULATOR_OFFICER


def test_people_without_an_institution_come_last_and_a_backwards_visit_is_refused():
    someone = person("Dr. Nobody", ContactRole.RETURNED_ATTENDING)
    visit = plan_visit([someone], "NG", START, END)
    assert [s.institution for s in visit.stops] == [NO_INSTITUTION]
    assert {g.role for g in visit.also_find} == {
        ContactRole.DEAN_OR_DIRECTOR,
        ContactRole.DEPARTMENT_HEAD,
        ContactRole.REGULATOR_OFFICER,
    }
    with pytest.raises(ValueError, match="ends \\(20 Dec 2026\\) before it starts"):
        plan_visit([], "NG", END, START)
