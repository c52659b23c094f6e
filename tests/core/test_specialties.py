"""One list of specialties: names as physicians write them, in any case and spacing,
kept as the slugs profiles and packs use; unknown text refused with the nearest names."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from wayhome.adapters.packs import bundled_dir, bundled_packs
from wayhome.adapters.profiles import examples_dir
from wayhome.core.common.specialties import (
    BOARDS,
    SPECIALTIES,
    UnknownSpecialtyError,
    lookup,
    normal,
    specialty_id,
)
from wayhome.core.profile.model import BoardCertification, Training, Work
from wayhome.core.rules.pack import _specialty_values


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Internal Medicine", "internal-medicine"),
        ("internal-medicine", "internal-medicine"),
        ("  INTERNAL   medicine ", "internal-medicine"),
        ("Cardiology", "cardiology"),
        ("Interventional cardiology", "interventional-cardiology"),
        ("Cardiovascular Disease", "cardiovascular-disease"),  # ABIM's certificate
        ("Surgery", "general-surgery"),  # ABS's certificate
        ("General Surgery", "general-surgery"),
        ("Obstetrics & Gynaecology", "obstetrics-gynecology"),
        ("OB/GYN", "obstetrics-gynecology"),
        ("Neonatal-Perinatal Medicine", "neonatology"),
        ("Paediatrics", "pediatrics"),
        ("ENT", "otolaryngology"),
        ("Surgery of the Hand", "hand-surgery"),
    ],
)
def test_it_takes_a_name_as_physicians_write_it(typed, slug):
    assert specialty_id(typed) == slug


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("Cardiolgy", "Cardiology (cardiology)"),
        ("Internal medcine", "Internal medicine (internal-medicine)"),
        ("Neurosurgeon", "Neurosurgery (neurological-surgery)"),
        ("gastro", "Gastroenterology (gastroenterology)"),
    ],
)
def test_unknown_text_is_refused_with_the_nearest_names(typed, offered):
    with pytest.raises(UnknownSpecialtyError) as e:
        specialty_id(typed)
    assert str(e.value).startswith(f"'{typed}' is not a specialty Wayhome knows: did you mean ")
    assert offered in str(e.value)


def test_a_form_is_told_the_names_without_slugs():
    with pytest.raises(UnknownSpecialtyError, match=r"did you mean Cardiology\?$"):
        specialty_id("Cardiolgy", slugs=False)


def test_nothing_close_says_how_to_write_it():
    with pytest.raises(UnknownSpecialtyError, match="as the ABMS boards name it"):
        specialty_id("x y")


def test_no_name_stands_for_two_specialties():
    owners: dict[str, set[str]] = defaultdict(set)
    for s in SPECIALTIES.values():
        for name in (s.slug, *s.names):
            owners[normal(name)].add(s.slug)
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}


def test_every_slug_names_itself_and_every_board_and_parent_exists():
    for s in SPECIALTIES.values():
        assert lookup(s.slug) is s and lookup(s.name) is s
        assert set(s.boards) <= set(BOARDS), s.slug
        assert s.parent is None or s.parent in SPECIALTIES, s.slug


def test_every_board_certifies_something():
    assert {b for s in SPECIALTIES.values() for b in s.boards} == set(BOARDS)


def test_the_profile_keeps_the_slug_of_whatever_was_written():
    t = Training(
        kind="fellowship", specialty="Interventional Cardiology", country="US",
        start="2024-07-01", end="2025-06-30",
    )  # fmt: skip
    assert t.specialty == "interventional-cardiology"
    board = BoardCertification(
        board="ABIM", specialty="Cardiovascular Disease", certified="2026-01-01"
    )
    assert board.specialty == "cardiovascular-disease"
    assert Work(role="attending", country="US", start="2025-01-01").specialty is None
    with pytest.raises(ValidationError, match="did you mean Cardiology"):
        Work(role="attending", specialty="Cardiolgy", country="US", start="2025-01-01")


def _specialties_in(data: Any) -> list[str]:
    if isinstance(data, dict):
        found = [v for k, v in data.items() if k == "specialty" and isinstance(v, str)]
        return found + [x for v in data.values() for x in _specialties_in(v)]
    if isinstance(data, list):
        return [x for v in data for x in _specialties_in(v)]
    return []


FILES = sorted(examples_dir().glob("*.yaml")) + sorted(bundled_dir().glob("*/tests.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_example_and_pack_scenario_writes_specialties_of_the_list(path: Path):
    written = _specialties_in(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert [s for s in written if s not in SPECIALTIES] == []


def test_every_bundled_pack_tests_specialties_of_the_list():
    tested = {
        (pack.code, value) for pack in bundled_packs() for _, value in _specialty_values(pack, ())
    }
    assert ("DE", "general-surgery") in tested
    assert {(code, v) for code, v in tested if v not in SPECIALTIES} == set()
    for pack in bundled_packs():
        if pack.specialties:
            assert set(pack.specialties.shared) <= set(pack.specialties.names)


PROFILE = """\
person: {name: Dr. Nora Example}
home_country: NO
medical_school: {country: NO}
specialty: SPECIALTY
plan: {return_date: 2028-07-01, return_type: academic}
"""


def test_a_profile_file_may_write_the_name_and_is_read_as_the_slug(tmp_path):
    from wayhome.adapters.profiles import load_profile

    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("SPECIALTY", "Internal Medicine"), encoding="utf-8")
    assert load_profile(path, "p.yaml")[0].specialty == "internal-medicine"


def test_a_profile_file_with_an_unknown_specialty_names_the_line_and_the_nearest(tmp_path):
    from wayhome.adapters.profiles import load_profile
    from wayhome.adapters.yamlfile import InvalidFileError

    path = tmp_path / "p.yaml"
    path.write_text(PROFILE.replace("SPECIALTY", "Cardiolgy"), encoding="utf-8")
    with pytest.raises(InvalidFileError) as e:
        load_profile(path, "p.yaml")
    assert [str(x) for x in e.value.errors] == [
        "p.yaml:4 specialty: 'Cardiolgy' is not a specialty Wayhome knows: "
        "did you mean Cardiology (cardiology)?"
    ]
