"""The document checklist, kept in step with the plan: what is needed, each step's date."""

from __future__ import annotations

from datetime import date
from typing import Any

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import DocumentItem, VaultFile
from wayhome.adapters.vault.storage import Vault
from wayhome.core.evidence import documents
from wayhome.core.rules import engine
from wayhome.services import vault as vault_service
from wayhome.services.source import from_store


def sync(owner: Any, on: date) -> list[DocumentItem]:
    """The owner's checklist: new needs added, what was recorded kept."""
    src = from_store(owner)
    packs = pack_files.load_packs()
    report = engine.assess(src.profile, packs, on)
    have = {d.key: d for d in DocumentItem.objects.filter(owner=owner)}
    for need in documents.needed(report, packs):
        item = have.get(need.key)
        if item is None:
            DocumentItem.objects.create(
                owner=owner,
                key=need.key,
                name=need.name,
                jurisdiction=need.jurisdiction,
                steps=[{"step": s, "done": None} for s in need.steps],
                valid_months=need.valid_months,
                kind=need.kind or "",
            )
        elif item.valid_months != need.valid_months or (need.kind and not item.kind):
            item.valid_months = need.valid_months
            item.kind = item.kind or need.kind or ""
            item.save(update_fields=["valid_months", "kind"])
    return list(
        DocumentItem.objects.filter(owner=owner).prefetch_related("files", "files__reading")
    )


def in_hand(item: DocumentItem) -> bool:
    return item.issued is not None and all(s.get("done") for s in item.steps)


def alerts(owner: Any, on: date, submit: date) -> list[str]:
    out: list[str] = []
    for item in DocumentItem.objects.filter(
        owner=owner, issued__isnull=False, valid_months__isnull=False
    ):
        out += documents.alerts(item.name, item.issued, item.valid_months, on, submit)
    return out


def update(
    item: DocumentItem,
    *,
    issued: date | None,
    issuer: str,
    contact: str,
    done: dict[int, date | None],
) -> None:
    item.issued = issued
    item.issuer = issuer
    item.contact = contact
    for i, step in enumerate(item.steps):
        if i in done:
            value = done[i]
            step["done"] = value.isoformat() if value else None
    item.save()


def attach(
    owner: Any, item: DocumentItem, vault: Vault, name: str, data: bytes
) -> vault_service.Ingested:
    result = vault_service.ingest(owner, vault, name, data)
    if result.status != "refused":
        item.files.add(VaultFile.objects.get(owner=owner, object_id=result.object_id))
    return result


def suggested_issue(item: DocumentItem) -> tuple[date, str] | None:
    """For an item with no issue date yet: the date on one of its files (as the physician
    confirmed it, else as read), with the file's name, to offer, never to assume."""
    if item.issued is not None or item.pk is None:
        return None
    for vf in item.files.all():
        reading = getattr(vf, "reading", None)
        if reading is None:
            continue
        value = reading.confirmed.get("issued") or reading.suggested.get("issued", {}).get("value")
        if value:
            return date.fromisoformat(value), vf.name
    return None


def checklist(owner: Any, on: date) -> list[DocumentItem]:
    """What :func:`sync` would give, written nowhere (for pages a GET shows): the stored
    items, each with its need's current validity, then each need not recorded yet as an
    unsaved item (``pk`` None) that :func:`record` stores when the person acts on it."""
    src = from_store(owner)
    packs = pack_files.load_packs()
    report = engine.assess(src.profile, packs, on)
    stored = list(
        DocumentItem.objects.filter(owner=owner).prefetch_related("files", "files__reading")
    )
    have = {d.key: d for d in stored}
    new = []
    for need in documents.needed(report, packs):
        item = have.get(need.key)
        if item is None:
            new.append(
                DocumentItem(
                    owner=owner,
                    key=need.key,
                    name=need.name,
                    jurisdiction=need.jurisdiction,
                    steps=[{"step": s, "done": None} for s in need.steps],
                    valid_months=need.valid_months,
                    kind=need.kind or "",
                )
            )
        else:
            item.valid_months = need.valid_months  # shown as the pack has it now
            item.kind = item.kind or need.kind or ""
    return [*stored, *new]


def record(owner: Any, key: str, on: date) -> DocumentItem | None:
    """The stored item for a need, stored now if it was not (None: no such need)."""
    sync(owner, on)
    return DocumentItem.objects.filter(owner=owner, key=key).first()
