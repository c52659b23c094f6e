"""Keyrings as earlier Wayhomes wrote them: version 1, the passphrase's wrapping alone
(and the web app's, made with an empty passphrase before the policy)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wayhome.adapters.vault import keys


def version_1(folder: Path, passphrase: str) -> keys.Keys:
    """A keyring exactly as version 1 wrote it, with no recovery code."""
    made = keys.Keys(os.urandom(32), os.urandom(32))
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = keys.derive(passphrase, salt, keys.KDF)
    wrapped = AESGCM(kek).encrypt(nonce, made.data_key + made.mac_key, keys.AAD)
    record = {
        "format": "wayhome-keyring",
        "version": 1,
        "kdf": "argon2id",
        **keys.KDF,
        "salt": keys._b64(salt),
        "wrapped": keys._b64(nonce + wrapped),
    }
    folder.mkdir(parents=True, exist_ok=True)
    (folder / keys.KEYRING).write_text(json.dumps(record, indent=2))
    return made
