"""Signing in to the web app: one-time links that expire, password attempts limited,
and the account's signed-in sessions listed and revoked.

- A sign-in link (printed by `wayhome serve` or `wayhome link`) works once, within
  ``LINK_MINUTES`` of being made (:func:`new_link`, :func:`use_link`).
- Password sign-in allows ``FAILURES`` wrong passwords per account and address in
  ``WINDOW_MINUTES``; then it waits until the oldest of them is that old
  (:func:`check_allowed` says how long, :func:`failed`, :func:`succeeded`). The count
  is kept in this process's memory: a restart of the app clears it.
- A session records when it signed in and, at most once a minute, when it was last
  seen, in the session itself (:func:`started`, :func:`seen`); :func:`sessions` lists
  an account's sessions, and :func:`revoke` ends one or every other, with the vault
  each had unlocked (wayhome.services.unlocked). Sessions are named on the page by a
  digest of their key, never by the key.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections import deque
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Final

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from msgspec import Struct

from wayhome.adapters.db import store
from wayhome.services import unlocked

LINK_MINUTES: Final = 15
FAILURES: Final = 5
WINDOW_MINUTES: Final = 15
# Accounts and addresses remembered at once: a flood of made-up names cannot grow
# the memory without bound (the oldest are forgotten first).
MAX_REMEMBERED: Final = 10_000
SINCE: Final = "wayhome_signed_in"  # the session's own record (ISO times, UTC)
SEEN: Final = "wayhome_seen"
SEEN_EVERY: Final = timedelta(minutes=1)


# ----------------------------------------------------------------------------- links


def new_link(owner: Any) -> str:
    """A new one-time sign-in token for ``owner`` (it works for LINK_MINUTES)."""
    return store.new_sign_in_token(owner)


def use_link(token: str) -> Any | None:
    """The account a sign-in link opens, once and within LINK_MINUTES; None otherwise."""
    if not token:
        return None
    oldest = timezone.now() - timedelta(minutes=LINK_MINUTES)
    return store.use_sign_in_token(token, made_after=oldest)


# ------------------------------------------------------------------- password attempts


class TooManyAttemptsError(Exception):
    """Password sign-in waits; the message says for how long."""


_lock = threading.Lock()
_failures: dict[tuple[str, str], deque[float]] = {}


def _now() -> float:
    return time.monotonic()


def _key(username: str, address: str) -> tuple[str, str]:
    return (username.strip().casefold()[:150], address[:64])


def _recent(key: tuple[str, str], now: float) -> deque[float]:
    """The failures still counted for ``key`` (older ones dropped); the lock is held."""
    times = _failures.get(key, deque())
    while times and now - times[0] >= WINDOW_MINUTES * 60:
        times.popleft()
    if not times:
        _failures.pop(key, None)
    return times


def check_allowed(username: str, address: str) -> None:
    """TooManyAttemptsError when this account has had FAILURES wrong passwords from this
    address in the last WINDOW_MINUTES: the password is then not even checked."""
    now = _now()
    with _lock:
        times = _recent(_key(username, address), now)
        if len(times) < FAILURES:
            return
        wait = math.ceil((times[0] + WINDOW_MINUTES * 60 - now) / 60)
    raise TooManyAttemptsError(
        f"Too many wrong passwords for this account from this computer: {FAILURES} in "
        f"{WINDOW_MINUTES} minutes. Password sign-in is paused here for "
        f"{wait} more minute{'s' if wait != 1 else ''}; then try again, or sign in with "
        "a link from `wayhome link` in a terminal on the computer running Wayhome."
    )


def failed(username: str, address: str) -> int:
    """Count a wrong password; returns how many tries are left before the wait."""
    now = _now()
    key = _key(username, address)
    with _lock:
        times = _recent(key, now)
        times.append(now)
        _failures[key] = times
        while len(_failures) > MAX_REMEMBERED:
            del _failures[next(iter(_failures))]
        return max(FAILURES - len(times), 0)


def succeeded(username: str, address: str) -> None:
    with _lock:
        _failures.pop(_key(username, address), None)


# ---------------------------------------------------------------------------- sessions


class SignedIn(Struct, frozen=True):
    """One of an account's signed-in sessions, as the Account page shows it."""

    ref: str  # a digest of the session key: names it in a form, never the key itself
    since: datetime | None  # None: signed in before sessions were recorded
    seen: datetime | None
    current: bool


def ref(session_key: str) -> str:
    return hashlib.sha256(session_key.encode()).hexdigest()[:20]


def started(session: SessionBase) -> None:
    """Record, in the session, when it signed in."""
    now = timezone.now().isoformat()
    session[SINCE] = now
    session[SEEN] = now


def seen(session: SessionBase) -> None:
    """Record that the session was used, at most once every SEEN_EVERY (each record is
    a write of the session)."""
    last = _when(session.get(SEEN))
    now = timezone.now()
    if last is None or now - last >= SEEN_EVERY:
        session[SEEN] = now.isoformat()


def _when(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _of(owner: Any) -> Iterable[tuple[Any, dict[str, Any]]]:
    """The owner's sessions not expired, with what each holds."""
    # Imported here: `wayhome serve` imports this module before Django is set up.
    from django.contrib.sessions.models import Session

    for row in Session.objects.filter(expire_date__gt=timezone.now()).order_by("pk"):
        data = row.get_decoded()
        if data.get(SESSION_KEY) == str(owner.pk):
            yield row, data


def sessions(owner: Any, current: str | None) -> list[SignedIn]:
    """The owner's signed-in sessions, this one first, then the last seen first."""
    found = [
        SignedIn(ref(row.session_key), _when(data.get(SINCE)), _when(data.get(SEEN)),
                 row.session_key == current)
        for row, data in _of(owner)
    ]  # fmt: skip
    return sorted(found, key=lambda s: (not s.current, -(s.seen.timestamp() if s.seen else 0)))


def revoke(owner: Any, current: str | None, which: str | None = None) -> int:
    """Sign out the owner's session ``which`` (a :func:`ref`), or, with None, every one
    but ``current``; each one's unlocked vault is forgotten. Returns how many ended."""
    ended = 0
    for row, _ in list(_of(owner)):
        if row.session_key == current or (which is not None and ref(row.session_key) != which):
            continue
        unlocked.forget(row.session_key)
        row.delete()
        ended += 1
    return ended
