"""Places on a CV in words, as its reader writes them: a country's name ("Bolivia"), a US
state's with its country ("Ohio, United States"), never the code the profile stores.

Public surface: :func:`place`.
"""

from __future__ import annotations

from wayhome.core.common.countries import US_STATES, country_name, is_country


def place(code: str) -> str:
    """``code`` in words: a country ("IN": "India"), a US state ("US-OH": "Ohio, United
    States"), another part of a country as written with its country's name ("AE-DHA":
    "DHA, United Arab Emirates"); a code it cannot read, as it is."""
    country, _, part = code.strip().partition("-")
    country = country.upper()
    if not is_country(country):
        return code
    if not part:
        return country_name(country)
    if country == "US":
        part = US_STATES.get(part.upper(), part)
    return f"{part}, {country_name(country)}"
