"""The text read from stored files, decrypted and folded for search, held in memory.

A search looks inside every file read; its text is sealed with the vault's key in the
database (wayhome.services.reading). Decrypting and folding a thousand texts at every
search took half a second, so the web app keeps them, ready, in a :class:`TextIndex`
that lives with the unlocked vault (wayhome.services.unlocked): built when the vault is
unlocked, dropped, and wiped, when it is locked, expires or its session ends. Nothing
of it is ever written: the vault's promise of no plaintext on disk stands. The command
line, which opens the vault afresh at each run, builds one for that run alone.

The index is kept in step with the database at each search (:meth:`TextIndex.refresh`):
one query lists the files read, with when each was read; a file read for the first
time or again (by the background reader, or by `wayhome vault read` in another process)
is decrypted then, and a file removed is dropped.

Folding (:func:`folded`) takes case and accents away ("José" is "jose"), keeping for
each folded character the index of the one it came from, to cut a snippet from the
original; text in plain ASCII, most of what is read, needs no map at all.

Public surface: :class:`TextIndex`, :class:`Entry`, :class:`Folded`, :func:`folded`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from array import array
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Final

from msgspec import Struct

from wayhome.adapters.vault.storage import CorruptObjectError, Vault

NOT_ASCII: Final = re.compile(r"[^\x00-\x7f]+")
BATCH: Final = 500  # ids in one query (SQLite takes up to 999 parameters in older builds)
_FOLDED_CHARACTERS: dict[str, str] = {}  # a character (not ASCII) -> its folded form


class Folded(Struct, frozen=True):
    """Text without case or accents; ``where[i]`` is the index in the original of the
    character ``text[i]`` came from (None: the same index, for ASCII text)."""

    text: str
    where: Sequence[int] | None

    def origin(self, i: int) -> int:
        return i if self.where is None else self.where[i]


def _fold_character(ch: str) -> str:
    done = _FOLDED_CHARACTERS.get(ch)
    if done is None:
        parts = unicodedata.normalize("NFKD", ch)
        done = "".join(p for p in parts if not unicodedata.combining(p)).casefold()
        if len(_FOLDED_CHARACTERS) < 65536:  # a script's letters, not every character there is
            _FOLDED_CHARACTERS[ch] = done
    return done


def folded(text: str) -> Folded:
    if text.isascii():
        return Folded(text.lower(), None)
    out: list[str] = []
    where = array("I")
    at = 0
    for run in NOT_ASCII.finditer(text):
        plain = text[at : run.start()]  # ASCII: one character for one
        out.append(plain.lower())
        where.extend(range(at, run.start()))
        for i in range(run.start(), run.end()):
            done = _fold_character(text[i])
            out.append(done)
            where.extend([i] * len(done))
        at = run.end()
    out.append(text[at:].lower())
    where.extend(range(at, len(text)))
    return Folded("".join(out), where)


class Entry(Struct, frozen=True):
    """One file's text, ready to search."""

    file_id: int
    title: str  # the file's name
    when: date
    text: str
    folded: Folded


class _Seen(Struct, frozen=True):
    read_at: datetime | None
    entry: Entry | None  # None: the text did not decrypt (vault check reports it)


class TextIndex:
    """The text of every file read, for one owner's unlocked vault. Thread-safe: the
    web app's threads and its background reader share it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[int, _Seen] = {}  # the reading's id -> what was decrypted
        self._entries: list[Entry] = []  # what refresh() gave last
        self._signature: tuple[Any, ...] | None = None  # the database's state it was given for

    def refresh(self, owner: Any, vault: Vault) -> list[Entry]:
        """The entries, in the order the files were read first, brought in step with
        the database: what was read since is decrypted, what is gone dropped."""
        from django.db.models import Count, Max, Sum

        from wayhome.adapters.db.models import FileReading

        done = FileReading.objects.filter(owner=owner, status="done")
        # One row says whether anything changed: a file read (a new id, a later
        # read_at), read again (a later read_at) or removed (fewer, another sum). Taken
        # before the rows, so a change made while they are read is seen next time.
        now = done.aggregate(n=Count("id"), ids=Sum("id"), latest=Max("read_at"))
        signature = (now["n"], now["ids"], now["latest"])
        with self._lock:
            if signature == self._signature:
                return self._entries
        rows = list(
            done.order_by("id").values_list(
                "id",
                "read_at",
                "vault_file_id",
                "vault_file__object_id",
                "vault_file__name",
                "vault_file__received",
            )
        )
        with self._lock:
            fresh = [r[0] for r in rows if (s := self._held.get(r[0])) is None or s.read_at != r[1]]
            sealed: dict[int, Any] = {}
            for start in range(0, len(fresh), BATCH):  # only the texts read since
                batch = fresh[start : start + BATCH]
                sealed.update(FileReading.objects.filter(pk__in=batch).values_list("id", "text"))
            kept: dict[int, _Seen] = {}
            for pk, read_at, file_id, object_id, name, received in rows:
                seen = self._held.get(pk)
                if pk in sealed or seen is None:
                    seen = _Seen(read_at, _entry(vault, sealed.get(pk), file_id, object_id))
                kept[pk] = _renamed(seen, name, received.date())
            self._held = kept
            self._entries = [s.entry for s in kept.values() if s.entry is not None]
            self._signature = signature
            return self._entries

    def clear(self) -> None:
        """Forget every text (the vault is locked)."""
        with self._lock:
            self._held, self._entries, self._signature = {}, [], None

    def __len__(self) -> int:
        return len(self._held)


def _entry(vault: Vault, sealed: bytes | None, file_id: int, object_id: str) -> Entry | None:
    if not sealed:
        text = ""
    else:
        try:
            text = vault.unseal(bytes(sealed), object_id).decode("utf-8")
        except (CorruptObjectError, UnicodeDecodeError):
            return None  # `wayhome vault check` reports damage; search goes on
    return Entry(file_id, "", date.min, text, folded(text))


def _renamed(seen: _Seen, title: str, when: date) -> _Seen:
    """The entry with the file's name and date as they are now (no decryption)."""
    e = seen.entry
    if e is None or (e.title, e.when) == (title, when):
        return seen
    return _Seen(seen.read_at, Entry(e.file_id, title, when, e.text, e.folded))
