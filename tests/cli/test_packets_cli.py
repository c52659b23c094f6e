"""`wayhome packets`: a target's packet shown, built, marked sent with a day and a note,
and the packets sent listed with what each held; the same records as the web app's
Packets page (services/packets.py), and readiness counts what was sent."""

from __future__ import annotations

import json
import zipfile
from datetime import date
from io import BytesIO

import pytest
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from tests.helpers.cli import flatten, run
from tests.helpers.letters import scan_png, stored_file
from tests.web.markup import html_of
from wayhome.adapters.db.models import DocumentItem, SentPacket, StoredProfile
from wayhome.adapters.profiles import example_path

ON = "2026-11-24"


@pytest.fixture
def owner(data_dir):
    """The local account with the do-the-math profile and its document checklist."""
    from wayhome.services import documents
    from wayhome.services.source import local_owner

    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    user = local_owner()
    documents.sync(user, date.fromisoformat(ON))
    return user


@pytest.fixture
def diploma(owner):
    item = DocumentItem.objects.get(owner=owner, kind="primary-degree")
    item.files.add(stored_file(owner, "diploma.pdf", "d"))
    return item


def test_show_names_the_documents_with_a_file_and_their_keys(owner, diploma):
    shown = json.loads(run("packets", "show", "xx", "--on", ON, "--json").output)
    assert shown["target"] == "Exampleland (fictional)"
    assert shown["with_file"] == [
        {"key": diploma.key, "name": "Primary medical diploma", "files": 1}
    ]
    assert "Certificate of good standing from every licensing board" in shown["without_file"]
    out = flatten(run("packets", "show", "XX", "--on", ON).output)
    assert f"{diploma.key} Primary medical diploma 1" in out
    assert "No file yet, so not in the packet:" in out


def test_a_packet_marked_sent_is_listed_with_what_it_held(owner, diploma):
    done = run(
        "packets", "mark-sent", "XX", "20 Nov 2026", "--note", "by courier to the registrar",
        "--on", ON,
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    out = flatten(done.output)
    assert "Packet for Exampleland (fictional) marked sent on 20 Nov 2026, with 1 document." in out
    assert "Primary medical diploma: diploma.pdf" in out
    [row] = SentPacket.objects.filter(owner=owner)
    assert (row.code, row.sent, row.note) == (
        "XX",
        date(2026, 11, 20),
        "by courier to the registrar",
    )
    listed = flatten(run("packets", "list").output)
    assert "20 Nov 2026 Exampleland (fictional)" in listed and "(XX)" in listed
    assert "by courier to the registrar" in listed
    assert "Primary medical diploma: diploma.pdf" in listed
    [data] = json.loads(run("packets", "list", "--json").output)
    assert (data["code"], data["sent"], data["kinds"]) == ("XX", "2026-11-20", ["primary-degree"])
    assert data["documents"][0]["files"] == [{"name": "diploma.pdf", "sha256": "d" * 64}]
    # readiness takes the packet as evidence, as it does for one marked on the web
    timeline = json.loads(run("timeline", "--on", ON, "--json").output)
    [documents] = [i for i in timeline["checklist"] if i["id"] == "documents"]
    assert "Primary medical diploma: sent to XX on 20 Nov 2026" in documents["found"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        pytest.param(
            ["XX", "25 Nov 2026"],
            "25 Nov 2026 is still to come: give the day you sent it",
            id="tomorrow",
        ),
        pytest.param(["XX", "11/20/2026"], "'11/20/2026' is not a date", id="slashes"),
        pytest.param(
            ["XX", ON, "--item", "nope"], "no stored document nope for XX", id="unknown-item"
        ),
        pytest.param(["ZZ", ON], "there is no rule pack ZZ", id="unknown-target"),
    ],
)
def test_a_packet_that_cannot_be_marked_sent_is_refused_in_words(owner, diploma, args, said):
    result = run("packets", "mark-sent", *args, "--on", ON)
    assert result.exit_code == 2
    assert said in flatten(result.output)
    assert not SentPacket.objects.exists()


def test_nothing_sent_yet_is_said(owner):
    assert "No packet marked sent yet" in run("packets", "list").output
    assert json.loads(run("packets", "list", "--json").output) == []


def test_marked_on_the_command_line_it_is_on_the_web_page_and_the_reverse(
    owner, diploma, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(ON))
    row = StoredProfile.objects.get(owner=owner)
    web = Client()
    web.force_login(owner)
    assert run("packets", "mark-sent", "XX", "2026-11-20", "--on", ON).exit_code == 0
    page = html_of(web.get(f"/p/{row.pk}/packets/", {"country": "XX"}))
    assert "sent 20 Nov 2026" in page.split('id="sent-packets"', 1)[1]
    web.post(
        f"/p/{row.pk}/packets/",
        {"action": "sent", "country": "XX", "item": [diploma.key], "sent": "22 Nov 2026"},
    )
    listed = [p["sent"] for p in json.loads(run("packets", "list", "--json").output)]
    assert listed == ["2026-11-22", "2026-11-20"]


def test_build_writes_the_zip_as_vault_packet_does(owner, tmp_path, monkeypatch):
    from wayhome.adapters.db.models import VaultFile

    monkeypatch.setenv("WAYHOME_PASSPHRASE", "correct horse battery staple")
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "diploma-scan.png").write_bytes(scan_png(["Medical University"], size=12))
    assert run("vault", "import", str(folder), "--no-read").exit_code == 0
    item = DocumentItem.objects.get(owner=owner, kind="primary-degree")
    item.files.add(VaultFile.objects.get(owner=owner, name="diploma-scan.png"))
    out = tmp_path / "packet.zip"
    built = run("packets", "build", "xx", str(out), "--on", ON)
    assert built.exit_code == 0, built.output
    with zipfile.ZipFile(out) as z:
        assert [n for n in z.namelist() if n.startswith("files/")] == ["files/01-diploma-scan.png"]
        index = next(n for n in z.namelist() if n.endswith(".pdf"))
        cover = " ".join(
            " ".join(p.extract_text().split()) for p in PdfReader(BytesIO(z.read(index))).pages
        )
    # The scan was not read: nothing was compared, and the cover does not say "agrees".
    assert "Names and dates check, 24 Nov 2026: not run: nothing could be compared yet" in cover
    assert "agree" not in cover
    refused = run("packets", "build", "XX", str(tmp_path / "other.zip"), "--item", "nope")
    assert refused.exit_code == 2 and "no stored document nope for XX" in flatten(refused.output)


def test_show_says_when_the_target_lists_no_document_as_the_web_does(db, tmp_path):
    # The cardiology example going to India: its pack lists no documents for this case,
    # which the web says ("NONE LISTED"); the command said "none has a stored file yet".
    assert run("profile", "import", str(example_path("cardiology-in"))).exit_code == 0
    out = flatten(run("packets", "show", "IN", "--on", ON).output)
    assert "None listed: India: its pack has no published list of documents for your case" in out
    assert "has a stored file yet" not in out
    shown = json.loads(run("packets", "show", "IN", "--on", ON, "--json").output)
    assert shown["none_listed"].startswith("its pack has no published list")
