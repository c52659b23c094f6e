"""Contacts: vCard import and export, the two-networks check and the keep-in-touch list."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from msgspec.structs import replace

from tests.helpers.contacts import person
from wayhome.adapters.importers.vcard import read_vcards, write_vcards
from wayhome.core.cv.contacts import (
    Contact,
    ContactRole,
    Side,
    cadence_of,
    derive_id,
    due,
    missing_people,
)

FILES = Path(__file__).parent / "files"
IPHONE = FILES / "contacts-iphone.vcf"
GOOGLE = FILES / "contacts-google.vcf"
ANDROID = FILES / "contacts-android-21.vcf"
V4 = FILES / "contacts-v4.vcf"


def by_name(contacts: list[Contact], name: str) -> Contact:
    [contact] = [c for c in contacts if c.name == name]
    return contact


# --- the contact record ----------------------------------------------------------------------


def test_contact_json_round_trip_and_cleaning():
    contact = Contact(
        id="c1",
        name="  Rajesh   Kumar ",
        native_name="राजेश कुमार",
        roles=("department-head", ContactRole.DEAN_OR_DIRECTOR, "department-head"),
        institution="AIIMS ",
        country="in",
        emails=(" rk@example.in", ""),
        last_contact=date(2025, 1, 31),
        pending=("Experience certificate",),
        notes="",
        cadence_months=2,
    )
    assert contact.name == "Rajesh Kumar"
    assert contact.roles == (ContactRole.DEPARTMENT_HEAD, ContactRole.DEAN_OR_DIRECTOR)
    assert contact.country == "IN"
    assert contact.emails == ("rk@example.in",)
    assert contact.notes is None
    assert Contact.from_json(contact.to_json()) == contact


def test_contact_needs_a_name_and_a_positive_cadence():
    with pytest.raises(ValueError, match="name"):
        Contact(id="x", name="  ")
    with pytest.raises(ValueError, match="cadence"):
        Contact(id="x", name="A B", cadence_months=0)


def test_roles_belong_to_a_side():
    assert ContactRole.REGULATOR_OFFICER.side is Side.HOME
    assert ContactRole.PROGRAMME_COORDINATOR.side is Side.US
    assert ContactRole.OTHER.side is None


# --- reading vCards --------------------------------------------------------------------------


def test_iphone_export_names_institutions_countries_and_native_script():
    result = read_vcards(IPHONE)
    assert result.problems == []
    assert [c.name for c in result.contacts] == [
        "Dr. Aisha Bello",
        "Margaret O'Neil MD",
        "Taro Yamada",
    ]
    bello = by_name(result.contacts, "Dr. Aisha Bello")
    assert bello.institution == "Lagos University Teaching Hospital, Internal Medicine"
    assert bello.title == "Provost, College of Medicine"
    assert bello.country == "NG"
    assert bello.emails == ("aisha.bello@example.ng",)
    assert bello.phones == ("+234 803 555 0101",)
    assert bello.roles == ()  # a phone's card carries no roles
    assert bello.id == derive_id("Dr. Aisha Bello", ["aisha.bello@example.ng"])  # no UID
    oneil = by_name(result.contacts, "Margaret O'Neil MD")
    assert oneil.country == "US"
    assert oneil.emails == ("moneil@example.org", "margaret.oneil@example.com")
    assert oneil.notes is not None and "answers within a week. Ask" in oneil.notes  # folded
    yamada = by_name(result.contacts, "Taro Yamada")  # Latin from the phonetic name
    assert yamada.native_name == "山田 太郎"
    assert yamada.country == "JP"


def test_google_export_skips_the_malformed_and_nameless_cards_and_notes_native_only():
    result = read_vcards(GOOGLE)
    assert [c.name for c in result.contacts] == ["Rajesh Kumar", "Linda Park", "فاطمة الزهراء"]
    assert by_name(result.contacts, "Rajesh Kumar").country == "IN"
    assert by_name(result.contacts, "Linda Park").country == "US"  # "USA"
    fatima = result.contacts[2]
    assert fatima.native_name == fatima.name == "فاطمة الزهراء"
    assert fatima.country == "SA"
    skipped = [(p.card, p.line) for p in result.problems if p.skipped]
    assert skipped == [(3, 22), (4, 29)]
    broken, nameless, note = result.problems
    assert "Failed to parse line" in broken.message and "(line 26)" in broken.message
    assert "no name" in nameless.message
    assert not note.skipped and "no Latin-script name" in note.message
    assert str(broken).startswith("card 3 (line 22): could not be read")


def test_vcard_21_quoted_printable_soft_breaks_and_charsets():
    result = read_vcards(ANDROID)
    assert result.problems == []
    priya, jurgen = result.contacts
    assert priya.native_name == "प्रिया शर्मा"  # FN split over a soft line break
    assert priya.name == "Priya Sharma"
    assert priya.country == "IN"
    assert priya.emails == ("priya.sharma@example.in",)
    assert priya.notes == "Came back from Boston in 2022.\nKnows the NMC desk."
    assert jurgen.name == "Jürgen Weiß"  # ISO-8859-1 quoted-printable
    assert jurgen.native_name is None
    assert jurgen.country == "DE"  # "Deutschland"


def test_outlooks_vcard_21_in_the_windows_code_page_imports_every_card():
    """Outlook's "Save as vCard": the file in Windows' code page, N and FN in
    quoted-printable with CHARSET=Windows-1252, the address label in quoted-printable with
    no CHARSET (vobject took it for UTF-8 and refused the whole card), a photo whose
    base64 ends with a blank line, two phones and two emails; a card with N and no FN."""
    result = read_vcards(FILES / "contacts-outlook-21.vcf")
    # The label is dropped: only the note Wayhome keeps is said to be read as Windows text.
    assert [(str(p), p.skipped) for p in result.problems] == [
        (
            "card 2 (line 21): the note (line 25) named no character set and was not UTF-8: "
            "read as Windows text (Western European, as Outlook writes it); if a letter looks "
            "wrong, export the contacts again as vCard 3.0, which is UTF-8",
            False,
        )
    ]
    jurgen, ines = result.contacts
    assert (jurgen.name, jurgen.institution) == (
        "Jürgen Müller",
        "Charité - Universitätsmedizin Berlin",
    )
    assert jurgen.phones == ("+49 30 450 50", "+49 170 555 0100")
    assert jurgen.emails == ("juergen.mueller@example.de", "jm@example.com")
    assert (jurgen.title, jurgen.country) == ("Oberarzt", "DE")
    assert (ines.name, ines.notes) == ("Inês Gonçalves", "Conhece a Ordem dos Médicos.")


def test_quoted_printable_with_no_charset_is_utf8_when_it_is_else_windows_text_and_said():
    """Old phones write quoted-printable UTF-8 and Outlook its code page, neither naming a
    CHARSET. Each property is read as UTF-8 when it is, else as Windows-1252, and the card
    says which fields were read so, at their lines: a card edited in both no longer had its
    UTF-8 name read as Windows text ("ZoÃ« BrontÃ«") because its note was."""
    result = read_vcards(FILES / "contacts-qp-no-charset.vcf")
    jose, francois, zoe = result.contacts
    assert jose.name == "José García"
    assert (francois.name, francois.institution) == (
        "François Lefèvre",
        "Hôpital Européen Georges-Pompidou",
    )
    assert francois.notes == "Chef de service\nTél. direct 01 56 09 20 00"  # a soft break
    assert (zoe.name, zoe.notes) == ("Zoë Brontë", "Met at the Société meeting")
    again = "if a letter looks wrong, export the contacts again as vCard 3.0, which is UTF-8"
    assert [(str(p), p.skipped) for p in result.problems] == [
        (
            "card 2 (line 7): the name (line 9), the organisation (line 11), the note "
            "(line 12) named no character set and were not UTF-8: read as Windows text "
            f"(Western European, as Outlook writes it); {again}",
            False,
        ),
        (
            "card 3 (line 15): the note (line 18) named no character set and was not UTF-8: "
            f"read as Windows text (Western European, as Outlook writes it); {again}",
            False,
        ),
    ]


def test_quoted_printable_with_no_charset_that_is_not_windows_text_either_is_refused(tmp_path):
    """A Czech phone's Windows-1250 "Ťoupal" (=8D, no letter in Windows-1252): refused at
    its line with what to do, never read as something else; the next card imports."""
    vcf = tmp_path / "phone.vcf"
    vcf.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:=8Doupal;Jan\r\n"
        b"FN;ENCODING=QUOTED-PRINTABLE:Jan =8Doupal\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Eva Novak\r\nEND:VCARD\r\n"
    )
    result = read_vcards(vcf)
    assert [c.name for c in result.contacts] == ["Eva Novak"]
    [problem] = result.problems
    assert problem.skipped
    assert str(problem) == (
        "card 1 (line 1): line 3: the name is in quoted-printable with no character set, "
        "and is neither UTF-8 nor Windows text (Western European): export the contacts "
        "again as vCard 3.0, which is UTF-8; card skipped"
    )


def test_a_fold_inside_a_characters_bytes_keeps_the_file_utf8():
    """A writer that folds every 75 bytes cut "ã" in two (RFC 6350 warns of it): the
    whole file was read as Windows text, every accent garbled, the name taken for a
    non-Latin script."""
    [contact] = read_vcards(FILES / "contacts-split-fold.vcf").contacts
    assert contact.name == "Dr. José Ñúñez Gonçalves da Conceição e Albuquerque Magalhães Brandão"
    assert contact.native_name is None


def test_vcard_40_language_tagged_names_uri_phones_and_our_own_fields():
    [contact] = read_vcards(V4).contacts
    assert contact.id == "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1"
    assert contact.name == "Mohammed Al-Hassan"
    assert contact.native_name == "محمد الحسن"
    assert contact.phones == ("+974-5555-0199",)
    assert contact.country == "QA"
    # An unescaped comma-separated list, as a hand edit would write it.
    assert contact.roles == (ContactRole.REGULATOR_OFFICER, ContactRole.RETURNED_ATTENDING)
    assert contact.last_contact == date(2024, 11, 5)
    assert contact.pending == ("Confirm the good-standing certificate format",)


def test_a_file_that_is_not_vcard_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("name,email\nA,a@example.com\n")
    with pytest.raises(ValueError, match=r"people\.csv is not a vCard file"):
        read_vcards(path)


def test_unclosed_card_is_reported_and_the_next_imports(tmp_path: Path):
    path = tmp_path / "cut.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cut Off\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Whole Card\r\nEND:VCARD\r\n"
    )
    result = read_vcards(path, name="upload.vcf")
    assert [c.name for c in result.contacts] == ["Whole Card"]
    [problem] = result.problems
    assert (problem.card, problem.line) == (1, 1) and "END:VCARD" in problem.message


def test_bad_wayhome_fields_are_noted_and_left_out(tmp_path: Path):
    path = tmp_path / "odd.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Cruz\r\nX-WAYHOME-ROLE:us-mentor,chair\r\n"
        b"X-WAYHOME-LAST-CONTACT:last spring\r\nX-WAYHOME-CADENCE-MONTHS:often\r\nEND:VCARD\r\n"
    )
    result = read_vcards(path)
    [contact] = result.contacts
    assert contact.roles == (ContactRole.US_MENTOR,)
    assert contact.last_contact is None and contact.cadence_months is None
    assert len(result.problems) == 3 and not any(p.skipped for p in result.problems)


# --- writing vCards --------------------------------------------------------------------------


def all_fixture_contacts() -> list[Contact]:
    return [c for f in (IPHONE, GOOGLE, ANDROID, V4) for c in read_vcards(f).contacts]


FULL = Contact(
    id="c-42",
    name="Rajesh Kumar",
    native_name="राजेश कुमार",
    roles=(ContactRole.DEAN_OR_DIRECTOR, ContactRole.DEPARTMENT_HEAD),
    institution="AIIMS, Department of Medicine; New Delhi",
    title="Dean (Academic)",
    country="IN",
    emails=("rk@example.in", "dean@example.in"),
    phones=("+91 98100 55501",),
    last_contact=date(2025, 2, 14),
    pending=("No-objection letter, signed", "Experience certificate"),
    notes="Met at the alumni dinner.\nPrefers WhatsApp; not before 10 am.",
    cadence_months=2,
)


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_write_then_read_gives_the_same_contacts(tmp_path: Path, version: str):
    contacts = [FULL, *all_fixture_contacts(), Contact(id="k", name="Kenji", country="KE")]
    text = write_vcards(contacts, version=version)
    path = tmp_path / "out.vcf"
    path.write_bytes(text.encode("utf-8"))
    assert read_vcards(path).contacts == contacts


def test_export_is_vcard_30_with_crlf_roles_and_native_fn():
    text = write_vcards([FULL])
    assert text.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")
    assert "FN:राजेश कुमार" in lines
    assert "N:Kumar;Rajesh;;;" in lines  # phones sort by the Latin name
    assert "ADR;TYPE=WORK:;;;;;;India" in lines
    assert any(line.startswith("X-WAYHOME-ROLE:dean-or-director") for line in lines)
    assert "VERSION:4.0" in write_vcards([FULL], version="4.0")
    with pytest.raises(ValueError, match=r"2\.1"):
        write_vcards([FULL], version="2.1")


# --- the two-networks check ------------------------------------------------------------------


def test_missing_people_on_both_sides():
    contacts = [
        person("Rajesh Kumar", ContactRole.DEAN_OR_DIRECTOR, country="IN"),
        person("Priya Sharma", ContactRole.RETURNED_ATTENDING),  # country unknown: counts
        person("Ahmed Raza", ContactRole.DEPARTMENT_HEAD, country="PK"),  # not at home
        person("Margaret O'Neil", ContactRole.US_MENTOR, ContactRole.LETTER_WRITER, country="US"),
        person("Tom Reyes", ContactRole.LETTER_WRITER, country="US"),
        person("Linda Park", ContactRole.PROGRAMME_COORDINATOR, country="US"),
    ]
    gaps = missing_people(contacts, "in")
    assert [(g.side, g.role, g.have, g.need) for g in gaps] == [
        (Side.HOME, ContactRole.DEPARTMENT_HEAD, 0, 1),
        (Side.HOME, ContactRole.REGULATOR_OFFICER, 0, 1),
        (Side.US, ContactRole.LETTER_WRITER, 2, 3),
    ]
    head, _, letters = gaps
    assert "at home (IN)" in head.reason and "Ahmed Raza (PK)" in head.reason
    assert "three letters" in letters.reason and "add 1 more" in letters.reason
    assert letters.to_json()["side"] == "us"


def test_nobody_yet_means_every_key_role_is_missing():
    gaps = missing_people([person("Someone Else", ContactRole.OTHER, country="IN")], "IN")
    assert len(gaps) == 7
    assert {g.side for g in gaps} == {Side.HOME, Side.US}


def test_a_full_network_has_no_gaps():
    home = [person(f"Home {r}", r, country="NG") for r in ContactRole if r.side is Side.HOME]
    us = [person("Mentor", ContactRole.US_MENTOR, ContactRole.LETTER_WRITER, country="US")]
    us += [person(f"Writer {i}", ContactRole.LETTER_WRITER, country="US") for i in (1, 2)]
    us += [person("Coordinator", ContactRole.PROGRAMME_COORDINATOR)]
    assert missing_people(home + us, "NG") == []


# --- keep in touch ---------------------------------------------------------------------------


def test_cadence_by_role_with_override():
    assert cadence_of(person("A", ContactRole.LETTER_WRITER)) == 6
    assert cadence_of(person("B", ContactRole.DEAN_OR_DIRECTOR, ContactRole.LETTER_WRITER)) == 3
    assert cadence_of(person("C", ContactRole.REGULATOR_OFFICER)) == 12
    assert cadence_of(person("D")) == 12
    assert cadence_of(person("E", ContactRole.US_MENTOR, cadence_months=1)) == 1


def test_due_most_overdue_first_and_never_contacted_due_today():
    today = date(2025, 6, 1)
    dean = person("Dean", ContactRole.DEAN_OR_DIRECTOR, last_contact=date(2025, 1, 15))
    writer = person("Writer", ContactRole.LETTER_WRITER, last_contact=date(2024, 10, 1))
    officer = person("Officer", ContactRole.REGULATOR_OFFICER, last_contact=date(2025, 1, 1))
    mentor = person("Mentor", ContactRole.US_MENTOR, last_contact=date(2024, 12, 1))
    new = person("New Person", ContactRole.RETURNED_ATTENDING)
    rows = due([officer, new, dean, writer, mentor], today)
    assert [(r.contact.name, r.due_on, r.days_overdue) for r in rows] == [
        ("Writer", date(2025, 4, 1), 61),
        ("Dean", date(2025, 4, 15), 47),
        ("Mentor", date(2025, 6, 1), 0),  # due today
        ("New Person", today, 0),
    ]  # the officer (every 12 months) is not due until January
    assert rows[-1].never_contacted and not rows[0].never_contacted
    assert rows[0].to_json()["days_overdue"] == 61
    later = replace(officer, cadence_months=4)
    assert [r.contact.name for r in due([later], today)] == ["Officer"]
