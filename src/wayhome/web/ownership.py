"""The one ownership check every view and query goes through."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


def owned(request: HttpRequest, model: type[M], **lookup: Any) -> M:
    """The object if it belongs to the signed-in account; otherwise 404 (not 403, so
    that another account's objects cannot even be shown to exist)."""
    return get_object_or_404(model, owner=request.user, **lookup)
