"""The guided setup, one form a step, in the guide's order; and the profile import.

Each step asks only what the engine needs, and says why beside the question.
Answers are kept in the session until the last step turns them into profile data
(:func:`profile_data`), which wayhome.services.setup saves over the stored profile,
validated like any profile file.
"""

from __future__ import annotations

from typing import Any, Final

from django import forms

from wayhome.web.forms.base import COUNTRY_CHOICES, DATE, TypedDateField

TRAINING_ROWS: Final = 3


class ReturnTypeForm(forms.Form):
    title = "How you plan to return"
    why = (
        "Each kind of return has its own gatekeepers: a consultant post at a teaching "
        "hospital, a private clinic and a government post follow different rules."
    )
    return_type = forms.ChoiceField(
        label="I plan to work in",
        widget=forms.RadioSelect,
        choices=[
            ("academic", "an academic or tertiary hospital post"),
            ("private", "private or group practice"),
            ("public", "the public or government health service"),
        ],
    )


class HomeForm(forms.Form):
    title = "You and your home country"
    why = (
        "Age limits count from your date of birth; the regulators to check depend on "
        "where you will work. Choose a regulator when a country has several."
    )
    name = forms.CharField(label="Your name, as on your documents", max_length=200)
    born = TypedDateField(
        label="Date of birth",
        required=False,
        widget=DATE,
        help_text="Leave empty if you prefer: age rules will say 'unknown'.",
    )
    home_country = forms.ChoiceField(label="Home country", choices=COUNTRY_CHOICES)
    targets = forms.MultipleChoiceField(
        label="Regulators to check (none ticked: your home country's)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["targets"].choices = targets  # type: ignore[attr-defined]


class SchoolForm(forms.Form):
    title = "Medical school"
    why = (
        "Windows such as 'within 10 years of graduation' count from the day your degree "
        "was awarded, and a foreign degree often means a screening exam."
    )
    school_country = forms.ChoiceField(
        label="Country of your medical school", choices=COUNTRY_CHOICES
    )
    school_start = TypedDateField(
        label="Course started",
        required=False,
        widget=DATE,
        help_text="Some rules apply only to courses begun after a date.",
    )
    graduated = TypedDateField(label="Degree awarded", required=False, widget=DATE)


class TrainingForm(forms.Form):
    title = "Training in the US"
    why = (
        "What your training counts as at home, and every deadline counted from its end, "
        "depends on these dates. Enter a planned end date if you are still in training."
    )
    specialty = forms.SlugField(
        label="The specialty you want recognised at home",
        help_text="Lower case with dashes, e.g. internal-medicine.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(TRAINING_ROWS):
            req = i == 0
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                label=f"Period {i + 1}: kind",
                required=req,
                choices=[
                    ("", "—"),
                    ("residency", "residency"),
                    ("fellowship", "fellowship"),
                    ("other", "other"),
                ],
            )
            self.fields[f"specialty_{i}"] = forms.SlugField(label="specialty", required=req)
            self.fields[f"country_{i}"] = forms.ChoiceField(
                label="country", required=req, choices=COUNTRY_CHOICES, initial="US"
            )
            self.fields[f"start_{i}"] = TypedDateField(label="start", required=req, widget=DATE)
            self.fields[f"end_{i}"] = TypedDateField(label="end", required=req, widget=DATE)


class BoardForm(forms.Form):
    title = "Board certification"
    why = (
        "Several regulators treat US board certification differently from completed "
        "training, and senior posts often count years from it. Leave empty if you have none "
        "yet, or enter the date you expect."
    )
    board = forms.CharField(label="Board (e.g. ABIM)", required=False, max_length=40)
    board_specialty = forms.SlugField(label="Certified specialty", required=False)
    certified = TypedDateField(label="Certified on", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [bool(data.get(k)) for k in ("board", "board_specialty", "certified")]
        if any(given) and not all(given):
            raise forms.ValidationError("Give the board, the specialty and the date, or none.")
        return data


class VisaForm(forms.Form):
    title = "Your US visa"
    why = (
        "The J-1 has a 7-year limit and a two-year home requirement; the H-1B a six-year "
        "limit. These clocks decide how long you can stay and when you could come back."
    )
    visa_type = forms.ChoiceField(
        label="Current status",
        required=False,
        choices=[
            ("", "—"),
            ("J-1", "J-1"),
            ("H-1B", "H-1B"),
            ("green-card", "green card"),
            ("citizen", "US citizen"),
            ("other", "other"),
        ],
    )
    visa_start = TypedDateField(label="In this status since", required=False, widget=DATE)
    j1_before = forms.BooleanField(
        label="I held J-1 status before my current status", required=False
    )
    j1_start = TypedDateField(label="J-1 from", required=False, widget=DATE)
    j1_end = TypedDateField(label="J-1 to", required=False, widget=DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("visa_type") and not data.get("visa_start"):
            self.add_error("visa_start", "When did this status start?")
        if data.get("j1_before") and not (data.get("j1_start") and data.get("j1_end")):
            self.add_error("j1_start", "Give the J-1 dates.")
        return data


class PlanForm(forms.Form):
    title = "Your planned return"
    why = (
        "Everything is planned backwards from this date: exam sittings, deadlines and "
        "what to start today. You can change it at any time."
    )
    return_date = TypedDateField(label="I plan to be back home on", widget=DATE)


STEPS: Final = [
    ("return", ReturnTypeForm),
    ("home", HomeForm),
    ("school", SchoolForm),
    ("training", TrainingForm),
    ("board", BoardForm),
    ("visa", VisaForm),
    ("plan", PlanForm),
]


def profile_data(answers: dict[str, Any]) -> dict[str, Any]:
    """The profile (as data) from the setup's answers; the service validates it."""
    a = answers
    training = []
    for i in range(TRAINING_ROWS):
        if a.get(f"kind_{i}"):
            training.append(
                {
                    "kind": a[f"kind_{i}"],
                    "specialty": a[f"specialty_{i}"],
                    "country": a[f"country_{i}"],
                    "start": a[f"start_{i}"],
                    "end": a[f"end_{i}"],
                }
            )
    data: dict[str, Any] = {
        "person": {"name": a["name"], "citizenship": [a["home_country"]]},
        "home_country": a["home_country"],
        "medical_school": {"country": a["school_country"]},
        "specialty": a["specialty"],
        "training": training,
        "plan": {
            "return_date": a["return_date"],
            "return_type": a["return_type"],
            "targets": list(a.get("targets") or []),
        },
    }
    if a.get("born"):
        data["person"]["born"] = a["born"]
    for key, field in (("school_start", "start"), ("graduated", "graduated")):
        if a.get(key):
            data["medical_school"][field] = a[key]
    if a.get("board"):
        data["board_certifications"] = [
            {"board": a["board"], "specialty": a["board_specialty"], "certified": a["certified"]}
        ]
    if a.get("visa_type"):
        data["visa"] = {"type": a["visa_type"], "start": a["visa_start"]}
    if a.get("j1_before"):
        data["visa_history"] = [{"type": "J-1", "start": a["j1_start"], "end": a["j1_end"]}]
    return data


def answers_from(data: dict[str, Any]) -> dict[str, Any]:
    """The setup's answers from a stored profile, to edit it."""
    a: dict[str, Any] = {
        "return_type": data["plan"]["return_type"],
        "name": data["person"]["name"],
        "born": data["person"].get("born"),
        "home_country": data["home_country"],
        "targets": data["plan"].get("targets", []),
        "school_country": data["medical_school"]["country"],
        "school_start": data["medical_school"].get("start"),
        "graduated": data["medical_school"].get("graduated"),
        "specialty": data["specialty"],
        "return_date": data["plan"]["return_date"],
    }
    for i, t in enumerate(data.get("training", [])[:TRAINING_ROWS]):
        a.update(
            {
                f"kind_{i}": t["kind"],
                f"specialty_{i}": t["specialty"],
                f"country_{i}": t["country"],
                f"start_{i}": t["start"],
                f"end_{i}": t["end"],
            }
        )
    certs = data.get("board_certifications") or []
    if certs:
        a.update(
            {
                "board": certs[0]["board"],
                "board_specialty": certs[0]["specialty"],
                "certified": certs[0]["certified"],
            }
        )
    if data.get("visa"):
        a.update({"visa_type": data["visa"]["type"], "visa_start": data["visa"]["start"]})
    j1 = [v for v in data.get("visa_history", []) if v["type"] == "J-1"]
    if j1:
        a.update({"j1_before": True, "j1_start": j1[0]["start"], "j1_end": j1[0].get("end")})
    return a


class ImportForm(forms.Form):
    file = forms.FileField(error_messages={"required": "Choose a profile file (.yaml) to import."})
