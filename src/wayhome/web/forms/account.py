"""The account: its other sessions signed out, one or all; delete everything, confirmed
in words."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.services import account, signin
from wayhome.web.forms.base import ActionForm

CONFIRM_DELETE: Final = "delete everything"


class RevokeSessionForm(ActionForm):
    """One of the account's sessions signed out (named by signin.ref, never its key)."""

    session_ref = forms.CharField(max_length=64)

    def apply(self, owner: Any, on: date) -> str:
        if not signin.revoke(owner, self.session, self.cleaned_data["session_ref"]):
            self.add_error(
                None, "That session has ended already, or is this one: use Sign out for this one."
            )
            return ""
        return "That session is signed out: it must sign in again, and its vault is locked."


class RevokeOthersForm(ActionForm):
    def apply(self, owner: Any, on: date) -> str:
        ended = signin.revoke(owner, self.session)
        return (
            f"Signed out {ended} other session{'s' if ended != 1 else ''}; this one stays."
            if ended
            else "There was no other session to sign out."
        )


SESSION_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "revoke": RevokeSessionForm,
    "revoke-others": RevokeOthersForm,
}


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
