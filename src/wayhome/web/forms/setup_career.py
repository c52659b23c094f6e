"""The setup's first steps: who you are, how you plan to return, medical school, US
training, boards and licences (wayhome.web.forms.steps says how a step works)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, ClassVar, Final

from django import forms

from wayhome.core.common.countries import US_STATES
from wayhome.core.common.typed_dates import Tense
from wayhome.services import setup as setup_service
from wayhome.services.setup import Shown
from wayhome.web.forms.base import (
    COUNTRY_CHOICES,
    TYPED_DATE,
    CheckedForm,
    SpecialtyField,
    TypedDateField,
)
from wayhome.web.forms.steps import ROW, Owns, Parts, Step, fields, iso, listed, plain

NONE: Final = ("", "—")


def day(
    label: str,
    *,
    required: bool = False,
    expect: Tense | None = None,
    what: str = "",
    help_text: str = "",
) -> TypedDateField:
    """A day typed as text ("30 Jun 2024" or "2024-06-30")."""
    return TypedDateField(
        label=label,
        required=required,
        widget=TYPED_DATE,
        expect=expect,
        what=what or "this date",
        help_text=help_text,
    )


def country(label: str, *, required: bool = False, initial: str | None = None) -> forms.Field:
    return forms.ChoiceField(
        label=label, required=required, choices=COUNTRY_CHOICES, initial=initial
    )


# --------------------------------------------------------------------------- who you are


class YouForm(CheckedForm):
    name = forms.CharField(label="Your name, as on your documents", max_length=200)
    born = day(
        "Date of birth",
        expect=Tense.PAST,
        what="your date of birth",
        help_text="Leave empty if you prefer: age rules will then say 'unknown'.",
    )
    citizenship = country("Citizenship", required=True)
    citizenship_2 = country("Another citizenship, if you have one")
    citizenship_3 = country("A third citizenship")
    home_country = country("Home country (where you may return)", required=True)


class You(Step):
    slug = "you"
    title = "Who you are"
    why = (
        "Age limits count from your date of birth, your citizenship decides some routes, "
        "and every document is checked against the name you give here."
    )
    form = YouForm
    paths = ("person.name", "person.born", "person.citizenship", "home_country")
    owns: ClassVar[Owns] = {"person.citizenship": frozenset()}  # the first three; any more stay

    def shown(self, data: Mapping[str, Any], today: date) -> dict[str, Shown]:
        n = min(len((data.get("person") or {}).get("citizenship") or []), 3)
        return {"person.citizenship": Shown(range(n), frozenset(range(n)))}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        held = [main.get(k) for k in ("citizenship", "citizenship_2", "citizenship_3")]
        citizenship = list(dict.fromkeys(c for c in held if c))
        return {
            "person.name": main["name"],
            "person.born": iso(main.get("born")),
            "person.citizenship": citizenship,
            "home_country": main["home_country"],
        }

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        person = data.get("person") or {}
        held = list(person.get("citizenship") or [])[:3]
        keys = ("citizenship", "citizenship_2", "citizenship_3")
        return {
            "name": person.get("name"),
            "born": person.get("born"),
            "home_country": data.get("home_country"),
            **dict(zip(keys, held, strict=False)),
        }, []


# --------------------------------------------------------------------------- the return

TARGET_FIELDS: Final = ("target_1", "target_2", "target_3", "target_4")
TARGET_LABELS: Final = (
    "The regulator to check first",
    "Your second choice",
    "Your third choice",
    "Your fourth choice",
)
APPLY_FIELDS: Final = ("apply_1", "apply_2", "apply_3", "apply_4")
APPLY_LABEL: Final = "You plan to apply to it on"
APPLY_WHAT: Final = "a planned application"
APPLY_HELP: Final = (
    "If you know the day. Documents and rules checked when you apply are judged on it; "
    "left empty, on your return date."
)


class ReturnForm(CheckedForm):
    return_type = forms.ChoiceField(
        label="I plan to work in",
        widget=forms.RadioSelect,
        choices=[
            ("academic", "an academic or tertiary hospital post"),
            ("private", "private or group practice"),
            ("public", "the public or government health service"),
        ],
    )
    specialty = SpecialtyField(
        label="The specialty you want recognised at home",
        max_length=120,
        help_text="As you would write it: Internal medicine, Cardiology, "
        "Interventional cardiology.",
    )
    posts = forms.MultipleChoiceField(
        label="The posts you will seek (none ticked: those your kind of work leads to)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    # Declared here, not added in __init__: the step fills a page from the profile by
    # the form's declared fields, and a field it cannot see would be saved empty.
    # Each regulator with the day you plan to apply to it, if you know it: rules and
    # documents checked at the application use it (plan.applications).
    target_1 = forms.ChoiceField(
        label=TARGET_LABELS[0],
        required=False,
        choices=[],
        help_text="None chosen: your home country's regulators.",
    )
    apply_1 = day(APPLY_LABEL, expect=Tense.FUTURE, what=APPLY_WHAT, help_text=APPLY_HELP)
    target_2 = forms.ChoiceField(label=TARGET_LABELS[1], required=False, choices=[])
    apply_2 = day(APPLY_LABEL, expect=Tense.FUTURE, what=APPLY_WHAT)
    target_3 = forms.ChoiceField(label=TARGET_LABELS[2], required=False, choices=[])
    apply_3 = day(APPLY_LABEL, expect=Tense.FUTURE, what=APPLY_WHAT)
    target_4 = forms.ChoiceField(label=TARGET_LABELS[3], required=False, choices=[])
    apply_4 = day(APPLY_LABEL, expect=Tense.FUTURE, what=APPLY_WHAT)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        found = setup_service.choices(self.fictional)
        self.fields["posts"].choices = list(found.posts)  # type: ignore[attr-defined]
        for name in TARGET_FIELDS:
            self.fields[name].choices = [NONE, *found.targets]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [data.get(k) for k in TARGET_FIELDS if data.get(k)]
        if len(set(chosen)) < len(chosen):
            self.add_error(
                "target_1", "Each regulator once: a later choice repeats an earlier one."
            )
        for target, applying in zip(TARGET_FIELDS, APPLY_FIELDS, strict=True):
            if data.get(applying) and not data.get(target):
                self.add_error(applying, "Choose the regulator you will apply to on this day.")
        return data


class Return(Step):
    slug = "return"
    title = "How you plan to return"
    why = (
        "Each kind of post has its own gatekeepers, and each regulator its own rules: "
        "the regulators are checked in the order you prefer them."
    )
    form = ReturnForm
    paths = (
        "plan.return_type",
        "plan.posts",
        "plan.targets",
        "plan.applications",
        "specialty",
    )
    # The first four regulators (any more stay), and the days of applying to them: one
    # each, the one shown (their country's, when they have none of their own).
    owns: ClassVar[Owns] = {
        "plan.targets": frozenset(),
        "plan.applications": frozenset({"target", "date"}),
    }

    def shown(self, data: Mapping[str, Any], today: date) -> dict[str, Shown]:
        plan = data.get("plan") or {}
        targets = list(plan.get("targets") or [])[: len(TARGET_FIELDS)]
        applications = list(plan.get("applications") or [])
        rows = [_applying(plan, t) for t in targets]
        # The page stands for every day of a regulator shown, and of a country whose day
        # it shows for one: the other days of theirs go when it is saved.
        codes = set(targets) | {applications[r]["target"] for r in rows if r is not None}
        covers = frozenset(i for i, a in enumerate(applications) if a.get("target") in codes)
        return {
            "plan.targets": Shown(range(len(targets)), frozenset(range(len(targets)))),
            "plan.applications": Shown(rows, covers),
        }

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        return {
            "plan.return_type": main["return_type"],
            "plan.posts": list(main.get("posts") or []) or None,
            "plan.targets": [main[k] for k in TARGET_FIELDS if main.get(k)],
            "plan.applications": [
                {"target": main[t], "date": iso(main[a]), ROW: i}
                for i, (t, a) in enumerate(zip(TARGET_FIELDS, APPLY_FIELDS, strict=True))
                if main.get(t) and main.get(a)
            ],
            "specialty": main["specialty"],
        }

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        plan = data.get("plan") or {}
        targets = plan.get("targets") or []
        applications = plan.get("applications") or []
        days = [_applying(plan, t) for t in targets]
        return {
            "return_type": plan.get("return_type"),
            "posts": plan.get("posts") or [],
            "specialty": data.get("specialty"),
            **dict(zip(TARGET_FIELDS, targets, strict=False)),
            **dict(
                zip(
                    APPLY_FIELDS,
                    [None if i is None else applications[i]["date"] for i in days],
                    strict=False,
                )
            ),
        }, []


def _applying(plan: Mapping[str, Any], target: str) -> int | None:
    """Where the application to ``target`` is, as the engine reads it (its own, else its
    country's, the earliest), so that saving the step again keeps what it meant."""
    applications = plan.get("applications") or []
    for code in (target, target[:2]):
        found = [(str(a["date"]), i) for i, a in enumerate(applications) if a["target"] == code]
        if found:
            return min(found)[1]
    return None


# --------------------------------------------------------------------------- medical school


class SchoolForm(CheckedForm):
    school_name = forms.CharField(
        label="Name of your medical school", required=False, max_length=200
    )
    school_country = country("Country of your medical school", required=True)
    start = day(
        "Course started",
        expect=Tense.PAST,
        what="the start of your medical course",
        help_text="Some rules apply only to courses begun after a date.",
    )
    graduated = day("Degree awarded", expect=Tense.PAST, what="your graduation")
    internship_start = day(
        "Internship: first day", expect=Tense.PAST, what="your internship after medical school"
    )
    internship_end = day(
        "Internship: last day", expect=Tense.PAST, what="your internship after medical school"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        both = [data.get("internship_start"), data.get("internship_end")]
        if any(both) and not all(both) and not self.errors:
            missing = "internship_end" if both[0] else "internship_start"
            self.add_error(missing, "Give the internship's first and last day, or neither.")
        # Said here, beside the fields, not after the last step on another page.
        check_order(self, "start", "graduated", "The course")
        check_order(self, "internship_start", "internship_end", "The internship")
        return data


class School(Step):
    slug = "school"
    title = "Medical school"
    why = (
        "Windows such as 'within 10 years of graduation' count from the day your degree was "
        "awarded, and a degree from abroad often means a screening exam at home."
    )
    form = SchoolForm
    paths = ("medical_school",)
    owns: ClassVar[Owns] = {
        "medical_school": frozenset({"country", "name", "start", "graduated", "internship"})
    }

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        school = plain(
            {
                "country": main["school_country"],
                "name": main.get("school_name"),
                "start": main.get("start"),
                "graduated": main.get("graduated"),
            }
        )
        if main.get("internship_start"):
            school["internship"] = plain(
                {"start": main["internship_start"], "end": main.get("internship_end")}
            )
        return {"medical_school": school}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        s = data.get("medical_school") or {}
        internship = s.get("internship") or {}
        return {
            "school_name": s.get("name"),
            "school_country": s.get("country"),
            "start": s.get("start"),
            "graduated": s.get("graduated"),
            "internship_start": internship.get("start"),
            "internship_end": internship.get("end"),
        }, []


# --------------------------------------------------------------------------- US training


def check_order(form: forms.Form, first: str, last: str, what: str) -> None:
    """The ``last`` day not before the ``first``, said beside the last ("The job")."""
    start, end = form.cleaned_data.get(first), form.cleaned_data.get(last)
    if start and end and end < start:
        form.add_error(last, f"{what} ends before it starts: check both dates.")


class PeriodRow(CheckedForm):
    """A row with a first and a last day (``start``, ``end``), in order."""

    period: ClassVar[str] = "The period"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        check_order(self, "start", "end", self.period)
        return data


class TrainingRow(PeriodRow):
    kind = forms.ChoiceField(
        label="Kind",
        choices=[
            NONE,
            ("residency", "residency"),
            ("fellowship", "fellowship"),
            ("internship", "internship"),
            ("other", "other"),
        ],
    )
    specialty = SpecialtyField(label="Specialty", max_length=120)
    program = forms.CharField(label="Programme", required=False, max_length=200)
    institution = forms.CharField(label="Institution", required=False, max_length=200)
    country = country("Country", required=True, initial="US")
    start = day("First day", required=True)
    end = day("Last day (planned, if still to come)", required=True)


class Training(Step):
    slug = "training"
    title = "Your US training"
    why = (
        "What your training counts as at home, and every deadline counted from its end, "
        "depend on these periods: give a planned last day if you are still in training."
    )
    form = CheckedForm
    rows = TrainingRow
    row_title = "Training period"
    add_label = "Add another training period"
    min_rows = 1
    paths = ("training",)
    owns: ClassVar[Owns] = {"training": fields(TrainingRow)}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        return {"training": [plain(r) for r in rows]}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        return {}, listed(data, "training")


# --------------------------------------------------------------------------- boards

CERTIFIED, PLANNED = "certified", "planned"


class BoardRow(CheckedForm):
    board = forms.CharField(
        label="Board",
        max_length=80,
        widget=forms.TextInput(attrs={"list": "boards", "autocomplete": "off"}),
        help_text="ABIM, ABS, ABP, …",
    )
    specialty = SpecialtyField(label="Certified specialty", max_length=120)
    status = forms.ChoiceField(
        label="Status",
        choices=[(CERTIFIED, "certified"), (PLANNED, "planned: exam to come")],
        initial=CERTIFIED,
    )
    certified = day("Date certified (or expected)", required=True)
    expires = day("Expires (if it does)")

    def clean(self) -> dict[str, Any]:
        # A certificate held is in the past; a planned one is still to come.
        planned = self.cleaned_data.get("status") == PLANNED
        field = self.fields["certified"]
        assert isinstance(field, TypedDateField)
        field.expect = Tense.FUTURE if planned else Tense.PAST
        field.what = "a planned board exam" if planned else "a certification you hold"
        return super().clean()


class Boards(Step):
    slug = "boards"
    title = "Board certification"
    why = (
        "Senior posts count years from your board certificate (Dubai's consultant title "
        "counts years after it), and some regulators accept certification, not training alone."
    )
    form = CheckedForm
    rows = BoardRow
    row_title = "Board certification"
    add_label = "Add another board certification"
    empty_rows = "None yet: leave the row empty, or give a planned one."
    paths = ("board_certifications",)
    owns: ClassVar[Owns] = {"board_certifications": fields(BoardRow, less=("status",))}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        keys = ("board", "specialty", "certified", "expires", ROW)
        return {"board_certifications": [plain({k: r.get(k) for k in keys}) for r in rows]}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        rows = [
            {
                **b,
                "status": PLANNED if date.fromisoformat(str(b["certified"])) > today else CERTIFIED,
            }
            for b in listed(data, "board_certifications")
        ]
        return {}, rows


# --------------------------------------------------------------------------- licences

JURISDICTIONS: Final = [
    NONE,
    ("US states", [(f"US-{code}", f"{name} (US-{code})") for code, name in US_STATES.items()]),
    ("Countries (registration at home)", COUNTRY_CHOICES[1:]),
]


class LicenceRow(CheckedForm):
    jurisdiction = forms.ChoiceField(label="Where", choices=JURISDICTIONS)
    kind = forms.ChoiceField(
        label="Kind",
        choices=[
            ("full", "full licence or registration"),
            ("temporary", "temporary permit"),
            ("training", "for training posts only"),
        ],
        initial="full",
    )
    number = forms.CharField(label="Number", required=False, max_length=80)
    issued = day("Issued", expect=Tense.PAST, what="a licence you hold")
    expires = day("Expires")


class Licences(Step):
    slug = "licences"
    title = "Licences"
    why = (
        "Regulators ask for each licence's good standing, and a temporary permit at home "
        "runs out: its last day is planned for."
    )
    form = CheckedForm
    rows = LicenceRow
    row_title = "Licence"
    add_label = "Add another licence"
    empty_rows = "None: leave the row empty."
    paths = ("licences",)
    owns: ClassVar[Owns] = {"licences": fields(LicenceRow)}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        return {"licences": [plain(r) for r in rows]}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        return {}, listed(data, "licences")
