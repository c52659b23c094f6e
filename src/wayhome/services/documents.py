"""The document checklist, kept in step with the plan: each target's documents (a document
several targets ask for is one record, matched by kind), each step's date.

- :func:`listing`: the checklist for a page (a GET writes nothing): each document with
  the records that hold it (an unsaved one when none is stored yet), each target's
  section, and the records no target or guide item asks for any more;
- :func:`sync`: every document given a record, each record's steps and validity
  brought in step with what is asked now;
- :func:`record`: the record for a document, stored now if it was not.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct, field

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import DocumentItem, VaultFile
from wayhome.adapters.vault.storage import Vault
from wayhome.core.evidence import documents, per_target
from wayhome.core.rules import engine
from wayhome.core.rules.report import DocumentStatus
from wayhome.services import vault as vault_service
from wayhome.services.source import from_store


class Entry(Struct):
    """One document: what asks for it, the records that hold it, how each target judges
    the one held."""

    requirement: per_target.Requirement
    records: list[DocumentItem]  # stored ones, else one unsaved (pk None)
    serves: str  # its targets in words ("India, Dubai Health Authority (DHA)")
    statuses: list[tuple[str, DocumentStatus]] = field(default_factory=list)  # per target
    step_whom: dict[str, str] = field(default_factory=dict)  # step text -> for whom
    validity_for: str = ""  # whose validity is the shortest, in words
    lead_time_for: str = ""  # whose lead time is the longest, in words
    notes: list[tuple[str, str]] = field(default_factory=list)  # (whose, note)


class Listing(Struct):
    checklist: per_target.Checklist
    entries: dict[str, Entry]  # by requirement key, in the checklist's order
    others: list[DocumentItem]  # records nothing asks for now (a target since dropped)

    def of(self, keys: tuple[str, ...]) -> list[Entry]:
        return [self.entries[k] for k in keys]


def _plan(owner: Any, on: date) -> tuple[per_target.Checklist, Any]:
    src = from_store(owner)
    packs = pack_files.load_packs()
    report = engine.assess(src.profile, packs, on)
    return per_target.checklist(report, packs, src.profile.targets), report


def holds(req: per_target.Requirement, item: DocumentItem) -> bool:
    """Whether a record holds this document: the same kind, or (no kind) its own key."""
    if req.kind:
        return item.kind == req.kind or (not item.kind and item.key in req.keys)
    return item.key in req.keys


def _steps(req: per_target.Requirement, old: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The document's steps now, each with the date it was done if it was; a step no
    longer asked for is kept only when it was done."""
    done = {" ".join(str(s.get("step", "")).casefold().split()): s for s in old}
    out = []
    for step in req.steps:
        key = " ".join(step.text.casefold().split())
        before = done.pop(key, None)
        out.append({"step": step.text, "done": before.get("done") if before else None})
    return out + [s for s in done.values() if s.get("done")]


def _new(owner: Any, req: per_target.Requirement) -> DocumentItem:
    return DocumentItem(
        owner=owner,
        key=req.key,
        name=req.name,
        jurisdiction=(req.targets or ("",))[0],
        steps=_steps(req, []),
        valid_months=req.valid_months,
        kind=req.kind or "",
    )


def _bring_up_to_date(req: per_target.Requirement, item: DocumentItem) -> bool:
    """The record's steps, validity and kind as the document is asked for now; whether
    anything changed."""
    steps = _steps(req, list(item.steps))
    kind = item.kind or req.kind or ""
    if (steps, req.valid_months, kind) == (item.steps, item.valid_months, item.kind):
        return False
    item.steps, item.valid_months, item.kind = steps, req.valid_months, kind
    return True


def _stored(owner: Any) -> list[DocumentItem]:
    return list(
        DocumentItem.objects.filter(owner=owner).prefetch_related("files", "files__reading")
    )


def listing(owner: Any, on: date) -> Listing:
    """What :func:`sync` would give, written nowhere (for pages a GET shows): each
    document with its stored records as they would be brought up to date, or an unsaved
    one (``pk`` None) that :func:`record` stores when the person acts on it."""
    checklist, report = _plan(owner, on)
    stored = _stored(owner)
    used: set[int] = set()
    entries: dict[str, Entry] = {}
    status_of = {
        a.jurisdiction: {d.kind: d for d in reversed(a.documents) if d.kind}
        for a in report.assessments
    }
    for req in checklist.requirements:
        mine = [d for d in stored if d.pk not in used and holds(req, d)]
        used.update(d.pk for d in mine)
        for item in mine:
            _bring_up_to_date(req, item)  # shown as asked now; saved when acted on
        statuses = [
            (checklist.label(code), status_of[code][req.kind])
            for code in req.targets
            if req.kind and req.kind in status_of.get(code, {})
        ]
        words = checklist.label
        entries[req.key] = Entry(
            req,
            mine or [_new(owner, req)],
            ", ".join(words(c) for c in req.targets),
            statuses,
            {
                s.text: ", ".join(words(c) for c in s.sources)
                for s in req.steps
                if len(req.targets) > 1
            },
            ", ".join(words(c) for c in req.validity_from),
            ", ".join(words(c) for c in req.lead_time_from),
            [(words(c), note) for c, note in req.notes],
        )
    return Listing(checklist, entries, [d for d in stored if d.pk not in used])


def sync(owner: Any, on: date) -> list[DocumentItem]:
    """The owner's records: a new one for each document none holds, every record's steps
    and validity as asked now, what was recorded kept."""
    checklist, _ = _plan(owner, on)
    stored = _stored(owner)
    used: set[int] = set()
    for req in checklist.requirements:
        mine = [d for d in stored if d.pk not in used and holds(req, d)]
        used.update(d.pk for d in mine)
        if not mine:
            item = _new(owner, req)
            if not DocumentItem.objects.filter(owner=owner, key=item.key).exists():
                item.save()
        for item in mine:
            if _bring_up_to_date(req, item):
                item.save(update_fields=["steps", "valid_months", "kind"])
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


def record(owner: Any, key: str, on: date) -> DocumentItem | None:
    """The stored record of the document ``key`` names (its first, when several hold
    it), stored now if it was not, brought up to date (None: no such document)."""
    checklist, _ = _plan(owner, on)
    req = checklist.get(key)
    if req is None:
        return None
    sync(owner, on)
    return next((d for d in DocumentItem.objects.filter(owner=owner) if holds(req, d)), None)


def current(owner: Any, item: DocumentItem, on: date) -> DocumentItem:
    """A stored record with its steps as asked now (a form takes one field per step)."""
    sync(owner, on)
    item.refresh_from_db()
    return item
