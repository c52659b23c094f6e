"""`wayhome serve`: the web app on this computer, with a one-time sign-in link.

Waitress serves it (pure Python, production-grade, on Linux, macOS and
Windows). It listens on 127.0.0.1 unless told otherwise; the Host header must
name that address, so pages elsewhere cannot reach it by DNS rebinding.
"""

from __future__ import annotations

import os
import webbrowser
from collections.abc import Callable
from typing import Final

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

from wayhome.adapters.db import store
from wayhome.services import background

LOOPBACK = ("127.0.0.1", "localhost", "::1")
# Room in a request for the form's other fields beside its file.
FORM_ROOM: Final = 1024 * 1024


def upload_limit() -> int:
    """The largest file the web app takes: the vault's limit (WAYHOME_VAULT_MAX_MB)."""
    from wayhome.services import vault

    return vault.max_bytes()


def request_limit() -> int:
    """The largest request body the web app reads: one upload and its form."""
    return upload_limit() + FORM_ROOM


def prepare(host: str) -> tuple[WSGIHandler, str]:
    """Set up the database and return (the WSGI app, a one-time sign-in token)."""
    if host not in LOOPBACK and host not in ("0.0.0.0", "::"):
        os.environ["WAYHOME_ALLOWED_HOSTS"] = ",".join(
            filter(None, [os.environ.get("WAYHOME_ALLOWED_HOSTS", ""), host])
        )
    store.setup("wayhome.web.settings")
    token = store.new_sign_in_token(store.local_account())
    return get_wsgi_application(), token


def sign_in_url(host: str, port: int, token: str) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/signin/token/?token={token}"


def run(host: str, port: int, open_browser: bool, say: Callable[[str], None]) -> None:
    from waitress import serve

    app, token = prepare(host)
    url = sign_in_url(host, port, token)
    say(f"Wayhome is running at http://{host}:{port}/ (data: {data_dir()}).")
    say(f"Sign in with this one-time link:\n\n    {url}\n")
    say("Press Ctrl+C to stop.")
    background.start_worker()
    if open_browser:
        webbrowser.open(url)
    # waitress reads a request's body before the app sees it: it stops (413) at the limit.
    serve(
        app,
        host=host,
        port=port,
        threads=4,
        ident="wayhome",
        max_request_body_size=request_limit(),
    )


def data_dir() -> str:
    from django.conf import settings

    return str(settings.DATA_DIR)


def sign_in(token: str) -> object | None:
    """The account a one-time sign-in link opens, once (None: used or unknown)."""
    return store.use_sign_in_token(token)
