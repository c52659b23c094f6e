"""The stored profile: import, export, save (the web app's setup uses save)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wayhome.adapters import files, profiles
from wayhome.adapters.db import store
from wayhome.core.profile.model import Profile


def import_file(owner: Any, path: Path) -> Profile:
    """The file becomes the stored profile (wayhome.services.profile_edits.import_file)."""
    from wayhome.services import profile_edits  # here: importing this module stays as light

    return profile_edits.import_file(owner, path)


def save(owner: Any, profile: Profile) -> None:
    from wayhome.services import document_records

    store.save_profile(owner, document_records.stored_data(profile))


def export_text(profile: Profile) -> str:
    return profiles.to_yaml(profile)


def export_file(profile: Profile, path: Path) -> None:
    files.write_atomic(path, export_text(profile).encode("utf-8"))
