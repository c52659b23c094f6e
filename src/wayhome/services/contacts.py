"""The two networks: import and export contacts as vCards; who is missing, who is due."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from wayhome.adapters import profiles
from wayhome.adapters.db import store
from wayhome.adapters.db.models import ContactRecord
from wayhome.adapters.importers.vcard import VCardResult, read_vcards, write_vcards
from wayhome.core.cv.contacts import Contact, Due, Gap, due, missing_people


@dataclass
class Imported:
    file: str
    result: VCardResult
    added: int
    updated: int

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "added": self.added,
            "updated": self.updated,
            "problems": [
                {"card": p.card, "line": p.line, "message": p.message, "skipped": p.skipped}
                for p in self.result.problems
            ],
        }


def _keep_ours(stored: Contact, new: Contact) -> Contact:
    """A phone's export knows nothing of roles or requests: keep what Wayhome recorded."""
    return replace(
        new,
        roles=new.roles or stored.roles,
        last_contact=new.last_contact or stored.last_contact,
        pending=new.pending or stored.pending,
        cadence_months=new.cadence_months or stored.cadence_months,
        notes=new.notes or stored.notes,
    )


def import_file(owner: Any, path: Path) -> Imported:
    result = read_vcards(path)
    added = updated = 0
    with transaction.atomic():
        stored = {c.id: c for c in contacts(owner)}
        for contact in result.contacts:
            if contact.id in stored:
                contact = _keep_ours(stored[contact.id], contact)
                ContactRecord.objects.filter(owner=owner, contact_id=contact.id).update(
                    data=contact.to_json()
                )
                updated += 1
            else:
                ContactRecord.objects.create(
                    owner=owner, contact_id=contact.id, data=contact.to_json()
                )
                added += 1
            stored[contact.id] = contact
    return Imported(path.name, result, added, updated)


def contacts(owner: Any) -> list[Contact]:
    rows = ContactRecord.objects.filter(owner=owner).values_list("data", flat=True)
    return [Contact.from_json(d) for d in rows]


def export_text(owner: Any, version: str = "3.0") -> str:
    return write_vcards(contacts(owner), version)


def check(owner: Any, today: date) -> tuple[list[Gap] | None, list[Due]]:
    """Who is missing from each network (None with no stored profile: no home country), and
    who is due a message."""
    people = contacts(owner)
    data = store.profile_data(owner)
    gaps = missing_people(people, profiles.from_data(data).home_country) if data else None
    return gaps, due(people, today)
