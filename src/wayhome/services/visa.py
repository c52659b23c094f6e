"""The visa clocks of a profile, counted from its stays."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wayhome.adapters import packs as pack_files
from wayhome.core.visa import clocks
from wayhome.services.source import ProfileSource


def visa_clocks(
    src: ProfileSource, on: date, *, pack_dirs: Sequence[Path] = ()
) -> list[clocks.Clock]:
    return clocks.clocks(src.profile, pack_files.load_packs(pack_dirs), on)
