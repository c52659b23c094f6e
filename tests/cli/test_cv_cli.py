"""`wayhome cv` headed for a target and laid out as it expects, with a photograph from the
vault where the target has a place for one."""

from __future__ import annotations

import docx
import pytest
from PIL import Image
from pypdf import PdfReader

from tests.helpers.cli import flatten, run
from wayhome.adapters.db.models import StoredProfile, VaultFile
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services.source import local_owner


@pytest.fixture
def physician(data_dir, monkeypatch):
    """The cardiology-in example stored, going to India first and Germany second."""
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "correct horse battery staple")
    data = to_data(load_profile(example_path("cardiology-in"))[0])
    data["plan"]["targets"] = ["IN", "DE"]
    StoredProfile.objects.create(owner=local_owner(), data=data)


def pdf_text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def stored_photo(tmp_path) -> int:
    folder = tmp_path / "photos"
    folder.mkdir()
    image = Image.new("RGB", (60, 80), (120, 90, 60))
    image.save(folder / "me.jpg", format="JPEG")
    assert run("vault", "import", str(folder)).exit_code == 0
    return VaultFile.objects.get(name="me.jpg").pk


def test_it_is_headed_for_the_first_target_and_says_what_to_ask(physician, tmp_path):
    pdf = tmp_path / "cv.pdf"
    result = run("cv", "--pdf", str(pdf), "--on", "2026-12-05")
    assert result.exit_code == 0, result.output
    assert "Curriculum vitae for an academic post, India" in pdf_text(pdf)
    out = flatten(result.output)
    assert "- Photograph: not known. Does the hospital or medical college you apply to" in out


def test_another_target_is_laid_out_as_it_expects(physician, tmp_path):
    word = tmp_path / "cv.docx"
    result = run("cv", "--country", "de", "--docx", str(word), "--on", "2026-12-05")
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(word)).paragraphs]
    assert paragraphs[1] == "Curriculum vitae for an academic post, Germany"
    assert "Date of birth\t15 Mar 1990" in paragraphs
    assert paragraphs[-1].startswith("Place and date:")
    assert "- It must be in German: this CV is in English. Have it translated." in result.output


def test_a_photograph_from_the_vault_goes_on_a_cv_for_germany(physician, tmp_path):
    number = stored_photo(tmp_path)
    pdf = tmp_path / "cv.pdf"
    result = run("cv", "--country", "DE", "--photo", str(number), "--pdf", str(pdf))
    assert result.exit_code == 0, result.output
    assert len(PdfReader(pdf).pages[0].images) == 1


def test_a_photograph_is_refused_where_the_target_has_none(physician, tmp_path):
    number = stored_photo(tmp_path)
    pdf = tmp_path / "cv.pdf"
    result = run("cv", "--country", "GB", "--photo", str(number), "--pdf", str(pdf))
    assert result.exit_code == 2
    assert "No photograph on this CV: a CV for United Kingdom has no photograph" in flatten(
        result.output
    )
    assert not pdf.exists()


def test_a_file_that_is_no_photograph_is_refused(physician, tmp_path):
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "letter.pdf").write_bytes(b"%PDF-1.4\nA letter.\n%%EOF\n")
    assert run("vault", "import", str(folder)).exit_code == 0
    number = VaultFile.objects.get(name="letter.pdf").pk
    result = run("cv", "--country", "DE", "--photo", str(number), "--pdf", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "letter.pdf is not a photograph (a JPEG or PNG image)" in flatten(result.output)


def test_the_audited_cvs_say_what_is_expected_and_where(data_dir, tmp_path):
    """The audit's two cases, stored as the setup stores them: the cardiologist's CV for
    India made on 5 Dec 2026, and the surgeon's for Brazil, as PDF and JSON Resume."""
    import json

    from tests.helpers.setups import reference

    owner = local_owner()
    row = StoredProfile.objects.create(owner=owner, data=reference("j1-cardiologist-india"))
    pdf, resume = tmp_path / "cv.pdf", tmp_path / "cv.json"
    args = ("--pdf", str(pdf), "--json-resume", str(resume), "--on", "2026-12-05")
    result = run("cv", "--country", "IN", *args)
    assert result.exit_code == 0, result.output
    text = pdf_text(pdf)
    assert "ABIM: cardiovascular disease expected Oct 2027" in text
    assert "Fellowship in cardiovascular disease Mount Sinai Hospital, United States" in text
    assert "Jul 2024 to Jun 2027 (expected)" in text
    assert "certified 15 Oct 2027" not in text

    row.data = reference("green-card-surgeon-brazil")
    row.save()
    result = run("cv", "--country", "BR", *args)
    assert result.exit_code == 0, result.output
    text = pdf_text(pdf)
    assert "Residency in general surgery Cleveland Clinic, United States" in text
    assert "Medical licence, Ohio, United States" in text
    made = json.loads(resume.read_text())
    assert made["education"][0]["institution"] == "Cleveland Clinic"
    assert made["work"][0]["name"] == "Cleveland Clinic"
