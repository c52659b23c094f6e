"""The file field of every upload form: a file over the upload limit is refused in
words before anything reads it into memory (the limit is the vault's,
``WAYHOME_VAULT_MAX_MB``, 50 MB by default). A request far over it never reaches a
form: wayhome.web.security.UploadLimitMiddleware answers first, and waitress reads
no more than that (services/serve.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from wayhome.services import serve


class UploadField(forms.FileField):
    def validate(self, value: Any) -> None:
        super().validate(value)
        limit = serve.upload_limit()
        if value is not None and value.size is not None and value.size > limit:
            raise forms.ValidationError(
                f"{value.name} is {value.size / 1024**2:,.1f} MB, over the "
                f"{limit // 1024**2} MB Wayhome takes (WAYHOME_VAULT_MAX_MB sets the limit)",
                code="too_large",
            )
