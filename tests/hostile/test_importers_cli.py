"""Item 12 on the command line: every importer, given an empty, binary, wrongly encoded,
cut-short or wrong-type file, a path that is no file, an unreadable file or an over-long
field, says so in words (exit 2, or the row, record or card left out) naming the file,
never a traceback, and stores nothing from a file it refuses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.cli import flatten, run
from tests.helpers.hostile import FILES, NO_FILE, PROFILE, bad_copies, no_file
from wayhome.adapters.db.models import (
    ContactRecord,
    ProcedureRecord,
    PublicationRecord,
    StoredProfile,
)

# command, a good file of its kind, the table a refused file must leave as it was
SURFACES = {
    "cases-csv": (("cases", "import"), FILES / "acgme-surgery.csv", ".csv", ProcedureRecord),
    "cases-xlsx": (("cases", "import"), FILES / "acgme-surgery.csv", ".xlsx", ProcedureRecord),
    "pubs-nbib": (("pubs", "import"), FILES / "pubs-pubmed.nbib", ".nbib", PublicationRecord),
    "pubs-ris": (("pubs", "import"), FILES / "pubs-zotero.ris", ".ris", PublicationRecord),
    "pubs-bibtex": (("pubs", "import"), FILES / "pubs-thesis.bib", ".bib", PublicationRecord),
    "pubs-csl-json": (("pubs", "import"), FILES / "pubs-export.json", ".json", PublicationRecord),
    "contacts": (("contacts", "import"), FILES / "contacts-iphone.vcf", ".vcf", ContactRecord),
    "profile": (("profile", "import"), PROFILE, ".yaml", StoredProfile),
    "assess": (("assess",), PROFILE, ".yaml", None),
}
BAD = list(bad_copies(b"x"))


def check(result, shown: str) -> str:
    """No traceback; exit 0 or 2; the file named when refused. The output, flattened."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("a traceback") from result.exception
    assert result.exit_code in (0, 2), result.output
    out = flatten(result.output)
    if result.exit_code == 2:
        assert shown in out, out
    return out


# Copies with nothing any importer can read: each is refused in words (exit 2).
NOT_A_TABLE_OR_TEXT = frozenset({"empty", "binary", "utf-32", "a-pdf", "a-zip", "a-png"})


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_a_bad_file_is_refused_in_words_or_read_in_part(surface, bad, data_dir, tmp_path):
    args, good, suffix, table = SURFACES[surface]
    path = tmp_path / f"{bad}{suffix}"
    path.write_bytes(bad_copies(good.read_bytes())[bad])
    before = table.objects.count() if table else 0
    result = run(*args, str(path))
    check(result, path.name)
    if bad in NOT_A_TABLE_OR_TEXT:  # nothing to read in part: refused, every surface
        assert result.exit_code == 2, result.output
    if result.exit_code == 2 and table is not None:
        assert table.objects.count() == before, "a refused file stored something"


@pytest.mark.parametrize("kind", NO_FILE)
@pytest.mark.parametrize("surface", list(SURFACES))
def test_a_path_that_is_no_file_exits_2_saying_what_it_is(surface, kind, data_dir, tmp_path):
    args, good, _, _ = SURFACES[surface]
    path = no_file(tmp_path, good, kind)
    out = check(run(*args, str(path)), path.name)
    words = {
        "folder": "folder",
        "missing": ("does not exist", "no such file"),
        "dangling-link": ("does not exist", "no such file"),
        "pipe": ("not a regular file", "not a file"),
    }[kind]
    assert any(w in out for w in ([words] if isinstance(words, str) else words)), out


@pytest.mark.parametrize("surface", list(SURFACES))
def test_an_unreadable_file_exits_2_saying_so(surface, data_dir, tmp_path, monkeypatch):
    args, good, suffix, _ = SURFACES[surface]
    path = tmp_path / f"secret{suffix}"
    path.write_bytes(good.read_bytes())
    real_open = Path.open

    def denied(self, *a, **k):  # root reads any file: permission is refused here instead
        if self.name == path.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *a, **k)

    monkeypatch.setattr(Path, "open", denied)
    monkeypatch.setattr(Path, "read_bytes", lambda self: denied(self).read())
    out = check(run(*args, str(path)), path.name)
    assert "ermission denied" in out


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission_exits_2(data_dir, tmp_path):
    path = tmp_path / "locked.ris"
    path.write_bytes((FILES / "pubs-zotero.ris").read_bytes())
    path.chmod(0)
    out = check(run("pubs", "import", str(path)), path.name)
    assert "permission denied" in out


def test_a_link_to_a_file_is_followed_when_named(data_dir, tmp_path):
    (tmp_path / "link.ris").symlink_to(FILES / "pubs-zotero.ris")
    result = run("pubs", "import", str(tmp_path / "link.ris"))
    assert result.exit_code == 0 and PublicationRecord.objects.count() > 0


def test_over_long_fields_leave_out_their_row_record_or_card_named(data_dir, tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "Date,Role,Category,Site\n2024-05-01,Surgeon,Hernia,Mercy\n"
        f"2024-05-02,Surgeon,{'z' * 5000},Mercy\n",
        encoding="utf-8",
    )
    out = check(run("cases", "import", str(log)), "log.csv")
    assert "log.csv: row 3: category is 5,000 characters long (Wayhome keeps up to 1,000)" in out
    assert ProcedureRecord.objects.count() == 1
    vcf = tmp_path / "phone.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{'N' * 2000}\r\nEND:VCARD\r\n"
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Kim\r\nUID:{'u' * 300}\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    out = check(run("contacts", "import", str(vcf)), "phone.vcf")
    assert "card 2 (line 5): the name is 2,000 characters long" in out
    assert "card 3 (line 9): the UID is 300 characters long (Wayhome keeps up to 200)" in out
    assert ContactRecord.objects.count() == 1
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE.read_text().replace("Dr. Sam Example", "S" * 20_000), "utf-8")
    out = check(run("profile", "import", str(me)), "me.yaml")
    assert "me.yaml:6 person.name: this value is 20,000 characters long" in out


def test_the_case_log_mapping_and_a_pack_folder_are_refused_in_words(data_dir, tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_bytes(b"columns: {on: Date}\x00\n")
    out = check(
        run("cases", "import", str(FILES / "acgme-surgery.csv"), "--map", str(mapping)),
        "map.yaml",
    )
    assert "map.yaml:1: a character YAML does not allow (U+0000, a NUL byte)" in out
    packs = tmp_path / "packs" / "XX"
    packs.mkdir(parents=True)
    (packs / "pack.yaml").write_bytes(b"\xff\xfe binary")
    out = check(run("packs", "check", str(tmp_path / "packs")), "pack.yaml")
    assert "pack.yaml:1: not UTF-8 text" in out


# --------------------------------------------------------------------------- NUL characters
# PostgreSQL cannot store a NUL (a zero byte) and SQLite kept one unseen: each importer
# refuses it before anything is stored, at its line, with the same words on both.

# A CSV named .xlsx is no workbook at all (refused as such above); a workbook's NUL is below.
NUL_SURFACES = [s for s in SURFACES if s != "cases-xlsx"]


@pytest.mark.parametrize("surface", NUL_SURFACES)
def test_a_nul_byte_is_refused_at_its_line_and_nothing_is_stored(surface, data_dir, tmp_path):
    args, good, suffix, table = SURFACES[surface]
    data = bad_copies(good.read_bytes())["nul-byte"]
    line = data.count(b"\n", 0, data.index(b"\x00")) + 1
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data)
    result = run(*args, str(path))
    out = check(result, path.name)
    assert result.exit_code == 2, out
    if suffix == ".yaml":  # the profile's YAML reader has always refused it so
        assert f"damaged.yaml:{line}: a character YAML does not allow (U+0000, a NUL byte)" in out
    else:
        assert (
            f"damaged{suffix}: line {line}: holds a NUL character (a zero byte), which no text "
            "export contains: the file is probably damaged (or not a text export at all); "
            "export it again from "
        ) in out, out
    if table is not None:
        assert not table.objects.exists(), "a refused file stored something"


def test_a_nul_in_a_spreadsheet_cell_is_refused_by_sheet_row_and_column(data_dir, tmp_path):
    from tests.helpers.acgme import ROWS, xlsx_bytes

    rows = [list(r) for r in ROWS]
    rows[1][5] = "Cata_x0000_ract"  # how an .xlsx writes a NUL; Excel reads it back as one
    path = tmp_path / "log.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    result = run("cases", "import", str(path))
    out = check(result, "log.xlsx")
    assert result.exit_code == 2, out
    assert (
        "log.xlsx: sheet \u201cSheet\u201d, row 3, column F: the cell holds a NUL character "
        "(a zero byte), which no case log has: delete it from that cell, save the file and "
        "import it again"
    ) in out
    assert not ProcedureRecord.objects.exists()


# A file that is itself fine may write a NUL escaped (CSL-JSON's \u0000, a vCard's
# quoted-printable =00): the record or card is left out, named; the rest imports.
ESCAPED_NUL = {
    "csl-json": (
        ("pubs", "import"),
        "refs.json",
        '[{"id": "a", "type": "article-journal", "title": "Hip fracture\\u0000 care",'
        ' "issued": {"date-parts": [[2023]]}},'
        ' {"id": "b", "type": "article-journal", "title": "Knee care",'
        ' "issued": {"date-parts": [[2022]]}}]',
        "the title holds a NUL character (a zero byte), which Wayhome cannot keep",
        PublicationRecord,
        "title",
        "Knee care",
    ),
    "vcard": (
        ("contacts", "import"),
        "phone.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:Ann=00Lee\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Kim\r\nEND:VCARD\r\n",
        "card 1 (line 1): the name holds a NUL character (a zero byte)",
        ContactRecord,
        "name",
        "Bo Kim",
    ),
}


@pytest.mark.parametrize("kind", list(ESCAPED_NUL))
def test_a_nul_written_escaped_in_a_field_leaves_out_its_record_or_card(kind, data_dir, tmp_path):
    args, name, text, words, table, field, kept = ESCAPED_NUL[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run(*args, str(path))
    out = check(result, name)
    assert result.exit_code == 0, out  # the rest of the file imports
    assert words in out
    assert [r.data[field] for r in table.objects.all()] == [kept]


def test_a_nul_written_escaped_in_a_profile_is_refused_at_its_field(data_dir, tmp_path):
    me = tmp_path / "me.yaml"
    me.write_text(PROFILE.read_text().replace("Dr. Sam Example", '"Dr. Sam\\0 Example"'), "utf-8")
    out = check(run("profile", "import", str(me)), "me.yaml")
    assert "me.yaml:6 person.name: this value holds a NUL character (a zero byte" in out
    assert not StoredProfile.objects.exists()


def test_a_nul_is_placed_at_the_line_an_editor_shows_and_utf16_text_is_no_nul():
    from wayhome.adapters.files import NulCharacterError, decode_export

    for data, line in (
        (b"\x00", 1),
        (b"a\r\nb\r\nc\x00", 3),  # Windows
        (b"a\rb\rc\x00", 3),  # old Mac: CR alone
        ("a\nb\x00".encode("utf-16"), 2),  # its BOM read: the NUL is a character
    ):
        with pytest.raises(NulCharacterError, match=f"^refs.ris: line {line}: holds a NUL"):
            decode_export(data, "refs.ris", "your reference manager")
    # UTF-16 holds a zero byte in every Latin letter; decoded, there is no NUL.
    assert decode_export("TY  - JOUR\n".encode("utf-16"), "refs.ris", "it").text == "TY  - JOUR\n"


@pytest.mark.parametrize("cut", [4096, 4352, 4608])
def test_an_xls_cut_where_the_spreadsheet_reader_gives_up_is_refused_in_words(
    cut, data_dir, tmp_path
):
    """Cut at these places, an .xls makes the spreadsheet reader (calamine, in Rust) panic:
    a PanicException, no Exception, which went past the refusal as a traceback."""
    path = tmp_path / "log.xls"
    path.write_bytes((FILES / "acgme-mac-1904.xls").read_bytes()[:cut])
    result = run("cases", "import", str(path))
    out = check(result, "log.xls")
    assert result.exit_code == 2, out
    assert "log.xls: this spreadsheet could not be read (it may be cut short" in out
    assert "open it and save it again as .xlsx or .csv" in out
    assert not ProcedureRecord.objects.exists()
