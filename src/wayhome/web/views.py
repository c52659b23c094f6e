"""Thin views: check who is asking, call a service, render."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db import store
from wayhome.adapters.db.models import Correspondence, DocumentItem, StoredProfile, VaultFile
from wayhome.adapters.exporters import cv as cv_export
from wayhome.adapters.exporters import cv_docx as cv_docx_export
from wayhome.adapters.exporters import money_chart
from wayhome.adapters.exporters.bundle import BundleError
from wayhome.adapters.importers.caselog import FIELDS as CASE_FIELDS
from wayhome.adapters.importers.caselog import LABELS as CASE_FIELD_LABELS
from wayhome.adapters.importers.caselog import CaseLogError, ColumnMap
from wayhome.adapters.vault.keys import WrongPassphraseError
from wayhome.adapters.vault.storage import Vault
from wayhome.core.common import dates
from wayhome.core.common.typed_dates import TypedDateError, parse_date
from wayhome.core.common.vocabulary import ROLES_TYPED, Role
from wayhome.core.cv.activities import EXAMPLES, ActivityKind
from wayhome.core.cv.cases import Procedure, totals
from wayhome.core.cv.contacts import ContactRole
from wayhome.core.cv.publications import PubKind
from wayhome.core.cv.publications import counts as pub_counts
from wayhome.core.evidence import documents as core_documents
from wayhome.core.planner.progress import Mark
from wayhome.core.rules.kinds import KINDS
from wayhome.services import (
    account,
    cases,
    correspondence,
    packets,
    planning,
    profile_edits,
    profile_store,
    unlocked,
)
from wayhome.services import activities as activity_service
from wayhome.services import consistency as consistency_service
from wayhome.services import contacts as contact_service
from wayhome.services import cv as cv_service
from wayhome.services import dashboard as dashboard_service
from wayhome.services import documents as document_service
from wayhome.services import publications as publication_service
from wayhome.services import reading as reading_service
from wayhome.services import scenarios as scenario_service
from wayhome.services import search as search_service
from wayhome.services import vault as vault_service
from wayhome.services import visa as visa_service
from wayhome.services import whatif as whatif_service
from wayhome.services.source import from_store
from wayhome.web import forms
from wayhome.web.ownership import owned

ALERT_DAYS = 90
T = TypeVar("T")
# Logs carry ids and counts, never a profile's values (tests/web/test_setup.py checks).
log = logging.getLogger("wayhome.web")


def _user(request: HttpRequest) -> User:
    """The signed-in account (the middleware lets no one else this far)."""
    user = request.user
    assert isinstance(user, User)
    return user


def _today() -> date:
    return timezone.localdate()


# --------------------------------------------------------------------------- sign-in


def signin(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect("wayhome:home")
    return render(request, "wayhome/signin.html", {"form": form})


def signin_token(request: HttpRequest) -> HttpResponse:
    user = store.use_sign_in_token(request.GET.get("token", ""))
    if user is None:
        messages.error(
            request,
            "That sign-in link has been used or is not valid. Copy the "
            "newest one from the terminal where Wayhome is running.",
        )
        return redirect("wayhome:login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("wayhome:home")


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("wayhome:login")


def password(request: HttpRequest) -> HttpResponse:
    form = SetPasswordForm(_user(request), data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        update_session_auth_hash(request, form.user)
        messages.success(request, "Password set. Next time, sign in with it.")
        return redirect("wayhome:home")
    return render(request, "wayhome/password.html", {"form": form})


# --------------------------------------------------------------------------- home, setup


def home(request: HttpRequest) -> HttpResponse:
    row = StoredProfile.objects.filter(owner=_user(request)).first()
    if row is None:
        return redirect("wayhome:setup", step="return")
    return redirect("wayhome:dashboard", pk=row.pk)


def _targets() -> list[tuple[str, str]]:
    return [
        (p.code, f"{p.code}: {p.name}")
        for p in sorted(pack_files.load_packs(), key=lambda p: p.code)
        if p.kind.value == "regulator"
    ]


def _step_form(step: str, data: Any = None, initial: Any = None) -> django_forms.Form:
    form_class = dict(forms.STEPS)[step]
    extra = {"targets": _targets()} if form_class is forms.HomeForm else {}
    form: django_forms.Form = form_class(data=data, initial=initial, **extra)
    return form


def setup(request: HttpRequest, step: str) -> HttpResponse:
    names = [name for name, _ in forms.STEPS]
    if step not in names:
        return redirect("wayhome:setup", step=names[0])
    answers: dict[str, Any] = request.session.get("setup") or {}
    stored = StoredProfile.objects.filter(owner=_user(request)).first()
    if not answers and stored is not None:
        answers = forms.answers_from(stored.data)
    form = _step_form(step, data=request.POST or None, initial=answers)
    index = names.index(step)
    if request.method == "POST" and form.is_valid():
        answers.update(
            {k: (v.isoformat() if isinstance(v, date) else v) for k, v in form.cleaned_data.items()}
        )
        request.session["setup"] = answers
        log.debug("setup step %s accepted", step)
        if index + 1 < len(names):
            return redirect("wayhome:setup", step=names[index + 1])
        return _finish_setup(request, answers, stored)
    return render(
        request,
        "wayhome/setup.html",
        {
            "form": form,
            "step": index + 1,
            "steps": len(names),
            "name": step,
            "back": names[index - 1] if index else None,
        },
    )


def _finish_setup(
    request: HttpRequest, answers: dict[str, Any], stored: StoredProfile | None
) -> HttpResponse:
    try:
        profile_edits.apply_setup(_user(request), forms.profile_data(answers))
    except profile_edits.ProfileEditError as e:
        for text in e.messages:
            messages.error(request, text)
        return redirect("wayhome:setup", step="return")
    dashboard_service.remember_first(_user(request), _today())
    log.info("profile saved from the setup (account %s)", _user(request).pk)
    request.session.pop("setup", None)
    row = owned(request, StoredProfile)
    messages.success(request, "Your profile is saved. Here is what applies to you.")
    return redirect("wayhome:dashboard", pk=row.pk)


# --------------------------------------------------------------------------- dashboard


@require_safe
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    d = dashboard_service.for_owner(_user(request), _today())
    log.debug("dashboard for profile %s: %d tasks", pk, len(d.plan.tasks))
    return render(
        request,
        "wayhome/dashboard.html",
        {"pk": pk, "d": d, "slider": SLIDER},
    )


@require_POST
def seen(request: HttpRequest, pk: int) -> HttpResponse:
    """The person has seen what changed: compare with today's assessment from now on."""
    owned(request, StoredProfile, pk=pk)
    dashboard_service.seen(_user(request), _today())
    return redirect("wayhome:dashboard", pk=pk)


SLIDER = dashboard_service.SLIDER


@require_safe
def whatif(request: HttpRequest, pk: int) -> HttpResponse:
    """The slider's answer: every rule's status for the return it points at."""
    owned(request, StoredProfile, pk=pk)
    src = from_store(_user(request))
    on = _today()
    try:
        shift = max(SLIDER["min"], min(SLIDER["max"], int(request.GET.get("m", "0"))))
    except ValueError:
        shift = 0
    back = src.profile.plan.return_date
    months = [dates.add_months(back, m) for m in range(SLIDER["min"], SLIDER["max"] + 1)]
    sw = whatif_service.sweep(src, on, months)
    chosen = dates.add_months(back, shift)
    now, then = sw.column(back), sw.column(chosen)
    rows = [
        {"key": key, "title": title, "now": now[key], "then": then[key], "first": sw.first_break(i)}
        for i, (key, title) in enumerate(zip(sw.rules, sw.titles, strict=True))
    ]
    return render(
        request,
        "wayhome/partials/whatif.html",
        {"rows": rows, "chosen": chosen, "shift": shift, "back": back},
    )


def scenarios(request: HttpRequest, pk: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    form = forms.ScenarioForm(data=request.POST or None)
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                profile_edits.remove_scenario(user, request.POST["delete"])
            elif form.is_valid():
                profile_edits.add_scenario(user, form.scenario())
            else:
                return _scenarios_page(request, pk, form, status=422)
        except profile_edits.ProfileEditError as e:
            messages.error(
                request, "That scenario does not fit your profile: " + "; ".join(e.messages)
            )
        return redirect("wayhome:scenarios", pk=pk)
    return _scenarios_page(request, pk, form)


def _scenarios_page(
    request: HttpRequest, pk: int, form: django_forms.Form, status: int = 200
) -> HttpResponse:
    outcomes = scenario_service.scenarios_of(from_store(_user(request)), _today())
    codes = list(dict.fromkeys(r["jurisdiction"] for o in outcomes for r in o.regulators))
    table = [
        {
            "code": code,
            "cells": [
                next((r for r in o.regulators if r["jurisdiction"] == code), None) for o in outcomes
            ],
        }
        for code in codes
    ]
    return render(
        request,
        "wayhome/scenarios.html",
        {
            "pk": pk,
            "outcomes": outcomes,
            "table": table,
            "form": form,
            "money_chart": money_chart.svg(outcomes) if any(o.money for o in outcomes) else None,
            "money_inputs": _money_inputs(_user(request)),
        },
        status=status,
    )


def _money_inputs(user: User) -> dict[str, str]:
    """Each scenario's money inputs as YAML text (the plan's under 'your-plan')."""
    return profile_edits.money_texts(from_store(user).profile)


@require_POST
def task_mark(request: HttpRequest, pk: int, task_id: str) -> HttpResponseBase:
    owned(request, StoredProfile, pk=pk)
    action = request.POST.get("action", "done")
    to: date | None = None
    status: Mark | None
    if action == "move":
        try:
            to = parse_date(request.POST.get("to", ""))
        except TypedDateError as e:
            messages.error(request, f"Not moved: {e}")
            return redirect("wayhome:dashboard", pk=pk)
        status = Mark.MOVED
    else:
        status = {"done": Mark.DONE, "skip": Mark.SKIPPED, "undo": None}.get(action, Mark.DONE)
    planned = planning.plan(from_store(_user(request)), _today())
    if task_id not in {t.id for t in planned.plan.tasks}:
        return render(request, "wayhome/404.html", status=404)
    planning.mark(planned, task_id, status, _today(), to)
    if request.htmx:  # type: ignore[attr-defined]
        planned = planning.plan(from_store(_user(request)), _today())
        task = planned.plan.task(task_id)
        return render(request, "wayhome/partials/task_row.html", {"t": task, "pk": pk})
    return redirect("wayhome:dashboard", pk=pk)


# --------------------------------------------------------------------------- files


@require_safe
def profile_export(request: HttpRequest, pk: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    profile = from_store(_user(request)).profile
    return _download(
        profile_store.export_text(profile).encode(), "application/yaml", "wayhome-profile.yaml"
    )


def profile_import(request: HttpRequest) -> HttpResponse:
    errors: list[str] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors.append("Choose a profile file (.yaml) to import.")
        else:
            try:
                profile_edits.import_bytes(
                    _user(request), upload.read(), upload.name or "profile.yaml"
                )
            except profile_edits.ProfileEditError as e:
                errors += e.messages
            else:
                dashboard_service.remember_first(_user(request), _today())
                row = owned(request, StoredProfile)
                messages.success(request, "Profile imported.")
                return redirect("wayhome:dashboard", pk=row.pk)
    return render(request, "wayhome/import.html", {"errors": errors})


@require_http_methods(["GET", "HEAD", "POST"])
def calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar file. A download (POST) remembers what it said, so the next one
    bumps SEQUENCE where a task changed; a GET gives the same file and remembers nothing."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    if request.method == "POST":
        planned = planning.plan(from_store(user), _today())
        data = planning.calendar(planned, stamp=timezone.now())
    else:
        data = dashboard_service.calendar_preview(user, _today(), timezone.now())
    return _download(data, "text/calendar; charset=utf-8", "wayhome-plan.ics")


@require_safe
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    planned = planning.plan(from_store(_user(request)), _today())
    return _download(planning.pdf_bytes(planned), "application/pdf", "wayhome-plan.pdf")


@require_safe
def cv_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The CV from the stored profile, procedure log and publications."""
    owned(request, StoredProfile, pk=pk)
    made, _ = cv_service.make(_user(request))
    return _download(cv_export.pdf(made, _today()), "application/pdf", "wayhome-cv.pdf")


@require_safe
def cv_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The same CV as an editable Word document."""
    owned(request, StoredProfile, pk=pk)
    made, _ = cv_service.make(_user(request))
    return _download(cv_docx_export.docx(made), DOCX, "wayhome-cv.docx")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(data: bytes | str, media_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "wayhome/404.html", status=404)


# --------------------------------------------------------------------------- correspondence


def log_list(request: HttpRequest, pk: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    if request.method == "POST":
        code = request.POST.get("seed", "")
        added = correspondence.seed(user, code, _today())
        messages.success(request, f"Added {added} question{'s' if added != 1 else ''} for {code}.")
        return redirect("wayhome:log", pk=pk)
    src = from_store(user)
    packs = {p.code: p for p in pack_files.load_packs()}
    targets = [
        c for t in src.profile.targets for c in ([p for p in packs if packs[p].covers(t)] or [t])
    ]
    items = Correspondence.objects.filter(owner=user).prefetch_related("evidence__vault_file")
    return render(
        request,
        "wayhome/log.html",
        {
            "pk": pk,
            "items": items,
            "targets": targets,
            "overdue": {c.pk for c in correspondence.overdue(user, _today())},
            "remind_days": correspondence.REMIND_AFTER_DAYS,
        },
    )


def log_item(request: HttpRequest, pk: int, cid: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    item = owned(request, Correspondence, pk=cid)
    user = _user(request)
    pack = next((p for p in pack_files.load_packs() if p.code == item.jurisdiction), None)
    rules = [(r.id, f"{r.title} ({r.id})") for r in pack.rules] if pack else []
    answer = forms.AnswerForm(
        initial={f: getattr(item, f) for f in ("channel", "asked", "person", "answer", "answered")}
    )
    evidence = forms.EvidenceForm()
    promote = forms.PromoteForm(rules=rules, kinds=sorted(KINDS))
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "answer":
            answer = forms.AnswerForm(request.POST)
            if answer.is_valid():
                for f, v in answer.cleaned_data.items():
                    setattr(item, f, v or ("" if f in ("channel", "person", "answer") else None))
                item.save()
                messages.success(request, "Saved.")
                return redirect("wayhome:log-item", pk=pk, cid=cid)
        elif action == "evidence":
            evidence = forms.EvidenceForm(request.POST, request.FILES)
            if evidence.is_valid():
                try:
                    vault = vault_service.open_vault(
                        evidence.cleaned_data["passphrase"], create=True
                    )
                except WrongPassphraseError as e:
                    evidence.add_error("passphrase", str(e))
                else:
                    upload = evidence.cleaned_data["file"]
                    result = correspondence.attach(user, item, vault, upload.name, upload.read())
                    _after_upload(user, vault)
                    if result.status == "refused":
                        evidence.add_error("file", result.reason)
                    else:
                        messages.success(request, f"{result.name}: {result.status}.")
                        return redirect("wayhome:log-item", pk=pk, cid=cid)
        elif action == "promote":
            promote = forms.PromoteForm(request.POST, rules=rules, kinds=sorted(KINDS))
            if promote.is_valid():
                d = promote.cleaned_data
                try:
                    correspondence.promote(
                        user,
                        item,
                        _today(),
                        rule=d["rule"] or None,
                        kind=d["kind"] or None,
                        values=d["values"],
                    )
                except ValueError as e:
                    promote.add_error(None, str(e))
                else:
                    messages.success(
                        request, "The answer is now a confirmed rule: the assessment uses it."
                    )
                    return redirect("wayhome:dashboard", pk=pk)
        status = 422
    return render(
        request,
        "wayhome/log_item.html",
        {
            "pk": pk,
            "item": item,
            "answer": answer,
            "evidence": evidence,
            "promote": promote,
            "files": item.evidence.select_related("vault_file"),
        },
        status=status,
    )


# --------------------------------------------------------------------------- documents


@require_http_methods(["GET", "HEAD", "POST"])
def documents_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist. A need not recorded yet is shown all the same; acting on it (a POST
    naming its key) records it first."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    if request.method == "POST":
        item = document_service.record(user, request.POST.get("key", ""), _today())
        if item is None:
            return render(request, "wayhome/404.html", status=404)
        return _document_post(request, pk, item)
    profile = from_store(user).profile
    rows = [
        {
            "item": d,
            "ref": d.pk or d.key,
            "in_hand": document_service.in_hand(d),
            "until": core_documents.valid_until(d.issued, d.valid_months),
            "suggested": document_service.suggested_issue(d),
        }
        for d in document_service.checklist(user, _today())
    ]
    return render(
        request,
        "wayhome/documents.html",
        {
            "pk": pk,
            "rows": rows,
            "submit": profile.plan.return_date,
            "alerts": document_service.alerts(user, _today(), profile.plan.return_date),
        },
    )


@require_POST
def document_item(request: HttpRequest, pk: int, did: int) -> HttpResponse:
    owned(request, StoredProfile, pk=pk)
    return _document_post(request, pk, owned(request, DocumentItem, pk=did))


def _document_post(request: HttpRequest, pk: int, item: DocumentItem) -> HttpResponse:
    user = _user(request)
    if request.FILES.get("file"):
        try:
            vault = vault_service.open_vault(request.POST.get("passphrase", ""), create=True)
        except WrongPassphraseError as e:
            messages.error(request, f"{item.name}: {e}")
            return redirect("wayhome:documents", pk=pk)
        upload = request.FILES["file"]
        assert isinstance(upload, UploadedFile)
        result = document_service.attach(user, item, vault, upload.name or "file", upload.read())
        _after_upload(user, vault)
        text = f"{item.name}: {result.name} {result.status}"
        text += f" ({result.reason})" if result.reason else "."
        (messages.error if result.status == "refused" else messages.success)(request, text)
        return redirect("wayhome:documents", pk=pk)

    def day(name: str, label: str) -> date | None:
        raw = request.POST.get(name, "").strip()
        if not raw:
            return None
        try:
            return parse_date(raw)
        except TypedDateError as e:
            raise TypedDateError(f"{label}: {e}") from None

    try:
        issued = day("issued", "Issued on")
        done = {i: day(f"step_{i}", f"Step {i + 1}") for i in range(len(item.steps))}
    except TypedDateError as e:
        messages.error(request, f"{item.name}: not saved. {e}")
        return redirect("wayhome:documents", pk=pk)
    document_service.update(
        item,
        issued=issued,
        issuer=request.POST.get("issuer", "")[:200],
        contact=request.POST.get("contact", "")[:300],
        done=done,
    )
    messages.success(request, f"{item.name}: saved.")
    return redirect("wayhome:documents", pk=pk)


CONFIRM_DELETE = "delete everything"


def settings_page(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm", "").strip().lower() == CONFIRM_DELETE:
            user = _user(request)
            account.delete_everything(user)
            log.info("account %s: everything deleted", user.pk)
            request.session.flush()
            messages.success(request, "Everything is deleted.")
            return redirect("wayhome:login")
        error = f"Type “{CONFIRM_DELETE}” to confirm."
    return render(request, "wayhome/settings.html", {"error": error, "confirm": CONFIRM_DELETE})


# --------------------------------------------------------------------------- visa, money


def visa_page(request: HttpRequest, pk: int) -> HttpResponse:
    row = owned(request, StoredProfile, pk=pk)
    user = _user(request)
    stay_form, waiver_form = (
        forms.StayForm(),
        forms.WaiverForm(initial=row.data.get("j1_waiver") or {}),
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "delete-stay":
                raw = request.POST.get("index", "")
                if raw.isdigit():
                    profile_edits.remove_stay(user, int(raw))
            elif action == "add-stay":
                stay_form = forms.StayForm(request.POST)
                if stay_form.is_valid():
                    profile_edits.add_stay(user, stay_form.cleaned_data)
            elif action == "waiver":
                waiver_form = forms.WaiverForm(request.POST)
                if waiver_form.is_valid():
                    d = waiver_form.cleaned_data
                    profile_edits.set_j1_waiver(user, d if d["route"] and d["status"] else None)
        except profile_edits.ProfileEditError as e:
            for text in e.messages:
                messages.error(request, text)
        if not (stay_form.errors or waiver_form.errors):
            return redirect("wayhome:visa", pk=pk)
    clocks_found = visa_service.visa_clocks(from_store(user), _today())
    return render(
        request,
        "wayhome/visa.html",
        {
            "pk": pk,
            "clocks": clocks_found,
            "stays": row.data.get("stays", []),
            "stay_form": stay_form,
            "waiver_form": waiver_form,
        },
    )


@require_POST
def money_inputs(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one scenario's money inputs (or the plan's, target 'your-plan')."""
    owned(request, StoredProfile, pk=pk)
    form = forms.MoneyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the money inputs.")
        return redirect("wayhome:scenarios", pk=pk)
    try:
        profile_edits.set_money(
            _user(request), form.cleaned_data["target"], form.cleaned_data["money"]
        )
    except profile_edits.ProfileEditError as e:
        messages.error(request, "The money inputs do not fit: " + "; ".join(e.messages))
        return redirect("wayhome:scenarios", pk=pk)
    messages.success(request, "Money inputs saved.")
    return redirect("wayhome:scenarios", pk=pk)


def _imported(
    request: HttpRequest,
    read: Callable[[Any, str, bytes], T],
    refused: type[Exception],
    back: HttpResponseBase,
    prompt: str,
) -> T | HttpResponseBase:
    """Run an importer on the uploaded file: its result, or ``back`` with the reason shown
    (no file sent, or the importer refused it)."""
    upload = request.FILES.get("file")
    if not isinstance(upload, UploadedFile):
        messages.error(request, prompt)
        return back
    name = upload.name or "upload"
    try:
        return read(_user(request), name, upload.read())
    except refused as e:
        text = str(e)
        messages.error(request, text if text.startswith(name) else f"{name}: {text}")
        return back


@require_http_methods(["GET", "HEAD", "POST"])
def cases_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The procedure log: upload a case-log download; totals by category and role. A file
    whose columns are not recognised (or on request) goes through the mapping step."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    imported = None
    if request.method == "POST":
        if request.POST.get("action") in ("add", "remove"):
            _case_by_hand(request, user)
            return redirect("wayhome:cases", pk=pk)
        upload = request.FILES.get("file")
        if not isinstance(upload, UploadedFile):
            messages.error(request, "Choose your case-log file (.csv or .xlsx) first.")
            return redirect("wayhome:cases", pk=pk)
        name, data = upload.name or "upload", upload.read()
        if request.POST.get("action") != "check":
            try:
                imported = cases.import_upload(user, name, data)
            except CaseLogError as e:
                messages.warning(request, f"{name}: {e}. Say which column is which below.")
        if imported is None:
            token = cases.hold(user, name, data)
            return redirect(f"{reverse('wayhome:cases-map', kwargs={'pk': pk})}?token={token}")
    return _cases_page(request, pk, user, imported)


def _case_by_hand(request: HttpRequest, user: User) -> None:
    """Add a procedure typed in, or remove one."""
    post = request.POST
    if post.get("action") == "remove":
        if cases.remove_by_hand(user, int(post.get("id", "0") or 0)):
            messages.success(request, "Removed.")
        return
    if not post.get("on", "").strip():
        messages.error(request, "Not added: give the date of the procedure.")
        return
    try:
        on = parse_date(post.get("on", ""))
    except TypedDateError as e:
        messages.error(request, f"Not added: {e}")
        return
    role = post.get("role", "")
    if role not in ROLES_TYPED:
        messages.error(request, "Not added: say whether you performed, assisted or observed.")
        return
    text = {f: (post.get(f, "").strip()[:300] or None) for f in CASE_TEXT}
    try:
        fields = {f: text[f] for f in ("category", "code", "description", "site")}
        cases.add_one(user, Procedure(text["case_id"], on, Role(role), role_said=role, **fields))
    except CaseLogError as e:
        messages.error(request, f"Not added: {e}.")
    else:
        messages.success(request, "Added.")


CASE_TEXT = ("case_id", "category", "code", "description", "site")


def _cases_page(
    request: HttpRequest, pk: int, user: User, imported: cases.Imported | None
) -> HttpResponse:
    log = cases.procedures(user)  # read once: the totals and the regulators' numbers
    t = imported.totals if imported else totals(log)
    roles = [r.value for r in Role if r in t.by_role]
    rows = [
        (category, [by_role.get(r) for r in roles]) for category, by_role in t.by_category.items()
    ]
    return render(
        request,
        "wayhome/cases.html",
        {
            "pk": pk,
            "t": t,
            "roles": roles,
            "rows": rows,
            "imported": imported,
            "saved": cases.saved_mapping(user),
            "minimums": cases.minimums(user, _today(), log=log) if t.procedures else [],
            "by_hand": cases.entered_by_hand(user)[:50],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cases_map(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The column-mapping step: which column is which, and what each role word means."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    token = request.GET.get("token") or request.POST.get("token", "")
    try:
        name, preview = cases.held_preview(user, token)
    except CaseLogError as e:
        messages.error(request, f"{str(e)[:1].upper()}{str(e)[1:]}.")
        return redirect("wayhome:cases", pk=pk)
    if request.method == "POST":
        headers = set(preview.headers)
        columns = {
            f: request.POST[f"col_{f}"]
            for f in CASE_FIELDS
            if request.POST.get(f"col_{f}") in headers
        }
        words = {}
        for i, said in enumerate(preview.role_words):
            chosen = request.POST.get(f"role_{i}", "")
            if chosen in {r.value for r in Role}:
                words[said] = Role(chosen)
        try:
            imported = cases.import_held(
                user, token, ColumnMap(columns, words), bool(request.POST.get("save"))
            )
        except CaseLogError as e:
            messages.error(request, f"{name}: {e}.")
            return redirect(f"{reverse('wayhome:cases-map', kwargs={'pk': pk})}?token={token}")
        if request.POST.get("save"):
            messages.success(request, "Columns saved: the next file like this imports at once.")
        return _cases_page(request, pk, user, imported)
    return render(
        request,
        "wayhome/cases_map.html",
        {
            "pk": pk,
            "token": token,
            "name": name,
            "p": preview,
            "fields": [(f, CASE_FIELD_LABELS[f], preview.guess.get(f, "")) for f in CASE_FIELDS],
            "role_words": list(enumerate(preview.role_words.items())),
            "role_choices": [r.value for r in Role],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def pubs_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Publications: upload a PubMed, RIS, BibTeX or CSL-JSON export; the merged list."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    imported = None
    if request.method == "POST":
        got = _imported(
            request,
            publication_service.import_upload,
            ValueError,
            redirect("wayhome:pubs", pk=pk),
            "Choose your export (.nbib, .ris, .bib or .json) first.",
        )
        if isinstance(got, HttpResponseBase):
            return got
        imported = got
    papers = imported.papers if imported else publication_service.publications(user)
    counted = pub_counts(papers)
    return render(
        request,
        "wayhome/pubs.html",
        {
            "pk": pk,
            "papers": papers,
            "counts": counted,
            "kinds": [(k.value.replace("-", " ").capitalize(), counted[k.value]) for k in PubKind],
            "imported": imported,
        },
    )


# --------------------------------------------------------------------------- stored files


def _unlock(request: HttpRequest) -> bool:
    """Open the vault with the passphrase posted; keep it open in memory for a while
    and queue again what was waiting for it. False (with a message) when it fails."""
    user = _user(request)
    try:
        vault = vault_service.open_vault(request.POST.get("passphrase", ""))
    except WrongPassphraseError as e:
        messages.error(request, f"The vault stays locked: {e}.")
        return False
    unlocked.remember(user, vault)
    reading_service.resume(user)
    messages.success(
        request,
        f"Vault unlocked for {unlocked.IDLE_MINUTES} minutes of use: "
        "files are read in the background and their text can be searched.",
    )
    return True


def _after_upload(user: User, vault: Vault) -> None:
    """Keep the vault open for a while, so the new file can be read in the background."""
    unlocked.remember(user, vault)
    reading_service.queue(user, reading_service.never_queued(user))
    reading_service.resume(user)


def _ocr_missing() -> str | None:
    from wayhome.adapters import ocr  # loads slowly: only on the page that needs it

    return ocr.tesseract_missing()


@require_http_methods(["GET", "HEAD", "POST"])
def files_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Every stored file: whether it was read, what it suggests, what it says."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    if request.method == "POST":
        if request.POST.get("action") == "lock":
            unlocked.forget(user)
            messages.success(request, "Vault locked.")
        else:
            _unlock(request)
        return redirect("wayhome:files", pk=pk)
    files = reading_service.all_files(user)
    rows = [
        {
            "file": f,
            "reading": getattr(f, "reading", None),
            "facts": reading_service.facts(f),
            "others": [o for o in files if o.pk != f.pk],
        }
        for f in files
    ]
    pending = any(reading_service.status(f) != "done" for f in files)
    is_open = unlocked.get(user.pk) is not None
    context = {
        "pk": pk,
        "rows": rows,
        "unlocked": is_open,
        "pending": pending and is_open,
        "fields": reading_service.FIELDS,
        "ocr_missing": _ocr_missing(),
        "vault_set_up": vault_service.is_set_up(),
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "wayhome/partials/files.html", context)
    return render(request, "wayhome/files.html", context)


@require_POST
def file_item(request: HttpRequest, pk: int, fid: int) -> HttpResponse:
    """Save what a stored file says, as the physician checked it."""
    owned(request, StoredProfile, pk=pk)
    vf = owned(request, VaultFile, pk=fid)
    user = _user(request)
    values: dict[str, str | date | None] = {}
    for key, label in reading_service.FIELDS.items():
        raw = request.POST.get(key, "").strip()
        if key == "holder" or not raw:
            values[key] = raw[:200]
            continue
        try:
            values[key] = parse_date(raw)
        except TypedDateError as e:
            messages.error(request, f"{vf.name}: {label} {e}")
            return redirect("wayhome:files", pk=pk)
    original = request.POST.get("translation_of", "")
    try:
        reading_service.set_facts(user, vf.pk, values)
        reading_service.set_translation(user, vf.pk, int(original) if original else None)
    except (reading_service.NotFoundError, ValueError) as e:
        messages.error(request, f"{vf.name}: {e}")
        return redirect("wayhome:files", pk=pk)
    messages.success(request, f"{vf.name}: saved.")
    return redirect("wayhome:files", pk=pk)


@require_http_methods(["GET", "HEAD", "POST"])
def search_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Search correspondence, answers, documents, and (unlocked) every file's text."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    query = request.GET.get("q", "").strip()[:200]
    if request.method == "POST":
        _unlock(request)
        back = reverse("wayhome:search", kwargs={"pk": pk})
        return redirect(f"{back}?{urlencode({'q': query})}")
    found = search_service.search(user, query, unlocked.get(user.pk)) if query else None
    return render(
        request,
        "wayhome/search.html",
        {
            "pk": pk,
            "q": query,
            "found": found,
            "unlocked": unlocked.get(user.pk) is not None,
            "vault_set_up": vault_service.is_set_up(),
        },
    )


@require_safe
def consistency_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Names and key dates across every document and the profile, side by side."""
    owned(request, StoredProfile, pk=pk)
    found = consistency_service.check(_user(request))
    return render(request, "wayhome/consistency.html", {"pk": pk, "found": found})


@require_http_methods(["GET", "HEAD", "POST"])
def packets_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Build a regulator packet, or the evidence bundle of every stored file."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    profile = from_store(user).profile
    codes = [c for c in profile.targets if c != "US"]
    code = request.GET.get("country", codes[0] if codes else "")
    if request.method == "POST":
        if request.POST.get("passphrase"):
            _unlock(request)
        vault = unlocked.get(user.pk)
        if vault is None:
            messages.error(request, "Unlock the vault first: the files are encrypted.")
            return redirect(f"{reverse('wayhome:packets', kwargs={'pk': pk})}?country={code}")
        try:
            with tempfile.TemporaryDirectory(prefix="wayhome-zip-") as tmp:
                out = Path(tmp) / "bundle.zip"
                if request.POST.get("action") == "bundle":
                    packets.write_bundle(user, vault, out, _today())
                    name = "wayhome-evidence-bundle.zip"
                else:
                    code = request.POST.get("country", "")
                    keys = request.POST.getlist("item")
                    packets.write_packet(user, vault, code, keys or None, out, _today())
                    name = f"wayhome-packet-{code}.zip"
                data = out.read_bytes()
        except (packets.PacketError, BundleError) as e:
            messages.error(request, str(e)[:1].upper() + str(e)[1:])
            return redirect(f"{reverse('wayhome:packets', kwargs={'pk': pk})}?country={code}")
        return _download(data, "application/zip", name)
    try:
        items = packets.packet_items(user, code, _today()) if code else []
    except packets.PacketError as e:
        messages.error(request, str(e))
        items = []
    return render(
        request,
        "wayhome/packets.html",
        {
            "pk": pk,
            "codes": codes,
            "code": code,
            "items": items,
            "found": consistency_service.check(user),
            "unlocked": unlocked.get(user.pk) is not None,
            "vault_set_up": vault_service.is_set_up(),
        },
    )


# --------------------------------------------------------------------------- CV: roles


def _date_field(request: HttpRequest, name: str, label: str) -> date | None:
    raw = request.POST.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw)
    except TypedDateError as e:
        raise activity_service.ActivityError(f"{label}: {str(e).removesuffix('.')}") from None


@require_http_methods(["GET", "HEAD", "POST"])
def activities_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Teaching, leadership and awards, each with the letter that proves it."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    if request.method == "POST":
        action = request.POST.get("action")
        letter = request.POST.get("letter", "")
        try:
            if action == "add":
                activity_service.add(
                    user,
                    request.POST.get("kind", ""),
                    request.POST.get("title", ""),
                    organisation=request.POST.get("organisation", ""),
                    start=_date_field(request, "start", "start"),
                    end=_date_field(request, "end", "end"),
                    detail=request.POST.get("detail", ""),
                    letter=int(letter) if letter.isdigit() else None,
                )
                messages.success(request, "Added.")
            elif action == "remove":
                activity_service.remove(user, int(request.POST.get("id", "0") or 0))
                messages.success(request, "Removed.")
            else:
                activity_service.link_letter(
                    user,
                    int(request.POST.get("id", "0") or 0),
                    int(letter) if letter.isdigit() else None,
                )
                messages.success(request, "Letter saved.")
        except (activity_service.ActivityError, ValueError) as e:
            messages.error(request, str(e)[:1].upper() + str(e)[1:] + ".")
        return redirect("wayhome:activities", pk=pk)
    records = activity_service.records(user)
    return render(
        request,
        "wayhome/activities.html",
        {
            "pk": pk,
            "records": records,
            "missing": sum(1 for r in records if r.letter is None),
            "files": reading_service.all_files(user),
            "kinds": [(k.value, ", ".join(EXAMPLES[k])) for k in ActivityKind],
        },
    )


# --------------------------------------------------------------------------- two networks


def _visit_dates(request: HttpRequest) -> tuple[date, date] | None:
    try:
        start = parse_date(request.GET.get("visit_from", ""))
        end = parse_date(request.GET.get("visit_to", ""))
    except TypedDateError:
        return None
    return start, end


@require_http_methods(["GET", "HEAD", "POST"])
def contacts_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The two networks: import a vCard file, roles and requests, who is missing, who is
    due a message, and the annual home visit."""
    owned(request, StoredProfile, pk=pk)
    user = _user(request)
    back = redirect("wayhome:contacts", pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "import":
            got = _imported(
                request,
                contact_service.import_upload,
                ValueError,
                back,
                "Choose the .vcf file your phone or mail app exported first.",
            )
            if isinstance(got, HttpResponseBase):
                return got
            messages.success(
                request,
                f"{got.file}: {got.added} added, {got.updated} updated"
                + (
                    f", {len(got.result.problems)} card(s) with problems."
                    if got.result.problems
                    else "."
                ),
            )
            for problem in got.result.problems:
                messages.warning(
                    request, f"Card {problem.card} (line {problem.line}): {problem.message}"
                )
            return back
        try:
            who = request.POST.get("contact", "")
            if action == "log":
                on = request.POST.get("on", "")
                contact_service.log_contact(user, who, parse_date(on) if on else _today())
            else:
                last = request.POST.get("last_contact", "")
                contact_service.update(
                    user,
                    who,
                    roles=tuple(ContactRole(r) for r in request.POST.getlist("roles")),
                    country=request.POST.get("country", "")[:2] or None,
                    institution=request.POST.get("institution", "")[:200] or None,
                    pending=tuple(request.POST.get("pending", "").splitlines()),
                    last_contact=parse_date(last) if last else None,
                    notes=request.POST.get("notes", "") or None,
                )
        except (contact_service.ContactError, ValueError) as e:
            messages.error(request, f"Not saved: {str(e).removesuffix('.')}.")
        else:
            messages.success(request, "Saved.")
        return back
    gaps, due = contact_service.check(user, _today())
    window = _visit_dates(request)
    visit = None
    if window:
        try:
            visit = contact_service.visit(user, *window)
        except contact_service.ContactError as e:
            messages.error(request, f"No visit planned: {e}.")
    people = sorted(contact_service.contacts(user), key=lambda c: c.name.casefold())
    return render(
        request,
        "wayhome/contacts.html",
        {
            "pk": pk,
            "people": people,
            "gaps": gaps,
            "due": due,
            "visit": visit,
            "window": window,
            "roles": [(r.value, r.value.replace("-", " ")) for r in ContactRole],
        },
    )


@require_safe
def contacts_vcf(request: HttpRequest, pk: int) -> HttpResponse:
    """The contacts, with their roles in the return, as one vCard 3.0 file."""
    owned(request, StoredProfile, pk=pk)
    text = contact_service.export_text(_user(request))
    return _download(text, "text/vcard; charset=utf-8", "wayhome-contacts.vcf")
