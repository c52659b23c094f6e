"""Local safety: nothing but the sign-in pages without signing in."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

OPEN_PATHS = ("/signin/", "/static/")


class SignInRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return self.get_response(request)
        token = request.GET.get("token")
        if token:
            return redirect(f"/signin/token/?token={token}")
        return redirect("/signin/")
