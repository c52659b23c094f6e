"""The two networks: a phone's contacts imported, a contact added, edited (its role in
the return corrected) or deleted by hand, a contact logged, and the dates of a home
visit."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms
from django.utils import timezone

from wayhome.core.common import dates
from wayhome.core.common.countries import is_country
from wayhome.core.cv.contacts import ContactRole
from wayhome.services import contacts
from wayhome.web.forms.base import TYPED_DATE, ActionForm, TypedDateField
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


ROLE_CHOICES: Final = [(r.value, r.words) for r in ContactRole]


class CountryField(forms.CharField):
    """A two-letter country code, any case ("in" is IN, India)."""

    def to_python(self, value: object) -> str:
        code = (super().to_python(value) or "").strip().upper()
        if code and not is_country(code):
            raise forms.ValidationError(
                f"'{code}' is not a two-letter country code: write IN for India, US for "
                "the United States",
                code="invalid",
            )
        return code


class ContactFields(ActionForm):
    """What a person records of a contact, typed by hand. No role ticked: the role the
    job title suggests ("Chair": department head)."""

    refused = (contacts.ContactError, ValueError)
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Give the person's name"}
    )
    title = forms.CharField(label="Job title", required=False, max_length=200)
    roles = forms.MultipleChoiceField(
        label="Role in your return (none ticked: the one the job title suggests)",
        required=False,
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    institution = forms.CharField(label="Institution", required=False, max_length=200)
    country = CountryField(label="Country (2 letters)", required=False)
    email = forms.EmailField(
        label="Email",
        required=False,
        error_messages={"invalid": "Not an email address: write it like name@hospital.org"},
    )
    phone = forms.CharField(label="Phone", required=False, max_length=60)
    last_contact = TypedDateField(label="Last in touch", required=False, widget=TYPED_DATE)
    pending = forms.CharField(
        label="Waiting on them (one per line)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notes = forms.CharField(label="Notes", required=False, max_length=10_000)

    def clean_last_contact(self) -> date | None:
        day = self.cleaned_data.get("last_contact")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(
                f"{dates.fmt(day)} is still to come: give the last day you were in touch",
                code="future",
            )
        return day

    def fields_of(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "title": d["title"] or None,
            "roles": tuple(ContactRole(r) for r in d["roles"]),
            "institution": d["institution"] or None,
            "country": d["country"] or None,
            "phones": (d["phone"],) if d["phone"].strip() else (),
            "last_contact": d["last_contact"],
            "pending": tuple(line for line in d["pending"].splitlines() if line.strip()),
            "notes": d["notes"] or None,
        }


class AddContactForm(ContactFields):
    """A contact typed in by hand."""

    def apply(self, owner: Any, on: date) -> str:
        email = self.cleaned_data["email"]
        fields = self.fields_of()
        contact = contacts.add(
            owner, fields.pop("name"), emails=(email,) if email else (), **fields
        )
        return f"{contact.name} added{_as_roles(contact.roles)}."


class EditContactForm(ContactFields):
    """A contact's details and role in the return, corrected by hand (``target``: its id)."""

    def apply(self, owner: Any, on: date) -> str:
        fields = self.fields_of()
        email = self.cleaned_data["email"]
        old = contacts.find(owner, self.target)
        # The address typed replaces the first one; any other the card had stays.
        emails = (email, *old.emails[1:]) if email else old.emails[1:]
        phones = fields.pop("phones")
        contact = contacts.update(
            owner,
            self.target,
            emails=emails,
            phones=(*phones, *old.phones[1:]) if phones else old.phones[1:],
            **fields,
        )
        return f"{contact.name} saved{_as_roles(contact.roles)}."


class DeleteContactForm(ActionForm):
    """A contact removed (``target``: its id)."""

    refused = (contacts.ContactError,)

    def apply(self, owner: Any, on: date) -> str:
        return f"{contacts.delete(owner, self.target)} deleted."


def _as_roles(roles: tuple[ContactRole, ...]) -> str:
    return f", as {' and '.join(r.words for r in roles)}" if roles else ""


CONTACT_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "import": ContactsImportForm,
    "add": AddContactForm,
}
# Actions on one contact: the view checks it is the signed-in account's first (404).
ONE_CONTACT_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "log": LogContactForm,
    "edit": EditContactForm,
    "delete": DeleteContactForm,
}


class VisitForm(forms.Form):
    """The dates of a home visit, to plan whom to see (a GET: nothing is stored)."""

    visit_from = TypedDateField(label="From")
    visit_to = TypedDateField(label="To")
