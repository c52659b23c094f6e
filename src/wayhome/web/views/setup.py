"""The way in: where a visit starts, the guided setup a step at a time (saved as it
goes, as a draft), and the profile import."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from wayhome.services import profile_edits
from wayhome.services import setup as setup_service
from wayhome.web import ownership
from wayhome.web.forms import setup as setup_forms
from wayhome.web.forms.base import problems
from wayhome.web.forms.steps import (
    FINGERPRINT,
    NUL_TYPED,
    Bound,
    Step,
    Typed,
    holds_nul,
    typed,
)
from wayhome.web.views.common import log, today, user
from wayhome.web.views.steps import step_page

STEPS = setup_forms.STEPS
FIRST = STEPS[0].slug


# The setup offers the fictional Exampleland too (last in each picker), for trying
# Wayhome out; the profile's pages offer it only to a profile that uses it.
TRY_IT_OUT = True


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard; without a profile, the setup where it stopped."""
    row = ownership.profile_or_none(request)
    if row is not None:
        return redirect("wayhome:dashboard", pk=row.pk)
    found = setup_service.draft(user(request))
    at = found.at if found and found.at in setup_forms.BY_SLUG else FIRST
    return redirect("wayhome:setup", step=at)


def _answers(request: HttpRequest, on: date) -> dict[str, Typed]:
    owner = user(request)
    found = setup_service.draft(owner)
    return setup_forms.typed_answers(
        found.answers if found else None, setup_service.profile_data(owner), on
    )


@require_http_methods(["GET", "HEAD", "POST"])
def setup(request: HttpRequest, step: str) -> HttpResponse:
    """One step, shown with what was typed before (the draft's, else the profile's);
    ``?check`` shows its errors too (the last step sends you back to one so)."""
    current = setup_forms.BY_SLUG.get(step)
    if current is None:
        return redirect("wayhome:setup", step=FIRST)
    on = today()
    if request.method == "POST":
        return _answer(request, current, typed(request.POST), on)
    bound = current.bind(_answers(request, on)[current.slug], on, fictional=TRY_IT_OUT)
    check = "check" in request.GET
    if check:
        bound.is_valid()
    return _page(request, bound, show_errors=check)


def _page(
    request: HttpRequest,
    bound: Bound,
    *,
    show_errors: bool,
    status: int = 200,
    errors: list[str] | None = None,
) -> HttpResponse:
    before = setup_forms.step_before(bound.step)
    return step_page(
        request,
        bound,
        {
            "mode": "setup",
            "steps": STEPS,
            "number": STEPS.index(bound.step) + 1,
            "back": before,
            "last": setup_forms.step_after(bound.step) is None,
        },
        show_errors=show_errors,
        status=status,
        errors=errors,
    )


def _answer(request: HttpRequest, current: Step, answers: Typed, on: date) -> HttpResponse:
    """Keep what was typed, whatever the button; then add a row, go back, or check the
    step and go on (after the last one, save the profile)."""
    owner = user(request)
    action = request.POST.get("action", "next")
    if holds_nul(answers):  # not even as a draft: shown again, with why
        bound = current.bind(answers, on, fictional=TRY_IT_OUT)
        bound.is_valid()
        return _page(request, bound, show_errors=True, status=422, errors=[NUL_TYPED])
    if action == "add" and current.rows is not None:
        answers = current.with_row(answers)
        setup_service.save_draft(owner, current.slug, answers, current.slug)
        rows = int(answers["rows-TOTAL_FORMS"][0])
        return redirect(reverse("wayhome:setup", args=[current.slug]) + f"#row-{rows}")
    if action == "back":
        before = setup_forms.step_before(current) or current
        setup_service.save_draft(owner, current.slug, answers, before.slug)
        return redirect("wayhome:setup", step=before.slug)
    bound = current.bind(answers, on, fictional=TRY_IT_OUT)
    if not bound.is_valid():
        setup_service.save_draft(owner, current.slug, answers, current.slug)
        log.debug("setup step %s refused", current.slug)
        return _page(request, bound, show_errors=True, status=422)
    after = setup_forms.step_after(current)
    setup_service.save_draft(owner, current.slug, answers, (after or current).slug)
    log.debug("setup step %s accepted", current.slug)
    if after is not None:
        return redirect("wayhome:setup", step=after.slug)
    return _finish(request, on)


def _finish(request: HttpRequest, on: date) -> HttpResponse:
    answers = _answers(request, on)
    parts, failing = setup_forms.all_parts(answers, on)
    if failing is not None:
        messages.error(request, f"This step still needs an answer: {failing.step.title}.")
        return redirect(reverse("wayhome:setup", args=[failing.step.slug]) + "?check")
    try:
        setup_service.finish(user(request), parts, on, setup_forms.all_seen(answers))
    except setup_service.PageChanged as e:
        # The stored profile changed under steps typed before (an import, a page of the
        # profile in another window): each kept as typed, over what is stored now.
        steps = [setup_forms.step_of(seen) for seen, _ in e.changed]
        for step, (_, fresh) in zip(steps, e.changed, strict=True):
            again = {**answers[step.slug], FINGERPRINT: [fresh]}
            setup_service.save_draft(user(request), step.slug, again, steps[0].slug)
        messages.error(request, setup_changed(steps))
        return redirect("wayhome:setup", step=steps[0].slug)
    except profile_edits.ProfileEditError as e:
        for text in e.messages:
            messages.error(request, text)
        return redirect("wayhome:setup", step=STEPS[-1].slug)
    log.info("profile saved from the setup (account %s)", user(request).pk)
    messages.success(request, "Your profile is saved. Here is what applies to you.")
    return redirect("wayhome:dashboard", pk=ownership.profile(request).pk)


def setup_changed(steps: list[Step]) -> str:
    titles = ", ".join(s.title for s in steps)
    return (
        "Your profile changed in another window or by an import during the setup, so "
        f"nothing was saved. What you typed is kept at each step it changed under ({titles}): "
        "check each against what is stored now, then save again at the last step."
    )


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
