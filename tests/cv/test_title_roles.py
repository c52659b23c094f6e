"""A job title's role in the return: one core function, used by the vCard import and by
the form; the role it gives feeds the two-networks check and the keep-in-touch cadence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.helpers.contacts import person
from wayhome.adapters.importers.vcard import read_vcards
from wayhome.core.cv.contacts import (
    ContactRole,
    Side,
    cadence_of,
    due,
    missing_people,
    roles_from_title,
)

R = ContactRole


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("Chair", (R.DEPARTMENT_HEAD,)),
        ("Chairman, Department of Medicine", (R.DEPARTMENT_HEAD,)),
        ("Head of Department", (R.DEPARTMENT_HEAD,)),
        ("Head of the Department of Cardiology", (R.DEPARTMENT_HEAD,)),
        ("Chief of Cardiology", (R.DEPARTMENT_HEAD,)),
        ("Division Chief, Cardiology", (R.DEPARTMENT_HEAD,)),
        ("Dean", (R.DEAN_OR_DIRECTOR,)),
        ("Associate Dean for Graduate Medical Education", (R.DEAN_OR_DIRECTOR,)),
        ("Medical Director", (R.DEAN_OR_DIRECTOR,)),
        ("Medical Superintendent", (R.DEAN_OR_DIRECTOR,)),
        ("Chief Medical Officer", (R.DEAN_OR_DIRECTOR,)),
        ("Program Coordinator", (R.PROGRAMME_COORDINATOR,)),
        ("Programme Coordinator, Internal Medicine Residency", (R.PROGRAMME_COORDINATOR,)),
        ("Program Director", (R.PROGRAMME_DIRECTOR,)),
        ("Associate Program Director, Cardiology Fellowship", (R.PROGRAMME_DIRECTOR,)),
        ("Professor and Chair; Program Director", (R.PROGRAMME_DIRECTOR, R.DEPARTMENT_HEAD)),
        # None of these names a role: a chief resident is no department head, a vice
        # chair not the chair, and "Director" alone could be anything.
        ("Chief Resident", ()),
        ("Vice Chair for Education", ()),
        ("Vice-Chair", ()),
        ("Director", ()),
        ("Attending Physician", ()),
        ("", ()),
        (None, ()),
    ],
    ids=lambda v: repr(v) if not isinstance(v, tuple) else "-".join(r.value for r in v) or "none",
)
def test_a_job_title_maps_to_its_role(title, roles):
    assert roles_from_title(title) == roles


def test_a_programme_director_is_a_us_letter_writer_written_to_twice_a_year():
    pd = person("Dr. Ann Lee", R.PROGRAMME_DIRECTOR, country="US")
    assert (
        R.PROGRAMME_DIRECTOR.side is Side.US and R.PROGRAMME_DIRECTOR.words == "programme director"
    )
    assert cadence_of(pd) == 6
    people = [pd, person("Dr. B", R.LETTER_WRITER, country="US")]
    [gap] = [g for g in missing_people(people, "IN") if g.role is R.LETTER_WRITER]
    assert (gap.have, gap.need) == (2, 3)  # the programme director counts as one
    [d] = [d for d in due([pd], date(2027, 1, 1)) if d.contact.id == pd.id]
    assert d.cadence_months == 6


CARDS = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. Meera Iyer\r
TITLE:Chair, Department of Cardiology\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. Tom Hale\r
TITLE:Program Director\r
X-WAYHOME-ROLE:us-mentor\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. Sara Cole\r
TITLE:Attending Physician\r
END:VCARD\r
"""


def test_the_vcard_import_takes_the_titles_role_unless_the_card_has_ours(tmp_path: Path):
    path = tmp_path / "phone.vcf"
    path.write_text(CARDS, encoding="utf-8")
    roles = {c.name: c.roles for c in read_vcards(path).contacts}
    assert roles == {
        "Dr. Meera Iyer": (R.DEPARTMENT_HEAD,),
        "Dr. Tom Hale": (R.US_MENTOR,),  # Wayhome's own field wins over the title
        "Dr. Sara Cole": (),
    }


def test_a_programme_director_survives_a_trip_through_the_phone(tmp_path: Path):
    from wayhome.adapters.importers.vcard import write_vcards

    pd = person("Dr. Ann Lee", R.PROGRAMME_DIRECTOR, title="Chair")  # our role wins
    path = tmp_path / "out.vcf"
    path.write_text(write_vcards([pd], "3.0"), encoding="utf-8")
    assert "X-WAYHOME-ROLE:programme-director" in path.read_text(encoding="utf-8")
    assert read_vcards(path).contacts[0].roles == (R.PROGRAMME_DIRECTOR,)
