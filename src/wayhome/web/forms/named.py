"""Errors that name their field: every message beside a field starts with the field's
name in words ("US income in 2027, before tax: ...", "When you were told: ..."), whoever
wrote it (the field's own parser, Django's length or choice checks, a service)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS


class NamedErrors(forms.Form):
    """A form whose field errors each begin with the field's name: ``names`` gives a name
    for a field whose label is a question, else the label is used."""

    names: dict[str, str]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.names = {}

    def name_of(self, field: str) -> str:
        return self.names.get(field) or str(self.fields[field].label or field)

    def full_clean(self) -> None:
        super().full_clean()
        for field, errors in self.errors.items():
            if field == NON_FIELD_ERRORS or field not in self.fields:
                continue
            name = self.name_of(field)
            errors[:] = [
                e if str(e).startswith(f"{name}: ") else f"{name}: {_lowered(str(e))}"
                for e in errors
            ]


def _lowered(text: str) -> str:
    """A message after a name: "This field..." as "this field...", a day or a name kept."""
    first = text.split(" ", 1)[0]
    return text[:1].lower() + text[1:] if first.isalpha() and first.istitle() else text
