"""The dashboard and what hangs off it: the verdict's cards (a POST moves a target in
the order of preference), the slider, a task marked (done, not for me, moved, snoozed),
what changed marked seen, and the downloads (calendar, printable plan, profile)."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wayhome.services import dashboard as dashboard_service
from wayhome.services import planning, profile_store
from wayhome.services import targets as targets_service
from wayhome.services.source import from_store
from wayhome.web import ownership
from wayhome.web.forms.dashboard import TASK_ACTIONS, OrderForm, SeenForm
from wayhome.web.views.common import act, download, log, not_found, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """The verdict, the next actions and the plan; a POST moves a target in the order of
    preference (the card's buttons) and comes back here."""
    ownership.profile(request, pk)
    if request.method == "POST":
        form = OrderForm(request.POST, target=request.POST.get("target", ""))
        try:
            act(request, form)
        except dashboard_service.UnknownTargetError:
            return not_found(request)
        return redirect("wayhome:dashboard", pk=pk)
    d = dashboard_service.for_owner(user(request), today())
    log.debug("dashboard for profile %s: %d tasks", pk, len(d.plan.tasks))
    return render(
        request,
        "wayhome/dashboard.html",
        {
            "pk": pk,
            "d": d,
            # One count of questions, as the target's page gives it.
            "asks": targets_service.questions_by_target(d.verdict.cards, d.report.assessments),
            "slider": dashboard_service.SLIDER,
            "snooze_until": d.on + timedelta(days=dashboard_service.SNOOZE_DAYS),
        },
    )


@require_POST
def seen(request: HttpRequest, pk: int) -> HttpResponse:
    """What changed has been seen: compare with today's assessment from now on."""
    ownership.profile(request, pk)
    act(request, SeenForm(request.POST))
    return redirect("wayhome:dashboard", pk=pk)


@require_safe
def whatif(request: HttpRequest, pk: int) -> HttpResponse:
    """The slider's answer: every rule's status for the return it points at."""
    ownership.profile(request, pk)
    try:
        shift = int(request.GET.get("m", "0"))
    except ValueError:
        shift = 0
    w = dashboard_service.what_if(user(request), today(), shift)
    return render(
        request,
        "wayhome/partials/whatif.html",
        {
            "rows": w.rows,
            "chosen": w.chosen,
            "shift": w.shift,
            "back": w.back,
            "early": w.early,
            "stays_note": w.stays_note,
        },
    )


@require_POST
def task_mark(request: HttpRequest, pk: int, task_id: str) -> HttpResponseBase:
    """A task done, skipped, undone or moved; with htmx, just its row comes back."""
    ownership.profile(request, pk)
    form = posted(request, TASK_ACTIONS, "done", target=task_id)
    try:
        act(request, form, "Not moved: ")
    except planning.UnknownTaskError:  # no task with this id: 404
        return not_found(request)
    if form is None:
        return not_found(request)
    if request.htmx and form.task is not None:  # type: ignore[attr-defined]
        return render(request, "wayhome/partials/task_row.html", {"t": form.task, "pk": pk})
    return redirect("wayhome:dashboard", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar file. A download (POST) remembers what it said, so the next one
    bumps SEQUENCE where a task changed; a GET gives the same file and remembers nothing."""
    ownership.profile(request, pk)
    owner, stamp = user(request), timezone.now()
    if request.method == "POST":
        data = planning.calendar(planning.plan(from_store(owner), today()), stamp=stamp)
    else:
        data = dashboard_service.calendar_preview(owner, today(), stamp)
    return download(data, "text/calendar; charset=utf-8", "wayhome-plan.ics")


@require_safe
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    planned = planning.plan(from_store(user(request)), today())
    return download(planning.pdf_bytes(planned), "application/pdf", "wayhome-plan.pdf")


@require_safe
def profile_export(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    text = profile_store.export_text(from_store(user(request)).profile)
    return download(text.encode(), "application/yaml", "wayhome-profile.yaml")
