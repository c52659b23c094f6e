"""What an imported file may hold: its size, and the length of each field Wayhome keeps.

A case log, a reference export or a phone's contacts is read whole, so a file past
``MAX_FILE_BYTES`` is refused before it is read (only that much is ever read); a
field past its limit (a title of a million characters), or holding a NUL character,
refuses its row, record or card, named, and the rest of the file imports.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

MAX_FILE_BYTES: Final = 50 * 1024 * 1024  # as the vault's default (WAYHOME_VAULT_MAX_MB)
TEXT: Final = 1_000  # a name, a title, a journal, a category, an address
LONG_TEXT: Final = 10_000  # notes


class FileTooLargeError(ValueError):
    """The file is larger than any export of its kind: nothing of it was imported."""


class UnreadableFileError(ValueError):
    """The file cannot be read at all (missing, a folder, no permission): said in words."""


class FieldRefusedError(ValueError):
    """One field cannot be kept: its row, record or card is left out, named."""


class FieldTooLongError(FieldRefusedError):
    """One field is longer than Wayhome keeps: its row, record or card is left out."""

    def __init__(self, field: str, length: int, limit: int) -> None:
        super().__init__(
            f"{field} is {length:,} characters long (Wayhome keeps up to {limit:,}): "
            "is this the right file?"
        )
        self.field = field


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, reading no more than the limit (and one byte to know).
    UnreadableFileError or FileTooLargeError, in words, when it cannot be had."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # A pipe would block the read for ever: said, never opened.
        raise UnreadableFileError(f"{name} is not a regular file (a pipe, a socket or a device)")
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise UnreadableFileError(f"{name} does not exist") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{name} is a folder, not a file") from None
    except PermissionError:
        raise UnreadableFileError(
            f"{name} cannot be read (permission denied): check who owns it"
        ) from None
    except OSError as e:
        raise UnreadableFileError(f"{name} cannot be read ({e.strerror or e})") from None
    return within_limit(data, name)


def within_limit(data: bytes, name: str) -> bytes:
    """``data``, or FileTooLargeError in words when it is over the limit."""
    if len(data) > MAX_FILE_BYTES:
        raise FileTooLargeError(
            f"{name} is larger than {MAX_FILE_BYTES // 1024**2} MB, more than any export "
            "of its kind: check that it is the right file (a phone's contacts with photos "
            "can be exported without them)"
        )
    return data


class NulInFieldError(FieldRefusedError):
    """One field holds a NUL character (a zero byte), written escaped in a file that is
    itself fine (CSL-JSON's \\u0000, a vCard's quoted-printable =00): PostgreSQL cannot
    store one and SQLite would keep it unseen, so its row, record or card is left out."""

    def __init__(self, field: str) -> None:
        super().__init__(
            f"{field} holds a NUL character (a zero byte), which Wayhome cannot keep: "
            "correct it where you exported the file from"
        )
        self.field = field


def checked(field: str, value: str | None, limit: int = TEXT) -> str | None:
    """``value`` as it is; FieldTooLongError when it is longer than ``limit``,
    NulInFieldError when it holds a NUL."""
    if value is not None:
        if len(value) > limit:
            raise FieldTooLongError(field, len(value), limit)
        if "\x00" in value:
            raise NulInFieldError(field)
    return value
