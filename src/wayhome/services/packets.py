"""Exports from the vault: the evidence bundle (every stored file) and a regulator
packet (the documents picked for one target, in its pack's order, each
translation beside its original). Both are zips with a SHA-256 list that
`sha256sum -c` checks, and an index PDF.

A packet can then be marked sent (:func:`mark_sent`, with the day it went), keeping a
copy of what it held; :func:`sent_packets` lists them (the dashboard's readiness takes
a sent packet as evidence).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import replace

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import DocumentItem, Evidence, SentPacket, VaultFile
from wayhome.adapters.exporters import bundle
from wayhome.adapters.vault.storage import Vault
from wayhome.core.common import dates
from wayhome.core.evidence.per_target import target_label
from wayhome.services import consistency
from wayhome.services import documents as document_service
from wayhome.services.source import from_store


class PacketError(Exception):
    """The packet cannot be built as asked; the message says why and what to do."""


def _entry(vault: Vault, vf: VaultFile, title: str, group: str, note: str = "") -> bundle.Entry:
    return bundle.Entry(
        title=title,
        name=vf.name,
        read=lambda: vault.get(vf.object_id),
        sha256=vf.sha256,
        media_type=vf.media_type,
        received=vf.received,
        group=group,
        note=note,
    )


def _link_translations(entries: list[bundle.Entry], files: list[VaultFile]) -> list[bundle.Entry]:
    """Point each translation at its original's place in the list, when both are in it."""
    index = {vf.pk: i for i, vf in enumerate(files)}
    out = []
    for entry, vf in zip(entries, files, strict=True):
        original = index.get(vf.translation_of_id) if vf.translation_of_id else None
        if original is not None:
            note = f"translation of {files[original].name}"
            entry = replace(entry, translation_of=original, note=note)
        out.append(entry)
    return out


def bundle_files(owner: Any, vault: Vault) -> tuple[list[bundle.Entry], list[VaultFile]]:
    """Every stored file: the checklist's documents first, then the correspondence's
    evidence, then anything else."""
    items = consistency.item_names(owner)
    about: dict[int, tuple[str, str]] = {}
    for e in Evidence.objects.filter(owner=owner).select_related("correspondence"):
        c = e.correspondence
        subject = (e.headers or {}).get("subject")
        title = f"Email: {subject}" if subject else f"Evidence: {c.question[:80]}"
        about.setdefault(e.vault_file_id, (title, f"Correspondence: {c.jurisdiction}"))
    files = list(VaultFile.objects.filter(owner=owner).order_by("id"))

    def rank(vf: VaultFile) -> int:
        return 0 if vf.pk in items else 1 if vf.pk in about else 2

    files.sort(key=rank)
    entries = []
    for vf in files:
        if vf.pk in items:
            entries.append(_entry(vault, vf, items[vf.pk], "Documents"))
        elif vf.pk in about:
            entries.append(_entry(vault, vf, *about[vf.pk]))
        else:
            entries.append(_entry(vault, vf, vf.name, "Other files"))
    return _link_translations(entries, files), files


def write_bundle(owner: Any, vault: Vault, out: Path, on: date) -> Path:
    entries, _ = bundle_files(owner, vault)
    if not entries:
        raise PacketError("the vault is empty: add files first (`wayhome vault import FOLDER`)")
    name = from_store(owner).profile.person.name
    return bundle.write(
        out,
        entries,
        title="Evidence bundle",
        subtitle=f"Every file {name} stored in Wayhome",
        made_on=on,
        cover_lines=(f"{len(entries)} files, as stored, each checked against its SHA-256.",),
    )


def target_labels() -> dict[str, str]:
    """Every pack's code and its target in a few words ("India")."""
    return {p.code: target_label(p) for p in pack_files.load_packs()}


def _target(code: str) -> None:
    packs = {p.code for p in pack_files.load_packs()}
    if code not in packs:
        raise PacketError(f"there is no rule pack {code}: see `wayhome packs list`")


class Contents(Struct, frozen=True):
    """What a target's packet would hold: its documents' stored records that have a file,
    in the order its pack lists them (a document it shares with another target included),
    and the names of the documents no stored file holds yet."""

    items: list[DocumentItem]
    without_file: list[str]
    # The target's pack lists no document for this person (Your documents says "none
    # listed"): why, in words; "" when it lists some.
    none_listed: str = ""


def contents(owner: Any, code: str, on: date) -> Contents:
    """The target's packet as it would be built now, from one listing of the documents."""
    _target(code)
    listing = document_service.listing(owner, on)
    items: list[DocumentItem] = []
    without_file: list[str] = []
    for req in listing.checklist.for_target(code):
        with_file = [
            d for d in listing.entries[req.key].records if d.pk is not None and d.files.exists()
        ]
        items.extend(with_file)
        if not with_file:
            without_file.append(req.name)
    target = next((t for t in listing.checklist.targets if t.code == code), None)
    none_listed = ""
    if target is not None and not target.keys:
        none_listed = (
            "its pack has no published list of documents for your case: ask the regulator "
            "(the questions are on Your documents)"
            if target.questions
            else "none of its pack's lists of documents applies to your case"
        )
    return Contents(items, without_file, none_listed)


def packet_items(owner: Any, code: str, on: date) -> list[DocumentItem]:
    """The target's documents that have a stored file, in the order its pack lists them."""
    return contents(owner, code, on).items


def _picked(owner: Any, code: str, keys: Sequence[str] | None, on: date) -> list[DocumentItem]:
    """The records picked for the packet (all with a file when ``keys`` is None)."""
    items = packet_items(owner, code, on)
    if keys is not None:
        known = {d.key: d for d in items}
        unknown = [k for k in keys if k not in known]
        if unknown:
            have = ", ".join(known) or "none yet: attach files on the documents page"
            raise PacketError(
                f"no stored document {', '.join(unknown)} for {code}; the ones with files: {have}"
            )
        items = [d for d in items if d.key in set(keys)]
    if not items:
        raise PacketError(
            f"none of the documents {code} asks for has a stored file yet: "
            "attach scans on the documents page, or with `wayhome vault set`"
        )
    return items


def _packed_files(items: Sequence[DocumentItem]) -> list[tuple[DocumentItem, VaultFile]]:
    """Each record's files as a packet holds them: originals, each followed by its
    translations; a file in two records once."""
    out: list[tuple[DocumentItem, VaultFile]] = []
    seen: set[int] = set()
    for d in items:
        originals = [f for f in d.files.order_by("id") if f.translation_of_id is None]
        for vf in originals or list(d.files.order_by("id")):
            for f in [vf, *vf.translations.order_by("id")]:
                if f.pk not in seen:
                    seen.add(f.pk)
                    out.append((d, f))
    return out


def write_packet(
    owner: Any, vault: Vault, code: str, keys: Sequence[str] | None, out: Path, on: date
) -> Path:
    """The packet for one regulator: the chosen items (all with a file when ``keys`` is
    None), originals then their translations, with a cover index."""
    items = _picked(owner, code, keys, on)
    entries: list[bundle.Entry] = []
    files: list[VaultFile] = []
    for d, f in _packed_files(items):
        files.append(f)
        entries.append(_entry(vault, f, d.name, d.name))
    pack = next(p for p in pack_files.load_packs() if p.code == code)
    check = consistency.checked(owner)
    profile = from_store(owner).profile
    check_line = (
        f"Names and dates check, {dates.fmt(on)}: "
        + {
            "differ": f"{len(check.found)} difference(s) found.",
            "agree": f"names and dates agree across {check.compared} document(s) and the profile.",
            "nothing": "not run: nothing could be compared yet.",
        }[check.state]
    )
    return bundle.write(
        out,
        _link_translations(entries, files),
        title=f"Documents for {pack.name}",
        subtitle=f"{profile.person.name}",
        made_on=on,
        cover_lines=(f"{len(items)} documents, in the order the regulator lists them.", check_line),
    )


def zip_bytes(
    owner: Any,
    vault: Vault,
    on: date,
    *,
    code: str | None = None,
    keys: Sequence[str] | None = None,
) -> bytes:
    """The packet for ``code`` (the chosen ``keys``, else every item with a file) or,
    with no code, the evidence bundle; as bytes, built in the data folder's own
    temporary place (never the system's: the zip holds decrypted documents, and what a
    killed run leaves there is swept)."""
    from wayhome.adapters import scratch
    from wayhome.services.vault import data_dir

    with scratch.temp_path(data_dir(), ".zip") as out:
        try:
            if code is None:
                write_bundle(owner, vault, out, on)
            else:
                write_packet(owner, vault, code, keys or None, out, on)
        except bundle.BundleError as e:
            raise PacketError(str(e)) from None
        return out.read_bytes()


# --- packets sent -------------------------------------------------------------------


class Sent(Struct, frozen=True):
    """A packet marked sent: to which target, on which day, and what it held."""

    id: int
    code: str  # the target's pack code
    target: str  # the target in a few words
    sent: date
    note: str
    documents: tuple[dict[str, Any], ...]  # {"key", "name", "kind", "files": [{name, sha256}]}

    @property
    def kinds(self) -> tuple[str, ...]:
        """The document kinds it held (a document with no kind left out)."""
        return tuple(dict.fromkeys(d["kind"] for d in self.documents if d.get("kind")))

    @property
    def said(self) -> str:
        """What both shells say once it is marked ("Packet for India marked sent on
        30 Jun 2024, with 2 documents.")."""
        n = len(self.documents)
        return (
            f"Packet for {self.target} marked sent on {dates.fmt(self.sent)}, "
            f"with {n} document{'s' if n != 1 else ''}."
        )


def mark_sent(
    owner: Any,
    code: str,
    keys: Sequence[str] | None,
    sent: date,
    on: date,
    note: str = "",
) -> Sent:
    """Record that the packet of ``keys`` (every record with a file when None) went to
    ``code`` on ``sent``, with a copy of what it held: each document's name and kind, and
    its files' names and SHA-256 as the zip carries them."""
    if sent > on:
        raise PacketError(
            f"{dates.fmt(sent)} is still to come: give the day you sent it (today or before)"
        )
    items = _picked(owner, code, keys, on)
    held: dict[int, dict[str, Any]] = {}
    for d, f in _packed_files(items):
        doc = held.setdefault(
            d.pk, {"key": d.key, "name": d.name, "kind": d.kind or None, "files": []}
        )
        doc["files"].append({"name": f.name, "sha256": f.sha256})
    row = SentPacket.objects.create(
        owner=owner, code=code, sent=sent, contents=list(held.values()), note=note[:300]
    )
    return _sent(row)


def _sent(row: SentPacket) -> Sent:
    pack = next((p for p in pack_files.load_packs() if p.code == row.code), None)
    return Sent(
        row.pk,
        row.code,
        target_label(pack) if pack else row.code,
        row.sent,
        row.note,
        tuple(row.contents),
    )


def sent_packets(owner: Any) -> list[Sent]:
    """Every packet the owner marked sent, the latest first: its target's code, the day
    it was sent and the document kinds it held (``Sent.kinds``), with its documents."""
    return [_sent(row) for row in SentPacket.objects.filter(owner=owner)]
