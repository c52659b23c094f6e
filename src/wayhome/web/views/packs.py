"""The rule packs: the table of packs (the one of `wayhome packs list`), and each pack's
rules, sources, notes and open questions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from wayhome.services import packs as pack_service
from wayhome.web.views.common import not_found


@require_safe
def packs(request: HttpRequest) -> HttpResponse:
    return render(request, "wayhome/packs.html", {"rows": pack_service.table()})


@require_safe
def pack(request: HttpRequest, code: str) -> HttpResponse:
    p = pack_service.page(code)
    if p is None:
        return not_found(request)
    return render(request, "wayhome/pack.html", {"p": p})
