"""The vault's keys: a random data key, wrapped by a key derived from the passphrase,
and wrapped a second time by a key derived from a recovery code.

Changing the passphrase rewraps one small file; the files themselves never need
re-encrypting. Nothing here is written unless the whole keyring is ready. A new
keyring is never put over another: :func:`create` makes it whole in a temporary file
and links it into place only if no keyring is there (a hard link fails when the name
exists, on every OS), so two first runs at once cannot each make one. :func:`rewrap`
(a new passphrase, or a recovery code added to a keyring made before them) opens the
keyring on disk with the secret it is given, checks in memory that the new keyring
opens to the same keys, and only then renames it over the old one (atomic: a reader
sees the old keyring or the new, never a part); its caller holds the vault's lock.

The keyring (``vault/keyring.json``, version 2)::

    {"format": "wayhome-keyring", "version": 2, "kdf": "argon2id", <params>,
     "salt": ..., "wrapped": ...,                       # by the passphrase
     "recovery": {"kdf": "argon2id", <params>, "salt": ..., "wrapped": ...},
     "recovery_code": ...}                              # the code, sealed by the data key

Version 1 (written before recovery codes) has only the passphrase's part and still
opens; the passphrase's fields are where version 1 has them.
"""

from __future__ import annotations

import base64
import json
import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Any, Final

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from msgspec import Struct

from wayhome.adapters.files import fsync_dir, write_atomic

KEYRING: Final = "keyring.json"
VERSION: Final = 2
AAD: Final = b"wayhome-vault-keyring-v1"  # the passphrase's wrapping (both versions)
RECOVERY_AAD: Final = b"wayhome-vault-recovery-v1"  # the recovery code's wrapping
CODE_AAD: Final = b"wayhome-vault-recovery-code-v1"  # the code, sealed by the data key
# A recovery code: 24 characters of base32 (120 random bits) in six groups of four.
CODE_GROUPS: Final = 6
CODE_GROUP_LENGTH: Final = 4
CODE_ALPHABET: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# Argon2id parameters (RFC 9106's second recommendation): 64 MiB, 3 passes.
KDF: Final = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}
MAX_TIME_COST: Final = 64
MAX_MEMORY_KIB: Final = 4 * 1024 * 1024  # 4 GiB


class WrongPassphraseError(Exception):
    """The vault cannot be opened with what was given; the message says why.

    The keyring's own problems below are kinds of it, so every caller that turns a
    refusal into a message (the CLI's exit 2, the web app's "locked") shows theirs too.
    """


class KeyringMissingError(WrongPassphraseError):
    """Stored files, but no keyring to open them: only the original keyring can."""


class KeyringDamagedError(WrongPassphraseError):
    """The keyring file is not one Wayhome wrote, or is cut short."""


class WrongRecoveryCodeError(WrongPassphraseError):
    """The recovery code does not open this keyring (or is not one in form)."""


class Keys(Struct, frozen=True):
    data_key: bytes  # AES-256-GCM key for the files
    mac_key: bytes  # HMAC-SHA-256 key for the files' names


def derive(passphrase: str, salt: bytes, params: dict[str, Any]) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        hash_len=32,
        type=Type.ID,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
    )


def check_params(params: dict[str, int]) -> None:
    """ValueError for parameters no Wayhome wrote: a file read back (a keyring, a
    backup's header) must not make us spend unbounded memory or time."""
    if not (
        1 <= params["time_cost"] <= MAX_TIME_COST
        and 8 <= params["memory_cost"] <= MAX_MEMORY_KIB
        and 1 <= params["parallelism"] <= 16
    ):
        raise ValueError("key-derivation parameters out of range")


def exists(folder: Path) -> bool:
    return (folder / KEYRING).is_file()


def create(folder: Path, passphrase: str) -> Keys:
    """Make a new keyring, with a recovery code (:func:`recovery_code` reads it back);
    FileExistsError when there is one already (never replaced)."""
    if exists(folder):
        raise FileExistsError(folder / KEYRING)
    keys = Keys(os.urandom(32), os.urandom(32))
    record = _record(keys, passphrase, new_recovery_code())
    folder.mkdir(parents=True, exist_ok=True)
    _place_exclusively(folder / KEYRING, _dump(record))
    return keys


def new_recovery_code() -> str:
    """24 random base32 characters in groups of four: ``ABCD-EFGH-…``."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH))
    return "-".join(
        chars[i : i + CODE_GROUP_LENGTH] for i in range(0, len(chars), CODE_GROUP_LENGTH)
    )


def normalise_code(text: str) -> str:
    """A recovery code as typed (any case, spaces or dashes, 0 for O, 1 for I, 8 for B)
    in its written form; WrongRecoveryCodeError when it cannot be one."""
    plain = re.sub(r"[\s-]", "", text).upper().translate(str.maketrans("018", "OIB"))
    if len(plain) != CODE_GROUPS * CODE_GROUP_LENGTH or set(plain) - set(CODE_ALPHABET):
        raise WrongRecoveryCodeError(
            "a recovery code is 24 letters and digits in six groups of four "
            "(such as ABCD-EFGH-JKLM-NPQR-STUV-WXYZ): check what you typed"
        )
    return "-".join(
        plain[i : i + CODE_GROUP_LENGTH] for i in range(0, len(plain), CODE_GROUP_LENGTH)
    )


def _wrap(secret: str, keys: Keys, aad: bytes) -> dict[str, Any]:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = derive(secret, salt, KDF)
    wrapped = AESGCM(kek).encrypt(nonce, keys.data_key + keys.mac_key, aad)
    return {"kdf": "argon2id", **KDF, "salt": _b64(salt), "wrapped": _b64(nonce + wrapped)}


def _record(keys: Keys, passphrase: str, code: str) -> dict[str, Any]:
    nonce = os.urandom(12)
    sealed = AESGCM(keys.data_key).encrypt(nonce, code.encode("ascii"), CODE_AAD)
    return {
        "format": "wayhome-keyring",
        "version": VERSION,
        **_wrap(passphrase, keys, AAD),
        "recovery": _wrap(normalise_code(code), keys, RECOVERY_AAD),
        "recovery_code": _b64(nonce + sealed),
    }


def _dump(record: dict[str, Any]) -> bytes:
    return json.dumps(record, indent=2).encode()


def _place_exclusively(path: Path, data: bytes) -> None:
    """Write ``path`` whole, only if it does not exist (FileExistsError otherwise)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # atomic, and fails if the name exists
        except FileExistsError:
            raise
        except OSError:
            # A file system without hard links (FAT): O_EXCL is exclusive too, and a
            # keyring cut short by a crash here is refused as damaged, never replaced.
            _write_exclusively(path, data)
        fsync_dir(path.parent)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _write_exclusively(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


class _Wrapping(Struct, frozen=True):
    salt: bytes
    blob: bytes  # nonce, then the wrapped keys and their tag
    params: dict[str, int]


def _wrapping(entry: Any) -> _Wrapping:
    """One wrapping of the keys as read from the file; ValueError (and kin) when it is
    not one Wayhome wrote."""
    blob = base64.b64decode(entry["wrapped"], validate=True)
    salt = base64.b64decode(entry["salt"], validate=True)
    params = {k: int(entry[k]) for k in ("time_cost", "memory_cost", "parallelism")}
    if len(blob) != 12 + 64 + 16 or entry.get("kdf", "argon2id") != "argon2id":
        raise ValueError("not a keyring")
    check_params(params)
    return _Wrapping(salt, blob, params)


class _Keyring(Struct, frozen=True):
    version: int
    passphrase: _Wrapping
    recovery: _Wrapping | None  # None: made before recovery codes (version 1)
    sealed_code: bytes | None


def _read(folder: Path) -> _Keyring:
    path = folder / KEYRING
    try:
        return _parse(path.read_bytes(), path)
    except FileNotFoundError:
        raise KeyringMissingError(
            f"the vault's keyring ({path}) is missing: restore it from a backup"
        ) from None
    except OSError:
        raise _damaged(path) from None


def _parse(data: bytes, path: Path) -> _Keyring:
    try:
        record = json.loads(data)
        if record.get("format") != "wayhome-keyring" or record.get("version", 1) not in (1, 2):
            raise ValueError("not a keyring")
        version = int(record.get("version", 1))
        recovery = _wrapping(record["recovery"]) if version >= 2 else None
        sealed = base64.b64decode(record["recovery_code"], validate=True) if recovery else None
        if sealed is not None and len(sealed) < 12 + 16:
            raise ValueError("not a keyring")
        return _Keyring(version, _wrapping(record), recovery, sealed)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _damaged(path) from None


def _damaged(path: Path) -> KeyringDamagedError:
    return KeyringDamagedError(
        f"the vault's keyring ({path}) is damaged: restore keyring.json from a backup "
        "(wayhome restore into an empty folder, then copy its vault/keyring.json here)"
    )


class Unlocked(Struct, frozen=True):
    """The keys, with the key-encryption key that opened them and how it was derived
    (Argon2id of the passphrase with ``salt`` and ``params``): a backup derives its own
    key from it (adapters/vault/archive.py) instead of running Argon2id a second time."""

    keys: Keys
    kek: bytes
    salt: bytes
    params: dict[str, int]


def _opened(folder: Path, wrapping: _Wrapping, secret: str, aad: bytes) -> Unlocked | None:
    """The keys and the key that unwrapped them, or None when ``secret`` does not open
    this wrapping."""
    try:
        kek = derive(secret, wrapping.salt, wrapping.params)
        plain = AESGCM(kek).decrypt(wrapping.blob[:12], wrapping.blob[12:], aad)
    except InvalidTag:
        return None
    except HashingError:  # Argon2 refuses the stored parameters
        raise KeyringDamagedError(
            f"the vault's keyring ({folder / KEYRING}) is damaged: restore keyring.json "
            "from a backup"
        ) from None
    return Unlocked(Keys(plain[:32], plain[32:]), kek, wrapping.salt, dict(wrapping.params))


def _unwrap(folder: Path, wrapping: _Wrapping, secret: str, aad: bytes) -> Keys | None:
    """The keys, or None when ``secret`` does not open this wrapping."""
    opened = _opened(folder, wrapping, secret, aad)
    return None if opened is None else opened.keys


def unlock(folder: Path, passphrase: str) -> Keys:
    return unlock_with_kek(folder, passphrase).keys


def unlock_with_kek(folder: Path, passphrase: str) -> Unlocked:
    """The keys opened by the passphrase, with the key-encryption key derived on the
    way (one Argon2id derivation)."""
    opened = _opened(folder, _read(folder).passphrase, passphrase, AAD)
    if opened is None:
        raise WrongPassphraseError("that passphrase does not open this vault")
    return opened


def unlock_with_code(folder: Path, code: str) -> Keys:
    """The keys, opened by the recovery code alone."""
    keyring = _read(folder)
    if keyring.recovery is None:
        raise WrongRecoveryCodeError(
            "this vault was made before recovery codes and opens only with its passphrase"
        )
    keys = _unwrap(folder, keyring.recovery, normalise_code(code), RECOVERY_AAD)
    if keys is None:
        raise WrongRecoveryCodeError("that recovery code does not open this vault")
    return keys


def has_recovery_code(folder: Path) -> bool:
    return _read(folder).recovery is not None


def recovery_code(folder: Path, keys: Keys) -> str | None:
    """The keyring's recovery code, read with the data key (None: a keyring made before
    recovery codes). Whoever holds the data key can read every file anyway; the code
    adds nothing to what they have."""
    keyring = _read(folder)
    if keyring.sealed_code is None:
        return None
    blob = keyring.sealed_code
    try:
        return AESGCM(keys.data_key).decrypt(blob[:12], blob[12:], CODE_AAD).decode("ascii")
    except (InvalidTag, ValueError):
        raise WrongPassphraseError(
            "the vault's keyring changed since it was unlocked: unlock it again"
        ) from None


def rewrap(folder: Path, keys: Keys, new_passphrase: str) -> str:
    """Put ``keys`` under ``new_passphrase``, keeping the recovery code (or adding one to
    a keyring made before them); returns the recovery code. Nothing is re-encrypted.

    ``keys`` must be what the keyring on disk holds, opened moments ago under the
    vault's lock, which the caller still holds: they are checked against its recovery
    code where it has one, and the new keyring is checked, as it will be read back, to
    open to the same keys with the new passphrase and with the code before it is renamed
    over the old one."""
    code = recovery_code(folder, keys) or new_recovery_code()
    data = _dump(_record(keys, new_passphrase, code))
    made = _parse(data, folder / KEYRING)
    assert made.recovery is not None
    if (
        _unwrap(folder, made.passphrase, new_passphrase, AAD) != keys
        or _unwrap(folder, made.recovery, normalise_code(code), RECOVERY_AAD) != keys
    ):
        raise KeyringDamagedError("the new keyring would not open the vault: nothing changed")
    write_atomic(folder / KEYRING, data)
    return code


def opens_with(folder: Path, passphrase: str) -> bool:
    """Whether ``passphrase`` opens the keyring (False when there is none)."""
    try:
        return _unwrap(folder, _read(folder).passphrase, passphrase, AAD) is not None
    except WrongPassphraseError:
        return False


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
