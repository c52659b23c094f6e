"""Reading stored files: their own text, or OCR of a scan, and what that text suggests
(the date a letter was issued, when it expires, whose name it bears).

The web app queues each new file for the background worker (a queue kept in the
database, run by `wayhome serve`); the command line reads at once. Either way the
text is sealed with the vault's key before it is stored: a scan of a diploma
is no less private once it has been read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, Final

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from msgspec.structs import asdict

from wayhome.adapters.db.models import FileReading, VaultFile
from wayhome.adapters.vault.storage import CorruptObjectError, Vault
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.services import unlocked

if TYPE_CHECKING:
    from wayhome.core.evidence.suggest import Suggestions
from wayhome.services.source import from_store

# Tesseract's language for a home country's documents, beside English.
OCR_LANGUAGES: Final = {
    "AE": "ara", "BR": "por", "CN": "chi_sim", "DE": "deu", "EG": "ara", "ES": "spa",
    "FR": "fra", "GR": "ell", "ID": "ind", "IR": "fas", "IT": "ita", "JO": "ara",
    "JP": "jpn", "KR": "kor", "KW": "ara", "LB": "ara", "MX": "spa", "PK": "urd",
    "PL": "pol", "PT": "por", "QA": "ara", "RO": "ron", "RU": "rus", "SA": "ara",
    "TH": "tha", "TR": "tur", "TW": "chi_tra", "UA": "ukr", "VN": "vie",
}  # fmt: skip
# What a physician can confirm of a file: the holder's name and the dates on it.
FIELDS: Final = {
    "holder": "Name as printed",
    "born": "Date of birth",
    "graduated": "Graduated",
    "training_start": "Training from",
    "training_end": "Training to",
    "issued": "Issued",
    "expires": "Expires",
}


def languages(owner: Any) -> str:
    try:
        home = from_store(owner).profile.home_country
    except InvalidFileError:  # no profile yet, or one that does not load: English still works
        return "eng"
    extra = OCR_LANGUAGES.get(home)
    return f"eng+{extra}" if extra else "eng"


def queue(owner: Any, files: Iterable[VaultFile]) -> int:
    """Put a job on the background queue for each file; returns how many. Callers pass
    only files with no job waiting (``never_queued``, or ``resume``'s locked ones), so a
    file is never read twice over."""
    count = 0
    for vf in files:
        FileReading.objects.update_or_create(
            owner=owner, vault_file=vf, defaults={"status": "queued"}
        )
        transaction.on_commit(partial(read_file.enqueue, owner.pk, vf.pk))
        count += 1
    return count


def resume(owner: Any) -> int:
    """After the vault is unlocked: queue again what was waiting for it. (Files still
    "queued" have their job in the queue, which outlives a restart.)"""
    waiting = VaultFile.objects.filter(owner=owner, reading__status="locked").order_by("id")
    return queue(owner, waiting)


def never_queued(owner: Any) -> list[VaultFile]:
    return list(VaultFile.objects.filter(owner=owner, reading__isnull=True).order_by("id"))


def unread(owner: Any) -> list[VaultFile]:
    return list(
        VaultFile.objects.filter(owner=owner).exclude(reading__status="done").order_by("id")
    )


@task()
def read_file(owner_id: int, file_id: int) -> str:
    """The background job: read one file if its owner's vault is unlocked (in any of the
    owner's signed-in sessions)."""
    vf = VaultFile.objects.filter(pk=file_id, owner_id=owner_id).first()
    if vf is None:
        return "gone"
    vault = unlocked.for_owner(owner_id)
    if vault is None:
        FileReading.objects.filter(vault_file=vf).update(status="locked")
        return "locked"
    return read_now(vault, vf, languages(vf.owner)).status


def read_now(vault: Vault, vf: VaultFile, langs: str = "eng") -> FileReading:
    """Read a file now: decrypt, extract its text (OCR if it is a scan), suggest, store."""
    # OCR and date parsing load slowly: only where a file is read, not at start-up.
    from wayhome.adapters import ocr
    from wayhome.core.evidence import suggest

    reading, _ = FileReading.objects.get_or_create(owner=vf.owner, vault_file=vf)
    try:
        data = vault.get(vf.object_id)
    except (CorruptObjectError, OSError) as e:
        reading.status, reading.notes = "failed", [f"the stored file could not be read: {e}"]
        reading.save()
        return reading
    extracted = ocr.extract_text(data, vf.media_type, languages=langs)
    found = suggest.suggest(extracted.text)
    reading.status = "done"
    reading.method = extracted.method
    reading.pages = extracted.pages
    reading.notes = list(extracted.notes)
    reading.text = vault.seal(extracted.text.encode("utf-8"), vf.object_id)
    reading.suggested = _suggested_json(found)
    reading.read_at = timezone.now()
    reading.save()
    return reading


def read_all(
    owner: Any, vault: Vault, files: Iterable[VaultFile], step: Callable[[FileReading], None]
) -> list[FileReading]:
    langs = languages(owner)
    out = []
    for vf in files:
        reading = read_now(vault, vf, langs)
        out.append(reading)
        step(reading)
    return out


def confirm(reading: FileReading, values: Mapping[str, str | date | None]) -> None:
    """Record what the physician checked; an empty value removes it."""
    kept = dict(reading.confirmed)
    for key in FIELDS:
        if key not in values:
            continue
        value = values[key]
        if value in (None, ""):
            kept.pop(key, None)
        else:
            kept[key] = value.isoformat() if isinstance(value, date) else str(value).strip()
    reading.confirmed = kept
    reading.save(update_fields=["confirmed"])


def _suggested_json(found: Suggestions) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in ("issued", "expires", "holder", "graduated", "training_start", "training_end"):
        item = getattr(found, key)
        if item is None:
            continue
        value = item.value.isoformat() if isinstance(item.value, date) else item.value
        out[key] = {**asdict(item), "value": value}
    return out


class NotFoundError(Exception):
    """No such file among the owner's."""


def all_files(owner: Any) -> list[VaultFile]:
    return list(VaultFile.objects.filter(owner=owner).select_related("reading").order_by("id"))


def owned_file(owner: Any, file_id: int) -> VaultFile:
    vf = VaultFile.objects.filter(owner=owner, pk=file_id).first()
    if vf is None:
        raise NotFoundError(f"there is no stored file number {file_id}: see `wayhome vault list`")
    return vf


def set_facts(owner: Any, file_id: int, values: Mapping[str, str | date | None]) -> None:
    """Record what a file says, as the physician checked it. A value left out (None)
    is not touched; an empty string removes what was recorded."""
    vf = owned_file(owner, file_id)
    given = {k: v for k, v in values.items() if v is not None}
    if given:
        # Not read yet: it waits for the vault like any file (resume() queues it).
        reading, _ = FileReading.objects.get_or_create(
            owner=owner, vault_file=vf, defaults={"status": "locked"}
        )
        confirm(reading, given)


def set_translation(owner: Any, file_id: int, original_id: int | None) -> None:
    """Mark a file as the translation of another (None: it translates nothing)."""
    vf = owned_file(owner, file_id)
    if original_id == file_id:
        raise NotFoundError("a file cannot be its own translation")
    vf.translation_of = owned_file(owner, original_id) if original_id is not None else None
    vf.save(update_fields=["translation_of"])


def status(vf: VaultFile) -> str:
    reading = getattr(vf, "reading", None)
    return reading.status if reading else "not read"


def facts(vf: VaultFile) -> dict[str, Any]:
    """What the file says: the physician's values, else the suggestions (marked)."""
    reading = getattr(vf, "reading", None)
    if reading is None:
        return {}
    out: dict[str, Any] = {
        k: {"value": v["value"], "confirmed": False, "line": v.get("line", "")}
        for k, v in reading.suggested.items()
    }
    for k, v in reading.confirmed.items():
        out[k] = {"value": v, "confirmed": True, "line": ""}
    return out


def file_json(vf: VaultFile) -> dict[str, Any]:
    reading = getattr(vf, "reading", None)
    return {
        "id": vf.pk,
        "name": vf.name,
        "media_type": vf.media_type,
        "size": vf.size,
        "sha256": vf.sha256,
        "received": vf.received.isoformat(),
        "translation_of": vf.translation_of_id,
        "read": status(vf),
        "method": reading.method if reading else "",
        "notes": reading.notes if reading else [],
        "facts": facts(vf),
    }
