"""The vault's pages: every stored file and what it says, and search (a regulator's
packet and the evidence bundle are web/views/packets.py)."""

from __future__ import annotations

from typing import Final

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from wayhome.services import reading, vault_access
from wayhome.web import ownership
from wayhome.web.forms.documents import FileFactsForm
from wayhome.web.views.common import act, session, user

SHOWN: Final = 50  # search results drawn on the page; the count says how many in all


@require_safe
def files_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Every stored file: whether it was read, what it suggests, what it says."""
    ownership.profile(request, pk)
    owner = user(request)
    files = reading.all_files(owner)
    rows = [
        {
            "file": f,
            "reading": getattr(f, "reading", None),
            "facts": reading.facts(f),
            "others": [o for o in files if o.pk != f.pk],
        }
        for f in files
    ]
    is_open = vault_access.is_open(owner, session(request))
    context = {
        "pk": pk,
        "rows": rows,
        "unlocked": is_open,
        "pending": is_open and any(reading.status(f) != "done" for f in files),
        "fields": reading.FIELDS,
        "ocr_missing": vault_access.ocr_missing(),
        "vault_set_up": vault_access.is_set_up(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "wayhome/partials/files.html", context)
    return render(request, "wayhome/files.html", context)


@require_POST
def file_item(request: HttpRequest, pk: int, fid: int) -> HttpResponse:
    """Save what a stored file says, as the physician checked it."""
    vf = ownership.stored_file(request, pk, fid)
    act(request, FileFactsForm(request.POST, target=vf), f"{vf.name}: ")
    return redirect("wayhome:files", pk=pk)


@require_safe
def search_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Search correspondence, answers, documents, and (unlocked) every file's text."""
    ownership.profile(request, pk)
    owner = user(request)
    query = request.GET.get("q", "").strip()[:200]
    sid = session(request)
    found = vault_access.search(owner, sid, query) if query else None
    unlocked = found.texts_searched if found is not None else vault_access.is_open(owner, sid)
    return render(
        request,
        "wayhome/search.html",
        {
            "pk": pk,
            "q": query,
            "found": found,
            # A page of a thousand snippets helps no one and takes long to draw.
            "shown": found.hits[:SHOWN] if found else [],
            "unlocked": unlocked,
            "vault_set_up": vault_access.is_set_up(),
        },
    )
