"""An unlocked vault, kept in this process's memory for one signed-in session.

Reading a scan in the background, and searching the text of documents, need the
vault's key. The passphrase is never stored: when the physician types it, the opened
vault is kept in memory for the signed-in session that unlocked it (by its session key:
another session, another browser, must unlock on its own), until it has gone unused
for ``settings.UNLOCK_MINUTES`` (WAYHOME_UNLOCK_MINUTES, default 30), the session is
locked, signed out or revoked, or the process ends. Nothing here is written anywhere:
neither the key nor the vault goes into the session or the database.

Background work that reads a file for its owner (wayhome.services.reading) takes any
of the owner's sessions' vaults (:func:`for_owner`), without restarting their clocks:
a queue of scans does not keep the vault open.

With each vault goes its search index (wayhome.services.text_index: the text read from
every file, decrypted, in memory; :func:`index`), built when the vault is unlocked and
wiped when the vault is forgotten, whatever the reason.
"""

from __future__ import annotations

import threading
import time
from typing import Final

from django.conf import settings
from msgspec import Struct, field

from wayhome.adapters.vault.storage import Vault
from wayhome.services.text_index import TextIndex

DEFAULT_MINUTES: Final = 30


class _Held(Struct):
    owner_id: int
    vault: Vault
    used: float  # time.monotonic() of the last use
    index: TextIndex = field(default_factory=TextIndex)

    def drop(self) -> None:
        self.index.clear()  # the plaintext goes now, not whenever memory is collected


_lock = threading.Lock()
_open: dict[str, _Held] = {}  # session key -> the vault it unlocked


def idle_minutes() -> int:
    return int(getattr(settings, "UNLOCK_MINUTES", DEFAULT_MINUTES))


def _live(held: _Held, now: float) -> bool:
    return now - held.used <= idle_minutes() * 60


def remember(session: str, owner_id: int, vault: Vault) -> None:
    if not session:
        return  # no session, nothing to keep it for
    with _lock:
        old = _open.get(session)
        _open[session] = _Held(owner_id, vault, time.monotonic())
    if old is not None:
        old.drop()


def get(session: str | None, owner_id: int, *, use: bool = True) -> Vault | None:
    """The vault this session unlocked, if it is still open and the session's owner's;
    using it (``use``) restarts the clock."""
    if not session:
        return None
    with _lock:
        held = _open.get(session)
        now = time.monotonic()
        if held is None or held.owner_id != owner_id:
            return None
        if not _live(held, now):
            del _open[session]
            held.drop()
            return None
        if use:
            held.used = now
        return held.vault


def for_owner(owner_id: int) -> Vault | None:
    """A vault one of the owner's sessions unlocked and still holds (the most recently
    used), for background work; its clock is not restarted."""
    with _lock:
        now = time.monotonic()
        for session in [s for s, h in _open.items() if not _live(h, now)]:
            _open.pop(session).drop()
        mine = [h for h in _open.values() if h.owner_id == owner_id]
    return max(mine, key=lambda h: h.used).vault if mine else None


def index(session: str | None, owner_id: int) -> TextIndex | None:
    """The search index of the vault this session unlocked, if it is still open (asking
    does not restart its clock)."""
    with _lock:
        held = _open.get(session or "")
        if held is None or held.owner_id != owner_id or not _live(held, time.monotonic()):
            return None
        return held.index


def forget(session: str | None) -> None:
    with _lock:
        held = _open.pop(session or "", None)
    if held is not None:
        held.drop()


def forget_owner(owner_id: int) -> None:
    """Every session's vault of this owner (everything deleted)."""
    with _lock:
        for session in [s for s, h in _open.items() if h.owner_id == owner_id]:
            _open.pop(session).drop()


def moved(old: str | None, new: str | None) -> None:
    """The session's key changed (Django cycles it when the password is set): the vault
    it unlocked goes with it."""
    with _lock:
        held = _open.pop(old or "", None)
        if held is not None and new:
            _open[new] = held
