"""A target's packet marked sent with the day, what it held kept; the packets sent listed
(and packets.sent_packets for the dashboard); a document two targets share is in both
targets' packets."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from tests.helpers.letters import stored_file
from tests.web.markup import html_of
from wayhome.adapters.db.models import DocumentItem, StoredProfile
from wayhome.adapters.profiles import load_profile, to_data
from wayhome.services import documents as document_service
from wayhome.services import packets

ON = date(2026, 11, 24)
MEHTA = Path(__file__).parents[1] / "helpers" / "setups" / "j1-cardiologist-india.yaml"


@pytest.fixture(autouse=True)
def frozen(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: ON)


@pytest.fixture
def diploma(owner):
    """The owner's primary medical diploma (Exampleland asks for it), with a file."""
    user, _ = owner
    document_service.sync(user, ON)
    item = DocumentItem.objects.get(owner=user, kind="primary-degree")
    item.files.add(stored_file(user, "diploma.pdf", "d"))
    return item


def test_a_packet_marked_sent_keeps_what_it_held(owner, diploma):
    user, _ = owner
    sent = packets.mark_sent(user, "XX", None, date(2026, 11, 20), ON, "by courier")
    assert (sent.code, sent.target, sent.sent, sent.note) == (
        "XX",
        "Exampleland (fictional)",
        date(2026, 11, 20),
        "by courier",
    )
    assert sent.documents == (
        {
            "key": diploma.key,
            "name": "Primary medical diploma",
            "kind": "primary-degree",
            "files": [{"name": "diploma.pdf", "sha256": "d" * 64}],
        },
    )
    # What the dashboard's readiness reads: the target, the day, the kinds it held.
    [listed] = packets.sent_packets(user)
    assert (listed.code, listed.sent, listed.kinds) == (
        "XX",
        date(2026, 11, 20),
        ("primary-degree",),
    )
    # The record stands when the document's file goes.
    diploma.files.clear()
    assert packets.sent_packets(user)[0].documents[0]["files"][0]["name"] == "diploma.pdf"


def test_a_packet_cannot_be_sent_tomorrow_nor_hold_nothing(owner, diploma):
    user, _ = owner
    with pytest.raises(packets.PacketError, match="25 Nov 2026 is still to come"):
        packets.mark_sent(user, "XX", None, date(2026, 11, 25), ON)
    with pytest.raises(packets.PacketError, match="no stored document nothing-here for XX"):
        packets.mark_sent(user, "XX", ["nothing-here"], ON, ON)
    diploma.files.clear()
    with pytest.raises(packets.PacketError, match="has a stored file yet"):
        packets.mark_sent(user, "XX", None, ON, ON)
    assert packets.sent_packets(user) == []


def test_the_page_marks_a_packet_sent_and_lists_it(owner, stranger, diploma, client_for):
    user, row = owner
    c = client_for(user)
    url = f"/p/{row.pk}/packets/"
    page = c.get(url, {"country": "XX"}).content.decode()
    assert 'name="item" value="' + diploma.key + '" checked' in page
    assert "None marked sent yet." in page
    done = html_of(
        c.post(
            url,
            {"action": "sent", "country": "XX", "item": [diploma.key], "sent": "20 Nov 2026"},
            follow=True,
        )
    )
    assert "Packet for Exampleland (fictional) marked sent on 20 Nov 2026, with 1 document." in done
    listed = done.split('id="sent-packets"', 1)[1]
    assert "sent 20 Nov 2026" in listed and "Primary medical diploma: diploma.pdf" in listed
    # Another account sees none of it.
    assert packets.sent_packets(stranger[0]) == []


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Sent on: give the day you sent it, e.g. 30 Jun 2024."),
        ("11/20/2026", "Sent on: '11/20/2026' is not a date"),
        ("1 Dec 2026", "1 Dec 2026 is still to come: give the day you sent it"),
    ],
    ids=["none", "slashes", "tomorrow-or-later"],
)
def test_a_bad_day_is_refused_in_words_naming_the_field(owner, diploma, client_for, typed, says):
    user, row = owner
    page = client_for(user).post(
        f"/p/{row.pk}/packets/",
        {"action": "sent", "country": "XX", "item": [diploma.key], "sent": typed},
        follow=True,
    )
    assert says in page.content.decode().replace("&#x27;", "'")
    assert packets.sent_packets(user) == []


def test_a_document_two_targets_share_is_in_both_packets(db):
    profile, _ = load_profile(MEHTA)
    school = profile.medical_school.model_copy(update={"country": "DM"})
    user = User.objects.create_user("mehta", password="correct horse battery")
    StoredProfile.objects.create(
        owner=user, data=to_data(profile.model_copy(update={"medical_school": school}))
    )
    document_service.sync(user, ON)
    [degree] = DocumentItem.objects.filter(owner=user, kind="primary-degree")
    degree.files.add(stored_file(user, "degree.pdf", "e"))
    for code in ("IN", "AE-DHA"):
        assert [d.pk for d in packets.packet_items(user, code, ON)] == [degree.pk], code


def test_delete_everything_removes_the_sent_packets(owner, diploma, settings, tmp_path):
    from wayhome.services import account

    settings.DATA_DIR = tmp_path
    user, _ = owner
    packets.mark_sent(user, "XX", None, ON, ON)
    account.delete_everything(user)
    assert packets.sent_packets(user) == []


def test_the_page_lists_the_documents_once_for_both_lists(owner, diploma, client_for, monkeypatch):
    """What the packet holds and what has no file yet come from one listing
    (packets.contents), on the page as on `wayhome packets show`."""
    user, row = owner
    shown = packets.contents(user, "XX", ON)
    assert [d.pk for d in shown.items] == [diploma.pk]
    assert "Primary medical diploma" not in shown.without_file and shown.without_file
    listings = []
    real = document_service.listing
    monkeypatch.setattr(
        document_service, "listing", lambda *a, **k: listings.append(1) or real(*a, **k)
    )
    page = client_for(user).get(f"/p/{row.pk}/packets/", {"country": "XX"}).content.decode()
    assert 'name="item" value="' + diploma.key + '" checked' in page
    assert shown.without_file[0] in page
    assert len(listings) == 1
