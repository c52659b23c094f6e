"""The account: delete everything, confirmed in words."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.services import account
from wayhome.web.forms.base import ActionForm

CONFIRM_DELETE: Final = "delete everything"


class DeleteEverythingForm(ActionForm):
    confirm = forms.CharField(required=False)

    def clean_confirm(self) -> str:
        typed = str(self.cleaned_data.get("confirm", ""))
        if typed.strip().lower() != CONFIRM_DELETE:
            raise forms.ValidationError(f"Type “{CONFIRM_DELETE}” to confirm.")
        return typed

    def apply(self, owner: Any, on: date) -> str:
        account.delete_everything(owner)
        return "Everything is deleted."
