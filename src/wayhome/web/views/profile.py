"""The profile's own pages: the visa clocks with the stays and the J-1 waiver they count
from, the scenarios side by side, and the money inputs of each, as a form with its result
beside it (updated as it is typed, through the preview)."""

from __future__ import annotations

from django import forms as django_forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from wayhome.core.profile.model import Profile
from wayhome.services import money_inputs as money_service
from wayhome.services import profile_edits
from wayhome.services import scenarios as scenario_service
from wayhome.services import setup as setup_service
from wayhome.services import visa as visa_service
from wayhome.services.source import from_store
from wayhome.web import ownership
from wayhome.web.forms.base import offer_fictional
from wayhome.web.forms.money import MoneyForm
from wayhome.web.forms.profile import (
    SCENARIO_ACTIONS,
    VISA_ACTIONS,
    AddScenarioForm,
    AddStayForm,
    WaiverForm,
)
from wayhome.web.forms.setup import datalists
from wayhome.web.views.common import act, posted, today, user


@require_http_methods(["GET", "HEAD", "POST"])
def visa_page(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    profile = profile_edits.current(user(request))
    waiver = profile.j1_waiver.model_dump() if profile.j1_waiver else {}
    stay_form, waiver_form = AddStayForm(), WaiverForm(initial=waiver)
    fictional = setup_service.uses_fictional(profile.model_dump(mode="json"))
    if fictional:  # Exampleland is offered only to a profile that uses it
        offer_fictional(stay_form)
    if request.method == "POST":
        form = posted(request, VISA_ACTIONS)
        if form is not None and fictional:
            offer_fictional(form)
        if form is None or form.is_valid():
            act(request, form)  # what the profile refuses is said above the page
            return redirect("wayhome:visa", pk=pk)
        if isinstance(form, AddStayForm):  # shown again, with what was typed and why not
            stay_form = form
        elif isinstance(form, WaiverForm):
            waiver_form = form
        else:  # a form not shown again (a stay's removal): why not is said above the page
            act(request, form)
    return render(
        request,
        "wayhome/visa.html",
        {
            "pk": pk,
            "clocks": visa_service.visa_clocks(from_store(user(request)), today()),
            "stays": profile.stays,
            "stay_form": stay_form,
            "waiver_form": waiver_form,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def scenarios(request: HttpRequest, pk: int) -> HttpResponse:
    ownership.profile(request, pk)
    form: django_forms.Form = AddScenarioForm()
    if request.method == "POST":
        action = "delete" if "delete" in request.POST else "add"
        chosen = posted(request, SCENARIO_ACTIONS, action=action)
        if chosen is not None and not chosen.is_valid():  # again, with what was typed
            return _scenarios_page(request, pk, chosen, status=422)
        act(request, chosen, "That scenario does not fit your profile: ")
        return redirect("wayhome:scenarios", pk=pk)
    return _scenarios_page(request, pk, form)


def _scenarios_page(
    request: HttpRequest, pk: int, form: django_forms.Form, status: int = 200
) -> HttpResponse:
    owner = user(request)
    outcomes = scenario_service.scenarios_of(from_store(owner), today())
    return render(
        request,
        "wayhome/scenarios.html",
        {
            "pk": pk,
            "outcomes": outcomes,
            "table": scenario_service.by_regulator(outcomes),
            "form": form,
            "money_chart": scenario_service.money_svg(outcomes),
            "specialties": datalists()["specialties"],
        },
        status=status,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def money_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    """One scenario's money inputs (?scenario=, the plan's by default) with the result
    beside them; saved by the button, so the page works without scripts."""
    ownership.profile(request, pk)
    profile = profile_edits.current(user(request))
    chosen = _target(profile, request.GET.get("scenario") or request.POST.get("target"))
    status = 200
    if request.method == "POST":
        form = MoneyForm(request.POST, target=chosen)
        if act(request, form, inline=True):
            url = reverse("wayhome:money", kwargs={"pk": pk})
            return redirect(f"{url}?scenario={chosen.id}")
        status = 422
    else:
        form = MoneyForm(initial=money_service.answers_of(chosen), target=chosen)
    return render(
        request,
        "wayhome/money.html",
        {
            "pk": pk,
            "chosen": chosen,
            "targets": money_service.targets(profile, today()),
            "form": form,
            "result": money_service.result(profile, chosen.id, today()),
        },
        status=status,
    )


@require_POST
def money_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What the typed inputs come to, as the page's result part: nothing is saved."""
    ownership.profile(request, pk)
    profile = profile_edits.current(user(request))
    chosen = _target(profile, request.POST.get("target"))
    form = MoneyForm(request.POST, target=chosen)
    result = (
        money_service.preview(profile, chosen.id, form.cleaned_data, today())
        if form.is_valid()
        else None
    )
    return render(
        request,
        "wayhome/partials/money_result.html",
        {"form": form, "chosen": chosen, "result": result, "live": True},
    )


def _target(profile: Profile, target_id: str | None) -> money_service.Target:
    try:
        return money_service.target(profile, target_id or money_service.PLAN, today())
    except profile_edits.ProfileEditError:
        raise Http404("no such scenario") from None
