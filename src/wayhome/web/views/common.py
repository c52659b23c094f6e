"""What every view shares: who is asking, today, the posted action's form run and
what it says, downloads, and the pages for a request that goes wrong (400, 403, a
form's expired token, 404, 500), in plain words and saying that nothing was saved."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from wayhome.web.forms.base import ActionForm, pick, problems

# Logs carry ids and counts, never a profile's values (tests/web/test_setup.py checks).
log = logging.getLogger("wayhome.web")
F = TypeVar("F", bound=ActionForm)


def user(request: HttpRequest) -> User:
    """The signed-in account (the middleware lets no one else this far)."""
    signed_in = request.user
    assert isinstance(signed_in, User)
    return signed_in


def today() -> date:
    return timezone.localdate()


def posted(
    request: HttpRequest,
    forms_by_action: Mapping[str, type[F]],
    default: str | None = None,
    action: str | None = None,
    **kwargs: Any,
) -> F | None:
    """The form of the action posted (``action``, else the ``action`` field, else
    ``default``), bound to what was posted and to the signed-in session."""
    return pick(
        action or request.POST.get("action"),
        forms_by_action,
        default,
        data=request.POST,
        files=request.FILES,
        session=session(request),
        **kwargs,
    )


def session(request: HttpRequest) -> str | None:
    """The signed-in session's key, which the unlocked vault is kept for."""
    return request.session.session_key


def act(
    request: HttpRequest, form: ActionForm | None, prefix: str = "", *, inline: bool = False
) -> bool:
    """Run the form's action for the signed-in person, and say how it went (``inline``:
    what went wrong stays on the form, for a page that shows it again)."""
    if form is None:
        messages.error(request, "That is not something this page does.")
        return False
    done = form.run(user(request), today())
    if done is None and not inline:
        for text in problems(form, prefix):
            messages.error(request, text)
    elif done:
        messages.success(request, done)
    for text in form.warnings:
        messages.warning(request, text)
    return done is not None


def download(data: bytes | str, media_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "wayhome/404.html", status=404)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "wayhome/400.html", status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "wayhome/403.html", status=403)


def form_expired(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its valid token (CSRF_FAILURE_VIEW): most often a page left
    open across a sign-out or a restart, or sent from another site."""
    return render(request, "wayhome/form_expired.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """Wayhome's own error: a page of its own that needs no database, no session and no
    template tag that could fail again (Django logs the error where Wayhome runs).
    Drawn without the request, so no context processor runs (the vault's asks who is
    signed in: the database, which may be what failed)."""
    return HttpResponseServerError(render_to_string("wayhome/500.html"))
