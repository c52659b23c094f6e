"""The documents each target asks for (each record's dates, steps and scans) and the
names-and-dates check."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wayhome.core.evidence import documents as core_documents
from wayhome.services import consistency as consistency_service
from wayhome.services import documents as document_service
from wayhome.services.source import from_store
from wayhome.web import ownership
from wayhome.web.forms.documents import DOCUMENT_ACTIONS
from wayhome.web.views.common import act, not_found, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def documents_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Each target's documents, a document several ask for shown once. A document not
    recorded yet is shown all the same; acting on it (a POST naming its key) records it
    first."""
    ownership.profile(request, pk)
    owner = user(request)
    if request.method == "POST":
        item = document_service.record(owner, request.POST.get("key", ""), today())
        if item is None:
            return not_found(request)
        return _document_post(request, pk, item)
    listing = document_service.listing(owner, today())
    submit = from_store(owner).profile.plan.return_date
    return render(
        request,
        "wayhome/documents.html",
        {
            "pk": pk,
            "listing": listing,
            "shared": [
                _entry(e) for e in listing.of(tuple(r.key for r in listing.checklist.shared))
            ],
            "targets": [
                (
                    t,
                    [
                        _entry(e)
                        for e in listing.of(
                            tuple(r.key for r in listing.checklist.only_for(t.code))
                        )
                    ],
                )
                for t in listing.checklist.targets
            ],
            "guide": [
                _entry(e) for e in listing.of(tuple(r.key for r in listing.checklist.guide_only))
            ],
            "others": [_record(d) for d in listing.others],
            "submit": submit,
            "alerts": document_service.alerts(owner, today(), submit),
        },
    )


def _entry(entry: document_service.Entry) -> dict[str, Any]:
    return {"e": entry, "records": [_record(d, entry.step_whom) for d in entry.records]}


def _record(d: Any, whom: dict[str, str] | None = None) -> dict[str, Any]:
    """One record as its form shows it: its dates, steps (each with whom it is for)."""
    return {
        "item": d,
        "ref": d.pk or d.key,
        "in_hand": document_service.in_hand(d),
        "until": core_documents.valid_until(d.issued, d.valid_months),
        "suggested": document_service.suggested_issue(d),
        "steps": [
            {
                "i": i,
                "text": s["step"],
                "done": date.fromisoformat(s["done"]) if s.get("done") else None,
                "whom": (whom or {}).get(s["step"]),
            }
            for i, s in enumerate(d.steps)
        ],
    }


@require_POST
def document_item(request: HttpRequest, pk: int, did: int) -> HttpResponse:
    item = ownership.document(request, pk, did)
    return _document_post(request, pk, document_service.current(user(request), item, today()))


def _document_post(request: HttpRequest, pk: int, item: Any) -> HttpResponse:
    """Its dates saved, or (a file sent) its scan stored in the vault."""
    action = "upload" if request.FILES.get("file") else "save"
    form = posted(request, DOCUMENT_ACTIONS, action=action, target=item)
    act(request, form, f"{item.name}: not saved. " if action == "save" else "")
    return redirect(reverse("wayhome:documents", kwargs={"pk": pk}) + f"#d-{item.pk}")


@require_safe
def consistency_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Names and key dates across every document and the profile, side by side."""
    ownership.profile(request, pk)
    checked = consistency_service.checked(user(request))
    return render(
        request,
        "wayhome/consistency.html",
        {"pk": pk, "checked": checked, "found": checked.found},
    )
