"""The one ownership check every view and query goes through.

:func:`owned` answers 404 for another account's objects; the helpers below name the
objects the views fetch, so that no view needs the storage models itself.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from wayhome.adapters.db.models import (
    ContactRecord,
    Correspondence,
    DocumentItem,
    StoredProfile,
    VaultFile,
)

M = TypeVar("M", bound=Model)


def owned(request: HttpRequest, model: type[M], **lookup: Any) -> M:
    """The object if it belongs to the signed-in account; otherwise 404 (not 403, so
    that another account's objects cannot even be shown to exist). A text holding a NUL
    (a posted id) names none, on every database: PostgreSQL cannot even look one up."""
    if any(isinstance(v, str) and "\x00" in v for v in lookup.values()):
        raise Http404
    return get_object_or_404(model, owner=request.user, **lookup)


def profile(request: HttpRequest, pk: int | None = None) -> StoredProfile:
    """The signed-in account's stored profile (``pk``: the one in the URL)."""
    return owned(request, StoredProfile) if pk is None else owned(request, StoredProfile, pk=pk)


def profile_or_none(request: HttpRequest) -> StoredProfile | None:
    """The signed-in account's stored profile, if it has one yet."""
    lookup: dict[str, Any] = {"owner": request.user}
    return StoredProfile.objects.filter(**lookup).first()


def question(request: HttpRequest, pk: int, cid: int) -> Correspondence:
    profile(request, pk)
    return owned(request, Correspondence, pk=cid)


def document(request: HttpRequest, pk: int, did: int) -> DocumentItem:
    profile(request, pk)
    return owned(request, DocumentItem, pk=did)


def contact(request: HttpRequest, pk: int, contact_id: str) -> str:
    """The id of the signed-in account's contact (a form posts it); 404 for any other."""
    profile(request, pk)
    return owned(request, ContactRecord, contact_id=contact_id).contact_id


def stored_file(request: HttpRequest, pk: int, fid: int) -> VaultFile:
    profile(request, pk)
    return owned(request, VaultFile, pk=fid)
