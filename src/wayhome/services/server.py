"""`wayhome serve`: the web app on this computer, with a one-time sign-in link.

Waitress serves it (pure Python, production-grade, on Linux, macOS and
Windows). It listens on 127.0.0.1 unless told otherwise; the Host header must
name that address, so pages elsewhere cannot reach it by DNS rebinding.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import webbrowser
from collections.abc import Callable
from typing import Any

from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application

from wayhome.adapters.db import store

LOOPBACK = ("127.0.0.1", "localhost", "::1")
log = logging.getLogger("wayhome.worker")


def prepare(host: str) -> tuple[WSGIHandler, str]:
    """Set up the database and return (the WSGI app, a one-time sign-in token)."""
    if host not in LOOPBACK and host not in ("0.0.0.0", "::"):
        os.environ["WAYHOME_ALLOWED_HOSTS"] = ",".join(
            filter(None, [os.environ.get("WAYHOME_ALLOWED_HOSTS", ""), host])
        )
    store.setup()
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
    start_worker()
    if open_browser:
        webbrowser.open(url)
    serve(app, host=host, port=port, threads=4, ident="wayhome")


def worker(interval: float = 2.0, batch: bool = False, name: str = "wayhome-serve") -> Any:
    """The database queue's worker (django-tasks-db); ``batch`` stops it once the queue
    is empty."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=name,
        excluded_queue_names=[],
    )


def start_worker(interval: float = 2.0) -> Any:
    """Run the background queue (reading scans) in this process: the vault's key,
    once unlocked in the browser, lives only here, so the work must be done here."""
    running = worker(interval)
    threading.Thread(
        target=_keep_running, args=(running, interval), name="wayhome-worker", daemon=True
    ).start()
    return running  # ``running.running = False`` stops it after the task in hand


def _keep_running(worker: Any, interval: float) -> None:
    """A database hiccup (a lock held too long) must not end background work until
    the next restart: log it (no personal data: the error only) and go on."""
    while worker.running:
        try:
            worker.run()
        except Exception as e:
            log.warning("background worker: %s; starting again", type(e).__name__)
            time.sleep(max(interval, 1.0))


def data_dir() -> str:
    from django.conf import settings

    return str(settings.DATA_DIR)
