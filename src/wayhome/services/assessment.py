"""Assess a profile file against the packs: the use case behind `wayhome assess`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.adapters import profiles
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.problems import ProblemsError
from wayhome.core.rules import engine
from wayhome.core.rules.report import Report


def assess_file(
    profile_path: Path,
    on: date,
    *,
    pack_dirs: Sequence[Path] = (),
    countries: Sequence[str] = (),
    display: str | None = None,
) -> Report:
    """Load, check and assess; every problem comes back as InvalidFileError."""
    profile, doc = profiles.load_profile(profile_path, display)
    packs = pack_files.load_packs(pack_dirs)
    try:
        return engine.assess(profile, packs, on, list(countries) or None)
    except ProblemsError as e:
        # Problems found only once the packs are known: the confirmed rules.
        raise doc.locate(e.problems) from None


__all__ = ["InvalidFileError", "assess_file"]
