"""The names-and-dates check over the owner's stored files and profile.

What each file says comes from what the physician confirmed of it, else from what
was read in it (marked as not checked). Run before any packet is built: a name or
date that differs between documents is the commonest reason a verification
comes back with "discrepancies".

:func:`checked` also says how much was compared, so that "names and dates agree" is
said only when a document's name or date was compared with something: with no file
stored, or none read yet, the physician is told that nothing was compared and why.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from msgspec import Struct

from wayhome.adapters.db.models import DocumentItem, VaultFile
from wayhome.core.evidence import consistency
from wayhome.services.source import from_store

DATE_KEYS = consistency.DATE_FIELDS


def label(vf: VaultFile, items: dict[int, str]) -> str:
    """How to name a file to the physician: its checklist item, and its own name."""
    item = items.get(vf.pk)
    return f"{item} ({vf.name})" if item else vf.name


def item_names(owner: Any) -> dict[int, str]:
    """file id -> the checklist item it is attached to (the first one)."""
    out: dict[int, str] = {}
    for item in DocumentItem.objects.filter(owner=owner).prefetch_related("files"):
        for f in item.files.all():
            out.setdefault(f.pk, item.name)
    return out


def readings(owner: Any) -> list[consistency.Reading]:
    """One reading of what each file says as confirmed, and one of what was read and
    not yet checked (for the fields not confirmed)."""
    items = item_names(owner)
    out: list[consistency.Reading] = []
    files = VaultFile.objects.filter(owner=owner, reading__isnull=False)
    for vf in files.select_related("reading").order_by("id"):
        r = vf.reading
        confirmed = dict(r.confirmed)
        suggested = {k: v["value"] for k, v in r.suggested.items() if k not in confirmed}
        for values, checked in ((confirmed, True), (suggested, False)):
            holder = values.get("holder") or None
            found = {k: date.fromisoformat(values[k]) for k in DATE_KEYS if values.get(k)}
            if holder or found:
                out.append(consistency.Reading(label(vf, items), holder, found, checked))
    return out


def check(owner: Any) -> list[consistency.Mismatch]:
    return checked(owner).found


class Checked(Struct, frozen=True):
    """The check's differences, and what there was to compare."""

    found: list[consistency.Mismatch]
    files: int  # stored files
    unread: int  # stored files not read yet, nothing typed for them either
    compared: int  # documents whose name or a date was compared with something

    @property
    def state(self) -> str:
        """ "differ", "agree", or "nothing" (nothing was compared: no "agree" then)."""
        if self.found:
            return "differ"
        return "agree" if self.compared else "nothing"

    @property
    def summary(self) -> str:
        """What the check found, in one or two plain sentences (the same in both shells)."""
        if self.found:
            return f"{_count(len(self.found), 'difference')} between your documents and profile."
        if not self.files:
            return (
                "Nothing compared yet: no document's file is stored. Add your documents' "
                "files, and the names and dates on them are compared with your profile."
            )
        if not self.compared:
            if self.unread:
                why = f"{_count(self.unread, 'stored file')} not read yet"
                todo = "Unlock the vault so they are read, or type"
            else:
                why = f"no name or date was found in your {_count(self.files, 'stored file')}"
                todo = "Type"
            return (
                f"Nothing compared yet: {why}. {todo} the name and dates printed on each "
                "document, and they are compared with your profile."
            )
        agree = (
            f"Names and dates agree across {_count(self.compared, 'document')} and your "
            "profile, as far as they were read or entered."
        )
        if self.unread:
            agree += (
                f" Not included: {_count(self.unread, 'stored file')} not read yet "
                "(unlock the vault so they are read)."
            )
        return agree


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _compared(values: dict[str, consistency.ProfileValue], found: list[consistency.Reading]) -> int:
    """How many documents have a name or date that was compared: with the profile's
    value (a training date with its periods), or with another document's."""
    having: dict[str, set[str]] = {}
    for r in found:
        keys = [*r.dates, *(["name"] if r.holder and r.holder.strip() else [])]
        for key in keys:
            having.setdefault(key, set()).add(r.source)
    compared: set[str] = set()
    for key, sources in having.items():
        in_profile = key in values or (
            key in ("training_start", "training_end") and consistency.TRAINING in values
        )
        if in_profile or len(sources) > 1:
            compared |= sources
    return len(compared)


def _unread(owner: Any) -> int:
    """Stored files with nothing read and nothing typed: not read yet, or waiting for
    the vault to be unlocked."""
    count = 0
    for vf in VaultFile.objects.filter(owner=owner).select_related("reading"):
        r = getattr(vf, "reading", None)
        if r is None or (r.status in ("queued", "locked") and not r.confirmed):
            count += 1
    return count


def checked(owner: Any) -> Checked:
    """The names-and-dates check, with how many files there were and were compared."""
    values = consistency.profile_values(from_store(owner).profile)
    found = readings(owner)
    return Checked(
        found=consistency.check(values, found),
        files=VaultFile.objects.filter(owner=owner).count(),
        unread=_unread(owner),
        compared=_compared(values, found),
    )


def mismatch_json(m: consistency.Mismatch) -> dict[str, Any]:
    return {
        "field": m.field,
        "kind": m.kind,
        "expected": m.expected,
        "expected_source": m.expected_source,
        "found": m.found,
        "found_source": m.found_source,
        "why": m.why,
        "confirmed": m.confirmed,
    }
