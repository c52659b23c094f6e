"""What the web tests share beyond their personas (tests/web/conftest.py)."""

from __future__ import annotations

from wayhome.services import background


def run_queue() -> None:
    """What the worker thread of `wayhome serve` does, until the queue is empty."""
    background.worker(interval=0, batch=True, name="test").run()
