"""Item 8: names from imported files (contacts, publications, documents) that carry
bidirectional controls are shown neutralised: nothing reorders the page around them."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers.cli import run
from wayhome.adapters import email_headers
from wayhome.adapters.db.models import ContactRecord
from wayhome.adapters.vault.sniff import safe_name
from wayhome.core.common.bidi import neutral
from wayhome.core.cv.contacts import Contact
from wayhome.core.cv.publications import Publication
from wayhome.core.evidence.suggest import suggest

RLO, PDF_, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
CONTROLS = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_each_reordering_control_is_taken_out(control):
    assert neutral(f"Dr. A{control}gnp.exe") == "Dr. Agnp.exe"


def test_a_right_to_left_name_and_its_marks_are_kept():
    name = "\u200fمحمد أحمد\u200e (Cairo)"
    assert neutral(name) == name


def card(name: str) -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nORG:Mercy{RLO}latipsoH\r\nEND:VCARD\r\n"


def test_a_contact_imported_on_the_command_line_is_shown_neutralised(data_dir, tmp_path):
    vcf = tmp_path / "phone.vcf"
    vcf.write_text(card(f"Dr. Ann {RLO}gnp.exe"), encoding="utf-8")
    imported = run("contacts", "import", str(vcf), "--json")
    assert imported.exit_code == 0, imported.output
    out = tmp_path / "out.vcf"
    assert run("contacts", "export", str(out)).exit_code == 0
    shown = run("contacts", "check", "--json").output + out.read_text(encoding="utf-8")
    [stored] = ContactRecord.objects.values_list("data", flat=True)
    assert (stored["name"], stored["institution"]) == ("Dr. Ann gnp.exe", "MercylatipsoH")
    assert RLO not in shown


def test_a_contact_on_the_web_page_is_shown_neutralised_even_if_stored_before(owner, client_for):
    user, row = owner
    c = client_for(user)
    page = f"/p/{row.pk}/contacts/"
    upload = SimpleUploadedFile("phone.vcf", card(f"Dr. Ann {LRI}gnp.exe{PDI}").encode())
    done = c.post(page, {"action": "import", "file": upload}, follow=True).content.decode()
    assert "Dr. Ann gnp.exe" in done and LRI not in done and PDI not in done
    # A contact stored before names were neutralised reads back neutralised.
    ContactRecord.objects.create(
        owner=user,
        contact_id="old",
        data={"id": "old", "name": f"Dr. Old {RLO}fdp.exe", "roles": []},
    )
    again = c.get(page).content.decode()
    assert "Dr. Old fdp.exe" in again and RLO not in again


def test_a_publication_is_shown_neutralised(owner, client_for):
    user, row = owner
    ris = (
        f"TY  - JOUR\nTI  - Outcomes {RLO}gnirud{PDF_} surgery\nAU  - Kowalska{RLO}, Anna\n"
        f"JO  - Lancet{LRI}\nPY  - 2021\nER  - \n"
    )
    upload = SimpleUploadedFile("refs.ris", ris.encode())
    page = client_for(user).post(f"/p/{row.pk}/publications/", {"file": upload}, follow=True)
    html = page.content.decode()
    assert "Outcomes gnirud surgery" in html
    assert not any(c in html for c in CONTROLS)
    assert Publication.from_json({"title": f"A{RLO}B", "authors": [f"C{RLO}"]}).authors == ("C",)


def test_documents_names_headers_and_suggested_holders_are_neutralised():
    assert safe_name(f"letter{RLO}fdp.exe") == "letterfdp.exe"
    eml = (
        f"From: Registrar {RLO}lam <r@council.example>\r\nTo: me@example.org\r\n"
        f"Subject: Your {LRI}certificate{PDI}\r\n\r\nBody\r\n"
    ).encode()
    found = email_headers.headers(eml, "message/rfc822")
    assert found["subject"] == "Your certificate" and found["from"].startswith("Registrar lam")
    said = suggest(f"This is to certify that Dr. Anna {RLO}Kowalska completed training.\n")
    assert said.holder is not None and said.holder.value == "Anna Kowalska"


def test_a_contact_built_in_code_is_neutralised_too():
    contact = Contact(id="x", name=f"A {RLO}B", pending=(f"letter{LRI}",), emails=(f"a{RLO}@b",))
    assert (contact.name, contact.pending, contact.emails) == ("A B", ("letter",), ("a@b",))
