"""The vault's page: made, unlocked for this session, locked, a new passphrase, the
recovery code. Every page that needs the vault links here (``?next=`` brings the
person back)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from wayhome.services import passphrase, vault_access
from wayhome.web.forms.keyring import KEYRING_ACTIONS, KeyringForm
from wayhome.web.views.common import act, posted, session, user


def back_to(request: HttpRequest) -> str:
    """Where to go after the vault is unlocked: a page of this app, never elsewhere."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted.startswith("/") and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=False
    ):
        return wanted
    return ""


@never_cache  # a recovery code shown is kept by no cache
@require_http_methods(["GET", "HEAD", "POST"])
def vault_page(request: HttpRequest) -> HttpResponse:
    owner, key, back = user(request), session(request), back_to(request)
    code = ""
    if request.method == "POST":
        form = posted(request, KEYRING_ACTIONS, "unlock")
        done = act(request, form)
        code = form.code if isinstance(form, KeyringForm) else ""
        if not code:  # the code is shown by this answer only: no redirect for it
            if done and back:
                return redirect(back)
            here = reverse("wayhome:vault")
            return redirect(f"{here}?{urlencode({'next': back})}" if back else here)
    state = vault_access.state(owner, key)
    return render(
        request,
        "wayhome/vault.html",
        {
            "state": state.value,
            "has_code": state is vault_access.State.UNLOCKED and passphrase.has_recovery_code(),
            "code": code,
            "next": back,
            "minutes": vault_access.idle_minutes(),
            "lost": passphrase.LOST_WARNING,
            "advice": passphrase.ADVICE,
            "code_note": passphrase.CODE_NOTE,
            "min_score": passphrase.MIN_SCORE,
        },
    )
