"""The setup's steps, each also a page of the profile: what a step asks, and its answers
both ways (what was typed <-> profile data).

A :class:`Step` has its own fields (a :class:`CheckedForm`) and, where it asks for several
things of one kind (training periods, boards, trips), rows of another form, added with
"Add another" and removed with a tick, so that every step works without JavaScript.

Answers travel as *what was typed*: ``{field name: [values]}``, the shape a POST has. The
setup's draft keeps them so, a step is shown again bound to them (nothing typed is lost,
even what was refused), and :meth:`Step.bind` turns them into forms to check. A step
turns checked answers into *parts* of the profile (:meth:`Step.parts`: a path such as
``plan.return_date`` and its value, None to remove it), and reads them back from a
profile's data (:meth:`Step.values`) to edit it.

A page asks about some keys only; the profile (a file imported) may hold more. A step
says which keys it owns in each part it writes (:attr:`Step.owns`), and where each row
it shows comes from in the stored lists (rows tagged :data:`FROM` by
:meth:`Step.values`): its parts are then laid over the stored profile keeping the rest
(wayhome.services.setup: ``Owned``, ``Rows``). Each row shown from a stored item carries
that item's identity (a hidden field, ``rows-0-from``: :data:`ORIGIN`), and the page the
identities of every stored item it stands for (:data:`SHOWN`), kept with what was typed
through every showing again: a row kept keeps what it does not show of the item it was
shown from, if that is still stored; a row removed goes, a new row keeps nothing, and a
stored item the page did not show stays. A page is saved only over what it was shown
from: it carries the fingerprint of the stored values at the step's :attr:`Step.paths`
(a hidden field, :data:`FINGERPRINT`), and a save that finds them changed (another
window, an import) saves nothing and shows the page again, as typed; saved again, each
row is matched by its identity in the list as it is now.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from datetime import date
from functools import partial
from typing import Any, ClassVar, Final, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.forms.utils import ErrorDict
from django.utils.datastructures import MultiValueDict
from msgspec import Struct

from wayhome.core.common import dates
from wayhome.core.common.specialties import name_of
from wayhome.services.setup import (
    Origins,
    Owned,
    Rows,
    Seen,
    Shown,
    fingerprint,
    identities,
    read_identities,
    uses_fictional,
)
from wayhome.web.forms.base import CheckedForm, DayOrMonthField, SpecialtyField, TypedDateField

Typed = dict[str, list[str]]  # what was typed: the fields of a POST, each with its values
Parts = dict[str, Any]  # profile paths ("plan.return_date") -> values; None removes one
Owns = Mapping[str, frozenset[str]]  # profile paths -> the keys a step owns there
ROWS: Final = "rows"  # the prefix of a step's rows
NOT_TYPED: Final = ("csrfmiddlewaretoken", "action")
# Keys no profile item has: ROW, the position on the page of the row an item comes from
# (in a checked row, and the item a step makes of it); FROM, the (path, position) of the
# stored item a row was shown from (in :meth:`Step.values`' rows).
ROW: Final = "#row"
FROM: Final = "#from"
# The hidden field a step's page carries: the fingerprint of the stored parts it shows.
FINGERPRINT: Final = "fingerprint"
# The hidden fields of a page of a step that owns lists: the identities of the stored
# items it stands for (SHOWN, present even when empty: the page carries identities), and
# of the one each row was shown from (``rows-0-from``, ORIGIN; a step with no rows has
# them too, for the items its fields show: a regulator's day of applying).
SHOWN: Final = "shown"
ORIGIN: Final = "from"


def typed(post: Mapping[str, Any]) -> Typed:
    """What was typed in a POST (a QueryDict), without the token and the button."""
    getlist = getattr(post, "getlist", None)
    return {
        k: [str(v) for v in (getlist(k) if getlist else [post[k]])]
        for k in post
        if k not in NOT_TYPED
    }


NUL_TYPED: Final = (
    "A box holds a NUL character (a zero byte), which no one types: nothing of this page "
    "was kept. Remove it (paste the text again from a plain-text copy) and send the page again."
)


PAGE_CHANGED: Final = (
    "This page changed in another window or by an import since you opened it, so nothing "
    "was saved: what you typed is below. Check it against what is stored now (open this "
    "page again in another tab to see it) and save again."
)


def holds_nul(answers: Typed) -> bool:
    """Does a field's name or value hold a NUL? The fields' own checks refuse one in a
    value; the setup's draft keeps what was typed before they run, and PostgreSQL cannot
    store a NUL, so such a page is refused whole, on every database."""
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in answers.items())


# Rows a step takes at most: more than any career has (trips included), and a bound on
# the work a POST can ask for (a rows-TOTAL_FORMS of a million built 2,000 rows and took
# minutes to show; tests/hostile/test_web_forms.py).
MAX_ROWS: Final = 50


class RowsFormSet(BaseFormSet):  # type: ignore[type-arg]
    """A step's rows; the step checks them together (:meth:`Step.check_rows`)."""

    step: Step
    default_error_messages: ClassVar[dict[str, Any]] = {
        **BaseFormSet.default_error_messages,
        "too_many_forms": "At most %(num)d rows fit here: remove the ones you do not need "
        "(or import your profile as a file for more).",
    }

    def clean(self) -> None:
        if any(self.errors):
            return
        for message in self.step.check_rows(filled(self)):
            raise forms.ValidationError(message)


class Carried(Struct, frozen=True):
    """The identities a page carries (wayhome.services.setup.identities): each row's, by
    its position on the page, and those of the stored items it stands for."""

    rows: dict[int, tuple[str, ...]]
    covers: tuple[str, ...]

    def origins(self, rows: Sequence[int | None]) -> Origins:
        """Where the items from ``rows`` (positions on the page) came from, and what the
        page covers: the items it stands for, and every row's (a row ticked too)."""
        shown = [frozenset(self.rows.get(r, ())) if r is not None else frozenset() for r in rows]
        covers = frozenset(self.covers).union(*self.rows.values())
        return Origins(shown, covers)


def _origin(row: int) -> str:
    return f"{ROWS}-{row}-{ORIGIN}"


def filled(rows: BaseFormSet) -> list[dict[str, Any]]:  # type: ignore[type-arg]
    """The rows' checked answers, each with its position on the page (:data:`ROW`):
    rows left empty or ticked for removal left out."""
    return [
        {**{k: v for k, v in f.cleaned_data.items() if k != "DELETE"}, ROW: i}
        for i, f in enumerate(rows.forms)
        if f.has_changed() and not f.cleaned_data.get("DELETE")
    ]


class Bound(Struct):
    """A step bound to what was typed: its form, its rows (or None)."""

    step: Step
    form: CheckedForm
    rows: BaseFormSet | None  # type: ignore[type-arg]

    def is_valid(self) -> bool:
        ok = self.form.is_valid()
        return (self.rows.is_valid() if self.rows is not None else True) and ok

    def parts(self) -> Parts:
        """The step's parts, each it owns keys of ready to keep what it does not own."""
        rows = filled(self.rows) if self.rows is not None else []
        today = self.form.today
        parts = self.step.parts(self.form.cleaned_data, rows, today)
        carried = self.carried()
        return {path: self.step.laid(path, value, today, carried) for path, value in parts.items()}

    def carried(self) -> Carried | None:
        """The identities the page carries, each read and checked (a value changed by
        hand is none); None: a page that carries none (a draft typed before pages did)."""
        data = cast(MultiValueDict[str, str], self.form.data)
        if SHOWN not in data:
            return None
        rows = {}
        for i in range(MAX_ROWS):
            if _origin(i) in data:
                rows[i] = read_identities(" ".join(data.getlist(_origin(i))))
        return Carried(rows, read_identities(" ".join(data.getlist(SHOWN))))

    def hidden(self) -> list[tuple[str, str]]:
        """The hidden fields the page carries besides the fingerprint: the stored items
        it stands for, and (a step with no rows) its fields' items; a row's own are in
        its fieldset (:meth:`listed`)."""
        carried = self.carried()
        if carried is None:
            return []
        out = [(SHOWN, " ".join(carried.covers))]
        if self.rows is None:
            out += [(_origin(i), " ".join(ids)) for i, ids in carried.rows.items() if ids]
        return out

    def listed(self) -> list[tuple[forms.Form, str, str]]:
        """Each row, with its hidden field's name and the identities of the stored item it
        was shown from ("": none)."""
        carried = self.carried()
        found = carried.rows if carried is not None else {}
        forms_ = self.rows.forms if self.rows is not None else []
        return [(f, _origin(i), " ".join(found.get(i, ()))) for i, f in enumerate(forms_)]

    def quiet(self) -> Bound:
        """Shown as typed, unchecked: no errors, none marked (a step visited again)."""
        forms_ = [self.form, *(self.rows.forms if self.rows is not None else [])]
        for f in forms_:
            f._errors = ErrorDict()
            f.cleaned_data = {}
        if self.rows is not None:
            vars(self.rows).update(_errors=[], _non_form_errors=self.rows.error_class())
        return self

    def refreshed(self, fresh: str) -> Bound:
        """The step bound again to what was typed, with ``fresh`` as the fingerprint of
        what the page is now shown from, and checked (no errors: it checked out)."""
        answers = dict(cast(MultiValueDict[str, str], self.form.data).lists())
        bound = self.step.bind(
            {**answers, FINGERPRINT: [fresh]}, self.form.today, fictional=self.form.fictional
        )
        bound.is_valid()
        return bound

    def seen(self) -> Seen:
        """What the page was shown from: the step's paths and the fingerprint it carries
        (none: shown from nothing stored)."""
        return Seen(self.step.paths, self.form.data.get(FINGERPRINT) or None)

    def problems(self) -> int:
        """How many errors the page shows."""
        n = len(self.form.errors)
        if self.rows is not None:
            n += len(self.rows.non_form_errors()) + sum(len(e) for e in self.rows.errors)
        return n


class Step(ABC):
    """One step: its title, why it asks (one line), its fields and rows, and its answers
    as profile parts. Subclasses set the class attributes and the two conversions."""

    slug: ClassVar[str]
    title: ClassVar[str]
    why: ClassVar[str]
    form: ClassVar[type[CheckedForm]]
    rows: ClassVar[type[CheckedForm] | None] = None
    row_title: ClassVar[str] = ""  # "Training period": each row's legend, numbered
    add_label: ClassVar[str] = ""  # "Add another training period"
    empty_rows: ClassVar[str] = ""  # said when there are none ("No trips abroad.")
    min_rows: ClassVar[int] = 0
    new_rows: ClassVar[int] = 1  # rows shown when there are none yet
    # The keys the step owns in each part that is a mapping or a list of them (for a list
    # of plain values, none): a save keeps the stored value's others.
    owns: ClassVar[Owns] = {}
    # The paths of the profile the step shows and writes (every part :meth:`parts` gives
    # is one or under one): their stored values' fingerprint is on the page, and a save
    # finding them changed since saves nothing.
    paths: ClassVar[tuple[str, ...]] = ()

    @abstractmethod
    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        """The step's answers as profile parts."""

    @abstractmethod
    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        """The step's answers in a profile's data: (its fields, its rows), as values."""

    def shown(self, data: Mapping[str, Any], today: date) -> dict[str, Shown]:
        """What the step shows of each list it owns in ``data``: by default, where each of
        :meth:`values`' rows came from (tagged :data:`FROM`)."""
        _, rows = self.values(data, today)
        origins = [r.get(FROM) if isinstance(r, Mapping) else None for r in rows]
        out = {}
        for path in self.owns:
            at = [o[1] if o is not None and o[0] == path else None for o in origins]
            out[path] = Shown(at, frozenset(p for p in at if p is not None))
        return out

    def laid(self, path: str, value: Any, today: date, carried: Carried | None = None) -> Any:
        """A part as the save lays it: a mapping or list the step owns keys of, ready to
        keep the stored value's others (by the identities the page ``carried``, else by
        position); ROW taken out of every item."""
        if isinstance(value, list):
            rows = [v.pop(ROW, None) if isinstance(v, dict) else None for v in value]
            if path in self.owns:  # each item from the row at its place in ``rows``
                shown = partial(_shown_at, self, path, today)
                origins = carried.origins(rows) if carried is not None else None
                return Rows(value, rows, self.owns[path], shown, origins)
        elif isinstance(value, dict) and path in self.owns:
            return Owned(value, self.owns[path])
        return value

    def check_rows(self, rows: list[dict[str, Any]]) -> list[str]:
        """What is wrong with the rows taken together."""
        if len(rows) < self.min_rows:
            return [f"Give at least one {self.row_title.lower()}."]
        return []

    def form_kwargs(self) -> dict[str, Any]:
        """Extra arguments for the step's forms (choices that come from the packs)."""
        return {}

    # ------------------------------------------------------------------ binding

    def formset(self) -> type[RowsFormSet]:
        assert self.rows is not None
        made = formset_factory(
            self.rows,
            formset=RowsFormSet,
            extra=0,
            can_delete=True,
            max_num=MAX_ROWS,
            absolute_max=MAX_ROWS,
            validate_max=True,
        )
        cls = cast(type[RowsFormSet], made)
        cls.step = self
        return cls

    def bind(self, answers: Typed | None, today: date, *, fictional: bool = False) -> Bound:
        """The step bound to ``answers`` (an empty step when None). Its pickers offer the
        fictional Exampleland only when ``fictional`` (the profile uses it) or the
        answers name it."""
        data = MultiValueDict(answers if answers is not None else self.blank())
        fictional = fictional or uses_fictional(dict(data.lists()))
        kwargs = {"today": today, "fictional": fictional, **self.form_kwargs()}
        form = self.form(data=data, **kwargs)
        rows = None
        if self.rows is not None:
            rows = self.formset()(data=data, prefix=ROWS, form_kwargs=kwargs)
        return Bound(self, form, rows)

    def blank(self) -> Typed:
        """What an empty step holds: each field's default, and rows to fill in (shown
        from no stored item)."""
        out = _typed_fields(self.form, dict(_defaults(self.form)))
        if self.owns:
            out[SHOWN] = [""]
        if self.rows is not None:
            out |= _typed_rows(self.rows, [_defaults(self.rows)] * self.new_rows)
        return out

    def with_row(self, answers: Typed) -> Typed:
        """``answers`` and one more row to fill in ("Add another")."""
        assert self.rows is not None
        n = _total(answers)
        out = dict(answers)
        out[f"{ROWS}-TOTAL_FORMS"] = [str(n + 1)]
        for name, value in _defaults(self.rows).items():
            out[f"{ROWS}-{n}-{name}"] = [str(value)]
        return out

    def typed_from(self, data: Mapping[str, Any], today: date) -> Typed:
        """A profile's answers to this step, as if typed (to edit them), with the
        fingerprint of what they were read from."""
        main, rows = self.values(data, today)
        out = _typed_fields(self.form, main)
        out[FINGERPRINT] = [fingerprint(data, self.paths)]
        if self.rows is not None:
            # A value the profile leaves out is its default (a licence's kind: full).
            shown = [{**_defaults(self.rows), **row} for row in rows]
            out |= _typed_rows(self.rows, shown or [_defaults(self.rows)] * self.new_rows)
        return out | self.origins(data, today)

    def origins(self, data: Mapping[str, Any], today: date) -> Typed:
        """The hidden fields of the identities of the stored items the page shows from
        ``data``: each row's (``rows-0-from``), and those of the items it stands for
        without a row (:data:`SHOWN`: a stay in the US between trips)."""
        if not self.owns:
            return {}
        rows: dict[int, list[str]] = {}
        covers: list[str] = []
        for path, shown in self.shown(data, today).items():
            ids = identities(data, path)
            for i, at in enumerate(shown.rows):
                if at is not None and 0 <= at < len(ids):
                    rows.setdefault(i, []).append(ids[at])
            on_rows = {ids[at] for at in shown.rows if at is not None and 0 <= at < len(ids)}
            covers += [
                ids[at]
                for at in sorted(shown.covers)
                if 0 <= at < len(ids) and ids[at] not in on_rows
            ]
        out: Typed = {SHOWN: [" ".join(covers)]}
        return out | {_origin(i): [" ".join(ids)] for i, ids in rows.items()}


def _shown_at(step: Step, path: str, today: date, data: Mapping[str, Any]) -> Shown:
    return step.shown(data, today)[path]


def listed(data: Mapping[str, Any], path: str) -> list[dict[str, Any]]:
    """The items of a list of the profile, each tagged with where it is (:data:`FROM`)."""
    return [{**item, FROM: (path, i)} for i, item in enumerate(data.get(path) or [])]


def fields(*forms_: type[forms.Form], less: Sequence[str] = ()) -> frozenset[str]:
    """The fields of forms, as the keys a step owns."""
    return frozenset(n for f in forms_ for n in f.base_fields if n not in less)


def _defaults(form: type[forms.Form]) -> dict[str, Any]:
    return {n: f.initial for n, f in form.base_fields.items() if f.initial not in (None, "")}


def _total(answers: Typed) -> int:
    try:
        return int((answers.get(f"{ROWS}-TOTAL_FORMS") or ["0"])[0])
    except ValueError:
        return 0


def _typed_rows(form: type[forms.Form], rows: Sequence[Mapping[str, Any]]) -> Typed:
    out: Typed = {
        f"{ROWS}-TOTAL_FORMS": [str(len(rows))],
        f"{ROWS}-INITIAL_FORMS": ["0"],
    }
    for i, row in enumerate(rows):
        out |= _typed_fields(form, row, f"{ROWS}-{i}-")
    return out


def _typed_fields(form: type[forms.Form], values: Mapping[str, Any], prefix: str = "") -> Typed:
    """Values as a person would have typed them: days as "1 Jul 2024" (a month alone as
    "Oct 2026"), specialties by name, a ticked box as "on"."""
    out: Typed = {}
    for name, field in form.base_fields.items():
        value = values.get(name)
        if value is None or value == "" or value is False or value == []:
            continue
        if isinstance(value, list | tuple):
            out[prefix + name] = [str(v) for v in value]
        elif isinstance(field, TypedDateField):
            day = value if isinstance(value, date) else date.fromisoformat(str(value))
            out[prefix + name] = [dates.fmt(day)]
        elif isinstance(field, DayOrMonthField):
            out[prefix + name] = [field.as_typed(value)]
        elif isinstance(field, SpecialtyField):
            out[prefix + name] = [name_of(str(value))]
        elif value is True:
            out[prefix + name] = ["on"]
        else:
            out[prefix + name] = [str(value)]
    return out


def iso(value: Any) -> Any:
    """A checked value as profile data holds it (days as ISO text)."""
    return value.isoformat() if isinstance(value, date) else value


def plain(item: Mapping[str, Any]) -> dict[str, Any]:
    """An item of the profile: ISO days, and empty values left out."""
    return {k: iso(v) for k, v in item.items() if v is not None and v != "" and v != []}
