"""The files page says whether Tesseract is installed without starting it at every visit
(adapters/ocr.py asks once per process; a missing one again after a minute)."""

from __future__ import annotations

import subprocess

import pytesseract  # type: ignore[import-untyped]
import pytest

from tests.helpers.letters import stored_file
from wayhome.adapters import ocr


@pytest.fixture(autouse=True)
def data(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()


@pytest.fixture
def started(monkeypatch):
    """Every process started from now on."""
    found: list[object] = []
    real = subprocess.Popen.__init__

    def counting(self, args, *a, **k):  # type: ignore[no-untyped-def]
        found.append(args)
        real(self, args, *a, **k)

    monkeypatch.setattr(subprocess.Popen, "__init__", counting)
    return found


def test_the_files_page_starts_no_process_per_visit(owner, client_for, started):
    user, row = owner
    stored_file(user)
    c = client_for(user)
    c.get(f"/p/{row.pk}/files/")  # the first visit may ask
    started.clear()
    for _ in range(3):
        assert c.get(f"/p/{row.pk}/files/").status_code == 200
    assert started == []


@pytest.mark.parametrize(
    ("cmd", "missing"),
    [
        pytest.param("/nonexistent/tesseract-a", True, id="missing"),
        pytest.param(str(pytesseract.pytesseract.tesseract_cmd), False, id="installed"),
    ],
)
def test_tesseract_is_asked_once_and_a_missing_one_again_after_a_minute(monkeypatch, cmd, missing):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", cmd)
    monkeypatch.setattr(ocr, "_answers", {})
    asked: list[str] = []

    def version():  # type: ignore[no-untyped-def]
        asked.append(cmd)
        if missing:
            raise pytesseract.TesseractNotFoundError()
        return "5.3.0"

    monkeypatch.setattr(pytesseract, "get_tesseract_version", version)
    clock = [1000.0]
    monkeypatch.setattr(ocr.time, "monotonic", lambda: clock[0])
    answers = {ocr.tesseract_missing() for _ in range(5)}
    assert len(asked) == 1 and answers == {ocr.MISSING_TESSERACT if missing else None}
    clock[0] += ocr.ASK_AGAIN + 1
    ocr.tesseract_missing()
    assert len(asked) == (2 if missing else 1)  # installed meanwhile: found without a restart


def test_a_tesseract_whose_version_cannot_be_read_counts_as_missing(monkeypatch):
    monkeypatch.setattr(ocr, "_answers", {})

    def bad_version():  # type: ignore[no-untyped-def]
        raise SystemExit('Invalid tesseract version: "garbage"')  # what pytesseract does

    monkeypatch.setattr(pytesseract, "get_tesseract_version", bad_version)
    assert ocr.tesseract_missing() == ocr.MISSING_TESSERACT
