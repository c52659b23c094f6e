"""The home-country CV from what is stored: profile, procedure log, publications,
teaching, leadership and awards."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.core.cv.document import CV, build, json_resume
from wayhome.services import activities, cases, publications
from wayhome.services.source import from_store


def make(owner: Any, country: str | None = None) -> tuple[CV, dict[str, Any]]:
    """The CV and its JSON Resume form. Raises InvalidFileError with no stored profile."""
    profile = from_store(owner).profile
    counted = cases.totals_of(owner)  # the stored totals: no row of the log is read
    papers = publications.publications(owner)
    roles = activities.activities(owner)
    cv = build(profile, counted if counted.procedures else None, papers, country, roles)
    return cv, json_resume(cv, profile, papers, roles)


def pdf_bytes(owner: Any, on: date) -> bytes:
    """The CV as PDF (Typst loads here, where it is used)."""
    from wayhome.adapters.exporters import cv as cv_export

    made, _ = make(owner)
    return cv_export.pdf(made, on)


def docx_bytes(owner: Any) -> bytes:
    """The CV as an editable Word document."""
    from wayhome.adapters.exporters import cv_docx

    made, _ = make(owner)
    return cv_docx.docx(made)
