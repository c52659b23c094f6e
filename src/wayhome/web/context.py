"""What every page's template is given: whether this session's vault is unlocked, for
the header's Lock button and the upload forms (which need it unlocked)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from wayhome.services import vault_access


def vault(request: HttpRequest) -> dict[str, Any]:
    signed_in = getattr(request, "user", None)
    if signed_in is None or not signed_in.is_authenticated:
        return {}
    # Asking does not restart the idle clock: only using the vault does.
    return {"vault_unlocked": vault_access.is_open(signed_in, request.session.session_key)}
