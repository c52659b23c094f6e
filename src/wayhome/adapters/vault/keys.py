"""The vault's keys: a random data key, wrapped by a key derived from the passphrase.

Changing the passphrase rewraps one small file; the files themselves never need
re-encrypting. Nothing here is written unless the whole keyring is ready.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.files import write_atomic

KEYRING: Final = "keyring.json"
AAD: Final = b"wayhome-vault-keyring-v1"
# Argon2id parameters (RFC 9106's second recommendation): 64 MiB, 3 passes.
KDF: Final = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 1}


class WrongPassphraseError(Exception):
    """The passphrase does not open this vault."""


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


def exists(folder: Path) -> bool:
    return (folder / KEYRING).is_file()


def create(folder: Path, passphrase: str) -> Keys:
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
    write_atomic(folder / KEYRING, json.dumps(record, indent=2).encode())
    return keys


def unlock(folder: Path, passphrase: str) -> Keys:
    record = json.loads((folder / KEYRING).read_text())
    blob = base64.b64decode(record["wrapped"])
    kek = derive(passphrase, base64.b64decode(record["salt"]), record)
    try:
        plain = AESGCM(kek).decrypt(blob[:12], blob[12:], AAD)
    except InvalidTag:
        raise WrongPassphraseError("that passphrase does not open this vault") from None
    return Keys(plain[:32], plain[32:])


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
