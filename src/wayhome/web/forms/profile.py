"""Changes to the profile made on its pages: scenarios, stays and the J-1 waiver (the
money inputs are wayhome.web.forms.money's). Each form's apply is one call to
wayhome.services.profile_edits."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

from django import forms

from wayhome.core.profile.labels import WAIVER_ROUTES
from wayhome.services import profile_edits
from wayhome.web.forms.base import COUNTRY_CHOICES, ActionForm, SpecialtyField, TypedDateField

EDITS: tuple[type[Exception], ...] = (profile_edits.ProfileEditError,)


class AddScenarioForm(ActionForm):
    """A scenario: give a name and at least one change."""

    refused = EDITS
    name = forms.CharField(
        label="Name", max_length=120, help_text="For example: after a fellowship in heart failure."
    )
    return_date = TypedDateField(
        label="Return on", required=False, help_text="Leave empty to follow from the changes below."
    )
    attending_years = forms.IntegerField(
        label="Years as a US attending first", required=False, min_value=0, max_value=30
    )
    fellowship_specialty = SpecialtyField(
        label="Added fellowship: specialty",
        required=False,
        max_length=120,
        help_text="As you would write it: Interventional cardiology, Advanced heart failure.",
    )
    fellowship_start = TypedDateField(label="Added fellowship: start", required=False)
    fellowship_end = TypedDateField(label="Added fellowship: end", required=False)
    target = forms.CharField(
        label="Another regulator (a code like IN or AE-DHA)", required=False, max_length=12
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fellowship = [
            data.get(k) for k in ("fellowship_specialty", "fellowship_start", "fellowship_end")
        ]
        if any(fellowship) and not all(fellowship):
            raise forms.ValidationError(
                "For an added fellowship give its specialty, start and end."
            )
        if not (
            data.get("return_date")
            or data.get("attending_years")
            or any(fellowship)
            or data.get("target")
        ):
            raise forms.ValidationError(
                "Change at least one thing: the return date, years "
                "as an attending, a fellowship or the regulator."
            )
        return data

    def apply(self, owner: Any, on: dt.date) -> str:
        profile_edits.add_scenario(owner, self.scenario())
        return "Scenario added."

    def scenario(self) -> dict[str, Any]:
        """The scenario as the profile holds it (the service gives it an id)."""
        d = self.cleaned_data
        out: dict[str, Any] = {"name": d["name"]}
        if d.get("return_date"):
            out["return_date"] = d["return_date"]
        if d.get("attending_years"):
            out["attending_years"] = d["attending_years"]
        if d.get("fellowship_specialty"):
            out["extra_training"] = [
                {
                    "kind": "fellowship",
                    "specialty": d["fellowship_specialty"],
                    "country": "US",
                    "start": d["fellowship_start"],
                    "end": d["fellowship_end"],
                }
            ]
        if d.get("target"):
            out["targets"] = [d["target"].strip().upper()]
        return out


class DeleteScenarioForm(ActionForm):
    refused = EDITS
    delete = forms.SlugField()

    def apply(self, owner: Any, on: dt.date) -> str:
        profile_edits.remove_scenario(owner, self.cleaned_data["delete"])
        return "Scenario deleted."


class AddStayForm(ActionForm):
    refused = EDITS
    country = forms.ChoiceField(label="Country", choices=COUNTRY_CHOICES)
    start = TypedDateField(label="From")
    end = TypedDateField(label="To")
    planned = forms.BooleanField(label="Still to come", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError("The stay ends before it starts.")
        return data

    def apply(self, owner: Any, on: dt.date) -> str:
        profile_edits.add_stay(owner, self.cleaned_data)
        return "Stay added."


class RemoveStayForm(ActionForm):
    refused = EDITS
    index = forms.IntegerField(min_value=0)

    def apply(self, owner: Any, on: dt.date) -> str:
        profile_edits.remove_stay(owner, self.cleaned_data["index"])
        return "Stay removed."


class WaiverForm(ActionForm):
    refused = EDITS
    route = forms.ChoiceField(
        label="J-1 waiver route",
        required=False,
        choices=[("", "none"), *WAIVER_ROUTES.items()],
    )
    status = forms.ChoiceField(
        label="Its status",
        required=False,
        choices=[
            ("", "—"),
            ("considering", "considering"),
            ("applied", "applied"),
            ("granted", "granted"),
            ("refused", "refused"),
        ],
    )
    date = TypedDateField(label="Since (a granted Conrad 30: the approval)", required=False)
    employment_start = TypedDateField(label="Conrad 30: the job's first day", required=False)

    def apply(self, owner: Any, on: dt.date) -> str:
        d = self.cleaned_data
        profile_edits.set_j1_waiver(owner, d if d["route"] and d["status"] else None)
        return "Waiver saved."


SCENARIO_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "add": AddScenarioForm,
    "delete": DeleteScenarioForm,
}
VISA_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "add-stay": AddStayForm,
    "delete-stay": RemoveStayForm,
    "waiver": WaiverForm,
}
