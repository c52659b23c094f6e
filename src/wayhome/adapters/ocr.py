"""The text of a stored file: its own text where it has one, OCR where it is a scan.

The vault hands over the decrypted bytes and the media type it recorded
(:mod:`wayhome.adapters.vault.sniff`). A PDF's text layer is read page by page;
a page with (almost) no text is a scan, and the images on it go to Tesseract,
as do photos and scans stored as images. Emails give their subject and body,
Word documents their paragraphs and tables.

OCR is optional: without Tesseract, everything that has its own text is still
read, and the notes say what was left unread and how to install it. A damaged
file never raises: it ends in a note, and the file stays in the vault as it was.
The text is personal data: it is returned, never logged.
"""

from __future__ import annotations

import io
import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import Any, Final

import docx
import olefile
import pytesseract  # type: ignore[import-untyped]
from docx.table import Table
from msgspec import Struct
from PIL import Image, ImageOps, ImageSequence
from pypdf import PageObject, PdfReader

from wayhome.adapters.files import decode_text

PDF: Final = "application/pdf"
EMAIL: Final = "message/rfc822"
OUTLOOK: Final = "application/vnd.ms-outlook"
DOCX: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT: Final = "text/plain"
MAIL_HEADERS: Final = ("from", "to", "subject", "date", "message-id", "received")
IMAGES: Final = frozenset(
    {"image/png", "image/jpeg", "image/tiff", "image/webp", "image/gif", "image/bmp"}
)

SCAN_BELOW: Final = 40  # a PDF page with fewer letters and digits than this is a scan
MAX_PDF_PAGES: Final = 500  # pages whose text layer is read
MAX_OCR_PAGES: Final = 30  # scanned pages or image frames sent to Tesseract (~1-3 s each)
MAX_PIXELS: Final = 24_000_000  # larger images are scaled down first (A4 at 600 dpi is 35 MP)
MIN_SIDE: Final = 40  # smaller images on a PDF page are rules, bullets or logos
OCR_TIMEOUT: Final = 120  # seconds for one image
LANGUAGE: Final = re.compile(r"^[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$", re.I)
LANGUAGE_NAMES: Final = {
    "eng": "English",
    "pol": "Polish",
    "deu": "German",
    "fra": "French",
    "spa": "Spanish",
    "ita": "Italian",
    "por": "Portuguese",
    "nld": "Dutch",
    "ron": "Romanian",
    "hun": "Hungarian",
    "ces": "Czech",
    "slk": "Slovak",
    "ukr": "Ukrainian",
    "rus": "Russian",
    "bul": "Bulgarian",
    "hrv": "Croatian",
    "srp": "Serbian",
    "ell": "Greek",
    "tur": "Turkish",
    "ara": "Arabic",
    "heb": "Hebrew",
    "fas": "Persian",
    "urd": "Urdu",
    "hin": "Hindi",
    "ben": "Bengali",
    "tam": "Tamil",
    "chi_sim": "Chinese (simplified)",
    "chi_tra": "Chinese (traditional)",
    "jpn": "Japanese",
    "kor": "Korean",
    "vie": "Vietnamese",
    "tha": "Thai",
}
MISSING_TESSERACT: Final = (
    "Scanned pages and photos were not read: reading them (OCR) is optional and needs "
    "Tesseract, which is not installed. To install it: on Debian or Ubuntu, "
    "'sudo apt-get install tesseract-ocr'; on macOS, 'brew install tesseract'; on Windows, "
    "the Tesseract installer from UB Mannheim (https://github.com/UB-Mannheim/tesseract/wiki). "
    "Everything else in Wayhome works without it, and the file stays in the vault."
)


class Extracted(Struct, frozen=True):
    text: str
    method: str  # "text" (the file's own text layer or body), "ocr" (Tesseract), "none"
    pages: int  # pages or images looked at (1 for an image or email)
    notes: tuple[str, ...] = ()  # plain-English notes for the physician


# What Tesseract answered, per program (pytesseract's tesseract_cmd), and when: asking
# starts a process, and the files page asks at every visit. A missing Tesseract is
# asked about again after a minute, so one installed meanwhile is found without a restart.
ASK_AGAIN: Final = 60.0  # seconds
_answers: dict[tuple[str, str], tuple[float, Any]] = {}
_answers_lock = threading.Lock()


def _asked(question: str, ask: Callable[[], Any], keep: Callable[[Any], bool]) -> Any:
    """``ask()``'s answer, asked once per process and program, or again after
    ``ASK_AGAIN`` seconds unless ``keep(answer)``."""
    key = (str(pytesseract.pytesseract.tesseract_cmd), question)
    now = time.monotonic()
    with _answers_lock:
        held = _answers.get(key)
    if held is not None and (keep(held[1]) or now - held[0] < ASK_AGAIN):
        return held[1]
    answer = ask()
    with _answers_lock:
        _answers[key] = (now, answer)
    return answer


def _version_check() -> str | None:
    try:
        pytesseract.get_tesseract_version()
    except (Exception, SystemExit):  # not found, not executable, crashed, or too old:
        return MISSING_TESSERACT  # (pytesseract exits on a version it cannot parse)
    return None


def tesseract_missing() -> str | None:
    """None when Tesseract runs; otherwise what to tell the physician. Asked once per
    process (a missing one again after a minute), never at every page."""
    answer: str | None = _asked("version", _version_check, keep=lambda a: a is None)
    return answer


def _installed_languages() -> frozenset[str]:
    try:
        return frozenset(pytesseract.get_languages(config=""))
    except (Exception, SystemExit):
        return frozenset()


def extract_text(data: bytes, media_type: str, *, languages: str = "eng") -> Extracted:
    media_type = media_type.split(";", 1)[0].strip().lower()
    if media_type == PDF:
        return _pdf(data, languages)
    if media_type in IMAGES:
        return _image(data, languages)
    if media_type == EMAIL:
        return _email(data)
    if media_type == OUTLOOK:
        return _outlook(data)
    if media_type == DOCX:
        return _docx(data)
    if media_type == TEXT:
        return _done(decode_text(data).text, "text", 1, [])
    return _unread("Wayhome does not read the text of this kind of file.", 0)


# --- OCR ---------------------------------------------------------------------------------


class _Ocr:
    """Tesseract, checked once per file: its language string and what to tell the physician."""

    def __init__(self, languages: str) -> None:
        # Tesseract's OpenMP threads spin against each other on small machines: one page
        # took 13 s with them and 1.2 s without on two cores. Tesseract's own advice is one
        # thread per process; a value the user set is kept.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self.notes: list[str] = []
        self.missing = tesseract_missing()
        self.lang = "" if self.missing else self._languages(languages)

    @property
    def ready(self) -> bool:
        return bool(self.lang)

    def _languages(self, requested: str) -> str:
        if not LANGUAGE.match(requested):
            self.notes.append("The OCR language setting was not understood; English was used.")
            requested = "eng"
        # Asked once a minute at most: a folder of scans is read one file at a time.
        installed: frozenset[str] = _asked("languages", _installed_languages, keep=lambda _: False)
        wanted = list(dict.fromkeys(requested.split("+")))
        have = [code for code in wanted if code in installed]
        for code in wanted:
            if code not in installed:
                self.notes.append(
                    f"The {LANGUAGE_NAMES.get(code, code)} language pack for OCR is not installed, "
                    f"so text in it may be misread (Debian/Ubuntu: sudo apt-get install "
                    f"tesseract-ocr-{code.replace('_', '-')}; macOS: brew install tesseract-lang)."
                )
        if not have and "eng" in installed:
            have = ["eng"]
        if not have:
            self.notes.append(
                "Tesseract has none of the language packs asked for installed, so nothing "
                "was read from the scanned pages."
            )
        return "+".join(have)

    def read(self, image: Image.Image) -> str:
        prepared = _prepare(image)
        text = pytesseract.image_to_string(prepared, lang=self.lang, timeout=OCR_TIMEOUT)
        return text if isinstance(text, str) else ""


def _prepare(image: Image.Image) -> Image.Image:
    """An image Tesseract reads well: upright, on white, 8-bit, not absurdly large."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("I", "F") or image.mode.startswith("I;16"):
        image = _to_8bit(image.convert("F"))
    elif image.mode == "1":
        image = image.convert("L")
    elif image.mode == "P" or image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(white, rgba).convert("RGB")
    elif image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        factor = (MAX_PIXELS / pixels) ** 0.5
        size = (max(1, int(image.width * factor)), max(1, int(image.height * factor)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def _to_8bit(image: Image.Image) -> Image.Image:
    """A 16-bit or float scan stretched to 0-255 (a plain convert would clip it to white)."""
    low, high = image.getextrema()
    if not isinstance(low, int | float) or not isinstance(high, int | float):
        return image.convert("L")
    scale = 255.0 / (high - low) if high > low else 1.0
    return image.point(lambda v: (v - low) * scale).convert("L")


def _frames(image: Image.Image) -> Iterator[Image.Image]:
    """Every page of a multi-page TIFF; the first frame of anything else."""
    if image.format == "TIFF":
        yield from ImageSequence.Iterator(image)
    else:
        yield image


def _image(data: bytes, languages: str) -> Extracted:
    ocr = _Ocr(languages)
    if ocr.missing:
        return Extracted("", "none", 1, (ocr.missing,))
    if not ocr.ready:
        return _done("", "none", 1, ocr.notes)
    texts: list[str] = []
    notes = ocr.notes
    looked = 0
    try:
        with Image.open(io.BytesIO(data)) as image:
            for frame in _frames(image):
                if looked == MAX_OCR_PAGES:
                    notes.append(f"Only the first {MAX_OCR_PAGES} pages of this image were read.")
                    break
                looked += 1
                texts.append(ocr.read(frame))
    except Exception:  # Pillow and Tesseract raise many kinds of error on a damaged image
        notes.append("This image could not be read (it may be damaged).")
    text = "\n\n".join(texts)
    return _done(text, "ocr" if text.strip() else "none", max(looked, 1), notes)


# --- PDF ---------------------------------------------------------------------------------


def _pdf(data: bytes, languages: str) -> Extracted:
    notes: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return _unread("This PDF is password-protected, so its text was not read.", 0)
        pages = list(reader.pages)
    except Exception:  # pypdf raises many kinds of error on a damaged or hostile file
        return _unread("This PDF could not be opened (it may be damaged).", 0)
    if len(pages) > MAX_PDF_PAGES:
        notes.append(f"Only the first {MAX_PDF_PAGES} of {len(pages)} pages were read.")
        pages = pages[:MAX_PDF_PAGES]
    ocr: _Ocr | None = None
    texts: list[str] = []
    scanned = unread = read_by_ocr = 0
    for number, page in enumerate(pages, start=1):
        try:
            layer = page.extract_text() or ""
        except Exception:
            layer = ""
            notes.append(f"The text of page {number} could not be read.")
        if sum(ch.isalnum() for ch in layer) >= SCAN_BELOW or not _has_images(page):
            texts.append(layer)
            continue
        ocr = ocr or _Ocr(languages)
        if not ocr.ready or scanned == MAX_OCR_PAGES:
            unread += 1
            texts.append(layer)
            continue
        scanned += 1
        found = _ocr_page(page, ocr, number, notes)
        read_by_ocr += bool(found.strip())
        texts.append(found if found.strip() else layer)
    if ocr is not None:
        notes[:0] = [ocr.missing] if ocr.missing else ocr.notes
    if unread and ocr is not None and ocr.ready:
        notes.append(
            f"Only the first {MAX_OCR_PAGES} scanned pages were read ({unread} more were not)."
        )
    text = "\n\n".join(texts)
    method = "ocr" if read_by_ocr else "text"
    return _done(text, method, len(pages), notes)


def _has_images(page: PageObject) -> bool:
    try:
        return len(page.images) > 0
    except Exception:
        return False


def _ocr_page(page: PageObject, ocr: _Ocr, number: int, notes: list[str]) -> str:
    """The OCR text of the images on one PDF page (each decoded on its own)."""
    found: list[str] = []
    images = page.images
    for index in range(len(images)):
        try:
            image = images[index].image
            if image is None or min(image.width, image.height) < MIN_SIDE:
                continue
            found.append(ocr.read(image))
        except Exception:  # an image pypdf cannot decode (JBIG2...), or Tesseract failed
            notes.append(f"An image on page {number} could not be read.")
    return "\n".join(found)


# --- Email and office --------------------------------------------------------------------


class _HtmlText(HTMLParser):
    BLOCKS: Final = frozenset(
        {"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "hr"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(lines)


def _email(data: bytes) -> Extracted:
    notes: list[str] = []
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
        assert isinstance(msg, EmailMessage)
        if not any(msg[h] is not None for h in MAIL_HEADERS):  # not an email at all
            return _unread("This email could not be read (it may be damaged).", 1)
        subject = str(msg["subject"] or "").strip()
        body = ""
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is not None:
            content = part.get_content()
            if isinstance(content, bytes):
                content = content.decode("utf-8", "replace")
            body = html_to_text(content) if part.get_content_subtype() == "html" else content
        attached = sum(1 for _ in msg.iter_attachments())
    except Exception:  # a malformed message, an unknown charset...
        return _unread("This email could not be read (it may be damaged).", 1)
    if attached:
        notes.append(_attachments(attached))
    text = f"Subject: {subject}\n\n{body}" if subject else body
    return _done(text, "text" if text.strip() else "none", 1, notes)


def _attachments(count: int) -> str:
    files = "1 attached file" if count == 1 else f"{count} attached files"
    return f"This email has {files}, not read here: add them to the vault on their own."


def _outlook(data: bytes) -> Extracted:
    """An Outlook .msg: its subject and plain-text body ([MS-OXPROPS] 0x0037, 0x1000)."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            subject = _ole_text(ole, 0x0037)
            body = _ole_text(ole, 0x1000)
            attached = sum(1 for entry in ole.listdir() if entry[0].startswith("__attach_"))
    except Exception:  # olefile raises many kinds of error on a damaged file
        return _unread("This Outlook file could not be read (it may be damaged).", 1)
    notes = [_attachments(attached)] if attached else []
    text = f"Subject: {subject}\n\n{body}" if subject else body
    return _done(text, "text" if text.strip() else "none", 1, notes)


def _ole_text(ole: olefile.OleFileIO[str], prop: int) -> str:
    for suffix, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
        stream = f"__substg1.0_{prop:04X}{suffix}"
        if ole.exists(stream):
            return ole.openstream(stream).read().decode(codec, "replace").rstrip("\x00")
    return ""


def _docx(data: bytes) -> Extracted:
    try:
        doc = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        sections = list(doc.sections)
        if sections:
            parts.extend(p.text for p in sections[0].header.paragraphs)
        for block in doc.iter_inner_content():
            if isinstance(block, Table):
                parts.extend(_table_rows(block))
            else:
                parts.append(block.text)
        if sections:
            parts.extend(p.text for p in sections[0].footer.paragraphs)
    except Exception:  # a damaged or unusual package
        return _unread("This Word document could not be read (it may be damaged).", 1)
    text = "\n".join(parts)
    return _done(text, "text" if text.strip() else "none", 1, [])


def _table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        seen: list[object] = []
        cells: list[str] = []
        for cell in row.cells:
            if any(cell._tc is s for s in seen):  # a merged cell repeats in every column
                continue
            seen.append(cell._tc)
            cells.append(" ".join(cell.text.split()))
        yield " | ".join(c for c in cells if c)


# --- Shared ------------------------------------------------------------------------------


CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalise(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces or control characters, at most one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = CONTROL.sub("", text.replace("\x0c", "\n").replace("\u00a0", " "))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _unread(why: str, pages: int) -> Extracted:
    return Extracted("", "none", pages, (f"{why} It stays in the vault as it was.",))


def _done(text: str, method: str, pages: int, notes: list[str]) -> Extracted:
    text = normalise(text)
    if not text and method != "none":
        method = "none"
    return Extracted(text, method, pages, tuple(dict.fromkeys(notes)))
