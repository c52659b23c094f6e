"""The vault for a signed-in session: made, unlocked, locked, given a new passphrase,
its recovery code shown, and a file stored.

The passphrase is typed once per session (wayhome.services.passphrase has the policy
for a new one): the opened vault is kept in this process's memory for the session that
unlocked it (wayhome.services.unlocked), so that files can be stored, read in the
background and searched, and what waited for it is queued again. Every failure to open
it is one :class:`LockedError`, whose message says why and what to do.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from msgspec import Struct

from wayhome.adapters.vault.keys import WrongPassphraseError
from wayhome.adapters.vault.storage import Vault
from wayhome.services import passphrase, reading, unlocked
from wayhome.services import search as search_service
from wayhome.services import vault as vault_service

T = TypeVar("T")


class LockedError(Exception):
    """The vault stays locked; the message says why (a wrong passphrase, no vault yet)."""


class State(StrEnum):
    NONE = "none"  # no vault yet: make one
    NEEDS_PASSPHRASE = "needs passphrase"  # made with an empty passphrase: choose one
    LOCKED = "locked"
    UNLOCKED = "unlocked"


def idle_minutes() -> int:
    return unlocked.idle_minutes()


def state(owner: Any, session: str | None) -> State:
    if not vault_service.is_set_up():
        return State.NONE
    if unlocked.get(session, owner.pk, use=False) is not None:
        return State.UNLOCKED
    if passphrase.needs_new_passphrase():
        return State.NEEDS_PASSPHRASE
    return State.LOCKED


def _opened(owner: Any, session: str | None, vault: Vault) -> None:
    unlocked.remember(session or "", owner.pk, vault)
    index = unlocked.index(session, owner.pk)
    if index is not None:
        index.refresh(owner, vault)  # built now: a search after it decrypts nothing
    reading.resume(owner)


def create(owner: Any, session: str | None, new: str, again: str) -> str:
    """The vault made with a passphrase that passes the policy, unlocked for this
    session; returns the recovery code, to show once. PassphraseError, VaultExistsError."""
    try:
        made = passphrase.create(new, again)
    except WrongPassphraseError as e:  # a vault made meanwhile, or files without a keyring
        raise LockedError(str(e)) from None
    _opened(owner, session, made.vault)
    return made.recovery_code


def unlock(owner: Any, session: str | None, typed: str) -> None:
    """Open the vault for this session; what waited for it is queued."""
    if passphrase.needs_new_passphrase():
        raise LockedError(
            "your vault was made without a passphrase: choose one (typed twice) to open it"
        )
    try:
        vault = vault_service.open_vault(typed)
    except WrongPassphraseError as e:
        raise LockedError(str(e)) from None
    _opened(owner, session, vault)


def set_new(
    owner: Any, session: str | None, secret: str, new: str, again: str, *, recovery: bool = False
) -> str:
    """A new passphrase, the vault opened with ``secret`` (the passphrase, "" for a vault
    made without one, or with ``recovery`` the recovery code), and unlocked for this
    session; returns the recovery code. PassphraseError for a new one refused."""
    try:
        done = passphrase.set_new(secret, new, again, recovery=recovery)
    except WrongPassphraseError as e:
        raise LockedError(str(e)) from None
    _opened(owner, session, done.vault)
    return done.recovery_code


class Code(Struct, frozen=True):
    """The recovery code, or why it is not shown (``needs_passphrase``: a keyring made
    before recovery codes, which the passphrase gives one)."""

    code: str = ""
    needs_passphrase: bool = False


def recovery_code(owner: Any, session: str | None, typed: str = "") -> Code:
    """The code of the vault this session unlocked. LockedError when it is locked."""
    vault = opened(owner, session)
    if vault is None:
        raise LockedError("the vault is locked: unlock it first to see its recovery code")
    try:
        code = passphrase.recovery_code(vault)
        if code is None and typed:
            code = passphrase.add_recovery_code(typed).recovery_code
    except WrongPassphraseError as e:
        raise LockedError(str(e)) from None
    return Code(code) if code else Code(needs_passphrase=True)


def lock(session: str | None) -> None:
    unlocked.forget(session)


def session_moved(old: str | None, new: str | None) -> None:
    """The signed-in session was given a new key (the password set): it stays unlocked."""
    unlocked.moved(old, new)


def opened(owner: Any, session: str | None) -> Vault | None:
    """The vault this session unlocked, if it is still open (its clock restarts)."""
    return unlocked.get(session, owner.pk)


def is_open(owner: Any, session: str | None) -> bool:
    """Whether this session's vault is open (asking does not count as using it)."""
    return unlocked.get(session, owner.pk, use=False) is not None


def is_set_up() -> bool:
    return vault_service.is_set_up()


def search(owner: Any, session: str | None, query: str) -> search_service.Results:
    """Search everything, and the text of every file read when this session's vault is
    open (from its index, kept in memory with it; using it restarts its clock)."""
    vault = opened(owner, session)
    index = unlocked.index(session, owner.pk) if vault is not None else None
    return search_service.search(owner, query, vault, index)


def store(owner: Any, session: str | None, put: Callable[[Vault], T]) -> T:
    """Run ``put`` with the vault this session unlocked, and queue the new file to be
    read in the background. LockedError when there is no vault or it is locked."""
    vault = opened(owner, session)
    if vault is None:
        raise LockedError(
            "the vault is locked: unlock it (Vault, at the top of the page), then add the "
            "file again"
            if vault_service.is_set_up()
            else "there is no vault yet: make one (Vault, at the top of the page) with a "
            "passphrase, then add the file again"
        )
    result = put(vault)
    reading.queue(owner, reading.never_queued(owner))
    reading.resume(owner)
    return result


def ocr_missing() -> str | None:
    """Why scans cannot be read here (Tesseract missing), or None."""
    from wayhome.adapters import ocr  # loads slowly: only on the page that needs it

    return ocr.tesseract_missing()
