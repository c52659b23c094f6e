"""A value outside its bounds is said in words beside its field and line, never in
pydantic's wording ("Input should be less than or equal to 1")."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field

from wayhome.adapters import yamlfile


class Shape(BaseModel):
    share: float = Field(1.0, gt=0, le=1)
    years: int = Field(0, ge=0, lt=100)
    name: str = Field("x", min_length=1, max_length=5)
    items: list[str] = Field(default_factory=list, max_length=2)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("share: 1.5", "share: 1.5 is too large: it must be 1 at most"),
        ("share: 0", "share: 0 is too small: it must be more than 0"),
        ("years: -1", "years: -1 is too small: it must be 0 or more"),
        ("years: 100", "years: 100 is too large: it must be less than 100"),
        ("share: half", "share: 'half' is not a number"),
        ("name: ''", "name: is empty: write it, or leave the field out"),
        ("name: abcdefgh", "name: is longer than 5 characters: shorten it"),
        ("items: [a, b, c]", "items: has more than 2 entries"),
    ],
)
def test_a_value_outside_its_bounds_is_said_in_words(text, said):
    doc = yamlfile.from_bytes(f"# a file\n{text}\n".encode(), "f.yaml")
    with pytest.raises(yamlfile.InvalidFileError) as e:
        yamlfile.validate(doc, Shape)
    message = str(e.value)
    assert f"f.yaml:2 {said}" in message
    assert "Input should" not in message and "String should" not in message
