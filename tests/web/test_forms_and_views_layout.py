"""The web layer's shape: every date a form takes goes through the one parser, and the
views stay thin (under 300 lines a module, no adapter imported)."""

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms

import wayhome.web.forms
import wayhome.web.views
from wayhome.core.common.typed_dates import Month
from wayhome.web.forms.base import MonthField, TypedDateField

VIEWS = Path(wayhome.web.views.__file__).parent
MAX_VIEW_LINES = 300


def _form_classes() -> list[type[forms.Form]]:
    out = []
    for info in pkgutil.iter_modules(wayhome.web.forms.__path__):
        module = importlib.import_module(f"wayhome.web.forms.{info.name}")
        out += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, forms.Form) and c.__module__ == module.__name__
        ]
    return out


def test_no_form_parses_a_date_its_own_way():
    found = {
        f"{c.__name__}.{name}"
        for c in _form_classes()
        for name, field in c.base_fields.items()
        if isinstance(field, forms.DateField | forms.DateTimeField)
    }
    assert found == set()
    assert any(
        isinstance(f, TypedDateField) for c in _form_classes() for f in c.base_fields.values()
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("2024-06-30", "2024-06-30"), ("30 Jun 2024", "2024-06-30"), ("30 june 2024", "2024-06-30")],
)
def test_a_date_field_takes_what_people_type(typed, expected):
    field = TypedDateField()
    assert field.clean(typed).isoformat() == expected


def test_a_date_field_refuses_slashes_with_what_to_write():
    with pytest.raises(forms.ValidationError) as e:
        TypedDateField().clean("03/06/2024")
    assert "Write it as 3 Jun 2024 or 2024-06-03." in e.value.messages[0]
    with pytest.raises(forms.ValidationError, match="February 2023 has 28 days"):
        TypedDateField().clean("29 Feb 2023")
    assert TypedDateField(required=False).clean("") is None


def test_a_month_field_takes_a_month_only():
    assert MonthField().clean("Jun 2024") == Month(2024, 6)
    assert MonthField().clean("2024-06") == Month(2024, 6)
    with pytest.raises(forms.ValidationError, match="give just the month"):
        MonthField().clean("30 Jun 2024")


@pytest.mark.parametrize("path", sorted(VIEWS.glob("*.py")), ids=lambda p: p.name)
def test_each_view_module_is_thin(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) < MAX_VIEW_LINES
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in ast.walk(tree)
        if isinstance(n, ast.Import | ast.ImportFrom)
        for a in n.names
    ]
    assert [m for m in imported if m and m.startswith("wayhome.adapters")] == []


def _subclasses(cls: type) -> list[type]:
    return [c for sub in cls.__subclasses__() for c in (sub, *_subclasses(sub))]


def test_every_action_form_says_what_it_does():
    import importlib
    import pkgutil

    import wayhome.web.forms as package
    from wayhome.web.forms.base import ActionForm

    for mod in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{mod.name}")
    # The forms a page uses are the leaves; a shared base (KeyringForm) has subclasses.
    forms = [f for f in _subclasses(ActionForm) if not f.__subclasses__()]
    assert len(forms) > 20
    missing = [f.__name__ for f in forms if f.apply is ActionForm.apply]
    assert missing == []
