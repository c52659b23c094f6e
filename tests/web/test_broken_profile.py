"""A stored profile that no longer loads: every page says what to fix, never a 500."""

import pytest

PAGES = ["", "whatif/?m=3", "scenarios/", "visa/", "documents/", "cv/", "cv.pdf", "cv.docx",
         "plan.pdf", "calendar.ics", "packets/", "consistency/"]  # fmt: skip


@pytest.fixture
def broken(owner):
    user, row = owner
    row.data["plan"]["return_date"] = "next summer"
    row.save()
    return user, row


@pytest.mark.parametrize("page", PAGES)
def test_each_page_says_what_to_fix(broken, client_for, page):
    user, row = broken
    response = client_for(user).get(f"/p/{row.pk}/{page}")
    assert response.status_code == 422, page
    text = response.content.decode()
    assert "Your stored profile needs a fix" in text
    assert "plan.return_date" in text


def test_a_confirmed_rule_the_pack_no_longer_has_is_named_on_the_slider(owner, client_for):
    user, row = owner
    row.data["confirmed_rules"] = [
        {"jurisdiction": "XX", "rule": "xx-no-such-rule", "years": 12, "evidence": "an email"}
    ]
    row.save()
    response = client_for(user).get(f"/p/{row.pk}/whatif/?m=3")
    assert response.status_code == 422
    assert "xx-no-such-rule" in response.content.decode()
