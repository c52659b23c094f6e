"""One target's page: the detail behind its card on the dashboard, and "I registered"
for an exam's sitting on it (or undone)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from wayhome.services import targets as target_service
from wayhome.web import ownership
from wayhome.web.forms.dashboard import REGISTERED_ACTIONS
from wayhome.web.views.common import act, not_found, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def target(request: HttpRequest, pk: int, code: str) -> HttpResponseBase:
    """The page; a POST records "I registered" for an exam's sitting, or undoes it, and
    comes back here."""
    ownership.profile(request, pk)
    if request.method == "POST":
        act(request, posted(request, REGISTERED_ACTIONS))
        return redirect("wayhome:target", pk=pk, code=code)
    try:
        t = target_service.detail(user(request), today(), code)
    except target_service.UnknownTargetError:
        return not_found(request)
    return render(request, "wayhome/targets.html", {"pk": pk, "t": t, "a": t.assessment})
