"""The CV as DOCX: the PDF's content in the PDF's order, in Word styles the physician can edit."""

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from wayhome.adapters.exporters.cv_docx import docx
from wayhome.core.cv.document import CV, Entry, Section, build
from wayhome.core.profile.model import ReturnType

FILES = Path(__file__).parent / "files"


def make_cv(facts, rtype=ReturnType.ACADEMIC, name=None, *, log=True, papers=True):
    profile, case_log, pubs = facts
    update = {"plan": profile.plan.model_copy(update={"return_type": rtype})}
    if name is not None:
        update["person"] = profile.person.model_copy(update={"name": name})
    profile = profile.model_copy(update=update)
    return build(profile, case_log if log else None, pubs if papers else [])


def read(cv):
    return Document(io.BytesIO(docx(cv)))


def body(doc):
    """The body as (style name, text) pairs, in order."""
    return [(p.style.name, p.text) for p in doc.paragraphs]


def expected_text(entry):
    return (
        entry.title
        + (f"\t{entry.when}" if entry.when else "")
        + (f"\n{entry.detail}" if entry.detail else "")
    )


def expected_body(cv):
    """What the PDF shows (cv.typ), paragraph by paragraph, in its order."""
    rows = [("Title", cv.name), ("Subtitle", cv.headline)]
    for s in cv.sections:
        rows.append(("Heading 1", s.title))
        if s.note:
            rows.append(("CV Note", s.note))
        rows += [("CV Entry", expected_text(e)) for e in s.entries]
    return rows


@pytest.mark.parametrize(
    ("rtype", "headings"),
    [
        pytest.param(
            ReturnType.ACADEMIC,
            [
                "Publications",
                "Postgraduate training",
                "Procedures (from the case log)",
                "Posts held",
                "Certification and licences",
                "Medical degree",
            ],
            id="academic",
        ),
        pytest.param(
            ReturnType.PRIVATE,
            [
                "Procedures (from the case log)",
                "Postgraduate training",
                "Certification and licences",
                "Posts held",
                "Publications",
                "Medical degree",
            ],
            id="private",
        ),
        pytest.param(
            ReturnType.PUBLIC,
            [
                "Postgraduate training",
                "Posts held",
                "Certification and licences",
                "Medical degree",
                "Procedures (from the case log)",
                "Publications",
            ],
            id="public",
        ),
    ],
)
def test_it_has_a_heading_1_for_each_section_in_the_order_of_the_return_type(
    facts, rtype, headings
):
    doc = read(make_cv(facts, rtype))
    assert [text for style, text in body(doc) if style == "Heading 1"] == headings


@pytest.mark.parametrize("rtype", [ReturnType.ACADEMIC, ReturnType.PRIVATE], ids=str)
def test_it_carries_everything_in_the_cv_in_the_pdf_order(facts, rtype):
    cv = make_cv(facts, rtype)
    assert body(read(cv)) == expected_body(cv)


def test_it_gives_the_name_as_title_and_the_headline_as_subtitle(facts):
    cv = make_cv(facts)
    rows = body(read(cv))
    assert rows[0] == ("Title", "Dr. A. Example")
    assert rows[1] == ("Subtitle", "Curriculum vitae for an academic post, India")


def test_an_entry_is_a_bold_title_a_right_aligned_date_and_the_detail(facts):
    cv = make_cv(facts)
    doc = read(cv)
    training = next(p for p in doc.paragraphs if p.text.startswith("Residency"))
    runs = [(r.style.name, r.text) for r in training.runs]
    assert runs == [
        ("CV Entry Title", "Residency in internal medicine"),
        ("CV Date", "\tJul 2018 to Jun 2021"),
        ("CV Detail", "\nUnited States"),
    ]
    assert doc.styles["CV Entry Title"].font.bold
    (stop,) = doc.styles["CV Entry"].paragraph_format.tab_stops
    section = doc.sections[0]
    assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT
    assert stop.position == section.page_width - section.left_margin - section.right_margin


def test_an_entry_without_a_date_has_no_tab(facts):
    doc = read(make_cv(facts))
    procedure = next(p for p in doc.paragraphs if p.text.startswith("Cholecystectomy"))
    assert procedure.text == "Cholecystectomy\n2 performed"


def test_a_section_note_is_in_italics(facts):
    doc = read(make_cv(facts))
    notes = [p.text for p in doc.paragraphs if p.style.name == "CV Note"]
    assert notes == [
        "4 papers, 4 indexed in PubMed.",
        "6 cases, 7 procedures in the case log; 4 cases performed hands-on.",
    ]
    assert doc.styles["CV Note"].font.italic


def test_the_look_is_in_styles_not_in_direct_formatting(facts):
    doc = read(make_cv(facts))
    for p in doc.paragraphs:
        assert len(p.paragraph_format.tab_stops) == 0
        for run in p.runs:
            assert (run.bold, run.italic, run.font.size, run.font.name) == (None,) * 4


def test_the_font_is_set_once_on_normal(facts):
    doc = read(make_cv(facts))
    assert doc.styles["Normal"].font.name == "Calibri"
    assert doc.styles["Normal"].font.size == Pt(11)
    for name in ("Title", "Subtitle", "Heading 1", "CV Entry", "CV Note", "CV Detail"):
        assert doc.styles[name].font.name is None, name


def test_it_is_a4_with_2_cm_margins(facts):
    (section,) = read(make_cv(facts)).sections
    assert abs(section.page_width - Mm(210)) < Mm(0.1)
    assert abs(section.page_height - Mm(297)) < Mm(0.1)
    for margin in (
        section.left_margin,
        section.right_margin,
        section.top_margin,
        section.bottom_margin,
    ):
        assert abs(margin - Mm(20)) < Mm(0.1)


def test_its_properties_are_the_title_and_the_author_only(facts):
    cv = make_cv(facts)
    blob = docx(cv)
    props = Document(io.BytesIO(blob)).core_properties
    assert props.title == "Curriculum vitae — Dr. A. Example"
    assert props.author == "Dr. A. Example"
    assert (props.comments, props.keywords, props.subject, props.category) == ("",) * 4
    assert (props.last_modified_by, props.identifier, props.version) == ("",) * 3
    assert (props.created, props.modified, props.last_printed) == (None,) * 3
    assert props.revision == 0
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert "docProps/app.xml" not in names  # "Microsoft Macintosh Word", from the template
    assert not [n for n in names if "thumbnail" in n or n.startswith("customXml")]
    assert b"python-docx" not in b"".join(zipfile.ZipFile(io.BytesIO(blob)).read(n) for n in names)


def test_the_footer_names_the_physician(facts):
    doc = read(make_cv(facts))
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Dr. A. Example — curriculum vitae\t")


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("Łucja Żółkiewska-Brzęczyszczykiewicz", id="polish"),
        pytest.param("Анна Сергеевна Кузнецова", id="cyrillic"),
        pytest.param("فاطمة الزهراء بن علي", id="arabic"),
    ],
)
def test_a_non_latin_name_comes_back_as_it_went_in(facts, name):
    doc = read(make_cv(facts, name=name))
    assert body(doc)[0] == ("Title", name)
    assert doc.core_properties.author == name
    assert doc.core_properties.title == f"Curriculum vitae — {name}"
    assert doc.sections[0].footer.paragraphs[0].text.startswith(name)


def test_sections_without_facts_are_left_out(facts):
    doc = read(make_cv(facts, log=False, papers=False))
    headings = [text for style, text in body(doc) if style == "Heading 1"]
    assert "Publications" not in headings
    assert "Procedures (from the case log)" not in headings
    assert "Postgraduate training" in headings


def test_the_same_cv_gives_the_same_bytes(facts):
    assert docx(make_cv(facts)) == docx(make_cv(facts))


def test_it_drops_only_what_xml_cannot_hold():
    cv = CV(
        "Jörg Müller",
        "",
        ReturnType.PRIVATE,
        (Section("work", "Posts held", (Entry("Chef\x0carzt", "Deutschland\x00", "2020"),)),),
    )
    assert body(read(cv)) == [
        ("Title", "Jörg Müller"),
        ("Heading 1", "Posts held"),
        ("CV Entry", "Chefarzt\t2020\nDeutschland"),
    ]
