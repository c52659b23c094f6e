"""What every form shares: dates as people type them, countries, and the action form.

An :class:`ActionForm` is one thing a person does on a page: its fields parse what was
posted, and :meth:`ActionForm.apply` makes the one service call that does it. A page
with several actions maps the posted ``action`` to its form (:func:`pick`), so no view
switches on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Final, TypeVar

from django import forms

from wayhome.core.common.countries import COUNTRIES, USER_ASSIGNED
from wayhome.core.common.typed_dates import Month, TypedDateError, parse_date, parse_month

COUNTRY_CHOICES: Final = [
    ("", "—"),
    *sorted(
        [(c, f"{n} ({c})") for c, n in {**COUNTRIES, **USER_ASSIGNED}.items()], key=lambda x: x[1]
    ),
]
DATE: Final = forms.DateInput(attrs={"type": "date"})


class TypedDateField(forms.Field):
    """A day as a person types it (wayhome.core.common.typed_dates): 2024-06-30 or
    30 Jun 2024; numbers with slashes or dots are refused, with what to write."""

    widget = forms.DateInput(attrs={"type": "date"})

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except TypedDateError as e:
            raise forms.ValidationError(str(e), code="invalid") from None


class MonthField(forms.Field):
    """A month, where a month is meant (an exam sitting): 2024-06 or Jun 2024."""

    widget = forms.TextInput(attrs={"placeholder": "Jun 2024"})

    def to_python(self, value: object) -> Month | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Month):
            return value
        try:
            return parse_month(str(value))
        except TypedDateError as e:
            raise forms.ValidationError(str(e), code="invalid") from None

    def prepare_value(self, value: object) -> object:
        return str(value) if isinstance(value, Month) else value


class ActionForm(forms.Form):
    """One thing a person does: the fields it takes, and the one service call that does
    it. ``apply`` returns what to say when it is done, or adds errors to the form (or
    raises one of ``refused``, which becomes an error of the form)."""

    refused: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(self, *args: Any, target: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.target = target  # what the action is on (a task, a document, a question)
        self.warnings: list[str] = []  # said beside the success, when apply has any

    def apply(self, owner: Any, on: date) -> str:
        raise NotImplementedError

    def run(self, owner: Any, on: date) -> str | None:
        """Validate and apply; what to say on success, or None (the form has errors)."""
        if not self.is_valid():
            return None
        try:
            done = self.apply(owner, on)
        except self.refused as e:
            for text in getattr(e, "messages", None) or [str(e)]:
                self.add_error(None, text)
            return None
        return None if self.errors else done


F = TypeVar("F", bound=ActionForm)


def pick(
    action: str | None,
    forms_by_action: Mapping[str, type[F]],
    default: str | None = None,
    **kwargs: Any,
) -> F | None:
    """The form for the posted action (``default`` when none is named); None when the
    page has no such action."""
    form_class = forms_by_action.get(action or default or "")
    return form_class(**kwargs) if form_class else None


def problems(form: forms.Form, prefix: str = "") -> list[str]:
    """A form's errors as sentences: "Label: message" for a field, the message alone for
    the whole form; each after ``prefix`` ("Not saved: ")."""
    out = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"{field.label}: " if field is not None and field.label else ""
        out += [sentence(prefix + label + str(e)) for e in errors]
    return out


def sentence(text: str) -> str:
    """Ends with a full stop, and starts with a capital unless it starts with a name
    (a file's, "notes.txt is not ...")."""
    text = text.strip()
    if not text:
        return text
    first = text.split(" ", 1)[0].rstrip(":,")
    if first.isalpha() and first.islower():
        text = text[0].upper() + text[1:]
    return text if text.endswith((".", "?", "!", ")")) else text + "."
