"""The guided setup and the profile import: the regulators to choose from, the answers
saved over the stored profile, and the first "what changed" snapshot taken.

The answers come as profile data (the web app's setup forms turn their fields into
it); wayhome.services.profile_edits validates and saves them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db import store
from wayhome.core.profile.model import Profile
from wayhome.services import dashboard, profile_edits


def regulators() -> list[tuple[str, str]]:
    """The regulators a physician can choose: (code, "code: name")."""
    return [
        (p.code, f"{p.code}: {p.name}")
        for p in sorted(pack_files.load_packs(), key=lambda p: p.code)
        if p.kind.value == "regulator"
    ]


def stored_data(owner: Any) -> dict[str, Any] | None:
    """The stored profile as data, even one that no longer loads (the setup can fix it)."""
    return store.profile_data(owner)


def finish(owner: Any, answers: Mapping[str, Any], on: date) -> Profile:
    """Save the answers over the stored profile; the dashboard compares with today's
    assessment from now on."""
    profile = profile_edits.apply_setup(owner, answers)
    dashboard.remember_first(owner, on)
    return profile


def import_upload(owner: Any, data: bytes, name: str, on: date) -> Profile:
    """An uploaded profile file becomes the stored profile."""
    profile = profile_edits.import_bytes(owner, data, name)
    dashboard.remember_first(owner, on)
    return profile
