"""The stored profile: import from a file, export to one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wayhome.adapters import files, profiles
from wayhome.core.profile.model import Profile


def import_file(owner: Any, path: Path) -> Profile:
    """The file becomes the stored profile (wayhome.services.profile_edits.import_file)."""
    from wayhome.services import profile_edits  # here: importing this module stays as light

    return profile_edits.import_file(owner, path)


def export_text(profile: Profile) -> str:
    return profiles.to_yaml(profile)


def export_file(profile: Profile, path: Path) -> None:
    files.write_atomic(path, export_text(profile).encode("utf-8"))
