"""Local safety: no request from beyond this computer unless `wayhome serve
--allow-remote` said so; nothing but the sign-in pages without signing in; a signed-in
session's last use recorded (at most once a minute); a request
body over the upload limit refused before it is read; a Content-Security-Policy on
every response; a stored profile that no longer loads shows what to fix on every
page, never a server error."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render

from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.services import serve, signin

OPEN_PATHS = ("/signin/", "/static/")
# Scripts, styles, images and connections from this site only, and no inline script or
# style anywhere (no 'unsafe-inline'): the pages' one script is static/wayhome/app.js,
# htmx comes from django-htmx's static files, and the charts are inline SVG whose looks
# are presentation attributes, not style. tests/web/test_content_security_policy.py
# checks every page and template, and the browser tests watch for violations.
CONTENT_SECURITY_POLICY: Final = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class LoopbackOnlyMiddleware:
    """A request from an address that is not the loopback (REMOTE_ADDR, as the server
    saw the connection: a Host header cannot forge it) is refused, 403, unless `wayhome
    serve --allow-remote` set ``settings.ALLOW_REMOTE``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.ALLOW_REMOTE or serve.is_loopback(request.META.get("REMOTE_ADDR", "")):
            return self.get_response(request)
        return HttpResponseForbidden(
            "Wayhome answers only the computer it runs on "
            "(wayhome serve --allow-remote opens it to others).",
            content_type="text/plain; charset=utf-8",
        )


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


class SessionSeenMiddleware:
    """A signed-in session records when it was last used, at most once a minute, for the
    Account page's list of sessions (wayhome.services.signin.seen)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signin.seen(request.session)
        return self.get_response(request)


class UploadLimitMiddleware:
    """A request whose body is larger than one upload and its form is answered 413, in
    words, before anything (the CSRF check, a form) reads the body. Waitress stops at
    the same size (services/serve.py); this covers any other server."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > serve.request_limit():
            limit = serve.upload_limit() // 1024**2
            return render(
                request,
                "wayhome/too_large.html",
                {"limit": limit, "size": length / 1024**2, "back": request.path},
                status=413,
            )
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Every response says what the browser may load and run (CONTENT_SECURITY_POLICY)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class BrokenProfileMiddleware:
    """A stored profile can stop loading (a pack update retires a rule it confirmed, a
    value no longer valid): every page then says what to fix, with status 422."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, InvalidFileError):
            return None
        pk = request.resolver_match.kwargs.get("pk") if request.resolver_match else None
        return render(
            request, "wayhome/broken.html", {"errors": exception.errors, "pk": pk}, status=422
        )
