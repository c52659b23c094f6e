"""A profile that fills every field the profile's pages write, and more than they show:
what a file imported may hold beyond a page's form, which saving the page must keep
(tests/web/test_pages_keep_unasked.py, tests/web/test_setup.py).

FULL is its YAML (valid as of tests.helpers.setups.TODAY, 24 Nov 2026). Beyond the
fields: a fourth citizenship (the page shows three), a fifth regulator and an
application to it (the page shows four), a document held with no issue date (the page
shows those with one), a part-time share no whole percentage gives (0.333).
:func:`model_paths` and :func:`data_paths` let a test check it fills every field of the
profile model under the parts the pages write, so a field added to the model is missed
by no page's test until it is filled here. :func:`imported_full` imports it on the
Import page, as a person does.
"""

from __future__ import annotations

import io
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Final

from pydantic import BaseModel

FULL: Final = """\
id: 5d3b6a0e-1c2f-4e8a-9b7d-2a4c6e8f0a1b
person:
  name: Dr. Full Example
  born: 1988-02-10
  citizenship: [IN, GB, CA, AU]
home_country: IN
home_for_212e: IN
medical_school:
  country: IN
  name: Example Medical College
  start: 2006-08-01
  graduated: 2011-06-30
  internship: {start: 2011-07-01, end: 2012-06-30}
specialty: cardiology
training:
  - {kind: residency, specialty: internal-medicine, country: US, start: 2016-07-01,
     end: 2019-06-30, program: Internal Medicine Residency, institution: Example Hospital}
  - {kind: fellowship, specialty: cardiology, country: US, start: 2019-07-01,
     end: 2022-06-30, program: Cardiology Fellowship, institution: Example Heart Centre}
work:
  - {role: attending, kind: clinical, specialty: cardiology, country: US,
     institution: Example Clinic, start: 2022-07-01, end: 2025-06-30, fraction: 0.333}
  - {role: clinical instructor, kind: teaching, country: US, start: 2025-07-01}
board_certifications:
  - {board: ABIM, specialty: internal-medicine, certified: 2019-08-20, expires: 2029-12-31}
  - {board: ABIM, specialty: cardiology, certified: 2027-01-15}
licences:
  - {jurisdiction: US-NY, number: "123456", issued: 2019-09-01, expires: 2027-08-31}
  - {jurisdiction: IN, kind: temporary, issued: 2012-07-01, expires: 2013-06-30}
exams_passed:
  - {name: USMLE Step 2 CK, date: 2015-04-12, score: "250"}
exam_attempts:
  - {name: Foreign Medical Graduate Examination, date: 2025-06-20, result: fail,
     score: "140/300"}
documents:
  - {kind: good-standing, issued: 2026-09-01, issuer: New York State Education Department,
     note: the original is with the notary}
  - {kind: passport, issuer: Government of India, note: being renewed}
visa:
  type: J-1
  start: 2022-07-01
  end: 2027-06-30
  board_exam_extension: {exam: 2027-10}
visa_history:
  - {type: J-1, start: 2016-06-20, end: 2019-06-30, board_exam_extension: {exam: 2019-10-15}}
  - {type: H-1B, start: 2019-07-01, end: 2022-06-30}
j1_waiver:
  route: conrad-30
  status: applied
  date: 2026-03-01
  employment_start: 2027-08-01
stays:
  - {country: US, start: 2022-07-01, end: 2025-12-20}
  - {country: IN, start: 2025-12-20, end: 2026-01-05}
  - {country: US, start: 2026-01-05, end: 2026-11-24}
  - {country: GB, start: 2027-03-01, end: 2027-03-10, planned: true}
plan:
  return_date: 2028-07-01
  return_type: academic
  targets: [IN, AE-DHA, AE-DOH, GB, DE]
  posts: [consultant, faculty]
  applications:
    - {target: AE-DHA, date: 2028-01-15}
    - {target: DE, date: 2028-03-01}
  registered:
    - {exam: Foreign Medical Graduate Examination, sitting: 2026-12}
confirmed_rules:
  - jurisdiction: IN
    kind: max_years_since_graduation
    years: 10
    applies_to: national licensing exam
    evidence: "phone call with the council, 2026-10-02"
scenarios:
  - {id: a-year-later, name: A year later, return_date: 2029-07-01}
"""


def imported_full() -> tuple[Any, int]:
    """A signed-in client (django.test.Client) whose profile is FULL, imported as a file
    on the Import page, and the stored profile's pk (a test with the database)."""
    from django.test import Client

    from wayhome.adapters.db import store
    from wayhome.adapters.db.models import StoredProfile

    c = Client()
    c.force_login(store.local_account())
    upload = io.BytesIO(FULL.encode())
    upload.name = "full.yaml"
    response = c.post("/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    return c, StoredProfile.objects.get(owner=store.local_account()).pk


def model_paths(model: type[BaseModel], prefix: str = "") -> Iterator[str]:
    """Every field of ``model`` as a dotted path, into the models it holds (lists and
    unions looked through): ``visa_history.board_exam_extension.exam``."""
    for name, field in model.model_fields.items():
        path = f"{prefix}{field.alias or name}"
        yield path
        for inner in _models(field.annotation):
            yield from model_paths(inner, f"{path}.")


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _models(typing.get_args(annotation)[0])
    elif origin is not None or isinstance(annotation, types.UnionType):
        for arg in typing.get_args(annotation):
            yield from _models(arg)


def data_paths(data: Any, prefix: str = "") -> set[str]:
    """The dotted paths ``data`` fills (list positions left out)."""
    out: set[str] = set()
    if isinstance(data, Mapping):
        for key, value in data.items():
            out |= {f"{prefix}{key}"} | data_paths(value, f"{prefix}{key}.")
    elif isinstance(data, list):
        for item in data:
            out |= data_paths(item, prefix)
    return out
