"""Documents and the vault: a checklist item's dates and scan, what a stored file
says, and the zips built from the vault (unlocked on its own page: forms/keyring.py)."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.services import documents as document_service
from wayhome.services import packets, reading, vault_access
from wayhome.web.forms.base import ActionForm, TypedDateField
from wayhome.web.forms.uploads import UploadField


class DocumentForm(ActionForm):
    """When the checklist item ``target`` was issued, by whom, and each step's date."""

    issued = TypedDateField(label="Issued on", required=False)
    issuer = forms.CharField(label="Issued by", required=False)
    contact = forms.CharField(label="Contact", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(len(self.target.steps)):
            self.fields[f"step_{i}"] = TypedDateField(label=f"Step {i + 1}", required=False)

    def apply(self, owner: Any, on: date) -> str:
        d, item = self.cleaned_data, self.target
        document_service.update(
            item,
            issued=d["issued"],
            issuer=d["issuer"][:200],
            contact=d["contact"][:300],
            done={i: d[f"step_{i}"] for i in range(len(item.steps))},
        )
        return f"{item.name}: saved."


class DocumentUploadForm(ActionForm):
    """A scan or PDF of the checklist item ``target``, stored in the vault."""

    file = UploadField(label="Add a scan or PDF")

    def apply(self, owner: Any, on: date) -> str:
        item, upload = self.target, self.cleaned_data["file"]
        name, data = upload.name or "file", upload.read()
        try:
            result = vault_access.store(
                owner,
                self.session,
                lambda vault: document_service.attach(owner, item, vault, name, data),
            )
        except vault_access.LockedError as e:
            self.add_error(None, f"{item.name}: {e}")
            return ""
        text = f"{item.name}: {result.name} {result.status}"
        text += f" ({result.reason})" if result.reason else "."
        if result.status == "refused":
            self.add_error(None, text)
        return text


DOCUMENT_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "save": DocumentForm,
    "upload": DocumentUploadForm,
}


class FileFactsForm(ActionForm):
    """What the stored file ``target`` says, as the person checked it, and which file it
    translates. An empty field removes what was recorded."""

    refused = (reading.NotFoundError, ValueError)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in reading.FIELDS.items():
            self.fields[key] = (
                forms.CharField(label=label, required=False)
                if key == "holder"
                else TypedDateField(label=label, required=False)
            )
        self.fields["translation_of"] = forms.IntegerField(required=False)

    def apply(self, owner: Any, on: date) -> str:
        d, vf = self.cleaned_data, self.target
        values = {k: (d[k][:200] if k == "holder" else d[k] or "") for k in reading.FIELDS}
        reading.set_facts(owner, vf.pk, values)
        reading.set_translation(owner, vf.pk, d["translation_of"])
        return f"{vf.name}: saved."


class Keys(forms.MultipleChoiceField):
    """Document keys picked by ticking; the service says which are unknown."""

    def valid_value(self, value: object) -> bool:
        return True


class BundleForm(ActionForm):
    """Every stored file as one zip; ``zipped`` and ``filename`` are what to send."""

    refused = (packets.PacketError,)
    zipped: bytes = b""
    filename = "wayhome-evidence-bundle.zip"

    def apply(self, owner: Any, on: date) -> str:
        vault = self._vault(owner)
        if vault is not None:
            self.zipped = packets.zip_bytes(owner, vault, on, **self._what())
        return ""

    def _what(self) -> dict[str, Any]:
        return {}

    def _vault(self, owner: Any) -> Any:
        vault = vault_access.opened(owner, self.session)
        if vault is None:
            self.add_error(
                None,
                "Unlock the vault first (Vault, at the top of the page): the files are encrypted.",
            )
        return vault


class PacketForm(BundleForm):
    """The documents picked for one regulator, in its order, as one zip."""

    country = forms.CharField(max_length=12)
    item = Keys(required=False)

    def _what(self) -> dict[str, Any]:
        self.filename = f"wayhome-packet-{self.cleaned_data['country']}.zip"
        return {"code": self.cleaned_data["country"], "keys": self.cleaned_data["item"]}


class SentForm(ActionForm):
    """The packet of the documents picked for one target, marked sent on a day."""

    refused = (packets.PacketError,)
    country = forms.CharField(max_length=16)
    item = Keys(required=False)
    sent = TypedDateField(
        label="Sent on",
        error_messages={"required": "give the day you sent it, e.g. 30 Jun 2024"},
    )
    note = forms.CharField(label="How and to whom", required=False, max_length=300)

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        done = packets.mark_sent(
            owner, d["country"], d["item"] or None, d["sent"], on, d["note"].strip()
        )
        return done.said


PACKET_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "packet": PacketForm,
    "sent": SentForm,
    "bundle": BundleForm,
}
