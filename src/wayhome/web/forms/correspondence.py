"""The correspondence log: the questions added, an answer recorded, the email or letter
it came in attached, and the answer made a confirmed rule."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.services import correspondence, profile_edits, vault_access
from wayhome.web.forms.base import ActionForm, TypedDateField
from wayhome.web.forms.uploads import UploadField


class SeedForm(ActionForm):
    seed = forms.CharField(max_length=12)

    def apply(self, owner: Any, on: date) -> str:
        code = self.cleaned_data["seed"]
        added = correspondence.seed(owner, code, on)
        return f"Added {added} question{'s' if added != 1 else ''} for {code}."


class AnswerForm(ActionForm):
    """How and when it was asked, and what was answered, for the question ``target``."""

    channel = forms.ChoiceField(
        label="How you asked",
        required=False,
        choices=[
            ("", "—"),
            ("email", "email"),
            ("phone", "phone"),
            ("portal", "portal"),
            ("in person", "in person"),
            ("letter", "letter"),
        ],
    )
    asked = TypedDateField(label="Asked on", required=False)
    person = forms.CharField(label="Who answered (name, office)", required=False, max_length=200)
    answer = forms.CharField(
        label="What they said", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answered = TypedDateField(label="Answered on", required=False)

    def apply(self, owner: Any, on: date) -> str:
        correspondence.save_answer(self.target, self.cleaned_data)
        return "Saved."


class EvidenceForm(ActionForm):
    """The reply itself, stored encrypted in the vault beside the question ``target``."""

    file = UploadField(
        label="The email (.eml, .msg), PDF or screenshot",
        help_text="Stored encrypted in your vault, which must be unlocked.",
    )

    def apply(self, owner: Any, on: date) -> str:
        upload = self.cleaned_data["file"]
        name, data = upload.name or "file", upload.read()
        try:
            result = vault_access.store(
                owner,
                self.session,
                lambda vault: correspondence.attach(owner, self.target, vault, name, data),
            )
        except vault_access.LockedError as e:
            self.add_error("file", str(e))
            return ""
        if result.status == "refused":
            self.add_error("file", result.reason)
        return f"{result.name}: {result.status}."


class PromoteForm(ActionForm):
    """The answer to the question ``target`` as a confirmed rule of the profile."""

    refused = (ValueError,)
    rule = forms.ChoiceField(
        label="The pack's rule this answer replaces", required=False, choices=[]
    )
    kind = forms.ChoiceField(label="…or a new rule of this kind", required=False, choices=[])
    values = forms.CharField(
        label="The values you were told, one per line",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: years: 12",
    )

    def __init__(
        self, *args: Any, rules: list[tuple[str, str]], kinds: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = [("", "—"), *rules]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [("", "—"), *((k, k) for k in kinds)]  # type: ignore[attr-defined]

    def clean_values(self) -> dict[str, Any]:
        try:
            return profile_edits.parse_values(self.cleaned_data["values"])
        except profile_edits.ProfileEditError as e:
            raise forms.ValidationError(e.messages) from None

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        correspondence.promote(
            owner,
            self.target,
            on,
            rule=d["rule"] or None,
            kind=d["kind"] or None,
            values=d["values"],
        )
        return "The answer is now a confirmed rule: the assessment uses it."


ITEM_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "answer": AnswerForm,
    "evidence": EvidenceForm,
    "promote": PromoteForm,
}
