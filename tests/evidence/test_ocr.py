"""Reading a stored file's text: text layers, scans through Tesseract, emails, Word.

Every input is made here (a letter drawn with Pillow, a PDF from Typst), so no
real person's document is in the repository.
"""

from __future__ import annotations

import io
import os
import shutil
from datetime import date
from email.message import EmailMessage

import docx
import pytesseract  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader, PdfWriter

from tests.helpers.cfb import outlook_message
from wayhome.adapters import ocr
from wayhome.adapters.exporters.typst_render import compile_dir
from wayhome.adapters.ocr import Extracted, extract_text, tesseract_missing
from wayhome.core.evidence.suggest import suggest

PDF = "application/pdf"
OUTLOOK = "application/vnd.ms-outlook"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LETTER = (
    "Date: March 3, 2025",
    "",
    "This is to certify that Dr. Anna Kowalska completed",
    "residency in Internal Medicine from July 1, 2021 to",
    "June 30, 2024.",
)
LETTER_TEXT = "\n".join(LETTER)
TYPST_LETTER = b"""#set page(paper: "us-letter")
Date: March 3, 2025

This is to certify that Dr. Anna Kowalska completed residency in Internal Medicine
from July 1, 2021 to June 30, 2024.
"""

needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None,
    reason="Tesseract is not installed (OCR is optional: apt-get install tesseract-ocr)",
)


def _draw(lines: tuple[str, ...] = LETTER, mode: str = "RGB") -> Image.Image:
    font = ImageFont.load_default(size=28)
    background = (0, 0, 0, 0) if mode == "RGBA" else "white"
    image = Image.new(mode, (1000, 60 + 48 * len(lines)), background)
    pen = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        pen.text((40, 30 + i * 48), line, fill="black", font=font)
    return image


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def _text_pdf() -> bytes:
    return compile_dir({"main.typ": TYPST_LETTER}, "main.typ", "pdf")


def _no_ocr(*_args: object, **_kwargs: object) -> str:
    raise AssertionError("Tesseract was run on a file that has its own text")


@pytest.fixture
def without_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")


# --- Scans (need Tesseract) --------------------------------------------------------------


@needs_tesseract
def test_a_photographed_letter_is_read_by_ocr_and_its_facts_suggested():
    found = extract_text(_save(_draw(), "PNG"), "image/png")
    assert found == Extracted(LETTER_TEXT, "ocr", 1)
    facts = suggest(found.text)
    assert facts.issued is not None and facts.issued.value == date(2025, 3, 3)
    assert facts.issued.line == "Date: March 3, 2025"
    assert facts.holder is not None and facts.holder.value == "Anna Kowalska"
    assert facts.training_start is not None and facts.training_start.value == date(2021, 7, 1)
    assert facts.training_end is not None and facts.training_end.value == date(2024, 6, 30)
    assert facts.expires is None and facts.graduated is None


@needs_tesseract
def test_a_scanned_pdf_without_a_text_layer_is_read_by_ocr():
    scan = _save(_draw(), "PDF", resolution=150)
    assert PdfReader(io.BytesIO(scan)).pages[0].extract_text() == ""
    assert extract_text(scan, PDF) == Extracted(LETTER_TEXT, "ocr", 1)


@needs_tesseract
def test_a_pdf_with_a_typed_page_and_a_scanned_page_reads_both():
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(_text_pdf())))
    writer.append(PdfReader(io.BytesIO(_save(_draw(("Expiry date: 12 Dec 2030",)), "PDF"))))
    out = io.BytesIO()
    writer.write(out)
    found = extract_text(out.getvalue(), PDF)
    assert (found.method, found.pages, found.notes) == ("ocr", 2, ())
    assert found.text.startswith("Date: March 3, 2025\n")
    assert found.text.endswith("\n\nExpiry date: 12 Dec 2030")
    facts = suggest(found.text)
    assert facts.expires is not None and facts.expires.value == date(2030, 12, 12)


@needs_tesseract
def test_text_drawn_on_a_transparent_background_is_read_on_white():
    found = extract_text(_save(_draw(("Valid until June 30, 2026",), "RGBA"), "PNG"), "image/png")
    assert (found.text, found.method) == ("Valid until June 30, 2026", "ocr")


@needs_tesseract
def test_every_page_of_a_multi_page_tiff_fax_is_read():
    first, second = _draw(("Page one: Anna Kowalska",)), _draw(("Page two: June 30, 2024",))
    tiff = _save(first, "TIFF", save_all=True, append_images=[second])
    found = extract_text(tiff, "image/tiff")
    assert found == Extracted("Page one: Anna Kowalska\n\nPage two: June 30, 2024", "ocr", 2)


@needs_tesseract
def test_a_language_without_its_pack_falls_back_to_the_installed_ones():
    if "pol" in pytesseract.get_languages(config=""):
        pytest.skip("the Polish pack is installed here, so nothing is missing")
    found = extract_text(_save(_draw(), "PNG"), "image/png", languages="eng+pol")
    assert (found.text, found.method) == (LETTER_TEXT, "ocr")
    assert len(found.notes) == 1
    assert "Polish language pack" in found.notes[0]
    assert "apt-get install tesseract-ocr-pol" in found.notes[0]


@needs_tesseract
def test_a_language_string_that_is_not_one_is_replaced_by_english():
    found = extract_text(_save(_draw(), "PNG"), "image/png", languages="eng; rm -rf /")
    assert (found.text, found.method) == (LETTER_TEXT, "ocr")
    assert found.notes == ("The OCR language setting was not understood; English was used.",)


@needs_tesseract
def test_tesseract_is_found_when_installed():
    assert tesseract_missing() is None


# --- Without Tesseract -------------------------------------------------------------------


@pytest.mark.usefixtures("without_tesseract")
def test_without_tesseract_a_scan_is_left_unread_with_how_to_install_it():
    message = tesseract_missing()
    assert message is not None
    for words in ("optional", "apt-get install tesseract-ocr", "brew install tesseract"):
        assert words in message
    assert "UB Mannheim" in message
    assert "Everything else in Wayhome works without it" in message
    assert extract_text(_save(_draw(), "PNG"), "image/png") == Extracted("", "none", 1, (message,))
    scan = extract_text(_save(_draw(), "PDF"), PDF)
    assert scan == Extracted("", "none", 1, (message,))


@pytest.mark.usefixtures("without_tesseract")
def test_without_tesseract_a_pdf_with_text_is_still_read():
    found = extract_text(_text_pdf(), PDF)
    assert (found.method, found.pages, found.notes) == ("text", 1, ())
    assert "Dr. Anna Kowalska completed" in found.text


# --- Files with their own text -----------------------------------------------------------


def test_a_pdf_with_a_text_layer_is_read_without_ocr(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pytesseract, "image_to_string", _no_ocr)
    found = extract_text(_text_pdf(), PDF)
    assert (found.method, found.pages, found.notes) == ("text", 1, ())
    # where the lines break is Typst's layout; the words and their order are the file's
    assert " ".join(found.text.split()) == (
        "Date: March 3, 2025 This is to certify that Dr. Anna Kowalska completed residency in "
        "Internal Medicine from July 1, 2021 to June 30, 2024."
    )
    facts = suggest(found.text)
    assert facts.holder is not None and facts.holder.value == "Anna Kowalska"
    assert facts.training_start is not None and facts.training_start.value == date(2021, 7, 1)
    assert facts.training_end is not None and facts.training_end.value == date(2024, 6, 30)


def test_a_damaged_pdf_is_not_read_and_says_so():
    data = _text_pdf()
    for broken in (data[: len(data) // 2], b"%PDF-1.7\n" + os.urandom(2000) + b"\n%%EOF"):
        assert extract_text(broken, PDF) == Extracted(
            "",
            "none",
            0,
            ("This PDF could not be opened (it may be damaged). It stays in the vault as it was.",),
        )


def test_random_bytes_are_not_read_whatever_they_claim_to_be():
    junk = os.urandom(4096)
    assert extract_text(junk, PDF).method == "none"
    for media in ("message/rfc822", DOCX, OUTLOOK):
        found = extract_text(junk, media)
        assert (found.text, found.method, found.pages) == ("", "none", 1)
        assert found.notes[0].endswith(
            "could not be read (it may be damaged). It stays in the vault as it was."
        )


def test_a_damaged_image_is_not_read_and_says_so():
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed: the note would be how to install it")
    found = extract_text(_save(_draw(), "PNG")[:300], "image/png")
    assert found == Extracted("", "none", 1, ("This image could not be read (it may be damaged).",))


def test_a_kind_of_file_not_read_stays_in_the_vault():
    found = extract_text(b"PK\x03\x04", "application/vnd.ms-excel")
    assert found == Extracted(
        "",
        "none",
        0,
        ("Wayhome does not read the text of this kind of file. It stays in the vault as it was.",),
    )


def test_a_word_document_gives_its_paragraphs_and_table_cells_in_order():
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Memorial Hospital"
    document.add_paragraph("Date: March 3, 2025")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Name:", "Anna Kowalska"
    table.cell(1, 0).text, table.cell(1, 1).text = "Programme", "Internal Medicine"
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Valid until June 30, 2026"
    document.add_paragraph("Signed, the Programme Director")
    out = io.BytesIO()
    document.save(out)
    assert extract_text(out.getvalue(), DOCX) == Extracted(
        "Memorial Hospital\nDate: March 3, 2025\nName: | Anna Kowalska\n"
        "Programme | Internal Medicine\nValid until June 30, 2026\nSigned, the Programme Director",
        "text",
        1,
    )


def test_an_email_gives_its_subject_and_plain_body_and_mentions_attachments():
    msg = EmailMessage()
    msg["From"] = "Registrar <registrar@hospital.example>"
    msg["Subject"] = "Your certificate of completion"
    msg.set_content("Dear Dr. Kowalska,\n\nYour residency ended on June 30, 2024.   \n")
    msg.add_alternative("<p>ignored when a plain body exists</p>", subtype="html")
    msg.add_attachment(b"%PDF-1.7", maintype="application", subtype="pdf", filename="c.pdf")
    assert extract_text(msg.as_bytes(), "message/rfc822") == Extracted(
        "Subject: Your certificate of completion\n\n"
        "Dear Dr. Kowalska,\n\nYour residency ended on June 30, 2024.",
        "text",
        1,
        ("This email has 1 attached file, not read here: add them to the vault on their own.",),
    )


def test_an_html_only_email_is_read_as_text_without_its_styles_or_scripts():
    msg = EmailMessage()
    msg["From"] = "registrar@hospital.example"
    msg["Subject"] = "Verification"
    msg.set_content(
        "<html><head><style>p {color: red}</style></head><body>"
        "<p>Name: Anna&nbsp;Kowalska</p><script>alert(1)</script>"
        "<table><tr><td>Start date:</td><td>07/01/2021</td></tr></table></body></html>",
        subtype="html",
    )
    found = extract_text(msg.as_bytes(), "message/rfc822")
    assert found == Extracted(
        "Subject: Verification\n\nName: Anna Kowalska\n\nStart date: 07/01/2021", "text", 1
    )
    facts = suggest(found.text)
    assert facts.holder is not None and facts.holder.value == "Anna Kowalska"
    assert facts.training_start is not None and facts.training_start.value == date(2021, 7, 1)


def test_an_outlook_message_gives_its_subject_and_body():
    data = outlook_message({0x0037: "Good standing", 0x1000: "Valid until 30.06.2026\r\n"})
    assert extract_text(data, OUTLOOK) == Extracted(
        "Subject: Good standing\n\nValid until 30.06.2026", "text", 1
    )


def test_text_is_normalised_nfc_without_trailing_spaces_or_runs_of_blank_lines():
    raw = "Kowalska Zo\u0301ıa   \r\n\r\n\r\n\r\n\x0cPage 2\t \n"
    found = extract_text(raw.encode(), "text/plain")
    assert found == Extracted("Kowalska Zóıa\n\nPage 2", "text", 1)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.binary(max_size=3000),
    media=st.sampled_from(
        [PDF, "message/rfc822", DOCX, "application/vnd.ms-outlook", "text/plain"]
    ),
)
def test_no_input_makes_extraction_raise(data: bytes, media: str):
    found = extract_text(data, media)
    assert found.method in ("text", "none")
    assert found.method == "none" or found.text == ocr.normalise(found.text)
