"""What your regulators said: the questions per regulator, one question's answer and
the email it came in, and "the regulator told me": the finding it settles picked, its
values answered in plain words, and Wayhome's confirmed rule made of them."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from wayhome.services import correspondence, packets, regulator_answers
from wayhome.web import ownership
from wayhome.web.forms.base import ActionForm
from wayhome.web.forms.correspondence import (
    ITEM_ACTIONS,
    QUESTION_PREFIX,
    AnswerForm,
    EvidenceForm,
    SeedForm,
    ToldForm,
)
from wayhome.web.views.common import act, posted, session, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def log_list(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    owner = user(request)
    if request.method == "POST":
        act(request, SeedForm(request.POST))
        return redirect("wayhome:log", pk=pk)
    labels = packets.target_labels()  # "India", not IN
    return render(
        request,
        "wayhome/log.html",
        {
            "pk": pk,
            "items": correspondence.log_items(owner),
            "targets": [(c, labels.get(c, c)) for c in correspondence.targets(owner)],
            "overdue": {c.pk for c in correspondence.overdue(owner, today())},
            "remind_days": correspondence.REMIND_AFTER_DAYS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def log_item(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    """One question: each of its forms is shown again, with why, when refused."""
    item = ownership.question(request, pk, cid)
    shown: dict[str, ActionForm] = {
        "answer": AnswerForm(initial=correspondence.answer_of(item), target=item),
        "evidence": EvidenceForm(target=item),
    }
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = posted(request, ITEM_ACTIONS, target=item)
        if act(request, form, inline=True):  # no form for the action: said above the page
            return redirect("wayhome:log-item", pk=pk, cid=cid)
        if form is not None:
            shown[action] = form
        status = 422
    return render(
        request,
        "wayhome/log_item.html",
        {
            "pk": pk,
            "item": item,
            **shown,
            "files": correspondence.evidence_of(item),
            "confirmed": regulator_answers.summary(item),
            "finding": regulator_answers.key_for(user(request), item, today()),
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def told(request: HttpRequest, pk: int) -> HttpResponse:
    """First the finding the answer settles (?finding=), then its questions."""
    ownership.profile(request, pk)
    owner = user(request)
    cid = request.GET.get("question", "")
    item = ownership.question(request, pk, int(cid)) if cid.isdigit() else None
    key = request.GET.get("finding", "")
    if not key:
        return render(
            request,
            "wayhome/told.html",
            {"pk": pk, "item": item, "regulators": regulator_answers.choices(owner, today())},
        )
    try:
        topic = regulator_answers.topic(owner, key, today())
    except LookupError:
        raise Http404("no such finding") from None
    status = 200
    if request.method == "POST":
        form = ToldForm(
            request.POST, request.FILES, target=topic, item=item, session=session(request)
        )
        if act(request, form, inline=True):  # the target's findings changed: show them
            return redirect("wayhome:target", pk=pk, code=topic.code)
        status = 422
    else:
        form = ToldForm(initial=_initial(topic, item), target=topic, item=item)
    return render(
        request,
        "wayhome/told.html",
        {"pk": pk, "item": item, "topic": topic, "form": form},
        status=status,
    )


def _initial(topic: regulator_answers.Topic, item: Any) -> dict[str, Any]:
    out: dict[str, Any] = {QUESTION_PREFIX + k: v for k, v in topic.initial.items()}
    if item is not None:
        out.update(
            answered=item.answered, channel=item.channel, person=item.person,
            said=item.answer, asked=item.asked,
        )  # fmt: skip
    return out
