"""The way in: where a visit starts, the guided setup a step at a time, and the
profile import."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from wayhome.services import profile_edits
from wayhome.services import setup as setup_service
from wayhome.web import ownership
from wayhome.web.forms import setup as setup_forms
from wayhome.web.forms.base import problems
from wayhome.web.views.common import log, today, user

STEPS = [name for name, _ in setup_forms.STEPS]


def home(request: HttpRequest) -> HttpResponse:
    row = ownership.profile_or_none(request)
    if row is None:
        return redirect("wayhome:setup", step=STEPS[0])
    return redirect("wayhome:dashboard", pk=row.pk)


def _step_form(step: str, data: Any = None, initial: Any = None) -> django_forms.Form:
    form_class = dict(setup_forms.STEPS)[step]
    extra = {"targets": setup_service.regulators()} if form_class is setup_forms.HomeForm else {}
    form: django_forms.Form = form_class(data=data, initial=initial, **extra)
    return form


def setup(request: HttpRequest, step: str) -> HttpResponse:
    """One step; its answers wait in the session until the last step saves them all."""
    if step not in STEPS:
        return redirect("wayhome:setup", step=STEPS[0])
    answers: dict[str, Any] = request.session.get("setup") or {}
    stored = setup_service.stored_data(user(request))
    if not answers and stored is not None:
        answers = setup_forms.answers_from(stored)
    form = _step_form(step, data=request.POST or None, initial=answers)
    index = STEPS.index(step)
    if request.method == "POST" and form.is_valid():
        answers.update(
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in form.cleaned_data.items()}
        )
        request.session["setup"] = answers
        log.debug("setup step %s accepted", step)
        if index + 1 < len(STEPS):
            return redirect("wayhome:setup", step=STEPS[index + 1])
        return _finish(request, answers)
    return render(
        request,
        "wayhome/setup.html",
        {
            "form": form,
            "step": index + 1,
            "steps": len(STEPS),
            "name": step,
            "back": STEPS[index - 1] if index else None,
        },
    )


def _finish(request: HttpRequest, answers: dict[str, Any]) -> HttpResponse:
    try:
        setup_service.finish(user(request), setup_forms.profile_data(answers), today())
    except profile_edits.ProfileEditError as e:
        for text in e.messages:
            messages.error(request, text)
        return redirect("wayhome:setup", step=STEPS[0])
    log.info("profile saved from the setup (account %s)", user(request).pk)
    request.session.pop("setup", None)
    messages.success(request, "Your profile is saved. Here is what applies to you.")
    return redirect("wayhome:dashboard", pk=ownership.profile(request).pk)


def profile_import(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        form = setup_forms.ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            errors = problems(form)
        else:
            upload = form.cleaned_data["file"]
            try:
                setup_service.import_upload(
                    user(request), upload.read(), upload.name or "profile.yaml", today()
                )
            except profile_edits.ProfileEditError as e:
                errors = e.messages
            else:
                messages.success(request, "Profile imported.")
                return redirect("wayhome:dashboard", pk=ownership.profile(request).pk)
    return render(request, "wayhome/import.html", {"errors": errors})
