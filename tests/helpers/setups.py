"""Three new users' answers to the setup, step by step, as they would type them; and the
profile each must end with (tests/helpers/setups/*.yaml). The web tests post them, the
browser tests type them (tests/e2e/test_browser.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

import yaml

from wayhome.adapters.profiles import load_profile, to_data

TODAY: Final = date(2026, 11, 24)  # the day the three users set up (time is frozen to it)
REFERENCES: Final = Path(__file__).parent / "setups"


@dataclass(frozen=True)
class Answer:
    """One step: its fields (name -> what is typed or chosen; a list ticks boxes) and its
    rows, each a mapping of the row's field names."""

    step: str
    fields: dict[str, Any] = field(default_factory=dict)
    rows: list[dict[str, Any]] = field(default_factory=list)

    def post(self) -> dict[str, Any]:
        """As the step's form posts it, with the rows' count."""
        data: dict[str, Any] = {**self.fields, "action": "next"}
        if self.rows or self.step in ROW_STEPS:
            data["rows-TOTAL_FORMS"] = str(len(self.rows))
            data["rows-INITIAL_FORMS"] = "0"
            for i, row in enumerate(self.rows):
                data |= {f"rows-{i}-{k}": v for k, v in row.items()}
        return data


ROW_STEPS: Final = (
    "training", "boards", "licences", "work", "visa", "trips", "exams", "documents",
)  # fmt: skip

CARDIOLOGIST: Final = [
    Answer("you", {"name": "Dr. Arjun Mehta", "born": "12 Apr 1991", "citizenship": "IN",
                   "home_country": "IN"}),
    Answer("return", {"return_type": "academic", "specialty": "cardiology",
                      "target_1": "IN", "target_2": "AE-DHA"}),
    Answer("school", {"school_name": "Maulana Azad Medical College", "school_country": "IN",
                      "start": "1 Aug 2009", "graduated": "31 Mar 2015",
                      "internship_start": "1 Apr 2014", "internship_end": "31 Mar 2015"}),
    Answer("training", rows=[
        {"kind": "residency", "specialty": "Internal Medicine", "program": "Internal Medicine",
         "institution": "Mount Sinai Hospital", "country": "US", "start": "1 Jul 2021",
         "end": "30 Jun 2024"},
        {"kind": "fellowship", "specialty": "Cardiovascular Disease",
         "program": "Cardiovascular Disease Fellowship", "institution": "Mount Sinai Hospital",
         "country": "US", "start": "1 Jul 2024", "end": "30 Jun 2027"},
    ]),
    Answer("boards", rows=[
        {"board": "ABIM", "specialty": "Internal Medicine", "status": "certified",
         "certified": "20 Aug 2024"},
        {"board": "ABIM", "specialty": "Cardiovascular Disease", "status": "planned",
         "certified": "15 Oct 2027"},
    ]),
    Answer("licences", rows=[
        {"jurisdiction": "US-NY", "kind": "training", "issued": "15 Jun 2021"},
        {"jurisdiction": "IN", "kind": "full", "number": "DMC-48213", "issued": "2 May 2015"},
    ]),
    Answer("work"),
    Answer("visa", {"visa_type": "J-1", "visa_start": "20 Jun 2021", "visa_end": "30 Jun 2027"}),
    Answer("trips", {"us_since": "20 Jun 2021"}, rows=[
        {"country": "IN", "start": "20 Dec 2023", "end": "5 Jan 2024"},
        {"country": "IN", "start": "18 Dec 2025", "end": "3 Jan 2026"},
    ]),
    Answer("exams"),
    Answer("documents", rows=[
        {"kind": "primary-degree", "issued": "15 Apr 2015", "issuer": "University of Delhi"},
    ]),
    Answer("date", {"return_date": "1 Aug 2027"}),
]  # fmt: skip

INTERNIST: Final = [
    Answer("you", {"name": "Dr. Lena Hoffmann", "born": "3 Sep 1988", "citizenship": "DE",
                   "home_country": "DE"}),
    Answer("return", {"return_type": "public", "specialty": "internal   medicine",
                      "posts": ["specialist"], "target_1": "DE"}),
    Answer("school", {"school_name": "Charité – Universitätsmedizin Berlin",
                      "school_country": "DE", "start": "2008-10-01",
                      "graduated": "2014-11-30"}),
    Answer("training", rows=[
        {"kind": "residency", "specialty": "Internal medicine",
         "institution": "University of Michigan", "country": "US", "start": "1 Jul 2021",
         "end": "30 Jun 2024"},
    ]),
    Answer("boards", rows=[
        {"board": "ABIM", "specialty": "Internal Medicine", "status": "certified",
         "certified": "20 Aug 2024"},
    ]),
    Answer("licences", rows=[
        {"jurisdiction": "US-MI", "kind": "full", "number": "4301123456",
         "issued": "15 Jul 2024", "expires": "31 Jan 2027"},
    ]),
    Answer("work", rows=[
        {"kind": "clinical", "role": "hospitalist", "institution": "University of Michigan",
         "specialty": "Internal Medicine", "country": "US", "start": "1 Jul 2024",
         "percent": "80"},
        {"kind": "teaching", "role": "clinical assistant professor",
         "institution": "University of Michigan Medical School", "country": "US",
         "start": "1 Sep 2024", "percent": "20"},
    ]),
    Answer("visa", {"visa_type": "H-1B", "visa_start": "20 Jun 2021"}),
    Answer("trips", {"us_since": "20 Jun 2021"}, rows=[
        {"country": "DE", "start": "20 Dec 2022", "end": "2 Jan 2023"},
        {"country": "DE", "start": "21 Dec 2024", "end": "4 Jan 2025"},
        {"country": "DE", "start": "10 Jan 2027", "end": "20 Jan 2027"},
    ]),
    Answer("exams", rows=[
        {"name": "USMLE Step 3", "date": "10 May 2022", "result": "pass"},
    ]),
    Answer("documents"),
    Answer("date", {"return_date": "1 Apr 2027"}),
]  # fmt: skip

SURGEON: Final = [
    Answer("you", {"name": "Dr. Rafael Costa", "born": "20 Feb 1985", "citizenship": "BR",
                   "home_country": "BR"}),
    Answer("return", {"return_type": "private", "specialty": "General Surgery",
                      "target_1": "BR"}),
    Answer("school", {"school_name": "Universidad Mayor de San Andrés", "school_country": "BO",
                      "start": "1 Mar 2004", "graduated": "15 Dec 2010"}),
    Answer("training", rows=[
        {"kind": "residency", "specialty": "general surgery", "program": "General Surgery",
         "institution": "Cleveland Clinic", "country": "US", "start": "1 Jul 2013",
         "end": "30 Jun 2018"},
    ]),
    Answer("boards", rows=[
        {"board": "ABS", "specialty": "Surgery", "status": "certified",
         "certified": "15 Jan 2019"},
    ]),
    Answer("licences", rows=[
        {"jurisdiction": "US-OH", "kind": "full", "issued": "1 Jul 2018"},
    ]),
    Answer("work", rows=[
        {"kind": "clinical", "role": "attending surgeon", "institution": "Cleveland Clinic",
         "specialty": "General Surgery", "country": "US", "start": "1 Jul 2018"},
    ]),
    Answer("visa", {"visa_type": "green-card", "visa_start": "15 Mar 2020"}, rows=[
        {"type": "H-1B", "start": "20 Jun 2013", "end": "14 Mar 2020"},
    ]),
    Answer("trips", {"us_since": "20 Jun 2013"}, rows=[
        {"country": "BR", "start": "20 Dec 2024", "end": "10 Jan 2025"},
    ]),
    Answer("exams", rows=[
        {"name": "Revalida", "date": "14 Jun 2025", "result": "fail"},
    ]),
    Answer("documents", rows=[
        {"kind": "good-standing", "issued": "1 Oct 2026", "issuer": "State Medical Board of Ohio"},
    ]),
    Answer("date", {"return_date": "1 Sep 2027"}),
]  # fmt: skip

PERSONAS: Final = {
    "j1-cardiologist-india": CARDIOLOGIST,
    "h1b-internist-germany": INTERNIST,
    "green-card-surgeon-brazil": SURGEON,
}


def reference(name: str) -> dict[str, Any]:
    """The profile the setup must store for ``name``, as profile data."""
    return to_data(load_profile(REFERENCES / f"{name}.yaml")[0])


def stored(owner: Any) -> dict[str, Any]:
    """The stored profile as data, its documents included (they live in the records)."""
    from wayhome.services.setup import profile_data

    return profile_data(owner)


def as_yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
