"""The two networks: a phone's contacts imported, a person's role and what you wait on
them for, a contact logged, and the dates of a home visit."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.core.cv.contacts import ContactRole
from wayhome.services import contacts
from wayhome.web.forms.base import ActionForm, TypedDateField
from wayhome.web.forms.uploads import UploadField


class ContactsImportForm(ActionForm):
    file = UploadField(
        error_messages={"required": "Choose the .vcf file your phone or mail app exported first."}
    )

    def apply(self, owner: Any, on: date) -> str:
        upload = self.cleaned_data["file"]
        name = upload.name or "upload"
        try:
            got = contacts.import_upload(owner, name, upload.read())
        except ValueError as e:
            text = str(e)
            self.add_error(None, text if text.startswith(name) else f"{name}: {text}")
            return ""
        problems = got.result.problems
        self.warnings += [f"Card {p.card} (line {p.line}): {p.message}" for p in problems]
        tail = f", {len(problems)} card(s) with problems." if problems else "."
        return f"{got.file}: {got.added} added, {got.updated} updated{tail}"


class LogContactForm(ActionForm):
    """In touch with someone today (or on ``on``)."""

    refused = (contacts.ContactError, ValueError)
    contact = forms.CharField()
    on = TypedDateField(label="In touch on", required=False)

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        contacts.log_contact(owner, d["contact"], d["on"] or on)
        return "Saved."


class EditContactForm(ActionForm):
    """A person's role in the return, where they are, and what you wait on them for."""

    refused = (contacts.ContactError, ValueError)
    contact = forms.CharField()
    roles = forms.MultipleChoiceField(
        label="Role in your return",
        required=False,
        choices=[(r.value, r.value.replace("-", " ")) for r in ContactRole],
    )
    country = forms.CharField(label="Country", required=False)
    institution = forms.CharField(label="Institution", required=False)
    pending = forms.CharField(label="Waiting on them", required=False, strip=False)
    last_contact = TypedDateField(label="Last in touch", required=False)
    notes = forms.CharField(label="Notes", required=False)

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        contacts.update(
            owner,
            d["contact"],
            roles=tuple(ContactRole(r) for r in d["roles"]),
            country=d["country"][:2] or None,
            institution=d["institution"][:200] or None,
            pending=tuple(d["pending"].splitlines()),
            last_contact=d["last_contact"],
            notes=d["notes"] or None,
        )
        return "Saved."


CONTACT_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "import": ContactsImportForm,
    "log": LogContactForm,
    "edit": EditContactForm,
}


class VisitForm(forms.Form):
    """The dates of a home visit, to plan whom to see (a GET: nothing is stored)."""

    visit_from = TypedDateField(label="From")
    visit_to = TypedDateField(label="To")
