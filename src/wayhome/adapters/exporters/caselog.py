"""The procedure-log summary: a PDF with room for the programme director's
attestation, and the same figures as CSV."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters.exporters import csvfile, typst_render
from wayhome.core.common import dates
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Count, Totals

ROLES = tuple(r.value for r in Role)


def _cell(c: Count | None) -> str:
    return f"{c.cases} ({c.procedures})" if c else "-"


def data(
    totals: Totals, on: date, person: str = "", training: list[str] | None = None
) -> dict[str, Any]:
    roles = [r for r in ROLES if r in totals.by_role]
    return {
        "on": dates.fmt(on),
        "person": person,
        "training": training or [],
        "cases": totals.cases,
        "procedures": totals.procedures,
        "roles": [r.capitalize() for r in roles],
        "rows": [
            {"category": category, "cells": [_cell(by_role.get(r)) for r in roles]}
            for category, by_role in totals.by_category.items()
        ],
        "totals": [_cell(totals.by_role.get(r)) for r in roles],
        "years": [
            {"name": k, "cases": v.cases, "procedures": v.procedures}
            for k, v in totals.by_year.items()
        ],
        "sites": [
            {"name": k, "cases": v.cases, "procedures": v.procedures}
            for k, v in totals.by_site.items()
        ],
    }


def pdf(totals: Totals, on: date, person: str = "", training: list[str] | None = None) -> bytes:
    return typst_render.pdf("caselog.typ", data(totals, on, person, training), {})


def csv_text(totals: Totals) -> str:
    """One row per category and role: what a spreadsheet or another tool can take.
    A category from the imported file cannot run as a formula (csvfile)."""
    return csvfile.text(
        ["category", "role", "cases", "procedures"],
        (
            [category, role, by_role[role].cases, by_role[role].procedures]
            for category, by_role in totals.by_category.items()
            for role in ROLES
            if role in by_role
        ),
    )
