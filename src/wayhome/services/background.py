"""Background work (reading scans) from the database queue, run inside this process.

The vault's key, once unlocked in the browser, lives only in this process, so the
work that needs it must be done here: `wayhome serve` starts the worker thread.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

log = logging.getLogger("wayhome.worker")


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
