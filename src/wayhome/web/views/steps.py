"""The profile's pages, one per setup step and with the same forms, and what a step's
page shows in the setup and on the profile alike."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import escape
from django.views.decorators.http import require_http_methods

from wayhome.services import profile_edits, profile_summary
from wayhome.services import setup as setup_service
from wayhome.web import ownership
from wayhome.web.forms import setup as setup_forms
from wayhome.web.forms.base import said_as_typed
from wayhome.web.forms.steps import PAGE_CHANGED, Bound, typed
from wayhome.web.views.common import today, user


def step_page(
    request: HttpRequest,
    bound: Bound,
    context: dict[str, Any],
    *,
    show_errors: bool,
    status: int = 200,
    errors: list[str] | None = None,
) -> HttpResponse:
    """A step's page: its fields and rows with what was typed, and (``show_errors``) each
    error beside its field."""
    if not show_errors:
        bound.quiet()
    return render(
        request,
        "wayhome/step.html",
        {
            "bound": bound,
            "step": bound.step,
            "show_errors": show_errors,
            "errors": errors or [],
            "lists": setup_forms.datalists(),
            **context,
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD"])
def my_profile(request: HttpRequest) -> HttpResponse:
    """The profile's pages; the setup while there is no profile yet."""
    row = ownership.profile_or_none(request)
    if row is None:
        return redirect("wayhome:home")
    return redirect("wayhome:profile", pk=row.pk)


@require_http_methods(["GET", "HEAD"])
def profile_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Every part of the profile, each a setup step to edit."""
    ownership.profile(request, pk)
    summaries = profile_summary.for_owner(user(request), today())
    steps = [(s, summaries.get(s.slug)) for s in setup_forms.STEPS]
    return render(request, "wayhome/profile.html", {"pk": pk, "steps": steps})


@require_http_methods(["GET", "HEAD", "POST"])
def profile_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One part of the profile, edited with its setup step's form and saved at once."""
    ownership.profile(request, pk)
    current = setup_forms.BY_SLUG.get(step)
    if current is None:
        raise Http404
    owner, on = user(request), today()
    context = {"mode": "profile", "pk": pk}
    stored = setup_service.profile_data(owner)
    # The fictional Exampleland is offered only to a profile that already uses it.
    bind = partial(current.bind, today=on, fictional=setup_service.uses_fictional(stored))
    if request.method != "POST":
        answers = current.typed_from(stored, on)
        return step_page(request, bind(answers), context, show_errors=False)
    answers = typed(request.POST)
    if request.POST.get("action") == "add" and current.rows is not None:
        bound = bind(current.with_row(answers))
        return step_page(request, bound, context, show_errors=False)
    bound = bind(answers)
    if not bound.is_valid():
        return step_page(request, bound, context, show_errors=True, status=422)
    try:
        setup_service.save_section(owner, bound.parts(), on, bound.seen())
    except setup_service.PageChanged as e:
        # Saved by another window or an import since: shown again as typed, over it now.
        bound = bound.refreshed(e.fresh)
        return step_page(
            request, bound, context, show_errors=True, status=409, errors=[PAGE_CHANGED]
        )
    except profile_edits.ProfileEditError as e:
        return step_page(request, bound, context, show_errors=True, status=422, errors=e.messages)
    messages.success(request, f"{current.title}: saved.")
    return redirect("wayhome:profile-step", pk=pk, step=current.slug)


@require_http_methods(["GET", "HEAD"])
def check(request: HttpRequest) -> HttpResponse:
    """How a date or a specialty just typed is read, or why it is not (htmx puts it in
    the hint beside the field; without script the form says the same when sent)."""
    kind = request.GET.get("kind", "")
    text = next((str(v) for k, v in request.GET.items() if k != "kind"), "")
    return HttpResponse(escape(said_as_typed(kind, text)))
