"""The two networks: a phone's contacts imported, roles and requests, who is missing,
who is due a message, the annual home visit, and the vCard file."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from wayhome.core.cv.contacts import ContactRole
from wayhome.services import contacts
from wayhome.web import ownership
from wayhome.web.forms.contacts import CONTACT_ACTIONS, VisitForm
from wayhome.web.views.common import act, download, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def contacts_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    ownership.profile(request, pk)
    owner = user(request)
    if request.method == "POST":
        form = posted(request, CONTACT_ACTIONS, "edit")
        act(request, form, "" if request.POST.get("action") == "import" else "Not saved: ")
        return redirect("wayhome:contacts", pk=pk)
    gaps, due = contacts.check(owner, today())
    dates = VisitForm(request.GET)
    window = (
        (dates.cleaned_data["visit_from"], dates.cleaned_data["visit_to"])
        if dates.is_valid()
        else None
    )
    visit = None
    if window:
        try:
            visit = contacts.visit(owner, *window)
        except contacts.ContactError as e:
            messages.error(request, f"No visit planned: {e}.")
    return render(
        request,
        "wayhome/contacts.html",
        {
            "pk": pk,
            "people": sorted(contacts.contacts(owner), key=lambda c: c.name.casefold()),
            "gaps": gaps,
            "due": due,
            "visit": visit,
            "window": window,
            "roles": [(r.value, r.value.replace("-", " ")) for r in ContactRole],
        },
    )


@require_safe
def contacts_vcf(request: HttpRequest, pk: int) -> HttpResponse:
    """The contacts, with their roles in the return, as one vCard 3.0 file."""
    ownership.profile(request, pk)
    text = contacts.export_text(user(request))
    return download(text, "text/vcard; charset=utf-8", "wayhome-contacts.vcf")
