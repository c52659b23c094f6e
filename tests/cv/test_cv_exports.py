"""The CV's PDF and Word files carry what the target's conventions add: a photograph given
as bytes (and never written to disk), a line to sign on, and the US-style note."""

from __future__ import annotations

import io
import pathlib
import tempfile
from datetime import date

import pytest
from docx import Document
from PIL import Image
from pypdf import PdfReader

from wayhome.adapters.exporters import cv as cv_pdf
from wayhome.adapters.exporters.cv_docx import docx
from wayhome.adapters.packs import bundled_packs
from wayhome.core.cv.conventions import target_of
from wayhome.core.cv.document import build

ON = date(2026, 12, 5)


def made(facts, code, photo=False):
    profile, log, papers = facts
    return build(profile, log, papers, target=target_of(code, bundled_packs()), photo=photo, on=ON)


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (90, 120), (200, 180, 160)).save(out, format="JPEG")
    return out.getvalue()


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_pdf_is_made_without_writing_a_file(facts, monkeypatch):
    cv, photo = made(facts, "DE", photo=True), jpeg()

    def refused(*args, **kwargs):
        raise AssertionError("the CV's PDF wrote to disk")

    for name in ("TemporaryDirectory", "mkdtemp", "mkstemp", "NamedTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refused)
    monkeypatch.setattr(pathlib.Path, "write_bytes", refused)
    monkeypatch.setattr(pathlib.Path, "write_text", refused)
    pdf = cv_pdf.pdf(cv, ON, photo)
    assert pdf.startswith(b"%PDF") and len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1


def test_a_photograph_goes_only_where_the_cv_has_a_place_for_it(facts):
    for code, images in (("DE", 1), ("GB", 0)):
        pdf = cv_pdf.pdf(made(facts, code, photo=True), ON, jpeg())
        assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == images, code
        word = Document(io.BytesIO(docx(made(facts, code, photo=True), jpeg())))
        assert len(word.inline_shapes) == images, code
    word = Document(io.BytesIO(docx(made(facts, "DE", photo=True), jpeg())))
    assert word.paragraphs[0].style.name == "CV Photo"
    assert word.paragraphs[1].style.name == "Title"


def test_germany_ends_with_a_line_to_sign_with_place_and_date(facts):
    cv = made(facts, "DE")
    assert text_of(cv_pdf.pdf(cv, ON)).endswith(
        "Place and date: ____________________ Signature: ____________________ "
        "Dr. A. Example — curriculum vitae, 5 Dec 2026 2 / 2"
    )
    last = Document(io.BytesIO(docx(cv))).paragraphs[-1]
    assert (last.style.name, last.text) == ("CV Signature", cv.signature)


def test_personal_details_come_first(facts):
    text = text_of(cv_pdf.pdf(made(facts, "DE"), ON))
    assert "Personal details Date of birth 15 Mar 1990 Nationality India" in text
    assert text.index("Personal details") < text.index("Publications")


@pytest.mark.parametrize("code", ["JP"])
def test_a_us_style_cv_says_so_in_its_footer(facts, code):
    cv = made(facts, code)
    note = "Laid out in US style: no CV conventions are recorded for Japan."
    assert note in text_of(cv_pdf.pdf(cv, ON))
    footer = Document(io.BytesIO(docx(cv))).sections[0].footer.paragraphs
    assert footer[0].text.startswith("Dr. A. Example — curriculum vitae\t")
    assert footer[1].text == note
    assert len(Document(io.BytesIO(docx(made(facts, "GB")))).sections[0].footer.paragraphs) == 1


def persona(name: str, code: str):
    from tests.helpers.setups import REFERENCES
    from wayhome.adapters.profiles import load_profile

    profile = load_profile(REFERENCES / f"{name}.yaml")[0]
    return build(profile, None, [], target=target_of(code, bundled_packs()), on=ON)


def test_the_files_say_what_is_expected_not_held():
    cv = persona("j1-cardiologist-india", "IN")
    word = " ".join(p.text for p in Document(io.BytesIO(docx(cv))).paragraphs)
    for text in (text_of(cv_pdf.pdf(cv, ON)), " ".join(word.split())):
        assert "ABIM: cardiovascular disease expected Oct 2027" in text
        assert "Jul 2024 to Jun 2027 (expected)" in text
        assert "certified 15 Oct 2027" not in text
        assert "Mount Sinai Hospital, United States" in text


def test_the_files_name_the_institution_and_places_in_words():
    cv = persona("green-card-surgeon-brazil", "BR")
    word = " ".join(p.text for p in Document(io.BytesIO(docx(cv))).paragraphs)
    for text in (text_of(cv_pdf.pdf(cv, ON)), " ".join(word.split())):
        assert text.count("Cleveland Clinic, United States") == 2
        assert "Medical licence, Ohio, United States" in text
        assert "Bolivia" in text and " BO " not in text
        assert "US-OH" not in text and "General Surgery, US" not in text
