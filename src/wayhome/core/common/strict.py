"""Shared building blocks for the data models: strict, frozen, validated.

Every model forbids unknown keys (a typo in a profile or pack is an error, not
a silently ignored field) and is immutable once loaded.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from wayhome.core.common.countries import is_country
from wayhome.core.common.specialties import specialty_id


def new_list() -> list[Any]:
    """A new empty list: a list field's default (``Field(default_factory=new_list)``).
    Not ``list`` itself: building a model's validator, pydantic reads its default
    factories' signatures, and a builtin's is parsed from its text by the tokenizer, whose
    patterns are compiled for it (some 2 ms of `wayhome assess`'s start, #28)."""
    return []


class StrictModel(BaseModel):
    # defer_build: a model's validator is built when it first validates, not on import, so
    # a command builds only what it reads (the pack cache revives packs without building
    # theirs: adapters/pack_cache.py; start-up, #28).
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        populate_by_name=True,
        str_strip_whitespace=True,
        defer_build=True,
    )


def _check_country(code: str) -> str:
    if not is_country(code):
        raise ValueError(f"'{code}' is not an ISO 3166-1 alpha-2 country code (e.g. IN, BR, DE)")
    return code


Country = Annotated[str, AfterValidator(_check_country)]

JURISDICTION_RE: Final = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{2,10})?$")


def _check_jurisdiction(code: str) -> str:
    if not JURISDICTION_RE.match(code) or not is_country(code[:2]):
        raise ValueError(
            f"'{code}' is not a jurisdiction code: use a country (IN) or a regulator (AE-DHA)"
        )
    return code


Jurisdiction = Annotated[str, AfterValidator(_check_jurisdiction)]


def jurisdiction_problem(code: str) -> str | None:
    """Why ``code`` as typed (in, ae-dha) is no jurisdiction code, in the words a profile
    file's check uses; None when it is one. A valid code with no rule pack (FR) is one."""
    try:
        _check_jurisdiction(code.strip().upper())
    except ValueError as e:
        return str(e)
    return None


Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]

# A specialty as written anywhere (a slug, "Internal Medicine", "OB/GYN"), kept as the shared
# list's slug (wayhome.core.common.specialties); one not in the list is refused with the
# nearest matches.
SpecialtyId = Annotated[str, Field(max_length=120), AfterValidator(specialty_id)]
