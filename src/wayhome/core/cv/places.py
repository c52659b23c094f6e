"""Places on a CV in words, as its reader writes them: a country's name ("Bolivia"), a US
state's with its country ("Ohio, United States"), never the code the profile stores.

Public surface: :func:`place`.
"""

from __future__ import annotations

from typing import Final

from wayhome.core.common.countries import country_name, is_country

# The states, district and territory a US medical licence is issued for (USPS codes).
_STATES: Final = (
    "AL Alabama, AK Alaska, AZ Arizona, AR Arkansas, CA California, CO Colorado, "
    "CT Connecticut, DE Delaware, DC District of Columbia, FL Florida, GA Georgia, "
    "GU Guam, HI Hawaii, ID Idaho, IL Illinois, IN Indiana, IA Iowa, KS Kansas, "
    "KY Kentucky, LA Louisiana, ME Maine, MD Maryland, MA Massachusetts, MI Michigan, "
    "MN Minnesota, MS Mississippi, MO Missouri, MT Montana, NE Nebraska, NV Nevada, "
    "NH New Hampshire, NJ New Jersey, NM New Mexico, NY New York, NC North Carolina, "
    "ND North Dakota, OH Ohio, OK Oklahoma, OR Oregon, PA Pennsylvania, PR Puerto Rico, "
    "RI Rhode Island, SC South Carolina, SD South Dakota, TN Tennessee, TX Texas, "
    "UT Utah, VT Vermont, VI U.S. Virgin Islands, VA Virginia, WA Washington, "
    "WV West Virginia, WI Wisconsin, WY Wyoming"
)
US_STATES: Final = dict(pair.split(" ", 1) for pair in _STATES.split(", "))


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
