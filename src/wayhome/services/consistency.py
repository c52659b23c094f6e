"""The names-and-dates check over the owner's stored files and profile.

What each file says comes from what the physician confirmed of it, else from what
was read in it (marked as not checked). Run before any packet is built: a name or
date that differs between documents is the commonest reason a verification
comes back with "discrepancies".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters.db.models import DocumentItem, VaultFile
from wayhome.core.evidence import consistency
from wayhome.services.source import from_store

DATE_KEYS = consistency.DATE_FIELDS


def label(vf: VaultFile, items: dict[int, str]) -> str:
    """How to name a file to the physician: its checklist item, and its own name."""
    item = items.get(vf.pk)
    return f"{item} ({vf.name})" if item else vf.name


def item_names(owner: Any) -> dict[int, str]:
    """file id -> the checklist item it is attached to (the first one)."""
    out: dict[int, str] = {}
    for item in DocumentItem.objects.filter(owner=owner).prefetch_related("files"):
        for f in item.files.all():
            out.setdefault(f.pk, item.name)
    return out


def readings(owner: Any) -> list[consistency.Reading]:
    """One reading of what each file says as confirmed, and one of what was read and
    not yet checked (for the fields not confirmed)."""
    items = item_names(owner)
    out: list[consistency.Reading] = []
    files = VaultFile.objects.filter(owner=owner, reading__isnull=False)
    for vf in files.select_related("reading").order_by("id"):
        r = vf.reading
        confirmed = dict(r.confirmed)
        suggested = {k: v["value"] for k, v in r.suggested.items() if k not in confirmed}
        for values, checked in ((confirmed, True), (suggested, False)):
            holder = values.get("holder") or None
            found = {k: date.fromisoformat(values[k]) for k in DATE_KEYS if values.get(k)}
            if holder or found:
                out.append(consistency.Reading(label(vf, items), holder, found, checked))
    return out


def check(owner: Any) -> list[consistency.Mismatch]:
    profile = from_store(owner).profile
    return consistency.check(consistency.profile_values(profile), readings(owner))


def mismatch_json(m: consistency.Mismatch) -> dict[str, Any]:
    return {
        "field": m.field,
        "kind": m.kind,
        "expected": m.expected,
        "expected_source": m.expected_source,
        "found": m.found,
        "found_source": m.found_source,
        "why": m.why,
        "confirmed": m.confirmed,
    }
