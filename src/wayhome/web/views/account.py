"""Signing in and out, the password, and deleting everything."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from wayhome.services import serve, vault_access
from wayhome.web.forms.account import CONFIRM_DELETE, DeleteEverythingForm
from wayhome.web.forms.base import problems
from wayhome.web.views.common import log, session, today, user


def signin(request: HttpRequest) -> HttpResponse:
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.get_user())
        return redirect("wayhome:home")
    return render(request, "wayhome/signin.html", {"form": form})


def signin_token(request: HttpRequest) -> HttpResponse:
    """The one-time link `wayhome serve` prints; it works once."""
    account = serve.sign_in(request.GET.get("token", ""))
    if not isinstance(account, User):
        messages.error(
            request,
            "That sign-in link has been used or is not valid. Copy the "
            "newest one from the terminal where Wayhome is running.",
        )
        return redirect("wayhome:login")
    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("wayhome:home")


@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    vault_access.lock(session(request))
    logout(request)
    return redirect("wayhome:login")


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
