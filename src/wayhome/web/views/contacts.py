"""The two networks: a phone's contacts imported, contacts added, edited (roles
corrected) and deleted by hand, who is missing, who is due a message, the annual home
visit, and the vCard file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from wayhome.core.common.dates import fmt
from wayhome.core.cv.contacts import Contact, roles_from_title
from wayhome.services import contacts
from wayhome.web import ownership
from wayhome.web.forms.base import ActionForm, problems
from wayhome.web.forms.contacts import (
    CONTACT_ACTIONS,
    ONE_CONTACT_ACTIONS,
    AddContactForm,
    EditContactForm,
    VisitForm,
)
from wayhome.web.views.common import act, download, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def contacts_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    ownership.profile(request, pk)
    owner = user(request)
    if request.method != "POST":
        return _page(request, pk, owner)
    action = request.POST.get("action", "")
    cid = ""
    form: ActionForm | None
    if action in ONE_CONTACT_ACTIONS:
        # Another account's contact, or none at all: 404, as for every object.
        cid = ownership.contact(request, pk, request.POST.get("contact", ""))
        form = posted(request, ONE_CONTACT_ACTIONS, target=cid)
    else:
        form = posted(request, CONTACT_ACTIONS)
    if isinstance(form, AddContactForm | EditContactForm):
        if act(request, form, inline=True):
            return redirect("wayhome:contacts", pk=pk)
        # Refused: the page again, what was typed kept, each error beside its field.
        return _page(request, pk, owner, form, cid, status=400)
    act(request, form, "" if action in ("import", "delete") else "Not saved: ")
    return redirect("wayhome:contacts", pk=pk)


def _initial(c: Contact) -> dict[str, Any]:
    return {
        "name": c.name,
        "title": c.title or "",
        "roles": [r.value for r in c.roles],
        "institution": c.institution or "",
        "country": c.country or "",
        "email": c.emails[0] if c.emails else "",
        "phone": c.phones[0] if c.phones else "",
        "last_contact": fmt(c.last_contact) if c.last_contact else "",
        "pending": "\n".join(c.pending),
        "notes": c.notes or "",
    }


def _page(
    request: HttpRequest,
    pk: int,
    owner: Any,
    refused: ActionForm | None = None,
    cid: str = "",
    status: int = 200,
) -> HttpResponse:
    gaps, due = contacts.check(owner, today())
    dates = VisitForm(request.GET)
    window = (
        (dates.cleaned_data["visit_from"], dates.cleaned_data["visit_to"])
        if dates.is_valid()
        else None
    )
    if window is None and (request.GET.get("visit_from") or request.GET.get("visit_to")):
        for text in problems(dates, "No visit planned: "):
            messages.error(request, text)
    visit = None
    if window:
        try:
            visit = contacts.visit(owner, *window)
        except contacts.ContactError as e:
            messages.error(request, f"No visit planned: {e}.")
    people = []
    for n, c in enumerate(sorted(contacts.contacts(owner), key=lambda c: c.name.casefold())):
        form = (
            refused
            if isinstance(refused, EditContactForm) and c.id == cid
            else EditContactForm(initial=_initial(c))
        )
        form.auto_id = f"c{n}-%s"
        people.append(
            {
                "c": c,
                "n": n,
                "form": form,
                "from_title": bool(c.roles) and c.roles == roles_from_title(c.title),
                "open": form is refused,
            }
        )
    add = refused if isinstance(refused, AddContactForm) else AddContactForm()
    add.auto_id = "new-%s"
    return render(
        request,
        "wayhome/contacts.html",
        {
            "pk": pk,
            "people": people,
            "add": add,
            "add_open": add is refused,
            "gaps": gaps,
            "due": due,
            "visit": visit,
            "window": window,
        },
        status=status,
    )


@require_safe
def contacts_vcf(request: HttpRequest, pk: int) -> HttpResponse:
    """The contacts, with their roles in the return, as one vCard 3.0 file."""
    ownership.profile(request, pk)
    text = contacts.export_text(user(request))
    return download(text, "text/vcard; charset=utf-8", "wayhome-contacts.vcf")
