"""Signing in and out (a link, or a password with attempts limited), the password, the
account's sessions, and deleting everything."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from wayhome.services import signin as signin_service
from wayhome.services import vault_access
from wayhome.web.forms.account import CONFIRM_DELETE, SESSION_ACTIONS, DeleteEverythingForm
from wayhome.web.forms.base import problems
from wayhome.web.views.common import act, log, posted, session, today, user


def signin(request: HttpRequest) -> HttpResponse:
    """Password sign-in; after signin.FAILURES wrong passwords from one address the
    password is not even checked until the wait is over (429, saying how long)."""
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method != "POST":
        return render(request, "wayhome/signin.html", {"form": form})
    name, address = request.POST.get("username", ""), request.META.get("REMOTE_ADDR", "")
    try:
        signin_service.check_allowed(name, address)
    except signin_service.TooManyAttemptsError as e:
        return render(request, "wayhome/signin.html", {"form": form, "paused": str(e)}, status=429)
    if form.is_valid():
        signin_service.succeeded(name, address)
        login(request, form.get_user())
        signin_service.started(request.session)
        return redirect("wayhome:home")
    left = signin_service.failed(name, address)
    return render(request, "wayhome/signin.html", {"form": form, "left": left})


def signin_token(request: HttpRequest) -> HttpResponse:
    """The one-time link `wayhome serve` (or `wayhome link`) prints: it works once, within
    signin.LINK_MINUTES."""
    account = signin_service.use_link(request.GET.get("token", ""))
    if not isinstance(account, User):
        messages.error(
            request,
            "That sign-in link has been used, is more than "
            f"{signin_service.LINK_MINUTES} minutes old, or is not valid: a link works "
            "once, within 15 minutes. Run `wayhome link` in a terminal on the computer "
            "running Wayhome for a new one, or sign in with your password.",
        )
        return redirect("wayhome:login")
    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    signin_service.started(request.session)
    return redirect("wayhome:home")


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    vault_access.lock(session(request))
    logout(request)
    return redirect("wayhome:login")


@require_http_methods(["GET", "HEAD", "POST"])
def account_page(request: HttpRequest) -> HttpResponse:
    """The account's signed-in sessions (when each signed in and was last seen), each
    revocable, or every other one at once."""
    owner, current = user(request), session(request)
    if request.method == "POST":
        act(request, posted(request, SESSION_ACTIONS, "revoke"))
        return redirect("wayhome:account")
    return render(
        request,
        "wayhome/account.html",
        {
            "sessions": signin_service.sessions(owner, current),
            "minutes": signin_service.LINK_MINUTES,
        },
    )


def password(request: HttpRequest) -> HttpResponse:
    form = SetPasswordForm(user(request), data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        before = session(request)
        update_session_auth_hash(request, form.user)  # a new session key: the vault goes along
        vault_access.session_moved(before, session(request))
        messages.success(request, "Password set. Next time, sign in with it.")
        return redirect("wayhome:home")
    return render(request, "wayhome/password.html", {"form": form})


def settings_page(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        form = DeleteEverythingForm(request.POST)
        account = user(request)
        done = form.run(account, today())
        if done is not None:
            log.info("account %s: everything deleted", account.pk)
            request.session.flush()
            messages.success(request, done)
            return redirect("wayhome:login")
        error = " ".join(problems(form))
    return render(request, "wayhome/settings.html", {"error": error, "confirm": CONFIRM_DELETE})
