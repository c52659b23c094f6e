"""`wayhome serve`: the web app on this computer, with a one-time sign-in link.

Waitress serves it (pure Python, production-grade, on Linux, macOS and
Windows). It listens on 127.0.0.1 unless told otherwise; the Host header must
name that address, so pages elsewhere cannot reach it by DNS rebinding.

Listening beyond the loopback (``--host 0.0.0.0``, a LAN address) needs
``allow_remote``, and says that anyone who can reach the port sees the sign-in
page. Without it the web app also refuses any request from an address that is
not the loopback, whatever its Host header says
(wayhome.web.security.LoopbackOnlyMiddleware reads ``settings.ALLOW_REMOTE``).
"""

from __future__ import annotations

import ipaddress
import os
import webbrowser
from collections.abc import Callable
from typing import Final

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

from wayhome.adapters.db import store
from wayhome.services import background, signin

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


class RemoteNotAllowedError(Exception):
    """A host beyond the loopback without allow_remote: the message says what to add."""


def is_loopback(address: str) -> bool:
    """127.0.0.0/8, ::1 (an IPv4-mapped loopback too) or the name localhost."""
    if address.strip("[]").casefold() == "localhost":
        return True
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def check_host(host: str, allow_remote: bool) -> None:
    if not is_loopback(host) and not allow_remote:
        raise RemoteNotAllowedError(
            f"--host {host} listens beyond this computer: anyone who can reach the port "
            "would see the sign-in page. Leave --host out to use the app on this computer "
            "only, or add --allow-remote if others are meant to reach it."
        )


def remote_warning(host: str, port: int) -> str:
    return (
        f"Warning: Wayhome is listening on {host}:{port}, beyond this computer. Anyone "
        f"who can reach port {port} sees the sign-in page. The one-time sign-in link "
        "below is printed only here, on this computer: share it with no one, and set a "
        "password (under Password) to sign in from elsewhere."
    )


def prepare(host: str, allow_remote: bool = False) -> tuple[WSGIHandler, str]:
    """Set up the database and return (the WSGI app, a one-time sign-in token)."""
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):
        os.environ["WAYHOME_ALLOWED_HOSTS"] = ",".join(
            filter(None, [os.environ.get("WAYHOME_ALLOWED_HOSTS", ""), host])
        )
    store.setup("wayhome.web.settings")
    from django.conf import settings

    settings.ALLOW_REMOTE = allow_remote
    token = signin.new_link(store.local_account())
    return get_wsgi_application(), token


def sign_in_url(host: str, port: int, token: str) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}/signin/token/?token={token}"


def run(
    host: str,
    port: int,
    open_browser: bool,
    say: Callable[[str], None],
    *,
    allow_remote: bool = False,
    warn: Callable[[str], None] | None = None,
) -> None:
    """Serve until stopped. RemoteNotAllowedError, before anything starts, for a host
    beyond the loopback without ``allow_remote``; with it, ``warn`` says what it means."""
    from waitress import serve

    check_host(host, allow_remote)
    app, token = prepare(host, allow_remote)
    url = sign_in_url(host, port, token)
    if not is_loopback(host):
        (warn or say)(remote_warning(host, port))
    say(f"Wayhome is running at http://{host}:{port}/ (data: {data_dir()}).")
    say(
        f"Sign in with this one-time link (it works once, within {signin.LINK_MINUTES} "
        f"minutes; `wayhome link` prints another):\n\n    {url}\n"
    )
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
