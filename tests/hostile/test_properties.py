"""Item 12, as properties: whatever bytes an importer is given, it answers with its
result or its own error in words, never another exception and never a hang. Bounded
(max_examples, deadline) so the folder stays well under a minute."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wayhome.adapters import yamlfile
from wayhome.adapters.importers.caselog import CaseLogError, read_case_log
from wayhome.adapters.importers.publications import read_publications
from wayhome.adapters.importers.vcard import read_vcards
from wayhome.adapters.vault.sniff import Kind, RefusedError, sniff

# A UTF-16 byte-order mark and then an odd number of bytes: was UnicodeDecodeError
# (adapters/files.decode_text), not text with U+FFFD.
ODD_UTF16 = b"\xfe\xff\x00\x00\x00\x00\x00"
BOUNDED = settings(
    max_examples=150,
    deadline=3000,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def pieces(*tokens: str) -> st.SearchStrategy[str]:
    """Text made of the format's own pieces, and anything else now and then."""
    return st.lists(st.sampled_from(tokens) | st.text(max_size=8), max_size=60).map("".join)


YAML = pieces(
    "\n",
    "  ",
    "- ",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!str ",
    "'",
    '"',
    "|\n",
    "? ",
    "#",
    "---\n",
    "~",
    "\t",
    "\x00",
)
VCARD = pieces(
    "BEGIN:VCARD\r\n",
    "END:VCARD\r\n",
    "VERSION:3.0\r\n",
    "FN:",
    "N:",
    ";",
    "UID:",
    "ORG:",
    "EMAIL;TYPE=INTERNET:",
    "=0D=0A",
    ";ENCODING=QUOTED-PRINTABLE:",
    "\r\n ",
    "ADR;TYPE=WORK:",
    "X-WAYHOME-ROLE:",
    "é",
    "\u202e",
)
RIS = pieces(
    "TY  - JOUR\n",
    "ER  - \n",
    "TI  - ",
    "AU  - ",
    "PY  - ",
    "DO  - ",
    "\n",
    "AN  - ",
    "DB  - PubMed\n",
)
MEDLINE = pieces(
    "PMID- ", "TI  - ", "FAU - ", "PT  - ", "DP  - ", "AID - ", " [doi]", "\n", "      ", "\n\n"
)
BIBTEX = pieces(
    "@article{",
    "@string{",
    "}",
    "{",
    "title = ",
    "author = ",
    " and ",
    ",",
    '\\"',
    "#",
    '"',
    "\n",
    "=",
)
CSL = pieces(
    "[",
    "]",
    "{",
    "}",
    '"title"',
    '"author"',
    '"issued"',
    ":",
    ",",
    '"x"',
    "null",
    "1",
    '{"date-parts": [[',
    "]]}",
)
CSV = pieces(
    "Date,Role,Category\n",
    ",",
    ";",
    "\t",
    "\n",
    '"',
    "2024-05-01",
    "Surgeon",
    "=",
    "\r",
    "\x00",
    "Procedure Date",
    "CPT Code",
)


@given(st.one_of(YAML, st.text(max_size=200)))
@BOUNDED
def test_yaml_is_read_or_refused_in_words(text):
    try:
        yamlfile.parse(text, "any.yaml")
    except yamlfile.InvalidFileError as e:
        assert e.errors
        assert all(str(err).startswith("any.yaml") for err in e.errors)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile")


def written(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@given(st.one_of(VCARD.map(str.encode), st.binary(max_size=300)))
@example(ODD_UTF16)
@BOUNDED
def test_vcards_are_read_or_refused_in_words(folder, data):
    try:
        read_vcards(written(folder, "any.vcf", data))
    except ValueError as e:
        assert str(e).startswith("any.vcf")


@pytest.mark.parametrize(
    ("suffix", "text"),
    [(".ris", RIS), (".nbib", MEDLINE), (".bib", BIBTEX), (".json", CSL)],
    ids=["ris", "medline", "bibtex", "csl-json"],
)
def test_reference_exports_are_read_or_refused_in_words(folder, suffix, text):
    @given(st.one_of(text.map(str.encode), st.binary(max_size=300)))
    @example(ODD_UTF16)
    @BOUNDED
    def check(data):
        try:
            result = read_publications(written(folder, f"any{suffix}", data))
        except ValueError as e:
            assert str(e).startswith(f"any{suffix}")
        else:
            assert all(p.where.startswith(f"any{suffix}") for p in result.problems)

    check()


@given(st.one_of(CSV.map(str.encode), st.binary(max_size=300)))
@example(ODD_UTF16)
@BOUNDED
def test_case_logs_are_read_or_refused_in_words(folder, data):
    try:
        read_case_log(written(folder, "any.csv", data))
    except CaseLogError as e:
        assert str(e) and "any.csv" not in str(e)  # the caller names the file


@given(
    st.one_of(
        st.binary(max_size=300),
        st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=300).map(lambda b: b"%PDF-" + b),
        st.binary(max_size=300).map(lambda b: bytes.fromhex("D0CF11E0A1B11AE1") + b),
    )
)
@BOUNDED
def test_the_vault_sniffer_answers_a_kind_or_a_refusal(data):
    try:
        kind = sniff(data)
    except RefusedError as e:
        assert str(e)
    else:
        assert isinstance(kind, Kind)
