"""What every form shares: dates as people type them (questioned when on the wrong side
of today, until confirmed), specialties as people write them, countries, and the action
form.

An :class:`ActionForm` is one thing a person does on a page: its fields parse what was
posted, and :meth:`ActionForm.apply` makes the one service call that does it. A page
with several actions maps the posted ``action`` to its form (:func:`pick`), so no view
switches on it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, ClassVar, Final, TypeVar, cast

from django import forms
from django.urls import reverse_lazy
from django.utils import timezone

from wayhome.core.common import dates
from wayhome.core.common.countries import COUNTRIES, USER_ASSIGNED
from wayhome.core.common.specialties import SPECIALTIES, UnknownSpecialtyError, specialty_id
from wayhome.core.common.typed_dates import (
    Month,
    Tense,
    TypedDateError,
    parse_date,
    parse_month,
    tense_warning,
)


def _countries(names: Mapping[str, str]) -> list[tuple[str, str]]:
    return sorted([(c, f"{n} ({c})") for c, n in names.items()], key=lambda x: x[1])


# The real countries only: the fictional Exampleland (XX, the try-it-out pack's) is
# offered, last, only in the setup and on a profile that already uses it
# (offer_fictional).
COUNTRY_CHOICES: Final = [("", "—"), *_countries(COUNTRIES)]
COUNTRY_CHOICES_FICTIONAL: Final = [*COUNTRY_CHOICES, *_countries(USER_ASSIGNED)]


def with_fictional(choices: Any) -> list[Any]:
    """The same choices with Exampleland in every list of countries (a group's too)."""
    out = [tuple(c) for c in choices]
    if [c for c in out if c[0]] == COUNTRY_CHOICES[1:]:
        return [*(c for c in out if not c[0]), *COUNTRY_CHOICES_FICTIONAL[1:]]
    return [
        (label, with_fictional(inner)) if isinstance(inner, (list, tuple)) else (label, inner)
        for label, inner in out
    ]


def offer_fictional(form: forms.Form) -> None:
    """Every country picker of ``form`` offers Exampleland too (its profile uses it)."""
    for field in form.fields.values():
        if isinstance(field, forms.ChoiceField):
            field.choices = with_fictional(field.choices)


# A day typed as text, so that "30 Jun 2024" can be typed at all (a date picker takes only
# its own format).
# With htmx, what a field says is checked as soon as it is left (the same checks as the
# form's, answered by wayhome.web.views.steps.check into the hint beside it).
CHECKED_AS_TYPED: Final = {
    "hx-get": reverse_lazy("wayhome:check"),
    "hx-trigger": "change",
    "hx-target": "next .hint",
}
TYPED_DATE: Final = forms.TextInput(
    attrs={
        "placeholder": "e.g. 30 Jun 2024",
        "autocomplete": "off",
        "class": "date",
        **CHECKED_AS_TYPED,
        "hx-vals": '{"kind": "date"}',
    }
)
CONFIRM_SUFFIX: Final = "-confirmed"  # the box that confirms a questioned day
TENSE: Final = "tense"  # the error code of a day on the wrong side of today


class TypedDateField(forms.Field):
    """A day as a person types it (wayhome.core.common.typed_dates): 2024-06-30 or
    30 Jun 2024; numbers with slashes or dots are refused, with what to write.

    ``expect`` says on which side of today the day belongs, and ``what`` what it is
    ("your planned return"): a :class:`CheckedForm` questions a day on the other side
    until it is confirmed."""

    # A date box takes ISO days only: a day shown in the locale's format ("03/11/2026") is blank.
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(
        self, *args: Any, expect: Tense | None = None, what: str = "this date", **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.expect = expect
        self.what = what

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except TypedDateError as e:
            raise forms.ValidationError(str(e), code="invalid") from None


class SpecialtyField(forms.CharField):
    """A specialty as a person writes it ("Internal Medicine", "interventional cardiology"),
    cleaned to the shared list's slug; unknown text is refused with the nearest names.
    Suggestions come from the page's ``<datalist id="specialties">``."""

    widget = forms.TextInput(
        attrs={
            "list": "specialties",
            "autocomplete": "off",
            **CHECKED_AS_TYPED,
            "hx-vals": '{"kind": "specialty"}',
        }
    )

    def to_python(self, value: object) -> str:
        text = super().to_python(value)
        if not text:
            return ""
        try:
            return specialty_id(text, slugs=False)
        except UnknownSpecialtyError as e:
            raise forms.ValidationError(str(e), code="invalid") from None

    def prepare_value(self, value: object) -> object:
        """A slug shows as its name ("cardiology" as "Cardiology"); anything typed as typed."""
        found = SPECIALTIES.get(str(value)) if value else None
        return found.name if found else value


def said_as_typed(kind: str, text: str) -> str:
    """What a field's checks say of ``text`` (``kind``: date or specialty), for the hint
    beside it: how it is read, or why it is not."""
    if not text.strip():
        return ""
    try:
        if kind == "date":
            return f"Read as {parse_date(text):%A} {dates.fmt(parse_date(text))}."
        if kind == DAY_OR_MONTH:
            read = parse_day_or_month(text)
            if isinstance(read, Month):
                return f"Read as {dates.fmt_month(read.first_day)}, the month only."
            return f"Read as {read:%A} {dates.fmt(read)}."
        if kind == "specialty":
            found = SPECIALTIES[specialty_id(text, slugs=False)]
            parent = SPECIALTIES[found.parent].name if found.parent else None
            what = f"a subspecialty of {parent}" if parent else "a specialty"
            return f"{found.name}: {what}, certified by {', '.join(found.boards)}."
    except (TypedDateError, UnknownSpecialtyError) as e:
        return str(e)
    return ""


class CheckedForm(forms.Form):
    """A form whose days are checked against today: one on the wrong side for what it is
    (a planned return in the past) is an error (code ``tense``) until the box beside it,
    ``<field name>-confirmed``, is ticked."""

    def __init__(
        self, *args: Any, today: date | None = None, fictional: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # The profile uses the fictional Exampleland: its pickers offer it too.
        self.fictional = fictional
        if fictional:
            offer_fictional(self)

    def confirm_name(self, name: str) -> str:
        return self.add_prefix(name) + CONFIRM_SUFFIX

    def confirmed(self, name: str) -> bool:
        return bool(self.data.get(self.confirm_name(name)))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, field in self.fields.items():
            day = data.get(name)
            if not isinstance(field, TypedDateField) or field.expect is None:
                continue
            if not isinstance(day, date) or self.confirmed(name):
                continue
            warning = tense_warning(day, field.expect, self.today, field.what)
            if warning:
                self.add_error(name, forms.ValidationError(warning, code=TENSE))
        return data


T = TypeVar("T")


def _read(
    field: forms.Field, value: object, kinds: tuple[type, ...], parse: Callable[[str], T]
) -> T | None:
    """A month field's value: empty as None, one already read (of ``kinds``) as it is,
    text by ``parse``, whose refusal is the field's error."""
    if value in field.empty_values:
        return None
    if isinstance(value, kinds):
        return cast(T, value)
    try:
        return parse(str(value))
    except TypedDateError as e:
        raise forms.ValidationError(str(e), code="invalid") from None


class MonthField(forms.Field):
    """A month, where a month is meant (an exam sitting): 2024-06 or Jun 2024."""

    widget = forms.TextInput(attrs={"placeholder": "Jun 2024"})

    def to_python(self, value: object) -> Month | None:
        return _read(self, value, (Month,), parse_month)

    def prepare_value(self, value: object) -> object:
        return str(value) if isinstance(value, Month) else value


DAY_OR_MONTH: Final = "day-or-month"  # the kind said_as_typed checks
_PARTS: Final = re.compile(r"\d+|[^\W\d_]+")  # "14 Oct 2026": 14, Oct, 2026


def parse_day_or_month(text: str) -> date | Month:
    """A day (``2026-10-14``, ``14 Oct 2026``), or a month alone (``2026-10``,
    ``Oct 2026``) where either is meant, by the shared parsers; refused as the parser of
    the shape typed refuses it: with three parts or more (``03/06/2024``) it was meant as
    a day, with fewer (``10/2026``) as a month."""
    try:
        return parse_date(text)
    except TypedDateError as not_a_day:
        try:
            return parse_month(text)
        except TypedDateError as not_a_month:
            raise not_a_day if len(_PARTS.findall(text)) >= 3 else not_a_month from None


class DayOrMonthField(MonthField):
    """A day, or its month when that is all that is known (a board exam): 14 Oct 2026,
    2026-10-14, Oct 2026 or 2026-10; shown again as 14 Oct 2026 or Oct 2026."""

    widget = forms.TextInput(
        attrs={
            "placeholder": "e.g. 14 Oct 2026, or Oct 2026",
            "autocomplete": "off",
            "class": "date",
            **CHECKED_AS_TYPED,
            "hx-vals": f'{{"kind": "{DAY_OR_MONTH}"}}',
        }
    )

    def to_python(self, value: object) -> date | Month | None:  # type: ignore[override]
        return _read(self, value, (date, Month), parse_day_or_month)

    def prepare_value(self, value: object) -> object:
        if isinstance(value, date):
            return dates.fmt(value)
        return dates.fmt_month(value.first_day) if isinstance(value, Month) else value

    def as_typed(self, stored: object) -> str:
        """A stored value (``2026-10``, ``2026-10-14``) as a person types it; one that
        does not read as either is shown as it is, to be corrected."""
        try:
            return str(self.prepare_value(self.to_python(stored)))
        except forms.ValidationError:
            return str(stored)


class ActionForm(forms.Form):
    """One thing a person does: the fields it takes, and the one service call that does
    it. ``apply`` returns what to say when it is done, or adds errors to the form (or
    raises one of ``refused``, which becomes an error of the form)."""

    refused: ClassVar[tuple[type[Exception], ...]] = ()

    def __init__(
        self, *args: Any, target: Any = None, session: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.target = target  # what the action is on (a task, a document, a question)
        # The signed-in session's key: the vault is unlocked for one session
        # (wayhome.services.unlocked), so an action that uses it names the session.
        self.session = session
        self.warnings: list[str] = []  # said beside the success, when apply has any

    def apply(self, owner: Any, on: date) -> str:
        # Every action form defines it (tests/web/test_forms_and_views_layout.py checks);
        # not an abstractmethod, as ABCMeta cannot be combined with Django's form metaclass.
        raise NotImplementedError(f"{type(self).__name__} does not say what it does")

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
