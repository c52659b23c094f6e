"""The correspondence log: the questions added, an answer recorded, the email or letter
it came in attached; and "the regulator told me": a finding's values answered in plain
words, made a confirmed rule (no rule kind is ever named)."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.core.rules import questions
from wayhome.core.rules.questions import Ask, Input
from wayhome.services import correspondence, regulator_answers, vault_access
from wayhome.services.regulator_answers import Topic
from wayhome.services.setup import FICTIONAL_COUNTRY
from wayhome.web.forms.base import COUNTRY_CHOICES, ActionForm, TypedDateField, offer_fictional
from wayhome.web.forms.named import NamedErrors
from wayhome.web.forms.uploads import UploadField


class SeedForm(ActionForm):
    seed = forms.CharField(max_length=12)

    def apply(self, owner: Any, on: date) -> str:
        code = self.cleaned_data["seed"]
        added = correspondence.seed(owner, code, on)
        return f"Added {added} question{'s' if added != 1 else ''} for {code}."


class AnswerForm(NamedErrors, ActionForm):
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


class EvidenceForm(NamedErrors, ActionForm):
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


QUESTION_PREFIX: Final = "v_"  # a rule's question's field: v_years


def _question_field(ask: Ask, text: str, required: bool) -> forms.Field:
    """The field for one of a rule's questions. None is required by the form: what is
    missing or unreadable is said by wayhome.core.rules.questions, by the question's name."""
    kwargs: dict[str, Any] = {"label": text, "required": False}
    if ask.unit:
        kwargs["help_text"] = f"In {ask.unit}."
    invalid = {"invalid_choice": f"{ask.name}: choose one from the list"}
    attrs = {"aria-required": "true"} if required else {}
    if ask.input is Input.MONTHS:
        months = [(str(n), m) for n, m in enumerate(questions.MONTHS, 1)]
        return forms.MultipleChoiceField(
            choices=[*months, (questions.ON_DEMAND, "any time: on demand")],
            widget=forms.CheckboxSelectMultiple(attrs=attrs),
            error_messages=invalid,
            **kwargs,
        )
    if ask.input is Input.YES_NO:
        return forms.ChoiceField(
            choices=ask.choices, widget=forms.RadioSelect(attrs=attrs), error_messages=invalid,
            **kwargs,
        )  # fmt: skip
    if ask.input in (Input.CHOICE, Input.COUNTRY):
        choices = COUNTRY_CHOICES if ask.input is Input.COUNTRY else [("", "—"), *ask.choices]
        return forms.ChoiceField(
            choices=choices, widget=forms.Select(attrs=attrs), error_messages=invalid, **kwargs
        )
    if ask.input in (Input.LINES, Input.COUNTS):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4, **attrs}), **kwargs)
    if ask.input is Input.WHOLE:
        attrs = {"inputmode": "numeric", "autocomplete": "off", **attrs}
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **kwargs)


class ToldForm(NamedErrors, ActionForm):
    """What a regulator told you about ``target`` (a regulator_answers.Topic): that rule's
    values, when and how you were told, the email or letter. Wayhome makes the confirmed
    rule; ``item`` is the logged question it answers, when there is one."""

    refused = (vault_access.LockedError,)
    target: Topic

    answered = TypedDateField(
        label="When were you told?",
        error_messages={"required": "When you were told: give the day, like 3 Nov 2026"},
    )
    channel = forms.ChoiceField(
        label="How were you told?",
        choices=[("", "—"), *((c, c) for c in regulator_answers.CHANNELS)],
        error_messages={
            "required": "How you were told: choose one",
            "invalid_choice": "How you were told: choose one from the list",
        },
    )
    person = forms.CharField(
        label="Who told you (name, office)",
        required=False,
        max_length=200,
        error_messages={"max_length": "keep it under 200 characters"},
    )
    said = forms.CharField(
        label="What they said, in their words",
        required=False,
        max_length=10_000,
        error_messages={"max_length": "keep it under 10,000 characters"},
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    asked = TypedDateField(label="When you asked, if you know", required=False)
    file = UploadField(
        label="The email or letter (.eml, .msg, PDF or a screenshot)",
        required=False,
        help_text="Kept encrypted in your vault, beside the answer: policies change.",
        error_messages={"empty": "the file is empty", "invalid": "that is not a file"},
    )
    NAMES: Final = {
        "answered": "When you were told",
        "channel": "How you were told",
        "person": "Who told you",
        "said": "What they said",
        "asked": "When you asked",
        "file": "The email or letter",
        "applies_to": "What it is for",
    }

    def __init__(self, *args: Any, target: Topic, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, target=target, **kwargs)
        self.item = item
        self.names = dict(self.NAMES)
        for ask, text in target.asks:
            self.fields[QUESTION_PREFIX + ask.key] = _question_field(
                ask, text, ask.key in target.required
            )
            self.names[QUESTION_PREFIX + ask.key] = ask.name
        if target.new:
            self.fields["applies_to"] = forms.CharField(
                label="Which exam or post is it for, if they said?",
                required=False,
                max_length=200,
                error_messages={"max_length": "keep it under 200 characters"},
            )
        if target.code.startswith(FICTIONAL_COUNTRY):  # Exampleland's own rule: offer it
            offer_fictional(self)

    def rule_fields(self) -> list[forms.BoundField]:
        return [self[n] for n in self.fields if n.startswith(QUESTION_PREFIX)]

    def told_fields(self) -> list[forms.BoundField]:
        names = ["answered", "channel", "person", "said", "asked"]
        return [self[n] for n in names]

    def typed(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            n.removeprefix(QUESTION_PREFIX): d.get(n)
            for n in self.fields
            if n.startswith(QUESTION_PREFIX)
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            questions.read(self.target.kind, self.typed(), new=self.target.new)
        except questions.AnswersError as e:
            for key, message in e.errors.items():
                if QUESTION_PREFIX + key not in self.errors:
                    self.add_error(QUESTION_PREFIX + key, message)
        return data

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        upload = d.get("file")
        told = regulator_answers.Told(
            answered=d["answered"],
            channel=d["channel"],
            person=d.get("person") or "",
            said=d.get("said") or "",
            asked=d.get("asked"),
        )
        try:
            regulator_answers.record(
                owner,
                self.target.key,
                self.typed(),
                told,
                on,
                applies_to=d.get("applies_to") or "",
                upload=(upload.name or "file", upload.read()) if upload else None,
                session=self.session,
                item=self.item,
            )
        except regulator_answers.AnswerError as e:
            for key, message in e.errors.items():
                name = key if key in ("", "file") else QUESTION_PREFIX + key
                self.add_error(name or None, message)
            return ""
        return f"Confirmed: {self.target.title}. The assessment now uses what you were told."


ITEM_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "answer": AnswerForm,
    "evidence": EvidenceForm,
}
