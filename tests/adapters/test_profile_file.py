"""Reading a profile: YAML 1.2 scalars, and every error at its file, line and field."""

from pathlib import Path

import pytest

from wayhome.adapters.profiles import example_names, example_path, load_profile
from wayhome.adapters.yamlfile import InvalidFileError

GOOD = """\
person:
  name: Dr. Nora Example
  born: 1990-03-15
  citizenship: [NO]
home_country: NO
medical_school:
  country: NO
  graduated: 2014-06-30
specialty: internal-medicine
plan:
  return_date: 2028-07-01
  return_type: academic
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(InvalidFileError) as caught:
        load_profile(_write(tmp_path, text), "profile.yaml")
    return [str(e) for e in caught.value.errors]


def test_it_reads_norway_as_a_country_not_as_false(tmp_path):
    profile, _ = load_profile(_write(tmp_path, GOOD))
    assert profile.home_country == "NO"
    assert profile.person.citizenship == ["NO"]


def test_a_missing_id_is_derived_and_stable(tmp_path):
    first, _ = load_profile(_write(tmp_path, GOOD))
    second, _ = load_profile(_write(tmp_path, GOOD))
    assert first.profile_id == second.profile_id


def test_targets_default_to_the_home_country(tmp_path):
    profile, _ = load_profile(_write(tmp_path, GOOD))
    assert profile.targets == ["NO"]


def test_a_bad_date_is_reported_at_its_line_and_field(tmp_path):
    errors = _errors(tmp_path, GOOD.replace("2014-06-30", "2014-13-01"))
    assert errors == [
        "profile.yaml:8 medical_school.graduated: '2014-13-01' is not a date: "
        "write YYYY-MM-DD, e.g. `2014-06-30`"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ("  graduated: 2014-06-30\n", "  graduated: 2014-06-30\n  gradauted: 1\n"),
            "profile.yaml:9 medical_school.gradauted: unknown field 'gradauted' "
            "(did you mean 'graduated'?)",
            id="misspelt-field",
        ),
        pytest.param(
            ("home_country: NO\n", "home_country: NO\nhome_country: IN\n"),
            "profile.yaml:6 home_country: duplicate key (first at line 5)",
            id="duplicate-key",
        ),
        pytest.param(
            ("  return_type: academic\n", "  return_type: hospital\n"),
            "profile.yaml:12 plan.return_type: 'hospital' is not one of: "
            "'academic', 'private' or 'public'",
            id="bad-choice",
        ),
        pytest.param(
            ("home_country: NO\n", "home_country: ZZ\n"),
            "profile.yaml:5 home_country: 'ZZ' is not an ISO 3166-1 alpha-2 country code",
            id="bad-country",
        ),
        pytest.param(
            ("  name: Dr. Nora Example\n", ""),
            "profile.yaml:1 person.name: is required",
            id="missing-field",
        ),
    ],
)
def test_each_mistake_names_its_line_and_field(tmp_path, change, expected):
    old, new = change
    assert old in GOOD
    errors = _errors(tmp_path, GOOD.replace(old, new))
    assert any(e.startswith(expected) for e in errors), errors


def test_a_misspelt_key_is_matched_to_the_keys_of_its_own_place(tmp_path):
    # A document has no 'name' (the person has): no suggestion, rather than the key
    # itself suggested back; a near key of the document's own is suggested.
    text = GOOD + "documents:\n  - {kind: primary-degree, issued: 2012-06-01, name: MBBS}\n"
    assert _errors(tmp_path, text) == [
        "profile.yaml:14 documents[0].name: unknown field 'name'; remove it or check the spelling"
    ]
    text = GOOD + "documents:\n  - {kind: primary-degree, isued: 2012-06-01}\n"
    assert _errors(tmp_path, text) == [
        "profile.yaml:14 documents[0].isued: unknown field 'isued' (did you mean 'issued'?); "
        "remove it or check the spelling"
    ]


def test_a_range_that_ends_before_it_starts_is_refused(tmp_path):
    text = GOOD + (
        "training:\n  - {kind: residency, specialty: im, country: US,"
        " start: 2021-07-01, end: 2020-06-30}\n"
    )
    errors = _errors(tmp_path, text)
    assert errors == [
        "profile.yaml:14 training[0]: the residency ends (2020-06-30) before it starts (2021-07-01)"
    ]


def test_a_bad_target_code_says_what_a_code_looks_like(tmp_path):
    errors = _errors(tmp_path, GOOD + "  targets: [India]\n")
    assert errors[0].startswith(
        "profile.yaml:13 plan.targets[0]: 'India' is not a "
        "jurisdiction code: use a country (IN) or a regulator (AE-DHA)"
    )


def test_all_errors_are_reported_at_once(tmp_path):
    text = GOOD.replace("2014-06-30", "2014-13-01").replace("1990-03-15", "15/03/1990")
    assert len(_errors(tmp_path, text)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", "profile.yaml:1: the file is empty", id="empty"),
        pytest.param("person: [unclosed\n", "profile.yaml:1: not valid YAML", id="not-yaml"),
        pytest.param("- a list\n", "profile.yaml:1: should be a mapping", id="not-a-mapping"),
    ],
)
def test_a_file_that_is_not_a_profile_says_so(tmp_path, text, expected):
    assert _errors(tmp_path, text)[0].startswith(expected)


def test_a_missing_file_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(InvalidFileError, match="no such file"):
        load_profile(tmp_path / "nope.yaml")


@pytest.mark.parametrize("name", example_names())
def test_every_bundled_example_is_a_valid_profile(name):
    profile, _ = load_profile(example_path(name))
    assert profile.person.name
