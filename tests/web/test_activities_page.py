"""The teaching, leadership and awards page: add, link a letter, remove."""

from tests.helpers.letters import stored_file
from wayhome.adapters.db.models import ActivityRecord


def test_the_web_page_adds_links_and_removes(owner, client_for):
    user, row = owner
    c = client_for(user)
    page = f"/p/{row.pk}/activities/"
    c.post(page, {"action": "add", "kind": "teaching", "title": "Small-group leader"})
    [record] = ActivityRecord.objects.filter(owner=user)
    assert "1 without a letter yet" in c.get(page).content.decode()
    letter = stored_file(user, "chief-letter.pdf")
    c.post(page, {"action": "link", "id": record.pk, "letter": letter.pk})
    record.refresh_from_db()
    assert record.letter == letter
    assert "without a letter" not in c.get(page).content.decode()
    bad = c.post(page, {"action": "add", "kind": "teaching", "title": "X", "start": "July"})
    assert bad.status_code == 302
    assert "Start: &#x27;July&#x27; is not a date." in c.get(page).content.decode()
    c.post(page, {"action": "remove", "id": record.pk})
    assert not ActivityRecord.objects.filter(owner=user).exists()
