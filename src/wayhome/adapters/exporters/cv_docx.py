"""The CV as an editable Word document: the same sections, entries and order as the PDF.

The physician changes this file by hand, so its look lives in Word styles, not in
direct formatting: the name is ``Title``, the headline ``Subtitle``, each section
title ``Heading 1``, a section note ``CV Note`` (italic), and each entry one
``CV Entry`` paragraph: the title (``CV Entry Title``, bold), then a tab to the
style's right tab stop at the text margin and the date (``CV Date``), then a line
break and the detail (``CV Detail``). A new entry typed after one keeps that tab
stop. The font is set once, on ``Normal``; every other style inherits it. A4 with
2 cm margins; the footer gives the name and page numbers, as the PDF's does, but
not the date it was made, which goes stale once the file is edited; a CV in US style
says so on the footer's second line. A photograph, where the CV has a place for one,
is a ``CV Photo`` paragraph (right-aligned, 3 cm wide) above the name, read from the
bytes given (never from a file); a line to sign on, where the target wants one, is a
``CV Signature`` paragraph at the end.

Core properties hold the title and the author (the physician) only; the
template's application properties, thumbnail, bibliography part and creation
stamps are dropped. Zip entries carry a fixed date, so the same CV gives the
same bytes.

Public surface: ``docx(cv, photo=None) -> bytes``.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Final, cast

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.rel import Relationships
from docx.oxml import OxmlElement
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Pt, RGBColor, Twips
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.text.paragraph import Paragraph

from wayhome.core.cv.document import CV, Section

FONT: Final = "Calibri"
SIZE: Final = Pt(11)
SMALL: Final = Pt(9.5)
GREY: Final = RGBColor(0x44, 0x44, 0x44)
BLACK: Final = RGBColor(0, 0, 0)
# Word's own A4 figures, so its Page Setup names the paper "A4".
A4: Final = (Twips(11906), Twips(16838))
MARGIN: Final = Cm(2)
PHOTO_WIDTH: Final = Cm(3)
# Zip entries are stamped with this date instead of the time of the export.
STAMP: Final = (1980, 1, 1, 0, 0, 0)
# What XML 1.0 cannot hold (C0 controls but tab and newlines, U+FFFE/FFFF, lone
# surrogates): a form feed pasted into a reference manager would otherwise stop
# the export. Everything else, any script, is kept as it is.
NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# What a run writes as elements of its own: a tab, a line break (python-docx's Run.text).
BREAKS: Final = re.compile("([\t\n\r])")
# Parts of python-docx's template that say nothing about the CV: app.xml names
# "Microsoft Macintosh Word" and its template, a thumbnail of an empty page, an
# empty bibliography store and a Word 2010 copy of the styles that would not
# carry the styles set here.
DROP_FROM_PACKAGE: Final = (RT.EXTENDED_PROPERTIES, RT.THUMBNAIL)
DROP_FROM_DOCUMENT: Final = (
    RT.CUSTOM_XML,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)


def docx(cv: CV, photo: bytes | None = None) -> bytes:
    """The CV as a .docx file, its sections in the order `cv` gives them, as the PDF's;
    ``photo`` (JPEG or PNG bytes) above the name when the CV has a place for one."""
    doc = Document()
    _drop_parts(doc)
    width = _page(doc)
    _styles(doc, width)
    _properties(doc, cv)
    _footer(doc, cv)

    ids = _StyleIds(doc)
    body = doc.element.body
    if cv.photo and photo:
        _photo(doc, photo)
    _paragraph(body, ids.title, cv.name)
    if cv.headline:
        _paragraph(body, ids.subtitle, cv.headline)
    for section in cv.sections:
        _section(body, ids, section)
    if cv.signature:
        _signature(doc, cv.signature)

    out = io.BytesIO()
    doc.save(out)
    return _stable(out.getvalue())


class _StyleIds:
    """Each style's id, looked up once: python-docx looks a style up by name, through
    every style of the document, for each paragraph and run it is given (a CV with 200
    papers took over a second in those lookups alone)."""

    def __init__(self, doc: WordDocument) -> None:
        def sid(name: str) -> str:
            return str(doc.styles[name].style_id)

        self.title, self.subtitle, self.heading = sid("Title"), sid("Subtitle"), sid("Heading 1")
        self.note, self.entry = sid("CV Note"), sid("CV Entry")
        self.entry_title, self.date, self.detail = (
            sid("CV Entry Title"),
            sid("CV Date"),
            sid("CV Detail"),
        )


def _paragraph(body: CT_Body, style: str, text: str = "") -> CT_P:
    """A paragraph of ``style`` at the end of the body (before its section properties),
    with ``text`` as one run: the elements ``Document.add_paragraph`` makes, each
    appended in the schema's order. python-docx would look for the place of each new
    element among its siblings (and of each paragraph among all the others), which
    grows with the CV."""
    p = cast(CT_P, _element("w:p", _element("w:pPr", _element("w:pStyle", val=style))))
    end = body.sectPr
    if end is not None:
        end.addprevious(p)
    else:
        body.append(p)
    if text:
        p.append(_element("w:r", *_content(_clean(text))))
    return p


def _run(p: CT_P, style: str, text: str) -> None:
    """A run of character ``style``, as ``Paragraph.add_run`` makes it."""
    rpr = _element("w:rPr", _element("w:rStyle", val=style))
    p.append(_element("w:r", rpr, *_content(text)))


def _element(tag: str, *children: BaseOxmlElement, val: str | None = None) -> BaseOxmlElement:
    made = OxmlElement(tag, {qn("w:val"): val} if val is not None else None)
    made.extend(children)
    return made


def _content(text: str) -> list[BaseOxmlElement]:
    """``text`` as ``Run.text`` writes it: a tab as Word's tab, a newline or carriage
    return as its line break, the rest as text (spaces at either end kept)."""
    out = []
    for piece in BREAKS.split(text):
        if piece == "\t":
            out.append(OxmlElement("w:tab"))
        elif piece in ("\n", "\r"):
            out.append(OxmlElement("w:br"))
        elif piece:
            t = OxmlElement("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            out.append(t)
    return out


def _section(body: CT_Body, ids: _StyleIds, section: Section) -> None:
    _paragraph(body, ids.heading, section.title)
    if section.note:
        _paragraph(body, ids.note, section.note)
    for entry in section.entries:
        p = _paragraph(body, ids.entry)
        if entry.title:
            _run(p, ids.entry_title, _clean(entry.title))
        if entry.when:
            _run(p, ids.date, "\t" + _clean(entry.when))
        if entry.detail:
            _run(p, ids.detail, "\n" + _clean(entry.detail))


def _photo(doc: WordDocument, photo: bytes) -> None:
    style = _new_paragraph_style(doc, "CV Photo")
    style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    style.paragraph_format.space_after = Pt(0)
    doc.add_paragraph(style=style).add_run().add_picture(io.BytesIO(photo), width=PHOTO_WIDTH)


def _signature(doc: WordDocument, line: str) -> None:
    style = _new_paragraph_style(doc, "CV Signature")
    style.paragraph_format.space_before = Pt(24)
    style.paragraph_format.keep_together = True
    doc.add_paragraph(_clean(line), style)


def _clean(text: str) -> str:
    return NOT_XML.sub("", text)


def _page(doc: WordDocument) -> Length:
    section = doc.sections[0]
    section.page_width, section.page_height = A4
    section.left_margin = section.right_margin = MARGIN
    section.top_margin = section.bottom_margin = MARGIN
    return Length(A4[0] - 2 * MARGIN)


def _styles(doc: WordDocument, width: Length) -> None:
    styles = doc.styles
    # The template's defaults name the theme's Latin font (Cambria), which Word may
    # prefer to a style's named font: without it, Normal's font is the one in force.
    for fonts in styles.element.findall(_qn_path("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")):
        for theme in ("w:asciiTheme", "w:hAnsiTheme"):
            fonts.attrib.pop(qn(theme), None)
    normal = _paragraph_style(doc, "Normal")
    normal.font.name = FONT
    _size(normal, SIZE)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.0

    # Title, Subtitle and Heading 1 name theme fonts in the template: without them
    # they follow Normal, so one change of font changes the whole CV.
    title = _paragraph_style(doc, "Title")
    _plain(title, "w:pPr/w:pBdr", "w:rPr/w:spacing", "w:rPr/w:kern")
    _size(title, Pt(20))
    title.font.bold = title.font.cs_bold = True
    title.font.color.rgb = BLACK
    title.paragraph_format.space_after = Pt(2)

    subtitle = _paragraph_style(doc, "Subtitle")
    # The template numbers the subtitle (an ilvl without a list) and spaces its letters.
    _plain(subtitle, "w:pPr/w:numPr", "w:rPr/w:spacing")
    _size(subtitle, SIZE)
    subtitle.font.italic = subtitle.font.cs_italic = False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(0)

    heading = _paragraph_style(doc, "Heading 1")
    _plain(heading)
    _size(heading, Pt(13))
    heading.font.color.rgb = BLACK
    heading.paragraph_format.space_before = Pt(14)
    heading.paragraph_format.space_after = Pt(6)

    note = _new_paragraph_style(doc, "CV Note")
    note.quick_style = True
    note.font.italic = note.font.cs_italic = True
    note.paragraph_format.space_after = Pt(4)
    note.paragraph_format.keep_with_next = True

    entry = _new_paragraph_style(doc, "CV Entry")
    entry.next_paragraph_style = entry
    entry.quick_style = True
    entry.paragraph_format.space_after = Pt(4)
    entry.paragraph_format.keep_together = True
    entry.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)

    entry_title = _character_style(doc, "CV Entry Title")
    entry_title.font.bold = entry_title.font.cs_bold = True
    for name in ("CV Date", "CV Detail"):
        small = _character_style(doc, name)
        _size(small, SMALL)
        small.font.color.rgb = GREY

    footer = _paragraph_style(doc, "Footer")
    footer.paragraph_format.tab_stops.clear_all()
    footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    _size(footer, Pt(8))
    footer.font.color.rgb = RGBColor(0x66, 0x66, 0x66)


def _paragraph_style(doc: WordDocument, name: str) -> ParagraphStyle:
    style = doc.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _new_paragraph_style(doc: WordDocument, name: str) -> ParagraphStyle:
    """A paragraph style of the CV's own, based on ``Normal`` (so its font is Normal's)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = _paragraph_style(doc, "Normal")
    return style


def _character_style(doc: WordDocument, name: str) -> CharacterStyle:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    assert isinstance(style, CharacterStyle)
    style.quick_style = True
    return style


def _plain(style: ParagraphStyle, *paths: str) -> None:
    """Remove the style's theme fonts and the template's properties at `paths`."""
    for path in ("w:rPr/w:rFonts", *paths):
        for element in style.element.findall(_qn_path(path)):
            element.getparent().remove(element)


def _qn_path(path: str) -> str:
    return "/".join(qn(step) for step in path.split("/"))


def _size(style: CharacterStyle, size: Length) -> None:
    """The size for Latin and for complex scripts (Arabic, Hebrew): Word sizes them apart."""
    style.font.size = size
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:szCs")):
        rpr.remove(old)
    sz_cs = OxmlElement("w:szCs", {qn("w:val"): str(round(size.pt * 2))})
    # Schema order: w:szCs follows w:sz, which `font.size` has just written.
    rpr.find(qn("w:sz")).addnext(sz_cs)


def _properties(doc: WordDocument, cv: CV) -> None:
    props = doc.core_properties
    # The template says "python-docx", "generated by python-docx", a revision and
    # 2013 dates: the file keeps the title and the author only.
    for child in list(props._element):
        props._element.remove(child)
    props.title = f"Curriculum vitae — {_clean(cv.name)}"
    props.author = _clean(cv.name)


def _footer(doc: WordDocument, cv: CV) -> None:
    p = doc.sections[0].footer.paragraphs[0]
    p.style = doc.styles["Footer"]
    p.add_run(f"{_clean(cv.name)} — curriculum vitae\t")
    _field(p, "PAGE")
    p.add_run(" / ")
    _field(p, "NUMPAGES")
    if cv.style_note:
        doc.sections[0].footer.add_paragraph(_clean(cv.style_note), "Footer")


def _field(p: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in when they lay out the page."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): instruction})
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _drop_parts(doc: WordDocument) -> None:
    _drop(doc.part.package.rels, DROP_FROM_PACKAGE)
    _drop(doc.part.rels, DROP_FROM_DOCUMENT)


def _drop(rels: Relationships, reltypes: tuple[str, ...]) -> None:
    # A part no relationship reaches is not written: python-docx saves the parts
    # it finds by walking the relationships.
    for rid in [rid for rid, rel in rels.items() if rel.reltype in reltypes]:
        del rels[rid]


def _stable(blob: bytes) -> bytes:
    """The same package with every entry stamped `STAMP`, so equal CVs give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(blob)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item))
    return out.getvalue()
