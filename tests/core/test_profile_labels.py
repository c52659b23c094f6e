"""The profile's fields in the person's words: what messages about an edit call them."""

import pytest

from wayhome.core.profile.labels import FIELDS, SECTIONS, in_words, where
from wayhome.core.profile.model import Profile


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ((), "Your profile"),
        (("training", 1, "end"), "Training period 2, end date"),
        (("person", "born"), "Your date of birth"),
        (("person",), "You"),
        (("plan", "return_date"), "Your plan, return date"),
        (("stays", 0), "Stay 1"),
        (
            ("scenarios", 2, "extra_training", 0, "start"),
            "Scenario 3, added training 1, start date",
        ),
        (("money", "home_income", "per_year"), "Money inputs, home income, per year"),
        (("board_certifications", 0, "certified"), "Board certification 1, date certified"),
    ],
    ids=lambda v: str(v),
)
def test_a_path_into_the_profile_reads_as_the_page_says_it(path, words):
    assert where(path) == words


def test_every_top_level_field_of_the_profile_has_words():
    assert set(Profile.model_fields) <= set(SECTIONS)


def test_dates_and_list_items_in_a_message_are_written_for_people():
    message = "stays[0] (US, 2024-06-20 to 2028-06-30) and stays[1] overlap"
    assert in_words(message) == "stay 1 (US, 20 Jun 2024 to 30 Jun 2028) and stay 2 overlap"
    assert in_words("Input should be at most 30") == "input should be at most 30"
    assert in_words("ISO code needed") == "ISO code needed"
    assert in_words("2024-02-30 stays as typed") == "2024-02-30 stays as typed"
    # What to write stays as written: "write 1 Jul 2024" would be wrong advice.
    assert in_words("on 2024-06-30: write `2024-07-01`, stays[0]") == (
        "on 30 Jun 2024: write `2024-07-01`, stay 1"
    )
    assert in_words("Specialist Conversion Examination has") == (
        "Specialist Conversion Examination has"
    )
    assert in_words("Value error, no") == "value error, no"
    assert in_words("`Stays[0]` as typed") == "`Stays[0]` as typed"
    assert "end" in FIELDS
