"""The setup's later steps: work since training, your US status, trips abroad, exams
taken, documents held and the return date (wayhome.web.forms.steps says how a step
works)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any, ClassVar, Final

from django import forms

from wayhome.core.common import dates
from wayhome.core.common.typed_dates import Tense
from wayhome.core.profile.facts import exam_key
from wayhome.core.profile.labels import WAIVER_ROUTES
from wayhome.services import setup as setup_service
from wayhome.services.setup import Shown
from wayhome.web.forms.base import CheckedForm, DayOrMonthField, SpecialtyField
from wayhome.web.forms.setup_career import NONE, PeriodRow, check_order, country, day
from wayhome.web.forms.steps import (
    FROM,
    ROW,
    Owns,
    Parts,
    Step,
    fields,
    iso,
    listed,
    plain,
)

# --------------------------------------------------------------------------- work


class WorkRow(PeriodRow):
    period = "The job"
    kind = forms.ChoiceField(
        label="Kind of work",
        choices=[
            ("clinical", "clinical"),
            ("teaching", "teaching"),
            ("research", "research"),
            ("other", "other"),
        ],
        initial="clinical",
    )
    role = forms.CharField(
        label="Role", max_length=120, help_text="attending, clinical instructor, …"
    )
    institution = forms.CharField(label="Institution", required=False, max_length=200)
    specialty = SpecialtyField(label="Specialty", required=False, max_length=120)
    country = country("Country", required=True, initial="US")
    start = day("First day", required=True)
    end = day("Last day (empty: you still work there)")
    # Decimal: a share a file gave (0.333) is shown as 33.3 and saved back as it was.
    percent = forms.DecimalField(
        label="Part time: % of full time",
        required=False,
        min_value=Decimal("0.01"),
        max_value=100,
        help_text="Empty for full time.",
    )


class Work(Step):
    slug = "work"
    title = "Work since training"
    why = (
        "Recent-practice rules and the experience senior posts ask for read your work: "
        "clinical work counts as practice, teaching and research often only in part, part "
        "time at its share."
    )
    form = CheckedForm
    rows = WorkRow
    row_title = "Job"
    add_label = "Add another job"
    paths = ("work",)
    empty_rows = "None since training: leave the row empty."
    owns: ClassVar[Owns] = {"work": fields(WorkRow, less=("percent",)) | {"fraction"}}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        out = []
        for r in rows:
            item = plain({k: v for k, v in r.items() if k != "percent"})
            if r.get("percent") and r["percent"] < 100:
                item["fraction"] = float(r["percent"] / 100)
            out.append(item)
        return {"work": out}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        rows = []
        for w in listed(data, "work"):
            fraction = w.get("fraction")
            rows.append({**w, "percent": _percent(fraction) if fraction else None})
        return {}, rows


def _percent(fraction: float) -> str:
    """A share of full time as a percentage, exactly (0.333: "33.3")."""
    return format((Decimal(str(fraction)) * 100).normalize(), "f")


# --------------------------------------------------------------------------- US status

STATUSES: Final = [
    ("J-1", "J-1"),
    ("H-1B", "H-1B"),
    ("green-card", "green card"),
    ("citizen", "US citizen"),
    ("other", "other"),
]
J1: Final = "J-1"


class VisaForm(CheckedForm):
    visa_type = forms.ChoiceField(
        label="Your status now", required=False, choices=[("", "none of these"), *STATUSES]
    )
    visa_start = day("In this status since", expect=Tense.PAST, what="the start of your status")
    visa_end = day(
        "Its last day, if known",
        help_text="For a J-1: the DS-2019's end date (the programme's end). "
        "For an H-1B: the end of the petition.",
    )
    board_exam = DayOrMonthField(
        label="Board exam you stay for (J-1 extension)",
        required=False,
        help_text="The exam's day, or its month if that is all you know: a J-1 may stay up "
        "to six months after the programme for a board exam, and the two years at home "
        "start after it. Empty: no extension.",
    )
    waiver_route = forms.ChoiceField(
        label="A J-1 waiver in progress: its route",
        required=False,
        choices=[("", "no waiver"), *WAIVER_ROUTES.items()],
    )
    waiver_status = forms.ChoiceField(
        label="Where it stands",
        required=False,
        choices=[
            NONE,
            ("considering", "considering it"),
            ("applied", "applied"),
            ("granted", "granted"),
            ("refused", "refused"),
        ],
    )
    waiver_date = day("Since", expect=Tense.PAST, what="the waiver's last step")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The board exam is asked of a J-1, or of someone who has not said yet (without
        # script the page cannot show it once J-1 is chosen); another status neither
        # sees it nor keeps what was sent in it.
        if self.data.get(self.add_prefix("visa_type"), J1) not in ("", J1):
            del self.fields["board_exam"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("visa_type") and not data.get("visa_start") and "visa_start" not in self.errors:
            self.add_error("visa_start", "When did this status start?")
        if data.get("waiver_route") and not data.get("waiver_status"):
            self.add_error("waiver_status", "Where does the waiver stand?")
        if data.get("waiver_status") and not data.get("waiver_route"):
            self.add_error("waiver_route", "Which route is the waiver on?")
        check_order(self, "visa_start", "visa_end", "The status")
        return data


class EarlierStatusRow(PeriodRow):
    period = "The status"
    type = forms.ChoiceField(label="Status", choices=[NONE, *STATUSES])
    start = day("From", required=True, expect=Tense.PAST, what="an earlier status")
    end = day("To", required=True)


class Visa(Step):
    slug = "visa"
    title = "Your US status"
    why = (
        "The J-1 has its seven years and the two-year home requirement, the H-1B its six "
        "years: each clock counts from these dates."
    )
    form = VisaForm
    rows = EarlierStatusRow
    row_title = "Earlier status"
    add_label = "Add another earlier status"
    paths = ("visa", "j1_waiver", "visa_history")
    empty_rows = "None: leave the row empty."
    # The status now and the waiver are laid key by key (``visa.type``): they keep the rest.
    owns: ClassVar[Owns] = {"visa_history": fields(EarlierStatusRow)}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        out: Parts = {"visa_history": [plain(r) for r in rows]}
        if main.get("visa_type"):
            out |= {
                "visa.type": main["visa_type"],
                "visa.start": iso(main["visa_start"]),
                "visa.end": iso(main.get("visa_end")),
                "visa.board_exam_extension": _extension(main),
            }
        else:
            out["visa"] = None
        if main.get("waiver_route"):
            out |= {
                "j1_waiver.route": main["waiver_route"],
                "j1_waiver.status": main["waiver_status"],
                "j1_waiver.date": iso(main.get("waiver_date")),
            }
        else:
            out["j1_waiver"] = None
        return out

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        visa = data.get("visa") or {}
        waiver = data.get("j1_waiver") or {}
        main = {
            "visa_type": visa.get("type"),
            "visa_start": visa.get("start"),
            "visa_end": visa.get("end"),
            "board_exam": (visa.get("board_exam_extension") or {}).get("exam"),
            "waiver_route": waiver.get("route"),
            "waiver_status": waiver.get("status"),
            "waiver_date": waiver.get("date"),
        }
        return main, listed(data, "visa_history")


def _extension(main: Mapping[str, Any]) -> dict[str, str] | None:
    """The board-exam extension, a J-1's only: the exam's day, or its month
    (``2026-10``), as the profile holds it; None removes it."""
    exam = main.get("board_exam")
    if main.get("visa_type") != J1 or exam is None:
        return None
    return {"exam": str(iso(exam))}  # a Month is "2026-10" as text


# --------------------------------------------------------------------------- trips

US: Final = "US"


class TripsForm(CheckedForm):
    us_since = day(
        "I have lived in the US since",
        expect=Tense.PAST,
        what="your arrival in the US",
        help_text="With no trips below this says: I have not left the US since then. With "
        "trips, every other day since then counts as a day in the US.",
    )


class TripRow(PeriodRow):
    period = "The trip"
    country = country("Country", required=True)
    start = day("Left the US", required=True)
    end = day("Back in the US", required=True)


class Trips(Step):
    slug = "trips"
    title = "Trips abroad"
    why = (
        "The visa clocks count days: the H-1B's six years give back every day abroad, and "
        "the J-1's two years at home count only days spent there."
    )
    form = TripsForm
    rows = TripRow
    row_title = "Trip"
    add_label = "Add another trip"
    paths = ("stays",)
    empty_rows = "No trips: leave the row empty."
    owns: ClassVar[Owns] = {"stays": frozenset({"country", "start", "end", "planned"})}

    def shown(self, data: Mapping[str, Any], today: date) -> dict[str, Shown]:
        # The step writes every stay: a stay in the US it makes again from the trips.
        rows = super().shown(data, today)["stays"].rows
        return {"stays": Shown(rows, frozenset(range(len(data.get("stays") or []))))}

    def check_rows(self, rows: list[dict[str, Any]]) -> list[str]:
        trips = sorted(rows, key=lambda r: r["start"])
        for a, b in pairwise(trips):
            if b["start"] < a["end"]:
                return [
                    f"The trips from {dates.fmt(a['start'])} and from {dates.fmt(b['start'])} "
                    "overlap: a day is spent in one country (the day you travel may end one "
                    "trip and start the next)."
                ]
        return []

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        trips = sorted(rows, key=lambda r: r["start"])
        stays: list[dict[str, Any]] = []
        cursor: date | None = main.get("us_since")  # in the US from this day on

        def in_us(until: date) -> None:
            if cursor is not None and cursor < until:
                stays.append(plain({"country": US, "start": cursor, "end": until}))

        for t in trips:
            if cursor is not None and t["start"] >= cursor:
                # A travel day ends one stay and starts the next; after today nothing is
                # known until a planned trip.
                in_us(min(t["start"], today))
                cursor = t["end"] if t["start"] <= today else None
            stays.append(plain({**t, "planned": True if t["start"] > today else None}))
        in_us(today)
        return {"stays": sorted(stays, key=lambda s: s["start"])}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        stays = [plain(s) for s in data.get("stays") or []]
        in_us = [s["start"] for s in stays if s["country"] == US]
        since = min(in_us) if in_us else None
        keys = ("country", "start", "end")
        trips = [
            {**{k: s[k] for k in keys}, FROM: ("stays", i)}
            for i, s in enumerate(stays)
            if s["country"] != US
        ]
        # Stays this step did not write (gaps, planned days in the US) are shown as they
        # are, every one a row, so that saving the step changes nothing it was not told.
        last = stays[-1] if stays else None
        until = date.fromisoformat(last["end"]) if last and last["country"] == US else today
        rows = [{k: _day(t[k]) if k != "country" else t[k] for k in keys} for t in trips]
        if self.parts({"us_since": _day(since)}, rows, until)["stays"] != stays:
            return {}, [
                {**{k: s[k] for k in keys}, FROM: ("stays", i)} for i, s in enumerate(stays)
            ]
        return {"us_since": since}, trips


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --------------------------------------------------------------------------- exams


class ExamRow(CheckedForm):
    name = forms.CharField(
        label="Exam",
        max_length=200,
        widget=forms.TextInput(attrs={"list": "exams", "autocomplete": "off"}),
    )
    date = day("Sat on", required=True, expect=Tense.PAST, what="an exam you have sat")
    result = forms.ChoiceField(
        label="Result",
        required=False,
        choices=[
            ("", "see the score"),
            ("pass", "pass"),
            ("fail", "fail"),
            ("pending", "not out yet"),
        ],
    )
    score = forms.CharField(
        label="Score (if any)", required=False, max_length=40, help_text="149/300, 149 or 62%"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name, result = data.get("name"), data.get("result")
        if name and not result and not data.get("score"):
            self.add_error("result", "Give the result, or the score.")
        known = setup_service.choices().exams
        if name and exam_key(name) not in known and result != "pass":
            close = nearest_exams(name, known)
            hint = f"Did you mean {' or '.join(close)}? " if close else ""
            self.add_error(
                "name",
                f"No home regulator's exam is called '{name}'. {hint}Only their exams' "
                "attempts count here; another exam you passed (USMLE) can be kept as a pass.",
            )
        return data


def nearest_exams(name: str, known: Mapping[str, str]) -> list[str]:
    keys = difflib.get_close_matches(exam_key(name), list(known), n=3, cutoff=0.6)
    return list(dict.fromkeys(known[k].rsplit(" (", 1)[0] for k in keys))


class Exams(Step):
    slug = "exams"
    title = "Exams you have taken"
    why = (
        "Many home exams allow only so many attempts, and a pass may spare you one: each "
        "attempt counts, and your next sitting is planned after the latest."
    )
    form = CheckedForm
    rows = ExamRow
    row_title = "Attempt"
    add_label = "Add another attempt"
    paths = ("exam_attempts", "exams_passed")
    empty_rows = "None: leave the row empty."
    owns: ClassVar[Owns] = {
        "exam_attempts": fields(ExamRow),
        "exams_passed": fields(ExamRow, less=("result",)),
    }

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        known = setup_service.choices().exams
        attempts = [plain(r) for r in rows if exam_key(r["name"]) in known]
        passes = [
            plain({k: r.get(k) for k in ("name", "date", "score", ROW)})
            for r in rows
            if exam_key(r["name"]) not in known
        ]
        return {"exam_attempts": attempts, "exams_passed": passes}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        rows = [{**p, "result": "pass"} for p in listed(data, "exams_passed")]
        rows += listed(data, "exam_attempts")
        return {}, sorted(rows, key=lambda r: str(r.get("date")))


# --------------------------------------------------------------------------- documents


class DocumentRow(CheckedForm):
    kind = forms.ChoiceField(label="Document", choices=[])
    issued = day("Issued on", required=True, expect=Tense.PAST, what="a document you hold")
    issuer = forms.CharField(label="Issued by", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = setup_service.choices().document_kinds
        self.fields["kind"].choices = [NONE, *((k, v[0].upper() + v[1:]) for k, v in kinds)]  # type: ignore[attr-defined]


class Documents(Step):
    slug = "documents"
    title = "Documents you hold"
    why = (
        "Some certificates are accepted only within months of issue: each is judged on the "
        "day you apply, and you are told when to ask for a new one. You may skip this."
    )
    form = CheckedForm
    rows = DocumentRow
    row_title = "Document"
    add_label = "Add another document"
    paths = ("documents",)
    empty_rows = "None yet: leave the row empty."
    # Documents held with no issue date (an issuer or a note only) are not shown: they stay.
    owns: ClassVar[Owns] = {"documents": fields(DocumentRow)}

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        return {"documents": [plain(r) for r in rows]}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        return {}, [d for d in listed(data, "documents") if d.get("issued")]


# --------------------------------------------------------------------------- the date


class ReturnDateForm(CheckedForm):
    return_date = day(
        "I plan to be back home on", required=True, expect=Tense.FUTURE, what="your planned return"
    )


class ReturnDate(Step):
    slug = "date"
    title = "Your planned return"
    why = (
        "Everything is planned backwards from this date: exam sittings, deadlines and what "
        "to start today. You can change it at any time."
    )
    form = ReturnDateForm
    paths = ("plan.return_date",)

    def parts(self, main: dict[str, Any], rows: list[dict[str, Any]], today: date) -> Parts:
        return {"plan.return_date": iso(main["return_date"])}

    def values(self, data: Mapping[str, Any], today: date) -> tuple[dict[str, Any], list[Any]]:
        return {"return_date": (data.get("plan") or {}).get("return_date")}, []
