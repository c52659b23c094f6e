"""Impossible dates in a profile: a date of birth on or after the medical degree (or
its start), or in the future, is an error at its line in the file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import yaml
from pydantic import ValidationError

from wayhome.adapters import profiles
from wayhome.adapters.profiles import example_path
from wayhome.adapters.yamlfile import InvalidFileError
from wayhome.core.profile.model import Profile

TEXT = example_path("do-the-math").read_text(encoding="utf-8")


def _born(text: str, day: str) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)
    i = next(n for n, line in enumerate(lines) if line.strip().startswith("born:"))
    lines[i] = lines[i].split("born:")[0] + f"born: {day}\n"
    return "".join(lines), i + 1


def test_born_after_graduation_is_an_error_at_its_line(tmp_path):
    text, line = _born(TEXT, "2030-03-15")
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidFileError) as e:
        profiles.load_profile(path)
    (found,) = e.value.errors
    assert found.line == line
    assert found.field == "person.born"
    assert str(found) == (
        f"{path}:{line} person.born: your date of birth, 15 Mar 2030, is on or after your "
        "medical degree (30 Jun 2017): check it"
    )


def test_born_in_the_future_is_an_error():
    data = yaml.safe_load(TEXT)
    data["medical_school"].pop("graduated", None)
    data["medical_school"].pop("start", None)
    data["medical_school"].pop("internship", None)
    data["person"]["born"] = (date.today() + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as e:
        Profile.model_validate(data)
    assert e.value.errors()[0]["loc"] == ("person", "born")
    assert "is in the future" in e.value.errors()[0]["msg"]


def test_a_birth_before_medical_school_is_taken():
    text, _ = _born(TEXT, "1990-03-15")
    assert Profile.model_validate(yaml.safe_load(text)).person.born == date(1990, 3, 15)
