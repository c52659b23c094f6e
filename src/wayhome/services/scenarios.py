"""Scenarios side by side: the plan and its variants, with their money chart."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from wayhome.adapters import files, plans
from wayhome.adapters import packs as pack_files
from wayhome.adapters.exporters import chart, money_chart
from wayhome.core.common.problems import ProblemsError
from wayhome.core.planner import scenarios
from wayhome.services.source import ProfileSource


def scenarios_of(
    src: ProfileSource, on: date, *, pack_dirs: Sequence[Path] = ()
) -> list[scenarios.Outcome]:
    packs = pack_files.load_packs(pack_dirs)
    try:
        return scenarios.compare(
            src.profile,
            src.profile.scenarios,
            packs,
            plans.guide_template(),
            on,
            src.load_progress(),
        )
    except ProblemsError as e:
        raise src.locate(e.problems) from None


def export_money_chart(outcomes: list[scenarios.Outcome], out: Path) -> None:
    svg = money_chart.svg(outcomes)
    data = chart.png(svg) if out.suffix.lower() == ".png" else svg.encode("utf-8")
    files.write_atomic(out, data)


def money_svg(outcomes: Sequence[scenarios.Outcome]) -> str | None:
    """The cumulative money chart, when any scenario has money figures."""
    return money_chart.svg(list(outcomes)) if any(o.money for o in outcomes) else None


def by_regulator(outcomes: Sequence[scenarios.Outcome]) -> list[dict[str, Any]]:
    """One row per regulator: each scenario's result for it (None where it has none)."""
    codes = list(dict.fromkeys(r["jurisdiction"] for o in outcomes for r in o.regulators))
    return [
        {
            "code": code,
            "cells": [
                next((r for r in o.regulators if r["jurisdiction"] == code), None) for o in outcomes
            ],
        }
        for code in codes
    ]
