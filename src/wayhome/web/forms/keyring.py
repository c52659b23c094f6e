"""The vault's own page: made with a passphrase typed twice, unlocked and locked for
this session, a new passphrase (for a vault made without one, with the old one, or
with the recovery code), and the recovery code shown. A form that shows the code sets
``code``; the page shows it once and keeps it nowhere."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.services import passphrase, vault_access
from wayhome.web.forms.base import ActionForm

REFUSED: Final = (passphrase.PassphraseError, passphrase.VaultExistsError, vault_access.LockedError)


def secret(label: str, autocomplete: str = "new-password") -> forms.CharField:
    """A passphrase field: never shown again, never stripped (a space may be part of it);
    an empty one is refused by the policy, in its words."""
    return forms.CharField(
        label=label,
        required=False,
        strip=False,
        max_length=passphrase.MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class KeyringForm(ActionForm):
    refused = REFUSED
    code = ""  # the recovery code to show, when the action has one


class CreateVaultForm(KeyringForm):
    passphrase = secret("Passphrase")
    again = secret("The same passphrase again")

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        self.code = vault_access.create(owner, self.session, d["passphrase"], d["again"])
        return "Your vault is made, and unlocked for this session."


class UnlockForm(KeyringForm):
    passphrase = secret("Vault passphrase", "current-password")

    def apply(self, owner: Any, on: date) -> str:
        try:
            vault_access.unlock(owner, self.session, self.cleaned_data["passphrase"])
        except vault_access.LockedError as e:
            self.add_error(None, f"The vault stays locked: {e}.")
            return ""
        return (
            "Vault unlocked for this session until it goes unused for "
            f"{vault_access.idle_minutes()} minutes, or you lock it: files are read in the "
            "background and their text can be searched."
        )


class FirstPassphraseForm(KeyringForm):
    """For a vault made without a passphrase (before the policy): it opens with the
    empty one, and is rewrapped under the new one."""

    passphrase = secret("New passphrase")
    again = secret("The same passphrase again")

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        self.code = vault_access.set_new(owner, self.session, "", d["passphrase"], d["again"])
        return "Your vault has a passphrase now, and is unlocked for this session."


class RecoverForm(KeyringForm):
    """A lost passphrase: the recovery code opens the vault, and a new passphrase is set."""

    recovery_code = forms.CharField(label="Recovery code", required=False, max_length=100)
    passphrase = secret("New passphrase")
    again = secret("The same passphrase again")

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        vault_access.set_new(
            owner, self.session, d["recovery_code"], d["passphrase"], d["again"], recovery=True
        )
        return (
            "A new passphrase is set, and the vault is unlocked for this session. Your "
            "recovery code stays the same."
        )


class ChangePassphraseForm(KeyringForm):
    current = secret("Current passphrase", "current-password")
    passphrase = secret("New passphrase")
    again = secret("The same passphrase again")

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        had_code = vault_access.recovery_code(owner, self.session).code
        code = vault_access.set_new(owner, self.session, d["current"], d["passphrase"], d["again"])
        self.code = "" if had_code else code  # a keyring made before codes was given one
        return "Passphrase changed: use the new one from now on. Nothing was re-encrypted."


class ShowCodeForm(KeyringForm):
    """The recovery code again; a keyring made before them is given one, which needs the
    passphrase."""

    passphrase = secret("Vault passphrase", "current-password")

    def apply(self, owner: Any, on: date) -> str:
        found = vault_access.recovery_code(owner, self.session, self.cleaned_data["passphrase"])
        if found.needs_passphrase:
            self.add_error(
                "passphrase",
                "Your vault was made before recovery codes: type its passphrase to make one.",
            )
            return ""
        self.code = found.code
        return ""


class LockForm(KeyringForm):
    def apply(self, owner: Any, on: date) -> str:
        vault_access.lock(self.session)
        return "Vault locked. Type the passphrase to unlock it again."


KEYRING_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "create": CreateVaultForm,
    "unlock": UnlockForm,
    "first-passphrase": FirstPassphraseForm,
    "recover": RecoverForm,
    "change": ChangePassphraseForm,
    "show-code": ShowCodeForm,
    "lock": LockForm,
}
