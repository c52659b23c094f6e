"""The CV and what it is made from: the procedure log (a file imported, its columns
mapped, procedures typed in), publications, and teaching, leadership and awards; the CV
page (its target and photograph chosen) and its downloads."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.activities import EXAMPLES, ActivityKind
from wayhome.core.cv.cases import UNCATEGORISED
from wayhome.core.cv.publications import PubKind
from wayhome.core.cv.publications import counts as pub_counts
from wayhome.services import activities, cases, publications, reading, vault_access
from wayhome.services import cv as cv_service
from wayhome.web import ownership
from wayhome.web.forms.base import sentence
from wayhome.web.forms.cv import ACTIVITY_ACTIONS, CASE_ACTIONS, ColumnMapForm, PubsImportForm
from wayhome.web.forms.cv_target import CvForm
from wayhome.web.views.common import act, download, posted, session, today, user

# The column step's choice for dates like 03/06/2024 (services/cases.import_mapped).
DATE_ORDERS = (
    ("", "as the file shows (a date like 06/30/2024 can be read one way only)"),
    ("month-first", "month first, as in the US: 06/30/2024"),
    ("day-first", "day first: 30/06/2024"),
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@require_http_methods(["GET", "HEAD", "POST"])
def cases_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The procedure log: upload a case-log download; totals by category and role. A file
    whose columns are not recognised (or on request) goes through the mapping step."""
    ownership.profile(request, pk)
    imported = None
    if request.method == "POST":
        form = posted(request, CASE_ACTIONS, "import")
        act(request, form, "Not added: " if request.POST.get("action") == "add" else "")
        token = getattr(form, "token", "")
        if token:
            return redirect(f"{reverse('wayhome:cases-map', kwargs={'pk': pk})}?token={token}")
        imported = getattr(form, "imported", None)
        if imported is None:
            return redirect("wayhome:cases", pk=pk)
    return _cases_page(request, pk, imported)


def _cases_page(request: HttpRequest, pk: int, imported: cases.Imported | None) -> HttpResponse:
    """Totals from the stored counts and one page of the log (``?page=``, ``?category=``):
    a few small queries whatever the log's size."""
    owner = user(request)
    t = imported.totals if imported else cases.totals_of(owner)
    roles = [r.value for r in Role if r in t.by_role]
    rows = [
        (category, [by_role.get(r) for r in roles]) for category, by_role in t.by_category.items()
    ]
    category = request.GET.get("category") or None
    if category is not None and "\x00" in category:  # none has one (PostgreSQL cannot ask)
        raise Http404
    number, after, before = (request.GET.get(k, "") for k in ("page", "after", "before"))
    log = cases.log_page(
        owner,
        int(number) if number.isdigit() else 1,
        category,
        t,
        after=int(after) if after.isdigit() else None,
        before=int(before) if before.isdigit() else None,
    )
    return render(
        request,
        "wayhome/cases.html",
        {
            "pk": pk,
            "t": t,
            "roles": roles,
            "rows": rows,
            "imported": imported,
            "saved": cases.saved_mapping(owner),
            "minimums": cases.minimums(owner, today()) if t.procedures else [],
            "by_hand": cases.entered_by_hand(owner),
            "log": log,
            "log_open": "page" in request.GET or category is not None,  # asked for: shown
            "uncategorised": UNCATEGORISED,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def cases_map(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The column-mapping step: which column is which, and what each role word means."""
    ownership.profile(request, pk)
    token = request.GET.get("token") or request.POST.get("token", "")
    saved = cases.saved_mapping(user(request))
    try:
        name, preview = cases.held_preview(user(request), token)
    except cases.CaseLogError as e:  # spent, or another account's
        messages.error(request, sentence(str(e)))
        return redirect("wayhome:cases", pk=pk)
    if request.method == "POST":
        form = ColumnMapForm(request.POST, target=(token, name, preview))
        if act(request, form) and form.imported is not None:
            return _cases_page(request, pk, form.imported)
        back = reverse("wayhome:cases-map", kwargs={"pk": pk})
        return redirect(f"{back}?{urlencode({'token': token})}")
    return render(
        request,
        "wayhome/cases_map.html",
        {
            "pk": pk,
            "token": token,
            "name": name,
            "p": preview,
            "fields": cases.column_fields(preview),
            "role_words": list(enumerate(preview.role_words.items())),
            "role_choices": [r.value for r in Role],
            "date_orders": DATE_ORDERS,
            "date_order": saved.dates.value if saved and saved.dates else "",
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def pubs_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Publications: upload a PubMed, RIS, BibTeX or CSL-JSON export; the merged list."""
    ownership.profile(request, pk)
    imported = None
    if request.method == "POST":
        form = PubsImportForm(request.POST, request.FILES)
        if not act(request, form):
            return redirect("wayhome:pubs", pk=pk)
        imported = form.imported
    papers = imported.papers if imported else publications.publications(user(request))
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


@require_http_methods(["GET", "HEAD", "POST"])
def activities_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Teaching, leadership and awards, each with the letter that proves it."""
    ownership.profile(request, pk)
    owner = user(request)
    if request.method == "POST":
        act(request, posted(request, ACTIVITY_ACTIONS, "link"))
        return redirect("wayhome:activities", pk=pk)
    records = activities.records(owner)
    return render(
        request,
        "wayhome/activities.html",
        {
            "pk": pk,
            "records": records,
            "missing": sum(1 for r in records if r.letter is None),
            "files": reading.all_files(owner),
            "kinds": [(k.value, ", ".join(EXAMPLES[k])) for k in ActivityKind],
        },
    )


def _cv_form(request: HttpRequest, read: cv_service.Stored) -> CvForm:
    """The CV page's form, bound to the query when it has one (a GET changes nothing),
    offering the targets of the profile ``read``."""
    owner = user(request)
    return CvForm(
        request.GET if "target" in request.GET else None,
        targets=read.targets,
        photos=cv_service.photos(owner),
        unlocked=vault_access.is_open(owner, session(request)),
    )


@require_safe
def cv_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The CV: which target it is for (the plan's first unless another is chosen), an
    optional photograph from the vault, what a CV for that target shows and where it
    says so, what to add before sending it, and the downloads."""
    ownership.profile(request, pk)
    read = cv_service.stored(user(request))  # once: the form's targets and the CV
    form = _cv_form(request, read)
    code, photo = form.chosen
    ready = not form.is_bound or form.is_valid()
    shown = cv_service.page(read, code, today(), photo=photo is not None) if ready else None
    query = urlencode({"target": code or "", **({"photo": photo} if photo else {})})
    return render(
        request,
        "wayhome/cv.html",
        {
            "pk": pk,
            "form": form,
            "shown": shown,
            "query": query,
            "unlocked": form.unlocked,
            "has_photos": len(form.fields["photo"].choices) > 1,  # type: ignore[attr-defined]
        },
        status=200 if ready else 400,
    )


def _download(
    request: HttpRequest, pk: int, make: Callable[..., bytes], media: str, name: str
) -> HttpResponseBase:
    """The CV for the target and photograph of the query (else the plan's first target);
    a choice refused goes back to the CV page, which says why beside the field."""
    ownership.profile(request, pk)
    owner = user(request)
    read = cv_service.stored(owner)  # once: the form's targets and the CV
    form = _cv_form(request, read)
    if form.is_bound and not form.is_valid():
        return redirect(
            f"{reverse('wayhome:cv-page', kwargs={'pk': pk})}?{request.GET.urlencode()}"
        )
    code, photo_id = form.chosen
    try:
        photo = cv_service.photo_bytes(owner, session(request), photo_id) if photo_id else None
    except cv_service.PhotoError as e:
        messages.error(request, sentence(f"Photograph: {e}"))
        return redirect("wayhome:cv-page", pk=pk)
    return download(make(read, today(), code, photo), media, name)


@require_safe
def cv_pdf(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The CV as PDF."""
    return _download(request, pk, cv_service.pdf_bytes, "application/pdf", "wayhome-cv.pdf")


@require_safe
def cv_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The same CV as an editable Word document."""
    return _download(request, pk, cv_service.docx_bytes, DOCX, "wayhome-cv.docx")
