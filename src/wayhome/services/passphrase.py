"""The vault's passphrase and its recovery code, one policy for both shells.

- :func:`check`: a new passphrase is typed twice and must score at least
  ``MIN_SCORE`` (of 4) with zxcvbn; a refusal says why and what to do.
- :func:`create`: the vault made with a passphrase that passes, and its recovery code
  (to be shown once). ``LOST_WARNING`` is what both shells say beside the question.
- :func:`needs_new_passphrase`: a vault made before the policy with an empty
  passphrase asks for a new one at the next unlock; :func:`set_new` puts the data key
  under a new passphrase, the vault opened with the old one, the empty one, or the
  recovery code. Nothing is re-encrypted: the keyring is rewrapped
  (wayhome.adapters.vault.keys.rewrap, under the vault's lock).
- :func:`recovery_code`: the code again, for an unlocked vault; a keyring made before
  recovery codes is given one with the passphrase (:func:`add_recovery_code`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Final

from msgspec import Struct

from wayhome.adapters import locks, scratch
from wayhome.adapters.vault import keys
from wayhome.adapters.vault.storage import Vault
from wayhome.services import vault as vault_service

MIN_SCORE: Final = 3  # zxcvbn's "safely unguessable: moderate protection from offline attack"
MAX_LENGTH: Final = 1024
# zxcvbn's time grows with the length it reads; a passphrase whose first 100 characters
# are strong is strong.
SCORED_LENGTH: Final = 100
LOST_WARNING: Final = (
    "If you lose both your passphrase and your recovery code, your documents are lost: "
    "no one, Wayhome included, can open them. Write the passphrase down somewhere safe, "
    "and keep the recovery code apart from it."
)
ADVICE: Final = "Four or five unrelated words make a strong passphrase that is easy to type."
CODE_NOTE: Final = (
    "Your recovery code opens the vault on its own, without the passphrase: print it or "
    "save it somewhere safe, apart from your passphrase. It is shown now; after you "
    "unlock the vault you can see it again."
)


class PassphraseError(ValueError):
    """A new passphrase refused: the message says why and what to do."""


class VaultExistsError(ValueError):
    """A vault is there already: it is unlocked, never made again."""


def check(passphrase: str, again: str, *, words: Iterable[str] = ()) -> None:
    """PassphraseError unless ``passphrase`` is typed the same twice and scores at least
    MIN_SCORE. ``words`` (a name, the account) make a passphrase built on them weaker."""
    if not passphrase:
        raise PassphraseError("Choose a passphrase: the vault is never made without one.")
    if passphrase != again:
        raise PassphraseError("The two passphrases differ: type the same passphrase in both boxes.")
    if len(passphrase) > MAX_LENGTH:
        raise PassphraseError(
            f"That passphrase is longer than {MAX_LENGTH:,} characters: choose a shorter one."
        )
    from zxcvbn import zxcvbn  # only when a passphrase is chosen (a tenth of a second to load)

    found = zxcvbn(
        passphrase[:SCORED_LENGTH],
        user_inputs=["wayhome", "vault", "passphrase", *words],
        max_length=SCORED_LENGTH,
    )
    score = int(found["score"])
    if score >= MIN_SCORE:
        return
    feedback = found["feedback"]
    said = [feedback.get("warning") or "", *feedback.get("suggestions", [])]
    raise PassphraseError(
        " ".join(
            [
                f"That passphrase is too easy to guess: it scores {score} of 4, and "
                f"{MIN_SCORE} is needed.",
                *[s if s.endswith(".") else s + "." for s in said if s],
                ADVICE,
            ]
        )
    )


class Opened(Struct, frozen=True):
    """The vault opened by a change to its keyring, and the recovery code to show."""

    vault: Vault
    recovery_code: str


def _folder() -> Path:
    return vault_service.vault_dir()


def _vault(opened: keys.Keys) -> Vault:
    data = vault_service.data_dir()
    return Vault(_folder(), opened, tmp_dir=lambda: scratch.folder(data))


def create(passphrase: str, again: str) -> Opened:
    """The vault made with ``passphrase`` (checked first), and its recovery code.
    VaultExistsError when there is one; never a new keyring where files are stored."""
    check(passphrase, again)
    if vault_service.is_set_up():
        raise VaultExistsError("You have a vault already: unlock it with its passphrase.")
    vault = vault_service.open_vault(passphrase, create=True)
    code = keys.recovery_code(_folder(), vault.keys)
    assert code is not None  # every keyring made now has one
    return Opened(vault, code)


_empty_lock = threading.Lock()
_empty: dict[tuple[str, int, int, int], bool] = {}


def needs_new_passphrase() -> bool:
    """Whether the vault was made with an empty passphrase (before the policy), so that
    it must be given a new one before it opens. The answer costs one key derivation;
    it is kept for this keyring file as it is (a rewrap makes a new file)."""
    path = _folder() / keys.KEYRING
    try:
        stat = path.stat()
    except OSError:
        return False
    try:
        if keys.has_recovery_code(_folder()):
            return False  # a keyring with a recovery code was made under the policy
    except keys.WrongPassphraseError:
        return False  # a damaged keyring: opening it says so
    which = (str(path), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    with _empty_lock:
        if which not in _empty:
            _empty[which] = keys.opens_with(_folder(), "")
        return _empty[which]


def set_new(secret: str, new: str, again: str, *, recovery: bool = False) -> Opened:
    """The vault opened with ``secret`` (its passphrase; "" for a vault made without one;
    with ``recovery``, its recovery code) and its key put under ``new`` (checked first).
    WrongPassphraseError (its kinds too) when ``secret`` does not open it."""
    check(new, again)
    folder = _folder()
    with locks.vault(vault_service.data_dir()):
        opened = keys.unlock_with_code(folder, secret) if recovery else keys.unlock(folder, secret)
        code = keys.rewrap(folder, opened, new)
    return Opened(_vault(opened), code)


def has_recovery_code() -> bool:
    """Whether the keyring has a recovery code (False for one made before them)."""
    return keys.has_recovery_code(_folder())


def recovery_code(vault: Vault) -> str | None:
    """The recovery code of an unlocked vault; None for a keyring made before them."""
    return keys.recovery_code(_folder(), vault.keys)


def add_recovery_code(passphrase: str) -> Opened:
    """A recovery code added to a keyring made before them (the passphrase stays)."""
    folder = _folder()
    with locks.vault(vault_service.data_dir()):
        opened = keys.unlock(folder, passphrase)
        code = keys.recovery_code(folder, opened) or keys.rewrap(folder, opened, passphrase)
    return Opened(_vault(opened), code)
