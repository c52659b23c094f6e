"""The stored profile's documents are its document records: one source of truth.

A profile file says what documents you hold in ``documents[]``; the stored profile
keeps them as the Documents page's records (``DocumentItem``, each with a ``kind``),
so the date typed on that page, or checked in a stored file's reading, is the one
every assessment uses. Here:

- :func:`held`: the records as ``documents[]`` (a record's issue date, else the
  ``issued`` its files' checked readings give);
- :func:`with_held`: the stored profile with those documents (``source.from_store``);
- :func:`take`: a profile's ``documents[]`` written into the records, and the profile
  without them, to store (``profile import``; ``profile export`` writes them back);
- :func:`stored_data`: a profile as stored, without ``documents[]``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters import profiles
from wayhome.adapters.db.models import DocumentItem
from wayhome.core.common.data import slug
from wayhome.core.common.vocabulary import DOCUMENT_KINDS
from wayhome.core.profile.model import Document, Profile

KEY_PREFIX = "held"


def checked_issue(item: DocumentItem) -> date | None:
    """The issue date the physician checked in one of the record's files, if any."""
    for vf in item.files.all():
        reading = getattr(vf, "reading", None)
        value = reading.confirmed.get("issued") if reading is not None else None
        if value:
            return date.fromisoformat(value)
    return None


def held(owner: Any) -> list[Document]:
    """Each record with a kind and something recorded, as a document held."""
    out = []
    rows = DocumentItem.objects.filter(owner=owner).exclude(kind="")
    for item in rows.prefetch_related("files", "files__reading").order_by("id"):
        issued = item.issued or checked_issue(item)
        if issued is None and not item.issuer and not item.note:
            continue  # a need on the checklist, nothing held yet
        out.append(
            Document(
                kind=item.kind,
                issued=issued,
                issuer=item.issuer or None,
                note=item.note or None,
            )
        )
    return out


def with_held(owner: Any, profile: Profile) -> Profile:
    return profile.model_copy(update={"documents": held(owner)})


def take(owner: Any, profile: Profile) -> Profile:
    """Write the profile's documents into the records (the first record of each kind
    not yet matched, else a new one), and return the profile without them."""
    used: set[int] = set()
    for d in profile.documents:
        item = (
            DocumentItem.objects.filter(owner=owner, kind=d.kind)
            .exclude(pk__in=used)
            .order_by("id")
            .first()
        )
        if item is None:
            n = 1
            while DocumentItem.objects.filter(owner=owner, key=_key(d.kind, n)).exists():
                n += 1
            words = DOCUMENT_KINDS.get(d.kind, d.kind.replace("-", " "))
            item = DocumentItem(
                owner=owner,
                key=_key(d.kind, n),
                name=words[0].upper() + words[1:],
                kind=d.kind,
            )
        item.issued = d.issued
        item.issuer = d.issuer or ""
        item.note = d.note or ""
        item.save()
        used.add(item.pk)
    return profile.model_copy(update={"documents": []})


def _key(kind: str, n: int) -> str:
    return slug(f"{KEY_PREFIX}-{kind}-{n}", 120)


def stored_data(profile: Profile) -> dict[str, Any]:
    """The profile as the database keeps it: its documents live in the records."""
    data = profiles.to_data(profile)
    data.pop("documents", None)
    return data
