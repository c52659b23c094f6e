"""What your regulators said: the questions per regulator, and one question's answer,
the email it came in, and the answer made a confirmed rule."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from wayhome.core.rules.kinds import KINDS
from wayhome.services import correspondence
from wayhome.web import ownership
from wayhome.web.forms.base import ActionForm
from wayhome.web.forms.correspondence import (
    ITEM_ACTIONS,
    AnswerForm,
    EvidenceForm,
    PromoteForm,
    SeedForm,
)
from wayhome.web.views.common import act, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def log_list(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    owner = user(request)
    if request.method == "POST":
        act(request, SeedForm(request.POST))
        return redirect("wayhome:log", pk=pk)
    return render(
        request,
        "wayhome/log.html",
        {
            "pk": pk,
            "items": correspondence.log_items(owner),
            "targets": correspondence.targets(owner),
            "overdue": {c.pk for c in correspondence.overdue(owner, today())},
            "remind_days": correspondence.REMIND_AFTER_DAYS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def log_item(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    """One question: each of its three forms is shown again, with why, when refused."""
    item = ownership.question(request, pk, cid)
    choices: dict[str, Any] = {
        "rules": correspondence.rule_choices(item.jurisdiction),
        "kinds": sorted(KINDS),
    }
    shown: dict[str, ActionForm] = {
        "answer": AnswerForm(initial=correspondence.answer_of(item), target=item),
        "evidence": EvidenceForm(target=item),
        "promote": PromoteForm(target=item, **choices),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        extra = choices if action == "promote" else {}
        form = posted(request, ITEM_ACTIONS, target=item, **extra)
        if form is not None and act(request, form, inline=True):
            if action == "promote":  # the plan changed: show it
                return redirect("wayhome:dashboard", pk=pk)
            return redirect("wayhome:log-item", pk=pk, cid=cid)
        if form is not None:
            shown[action] = form
        status = 422
    return render(
        request,
        "wayhome/log_item.html",
        {"pk": pk, "item": item, **shown, "files": correspondence.evidence_of(item)},
        status=status,
    )
