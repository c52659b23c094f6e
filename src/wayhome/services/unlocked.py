"""An unlocked vault, kept in this process's memory for a while.

Reading a scan in the background, and searching the text of documents, need the
vault's key. The passphrase is never stored: when the physician types it (to
add a file, or to search), the opened vault stays in memory for IDLE_MINUTES
since its last use, then is forgotten. A restart forgets it too. Nothing here is
written anywhere.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Final

from wayhome.adapters.vault.storage import Vault

IDLE_MINUTES: Final = 30

_lock = threading.Lock()
_open: dict[int, tuple[Vault, float]] = {}


def remember(owner: Any, vault: Vault) -> None:
    with _lock:
        _open[owner.pk] = (vault, time.monotonic())


def get(owner_id: int) -> Vault | None:
    """The owner's vault if it was unlocked recently; using it restarts the clock."""
    with _lock:
        held = _open.get(owner_id)
        if held is None:
            return None
        vault, since = held
        if time.monotonic() - since > IDLE_MINUTES * 60:
            del _open[owner_id]
            return None
        _open[owner_id] = (vault, time.monotonic())
        return vault


def forget(owner: Any) -> None:
    with _lock:
        _open.pop(owner.pk, None)
