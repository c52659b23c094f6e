"""The vault's keys: a random data key, wrapped by a key derived from the passphrase.

Changing the passphrase rewraps one small file; the files themselves never need
re-encrypting. Nothing here is written unless the whole keyring is ready, and a
keyring is never replaced: :func:`create` makes it whole in a temporary file and
links it into place only if no keyring is there (a hard link fails when the name
exists, on every OS), so two first runs at once cannot each make one.
"""

from __future__ import annotations

import base64
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.files import fsync_dir

KEYRING: Final = "keyring.json"
AAD: Final = b"wayhome-vault-keyring-v1"
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


@dataclass(frozen=True)
class Keys:
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
    """Make a new keyring; FileExistsError when there is one already (never replaced)."""
    if exists(folder):
        raise FileExistsError(folder / KEYRING)
    keys = Keys(os.urandom(32), os.urandom(32))
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = derive(passphrase, salt, KDF)
    wrapped = AESGCM(kek).encrypt(nonce, keys.data_key + keys.mac_key, AAD)
    record = {
        "format": "wayhome-keyring",
        "version": 1,
        "kdf": "argon2id",
        **KDF,
        "salt": _b64(salt),
        "wrapped": _b64(nonce + wrapped),
    }
    folder.mkdir(parents=True, exist_ok=True)
    _place_exclusively(folder / KEYRING, json.dumps(record, indent=2).encode())
    return keys


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


def unlock(folder: Path, passphrase: str) -> Keys:
    path = folder / KEYRING
    try:
        record = json.loads(path.read_bytes())
        blob = base64.b64decode(record["wrapped"], validate=True)
        salt = base64.b64decode(record["salt"], validate=True)
        params = {k: int(record[k]) for k in ("time_cost", "memory_cost", "parallelism")}
        if record.get("format") != "wayhome-keyring" or len(blob) != 12 + 64 + 16:
            raise ValueError("not a keyring")
        check_params(params)
    except FileNotFoundError:
        raise KeyringMissingError(
            f"the vault's keyring ({path}) is missing: restore it from a backup"
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise KeyringDamagedError(
            f"the vault's keyring ({path}) is damaged: restore keyring.json from a backup "
            "(wayhome restore into an empty folder, then copy its vault/keyring.json here)"
        ) from None
    try:
        kek = derive(passphrase, salt, params)
        plain = AESGCM(kek).decrypt(blob[:12], blob[12:], AAD)
    except InvalidTag:
        raise WrongPassphraseError("that passphrase does not open this vault") from None
    except HashingError:  # Argon2 refuses the stored parameters
        raise KeyringDamagedError(
            f"the vault's keyring ({path}) is damaged: restore keyring.json from a backup"
        ) from None
    return Keys(plain[:32], plain[32:])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
