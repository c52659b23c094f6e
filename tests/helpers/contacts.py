"""Contacts made in the tests: one person from a name and roles, and a phone's vCards."""

from __future__ import annotations

from wayhome.core.cv.contacts import Contact, ContactRole, derive_id


def person(name: str, *roles: ContactRole, country: str | None = None, **kw: object) -> Contact:
    return Contact(id=derive_id(name), name=name, roles=roles, country=country, **kw)


# Two cards as a phone exports them: a department head at home (IN) and a US mentor.
HOME_CARDS = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. Priya Raman\r
N:Raman;Priya;;Dr.;\r
ORG:AIIMS New Delhi;Cardiology\r
ADR;TYPE=WORK:;;;New Delhi;;;India\r
X-WAYHOME-ROLE:department-head\r
X-WAYHOME-PENDING:Ask about a faculty post in July\r
X-WAYHOME-LAST-CONTACT:2026-01-15\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Dr. John Smith\r
N:Smith;John;;Dr.;\r
ORG:Mercy Hospital\r
ADR;TYPE=WORK:;;;Chicago;IL;;United States\r
X-WAYHOME-ROLE:us-mentor\r
END:VCARD\r
"""
