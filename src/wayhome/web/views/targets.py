"""One target's page: the detail behind its card on the dashboard."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wayhome.services import targets as target_service
from wayhome.web import ownership
from wayhome.web.views.common import not_found, today, user


@require_safe
def target(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    ownership.profile(request, pk)
    try:
        t = target_service.detail(user(request), today(), code)
    except target_service.UnknownTargetError:
        return not_found(request)
    return render(request, "wayhome/targets.html", {"pk": pk, "t": t, "a": t.assessment})
