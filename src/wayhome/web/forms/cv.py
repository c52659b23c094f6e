"""The CV's sources: the procedure log (a file imported, its columns mapped, a procedure
typed in or removed), publications imported, and teaching, leadership and awards."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from django import forms

from wayhome.core.common.vocabulary import ROLES_TYPED, Role
from wayhome.core.cv.activities import ActivityKind
from wayhome.core.cv.cases import Procedure
from wayhome.services import activities, cases, publications
from wayhome.web.forms.base import ActionForm, TypedDateField
from wayhome.web.forms.uploads import UploadField

CASE_TEXT: Final = ("case_id", "category", "code", "description", "site")


def _named(upload: Any) -> tuple[str, bytes]:
    return upload.name or "upload", upload.read()


def _by_name(name: str, error: Exception) -> str:
    text = str(error)
    return text if text.startswith(name) else f"{name}: {text}"


class CaseImportForm(ActionForm):
    """A case-log file imported; one whose columns are not recognised is held for the
    mapping step instead (``token``), and nothing is stored."""

    file = UploadField(
        error_messages={"required": "Choose your case-log file (.csv or .xlsx) first."}
    )
    imported: cases.Imported | None = None
    token = ""

    def apply(self, owner: Any, on: date) -> str:
        name, data = _named(self.cleaned_data["file"])
        try:
            self.imported = cases.import_upload(owner, name, data)
        except cases.CaseLogError as e:
            self._hold(owner, name, data, f"{name}: {e}. Say which column is which below.")
        return ""

    def _hold(self, owner: Any, name: str, data: bytes, warning: str = "") -> None:
        """Held for the mapping step; a file that is no table at all is refused instead."""
        try:
            self.token = cases.hold(owner, name, data)
        except cases.CaseLogError as e:
            self.add_error(None, _by_name(name, e))
            return
        if warning:
            self.warnings.append(warning)


class CaseCheckForm(CaseImportForm):
    """The file held for the mapping step at once, to check its columns first."""

    def apply(self, owner: Any, on: date) -> str:
        self._hold(owner, *_named(self.cleaned_data["file"]))
        return ""


class AddCaseForm(ActionForm):
    """A procedure typed in."""

    refused = (cases.CaseLogError,)
    on = TypedDateField(label="Date", required=False)
    role = forms.CharField(required=False)
    case_id = forms.CharField(required=False)
    category = forms.CharField(required=False)
    code = forms.CharField(required=False)
    description = forms.CharField(required=False)
    site = forms.CharField(required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "on" in data and data["on"] is None:
            raise forms.ValidationError("give the date of the procedure")
        if data.get("role") not in ROLES_TYPED:
            raise forms.ValidationError("say whether you performed, assisted or observed")
        return data

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        text = {f: (d[f].strip()[:300] or None) for f in CASE_TEXT}
        fields = {f: text[f] for f in ("category", "code", "description", "site")}
        role = d["role"]
        procedure = Procedure(text["case_id"], d["on"], Role(role), role_said=role, **fields)
        cases.add_one(owner, procedure)
        return "Added."


class RemoveCaseForm(ActionForm):
    id = forms.IntegerField()

    def apply(self, owner: Any, on: date) -> str:
        return "Removed." if cases.remove_by_hand(owner, self.cleaned_data["id"]) else ""


CASE_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "import": CaseImportForm,
    "check": CaseCheckForm,
    "add": AddCaseForm,
    "remove": RemoveCaseForm,
}


class ColumnMapForm(ActionForm):
    """Which column of the held file ``target`` (token, name, preview) is which, and what
    its role words mean; ``imported`` is the result."""

    save = forms.BooleanField(required=False)
    date_order = forms.CharField(required=False)  # month-first | day-first | "" (as shown)
    imported: cases.Imported | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _, _, preview = self.target
        for f, label, _guess in cases.column_fields(preview):
            self.fields[f"col_{f}"] = forms.CharField(label=label, required=False)
        for i in range(len(preview.role_words)):
            self.fields[f"role_{i}"] = forms.CharField(required=False)

    def apply(self, owner: Any, on: date) -> str:
        token, name, preview = self.target
        d = self.cleaned_data
        columns = {k.removeprefix("col_"): v for k, v in d.items() if k.startswith("col_") and v}
        words = {said: d[f"role_{i}"] for i, said in enumerate(preview.role_words)}
        try:
            self.imported = cases.import_mapped(
                owner, token, columns, words, d["save"], d["date_order"]
            )
        except cases.CaseLogError as e:
            self.add_error(None, f"{name}: {e}")
            return ""
        return "Columns saved: the next file like this imports at once." if d["save"] else ""


class PubsImportForm(ActionForm):
    """A PubMed, RIS, BibTeX or CSL-JSON export imported and merged; ``imported``."""

    file = UploadField(
        error_messages={"required": "Choose your export (.nbib, .ris, .bib or .json) first."}
    )
    imported: publications.Imported | None = None

    def apply(self, owner: Any, on: date) -> str:
        name, data = _named(self.cleaned_data["file"])
        try:
            self.imported = publications.import_upload(owner, name, data)
        except ValueError as e:
            self.add_error(None, _by_name(name, e))
        return ""


class AddActivityForm(ActionForm):
    refused = (activities.ActivityError, ValueError)
    kind = forms.ChoiceField(choices=[(k.value, k.value) for k in ActivityKind])
    title = forms.CharField(required=False)
    organisation = forms.CharField(required=False)
    start = TypedDateField(label="Start", required=False)
    end = TypedDateField(label="End", required=False)
    detail = forms.CharField(required=False)
    letter = forms.IntegerField(required=False)

    def apply(self, owner: Any, on: date) -> str:
        d = self.cleaned_data
        activities.add(
            owner,
            d["kind"],
            d["title"],
            organisation=d["organisation"],
            start=d["start"],
            end=d["end"],
            detail=d["detail"],
            letter=d["letter"],
        )
        return "Added."


class RemoveActivityForm(ActionForm):
    refused = (activities.ActivityError,)
    id = forms.IntegerField()

    def apply(self, owner: Any, on: date) -> str:
        activities.remove(owner, self.cleaned_data["id"])
        return "Removed."


class LinkLetterForm(ActionForm):
    refused = (activities.ActivityError,)
    id = forms.IntegerField()
    letter = forms.IntegerField(required=False)

    def apply(self, owner: Any, on: date) -> str:
        activities.link_letter(owner, self.cleaned_data["id"], self.cleaned_data["letter"])
        return "Letter saved."


ACTIVITY_ACTIONS: Final[dict[str, type[ActionForm]]] = {
    "add": AddActivityForm,
    "remove": RemoveActivityForm,
    "link": LinkLetterForm,
}
