"""A UTF-8 export with one stray byte that is not UTF-8 (a Windows 0x92 apostrophe pasted
from Word): every importer read the whole file as Windows text, every accented name in
it garbled ("HÃ´pital", "MÃ¼ller") without a word. Now the file stays UTF-8, the byte
is read as Windows text, and the import names its line, the same on the command line and
in the web app (adapters/files.decode_text, the one place text exports are decoded)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers.cli import flatten, run
from tests.helpers.hostile import FILES
from wayhome.adapters.files import (
    NulCharacterError,
    UnreadableByteError,
    decode_export,
    decode_text,
    repairs_said,
)
from wayhome.adapters.importers.caselog import read_case_log
from wayhome.adapters.importers.publications import read_publications
from wayhome.adapters.importers.vcard import read_vcards

ONE_LINE = (
    "the file is UTF-8, but line {} held a byte that is not: read as Windows text "
    "(\u201c\u2019\u201d); check that line, or save the file again as UTF-8"
)


def test_a_case_logs_accents_stay_utf8_and_the_repaired_line_is_said():
    result = read_case_log(FILES / "acgme-stray-byte.csv")
    assert [p.site for p in result.procedures] == ["Hôpital Saint-Éloi"] * 2 + ["County"]
    assert result.procedures[2].description == "Appendectomy (attending\u2019s choice of approach)"
    assert result.notes[0] == "T" + ONE_LINE.format(4)[1:] + "."
    assert result.problems == []


def test_a_vcards_accents_stay_utf8_and_the_card_with_the_byte_says_its_line():
    result = read_vcards(FILES / "contacts-stray-byte.vcf")
    jose, ana = result.contacts
    assert (jose.name, jose.institution) == ("José Álvarez", "Hospital Universitário")
    assert ana.notes == "Ana\u2019s mentor at São Paulo"
    assert [str(p) for p in result.problems] == ["card 2 (line 7): " + ONE_LINE.format(11)]
    assert not result.problems[0].skipped


def test_a_reference_exports_accents_stay_utf8_and_the_repaired_line_is_said():
    result = read_publications(FILES / "pubs-stray-byte.ris")
    first, second = result.publications
    assert first.title == "Physicians\u2019 return to practice after training abroad"
    assert (first.authors, first.journal) == (("Müller, Jürgen",), "Médecine et Santé")
    assert second.authors == ("Ñúñez, José",)
    assert result.notes == ["pubs-stray-byte.ris: " + ONE_LINE.format(3)]
    assert result.problems == []  # nothing rejected


SURFACES = {  # command, web page and form, the file
    "cases": (("cases", "import"), "/p/{pk}/cases/", {}, "acgme-stray-byte.csv", 4),
    "contacts": (
        ("contacts", "import"),
        "/p/{pk}/contacts/",
        {"action": "import"},
        "contacts-stray-byte.vcf",
        11,
    ),
    "pubs": (("pubs", "import"), "/p/{pk}/publications/", {}, "pubs-stray-byte.ris", 3),
}


@pytest.mark.parametrize("surface", list(SURFACES))
def test_the_command_line_and_the_web_app_say_the_same_line(surface, owner, client_for):
    args, url, extra, name, line = SURFACES[surface]
    words = ONE_LINE.format(line)[1:]  # a case log's note starts with a capital
    out = flatten(run(*args, str(FILES / name)).output)
    assert words in out, out
    user, row = owner
    client = client_for(user)
    client.raise_request_exception = True
    upload = SimpleUploadedFile(name, (FILES / name).read_bytes())
    page = client.post(url.format(pk=row.pk), {"file": upload, **extra}, follow=True)
    assert words in " ".join(page.content.decode().split())


# --- the decoder's rules ------------------------------------------------------------------


def test_windows_text_throughout_is_read_so_and_no_line_is_said_repaired():
    """An old Excel's CSV is Windows text; a German one's „Straße“ holds ß and “ (0xDF
    0x93), which UTF-8 would read as one character: the file is still Windows text."""
    data = "Hôpital,Straße “Nord”\r\nCafé,Müller\r\n".encode("cp1252")
    assert decode_text(data) == (data.decode("cp1252"), (), None)


def test_a_utf8_file_with_stray_bytes_on_many_lines_names_five_and_counts_the_rest():
    data = b"".join(b"Zo\xc3\xab,line %d\x92s\n" % n for n in range(1, 9))  # Zoë, ’
    decoded = decode_text(data)
    assert decoded.text.startswith("Zoë,line 1\u2019s\nZoë,line 2\u2019s\n")
    assert decoded.repaired == tuple((n, "\u2019") for n in range(1, 9))
    assert repairs_said(decoded.repaired) == (
        "the file is UTF-8, but lines 1 (\u201c\u2019\u201d), 2 (\u201c\u2019\u201d), "
        "3 (\u201c\u2019\u201d), 4 (\u201c\u2019\u201d), 5 (\u201c\u2019\u201d) and 3 more "
        "held bytes that are not: read as Windows text; check those lines, or save the file "
        "again as UTF-8"
    )


def test_lines_are_counted_as_an_editor_shows_them_and_a_bom_means_utf8():
    mac = "Zoë\r\rSoci\x00t\r".encode().replace(b"\x00", b"\xe9")  # old Mac: CR alone
    assert decode_text(mac).repaired == ((3, "é"),)
    # With its BOM a file is UTF-8 whatever else it holds: its one stray byte is repaired.
    bom = b"\xef\xbb\xbfCaf\xe9\n"
    assert decode_text(bom) == ("Café\n", ((1, "é"),), None)


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param("Zoë\nÉva\nJan \x8doupal\n".encode("latin-1"), 3, id="windows-text"),
        pytest.param("Zoë\nÉva\n".encode() + b"Jan \x8doupal\n", 3, id="utf-8"),
    ],
)
def test_a_byte_that_is_no_character_in_windows_text_is_refused_at_its_line(data, line):
    """Windows-1250's Ť (0x8D) is no character in Windows-1252: the file is in another
    encoding; reading it as U+FFFD would keep a wrong name without a word."""
    with pytest.raises(UnreadableByteError) as e:
        decode_export(data, "phone.vcf", "your phone")
    assert str(e.value) == (
        f"phone.vcf: line {line}: holds a byte (0x8D) that is a character neither in UTF-8 "
        "nor in Windows text: the file is in another encoding, or damaged (or not a text "
        "export at all); save it again as UTF-8, or export it again from your phone"
    )
    assert not isinstance(e.value, NulCharacterError)
