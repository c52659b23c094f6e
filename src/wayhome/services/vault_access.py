"""The vault opened for a person: unlocked for a while, locked, opened to store a file.

Opening it needs the passphrase (wayhome.services.vault); an opened vault is kept in
this process's memory (wayhome.services.unlocked) so that files can be read in the
background and searched, and what waited for it is queued again. Every failure to
open it is one :class:`LockedError`, whose message says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final, TypeVar

from wayhome.adapters.vault.keys import WrongPassphraseError
from wayhome.adapters.vault.storage import Vault
from wayhome.services import reading, unlocked
from wayhome.services import vault as vault_service

IDLE_MINUTES: Final = unlocked.IDLE_MINUTES
T = TypeVar("T")


class LockedError(Exception):
    """The vault stays locked; the message says why (a wrong passphrase, no vault yet)."""


def unlock(owner: Any, passphrase: str) -> None:
    """Open the vault and keep it open for a while; what waited for it is queued."""
    try:
        vault = vault_service.open_vault(passphrase)
    except WrongPassphraseError as e:
        raise LockedError(str(e)) from None
    unlocked.remember(owner, vault)
    reading.resume(owner)


def lock(owner: Any) -> None:
    unlocked.forget(owner)


def opened(owner: Any) -> Vault | None:
    """The owner's vault if it is unlocked."""
    return unlocked.get(owner.pk)


def is_open(owner: Any) -> bool:
    return opened(owner) is not None


def is_set_up() -> bool:
    return vault_service.is_set_up()


def store(owner: Any, passphrase: str, put: Callable[[Vault], T]) -> T:
    """Open the vault (made with this passphrase if there is none yet), run ``put`` with
    it, and keep it open so the new file is read in the background."""
    try:
        vault = vault_service.open_vault(passphrase, create=True)
    except WrongPassphraseError as e:
        raise LockedError(str(e)) from None
    result = put(vault)
    unlocked.remember(owner, vault)
    reading.queue(owner, reading.never_queued(owner))
    reading.resume(owner)
    return result


def ocr_missing() -> str | None:
    """Why scans cannot be read here (Tesseract missing), or None."""
    from wayhome.adapters import ocr  # loads slowly: only on the page that needs it

    return ocr.tesseract_missing()
