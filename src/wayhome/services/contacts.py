"""The two networks: contacts imported and exported as vCards, added, edited and deleted
by hand; who is missing, who is due.

A contact's role comes from what the person ticked, else from its job title
(``core.cv.contacts.roles_from_title``: "Chair" is a department head), on import and
by hand alike; a role the person set is never replaced by a re-import."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from msgspec import Struct
from msgspec.structs import replace

from wayhome.adapters import profiles
from wayhome.adapters.db import store
from wayhome.adapters.db.models import ContactRecord
from wayhome.adapters.importers.vcard import VCardResult, read_vcards, write_vcards
from wayhome.core.cv.contacts import (
    Contact,
    ContactRole,
    Due,
    Gap,
    Visit,
    derive_id,
    due,
    missing_people,
    plan_visit,
    roles_from_title,
)
from wayhome.services import uploads


class Imported(Struct):
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
    """A phone's export knows nothing of roles or requests: keep what Wayhome recorded
    (the roles the person set or corrected win over those a title suggests)."""
    return replace(
        new,
        roles=stored.roles or new.roles,
        last_contact=new.last_contact or stored.last_contact,
        pending=new.pending or stored.pending,
        cadence_months=new.cadence_months or stored.cadence_months,
        notes=new.notes or stored.notes,
    )


def import_upload(owner: Any, name: str, data: bytes) -> Imported:
    with uploads.as_file(name, data) as path:
        return import_file(owner, path, Path(name).name)


def import_file(owner: Any, path: Path, name: str | None = None) -> Imported:
    result = read_vcards(path, name)
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
    return Imported(name or path.name, result, added, updated)


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


class ContactError(Exception):
    """No such contact, or a value that cannot be stored; the message says which."""


def find(owner: Any, who: str) -> Contact:
    """A contact by id, or by a part of the name that only one contact has."""
    people = contacts(owner)
    exact = [c for c in people if c.id == who]
    if exact:
        return exact[0]
    needle = " ".join(who.split()).casefold()
    matches = [
        c for c in people if needle and needle in f"{c.name} {c.native_name or ''}".casefold()
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ContactError(f"no contact matches '{who}'")
    names = ", ".join(sorted(c.name for c in matches))
    raise ContactError(f"'{who}' matches several contacts ({names}): give more of the name")


def save(owner: Any, contact: Contact) -> None:
    ContactRecord.objects.filter(owner=owner, contact_id=contact.id).update(data=contact.to_json())


def log_contact(owner: Any, who: str, on: date) -> Contact:
    """Record that you were in touch on ``on``: the keep-in-touch clock restarts from it."""
    contact = find(owner, who)
    if contact.last_contact is None or on > contact.last_contact:
        contact = replace(contact, last_contact=on)
        save(owner, contact)
    return contact


def update(owner: Any, contact_id: str, **changes: Any) -> Contact:
    """Change what Wayhome records of a contact (name, title, roles, country,
    institution, emails, phones, pending requests, last contact, notes). Roles given as
    empty while a title is known become the title's (:func:`roles_from_title`)."""
    contact = find(owner, contact_id)
    if "roles" in changes and not changes["roles"]:
        changes["roles"] = roles_from_title(changes.get("title", contact.title))
    try:
        contact = replace(contact, **changes)
    except ValueError as e:
        raise ContactError(str(e)) from None
    save(owner, contact)
    return contact


def add(
    owner: Any,
    name: str,
    *,
    title: str | None = None,
    roles: tuple[ContactRole, ...] = (),
    emails: tuple[str, ...] = (),
    **fields: Any,
) -> Contact:
    """A contact typed in by hand: its roles as given, else as its title suggests."""
    cid = derive_id(name, emails)
    try:
        contact = Contact(
            id=cid,
            name=name,
            title=title,
            roles=roles or roles_from_title(title),
            emails=emails,
            **fields,
        )
    except ValueError as e:
        raise ContactError(str(e)) from None
    with transaction.atomic():
        if ContactRecord.objects.filter(owner=owner, contact_id=cid).exists():
            raise ContactError(f"{contact.name} is already in your contacts: edit that one")
        ContactRecord.objects.create(owner=owner, contact_id=cid, data=contact.to_json())
    return contact


def delete(owner: Any, contact_id: str) -> str:
    """Remove a contact; its name, to say so."""
    contact = find(owner, contact_id)
    ContactRecord.objects.filter(owner=owner, contact_id=contact.id).delete()
    return contact.name


def visit(owner: Any, start: date, end: date) -> Visit:
    data = store.profile_data(owner)
    if data is None:
        raise ContactError("there is no stored profile yet, so no home country to visit")
    try:
        return plan_visit(contacts(owner), profiles.from_data(data).home_country, start, end)
    except ValueError as e:
        raise ContactError(str(e)) from None
