"""Search everything the physician has gathered: questions put to regulators and their
answers, emails kept as evidence, the document checklist, stored files' names, and,
with the vault unlocked, the text read from every stored file.

Matching ignores case and accents ("Jose" finds "José"); every word of the query
must appear. The data of one person is small (thousands of items, not millions),
so the text is searched in memory after decryption: the texts stay encrypted at
rest, and no plain index of them is ever written. The web app searches the texts
held, decrypted, with the unlocked vault (wayhome.services.text_index); the command
line decrypts them for its run.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.adapters.db.models import Correspondence, DocumentItem, Evidence, VaultFile
from wayhome.adapters.vault.storage import Vault
from wayhome.services.text_index import BATCH, Folded, TextIndex, folded

CONTEXT: Final = 70  # characters shown each side of a match


class Hit(Struct, frozen=True):
    kind: str  # question | answer | email | document | file | text
    title: str
    snippet: str
    mark: tuple[int, int]  # the first match, as a slice of snippet
    ref: tuple[str, int]  # ("correspondence" | "document" | "file", id)
    when: date | None = None

    @property
    def before(self) -> str:
        return self.snippet[: self.mark[0]]

    @property
    def match(self) -> str:
        return self.snippet[self.mark[0] : self.mark[1]]

    @property
    def after(self) -> str:
        return self.snippet[self.mark[1] :]


class Results(Struct, frozen=True):
    query: str
    hits: list[Hit]
    texts_searched: bool  # False: the vault was locked, file texts were not searched
    unread: int  # stored files whose text has not been read yet


def fold(text: str) -> tuple[str, list[int]]:
    """Text without case or accents, and for each of its characters the index of the
    character it came from (to cut the snippet from the original)."""
    done = folded(text)
    return done.text, [done.origin(i) for i in range(len(done.text))]


def terms(query: str) -> list[str]:
    return [t for t in folded(query).text.split() if t]


def find(
    text: str, words: list[str], done: Folded | None = None
) -> tuple[str, tuple[int, int]] | None:
    """A snippet around the first word's first match, when every word is in ``text``
    (``done``: the text already folded)."""
    if not words or not text:
        return None
    done = done or folded(text)
    if any(w not in done.text for w in words):
        return None
    at = done.text.index(words[0])
    start, end = done.origin(at), done.origin(at + len(words[0]) - 1) + 1
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    lead = "…" if lo else ""
    snippet = lead + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
    # Whitespace was collapsed: find the match again in the snippet.
    shown = " ".join(text[start:end].split())
    pos = snippet.find(shown, len(lead))
    return snippet, (pos, pos + len(shown))


def search(
    owner: Any, query: str, vault: Vault | None = None, index: TextIndex | None = None
) -> Results:
    """Search everything; with ``vault``, the text of the files read too, from
    ``index`` (the unlocked vault's, in the web app) or decrypted for this search."""
    words = terms(query)
    hits = list(_hits(owner, words, vault, index)) if words else []
    unread = VaultFile.objects.filter(owner=owner).exclude(reading__status="done").count()
    return Results(query, hits, vault is not None, unread)


def _hits(
    owner: Any, words: list[str], vault: Vault | None, index: TextIndex | None
) -> Iterator[Hit]:
    for c in Correspondence.objects.filter(owner=owner):
        title = f"{c.jurisdiction}: {c.question[:80]}"
        for kind, text, when in (
            ("answer", c.answer, c.answered),
            ("question", f"{c.question} {c.person}", c.asked),
        ):
            found = find(text, words)
            if found:
                yield Hit(kind, title, *found, ref=("correspondence", c.pk), when=when)
                break
    for e in Evidence.objects.filter(owner=owner).select_related("vault_file"):
        h = e.headers or {}
        text = " ".join(str(h.get(k, "")) for k in ("subject", "from", "to", "date"))
        found = find(text, words)
        if found:
            title = f"Email: {h.get('subject') or e.vault_file.name}"
            yield Hit("email", title, *found, ref=("correspondence", e.correspondence_id))
    for d in DocumentItem.objects.filter(owner=owner):
        found = find(f"{d.name} {d.issuer} {d.contact}", words)
        if found:
            yield Hit("document", d.name, *found, ref=("document", d.pk), when=d.issued)
    files = VaultFile.objects.filter(owner=owner).order_by("id")
    named = [
        (pk, n, found) for pk, n in files.values_list("id", "name") if (found := find(n, words))
    ]
    received = _received([pk for pk, _, _ in named])  # only the hits' dates: each costs
    for pk, name, found in named:
        yield Hit("file", name, *found, ref=("file", pk), when=received.get(pk))
    if vault is None:
        return
    for entry in (index if index is not None else TextIndex()).refresh(owner, vault):
        found = find(entry.text, words, entry.folded)
        if found:
            ref = ("file", entry.file_id)
            yield Hit("text", entry.title, *found, ref=ref, when=entry.when)


def _received(ids: list[int]) -> dict[int, date]:
    out: dict[int, date] = {}
    for start in range(0, len(ids), BATCH):
        rows = VaultFile.objects.filter(pk__in=ids[start : start + BATCH])
        out.update((pk, when.date()) for pk, when in rows.values_list("id", "received"))
    return out


def results_json(found: Results) -> dict[str, Any]:
    return {
        "query": found.query,
        "texts_searched": found.texts_searched,
        "unread": found.unread,
        "hits": [
            {
                "kind": h.kind,
                "title": h.title,
                "snippet": h.snippet,
                "match": list(h.mark),
                "ref": {"type": h.ref[0], "id": h.ref[1]},
                "when": h.when.isoformat() if h.when else None,
            }
            for h in found.hits
        ],
    }
