"""The home-country CV from what is stored: profile, procedure log, publications,
teaching, leadership and awards; headed for one target (the plan's first unless another
is chosen) and laid out as its pack says (core/cv/conventions.py).

A photograph comes from the vault: an image file decrypted in memory for the session
that unlocked it, handed to the exporter as bytes and never written anywhere
(:func:`photo_bytes`). The command line and the web app both call these.

Public surface: :func:`make`, :func:`stored`, :class:`Stored`, :func:`pdf_bytes`,
:func:`docx_bytes`, :func:`target`, :func:`photos`, :func:`photo_bytes`,
:func:`photo_from`, :func:`page`, :class:`CvPage`, :class:`PhotoError`.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from msgspec import Struct

from wayhome.adapters import packs as pack_files
from wayhome.adapters.db.models import VaultFile
from wayhome.core.cv.conventions import Followed, Target, target_of
from wayhome.core.cv.document import CV, build, json_resume
from wayhome.core.profile.model import Profile
from wayhome.core.rules.base import Source
from wayhome.services import activities, cases, publications
from wayhome.services.source import from_store

# A photograph is a JPEG or a PNG, told by its first bytes (not its name): what Typst and
# Word both place.
PHOTO_MAGIC: Final = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
PHOTO_TYPES: Final = ("image/jpeg", "image/png")


class PhotoError(Exception):
    """The photograph asked for cannot be used; the message says why."""


def target(profile: Profile, code: str | None = None) -> Target:
    """The target ``code`` names, else the plan's first (else the home country)."""
    return target_of((code or profile.targets[0]).upper(), pack_files.load_packs())


class Stored(Struct, frozen=True):
    """What the CV page and its downloads need, from one read of the stored profile: the
    plan's targets, first first (the ones a CV can be headed for: the page's choices),
    and the profile the CV is made from (:func:`page`, :func:`pdf_bytes`,
    :func:`docx_bytes`)."""

    owner: Any
    profile: Profile
    targets: list[Target]


def stored(owner: Any) -> Stored:
    """The stored profile, read once, with the plan's targets. Raises InvalidFileError
    with no stored profile."""
    profile = from_store(owner).profile
    packs = pack_files.load_packs()
    return Stored(owner, profile, [target_of(code, packs) for code in profile.targets])


def make(
    owner: Any, country: str | None = None, *, photo: bool = False, on: date | None = None
) -> tuple[CV, dict[str, Any]]:
    """The CV for ``country`` (else the plan's first target) and its JSON Resume form;
    ``photo``: one goes on it where the target allows; ``on``: the day it is made.
    Raises InvalidFileError with no stored profile."""
    profile = from_store(owner).profile
    return _made(owner, profile, target(profile, country), photo=photo, on=on)


def _made(
    owner: Any, profile: Profile, chosen: Target, *, photo: bool, on: date | None
) -> tuple[CV, dict[str, Any]]:
    counted = cases.totals_of(owner)  # the stored totals: no row of the log is read
    papers = publications.publications(owner)
    roles = activities.activities(owner)
    cv = build(
        profile,
        counted if counted.procedures else None,
        papers,
        activities=roles,
        target=chosen,
        photo=photo,
        on=on,
    )
    return cv, json_resume(cv, profile, papers, roles)


def _file(read: Stored, country: str | None, photo: bytes | None, on: date) -> CV:
    """The CV a download holds: for ``country`` (else the plan's first target), with the
    photograph when one is given."""
    made, _ = _made(
        read.owner, read.profile, target(read.profile, country), photo=photo is not None, on=on
    )
    return made


def pdf_bytes(
    read: Stored, on: date, country: str | None = None, photo: bytes | None = None
) -> bytes:
    """The CV as PDF (Typst loads here, where it is used)."""
    from wayhome.adapters.exporters import cv as cv_export

    made = _file(read, country, photo, on)
    return cv_export.pdf(made, on, photo)


def docx_bytes(
    read: Stored, on: date, country: str | None = None, photo: bytes | None = None
) -> bytes:
    """The CV as an editable Word document."""
    from wayhome.adapters.exporters import cv_docx

    made = _file(read, country, photo, on)
    return cv_docx.docx(made, photo)


def photos(owner: Any) -> list[VaultFile]:
    """The stored image files a photograph can be chosen from, newest first."""
    return list(
        VaultFile.objects.filter(owner=owner, media_type__in=PHOTO_TYPES).order_by("-received")
    )


def photo_bytes(owner: Any, session: str | None, file_id: int) -> bytes:
    """Stored file ``file_id``, decrypted in memory with the vault this session unlocked
    (the command line opens one itself: :func:`photo_from`). PhotoError when it is not
    the owner's, not a JPEG or PNG, or the vault is locked."""
    from wayhome.services import vault_access

    vault = vault_access.opened(owner, session)
    if vault is None:
        raise PhotoError("the vault is locked: unlock it to put a photograph on your CV")
    return photo_from(owner, vault, file_id)


def photo_from(owner: Any, vault: Any, file_id: int) -> bytes:
    """Stored file ``file_id`` read from an opened ``vault``, checked to be a photograph."""
    from wayhome.adapters.vault.storage import CorruptObjectError

    found = VaultFile.objects.filter(owner=owner, pk=file_id).first()
    if found is None:
        raise PhotoError(f"there is no stored file {file_id}")
    try:
        data: bytes = vault.get(found.object_id)
    except (CorruptObjectError, OSError) as e:
        raise PhotoError(f"{found.name} could not be read: {e}") from None
    if not any(data.startswith(magic) for magic in PHOTO_MAGIC):
        raise PhotoError(f"{found.name} is not a photograph (a JPEG or PNG image)")
    return data


class Cited(Struct, frozen=True):
    """A source a convention cites, as the CV page names it."""

    id: str
    title: str
    url: str | None
    grade: str


class CvPage(Struct, frozen=True):
    """The CV page for one target: the CV as it would be made, and what it follows (each
    with its sources)."""

    target: Target
    cv: CV
    sources: dict[str, Cited]

    @property
    def rows(self) -> list[tuple[Followed, list[Cited]]]:
        """Each convention the CV follows, with the sources it cites."""
        return [(f, [self.sources[s] for s in f.sources]) for f in self.cv.followed]


def page(read: Stored, code: str | None, on: date, *, photo: bool = False) -> CvPage:
    """The CV page for target ``code`` (else the plan's first), from the profile as
    :func:`stored` read it for the page's form."""
    chosen = target(read.profile, code)
    made, _ = _made(read.owner, read.profile, chosen, photo=photo, on=on)
    return CvPage(chosen, made, _cited(chosen))


def _cited(chosen: Target) -> dict[str, Cited]:
    pack = next((p for p in pack_files.load_packs() if p.code == chosen.pack), None)
    if pack is None or pack.cv is None:
        return {}
    found: dict[str, Source] = {s: pack.sources[s] for s in pack.cv.sources()}
    return {k: Cited(k, s.title, s.url, s.grade.value) for k, s in found.items()}
