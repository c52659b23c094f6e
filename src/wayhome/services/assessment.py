"""Assess a profile against the packs: the use case behind `wayhome assess`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.core.common.problems import ProblemsError
from wayhome.core.rules import engine
from wayhome.core.rules.report import Report
from wayhome.services.source import ProfileSource


def assess(
    src: ProfileSource, on: date, *, pack_dirs: Sequence[Path] = (), countries: Sequence[str] = ()
) -> Report:
    """Check and assess; every problem comes back as InvalidFileError, located."""
    packs = pack_files.load_packs(pack_dirs)
    try:
        return engine.assess(src.profile, packs, on, list(countries) or None)
    except ProblemsError as e:
        # Problems found only once the packs are known: the confirmed rules.
        raise src.locate(e.problems) from None
