"""vCard files (2.1, 3.0, 4.0) read into contacts, and contacts written back as vCard.

Phones and webmail export every contact into one .vcf. The file is cut into cards first and
each card is parsed on its own with vobject, so one garbled card is reported with its number
and first line while the rest import.

Names. A card's name candidates are its FN values, its N (prefix, given, additional, family,
suffix) and, for a Latin spelling only, the phonetic name (X-PHONETIC-FIRST/MIDDLE/LAST-NAME)
and SORT-STRING. A candidate is Latin when all its letters are Latin script.

- ``native_name`` is the first FN, else N, that holds non-Latin letters.
- ``name`` is the first Latin FN (e.g. a second FN with LANGUAGE=en), else a Latin N, else a
  Latin phonetic name or SORT-STRING.
- A card with only a native-script name keeps it as both, and gets a note asking for a Latin
  spelling, since letters and forms need one.

Export writes FN in the native script when there is one and N in Latin (family name = last
word), so phones that sort by N sort by the Latin name and the reader gets both back.
Wayhome's own fields travel as X-WAYHOME-* properties that other programs ignore.
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Final

import vobject  # type: ignore[import-untyped]
from msgspec import Struct, field

from wayhome.adapters.files import decode_export, repairs_said
from wayhome.adapters.importers import limits
from wayhome.core.cv.contacts import Contact, ContactRole, derive_id, roles_from_title

VERSIONS: Final = ("3.0", "4.0")
BEGIN: Final = re.compile(r"^\s*BEGIN\s*:\s*VCARD\s*$", re.I)
END: Final = re.compile(r"^\s*END\s*:\s*VCARD\s*$", re.I)
LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
FOLD: Final = re.compile(r"\r\n[ \t]")
# A fold between the bytes of one UTF-8 character: after a byte of a character, before
# one of its continuation bytes (RFC 6350 section 3.2 warns of writers that do this).
SPLIT_FOLD: Final = re.compile(rb"(?<=[\x80-\xff])\r?\n[ \t](?=[\x80-\xbf])")
# A vCard 2.1 property in quoted-printable: its name and parameters, up to the colon, and
# its value with the lines a soft break (an = at a line's end) carries it onto.
QP_PROPERTY: Final = re.compile(
    r"^([^:\r\n]*QUOTED-PRINTABLE[^:\r\n]*):((?:[^\r\n]*=\r\n)*[^\r\n]*)", re.I | re.M
)
# What a property Wayhome keeps is called in a note or a refusal; the others are dropped.
KEPT: Final = {
    **dict.fromkeys(
        ("FN", "N", "SORT-STRING", *(f"X-PHONETIC-{p}-NAME" for p in ("FIRST", "MIDDLE", "LAST"))),
        "the name",
    ),
    "ORG": "the organisation",
    "TITLE": "the title",
    "ADR": "the address",
    "EMAIL": "an email address",
    "TEL": "a phone number",
    "NOTE": "the note",
    "X-WAYHOME-PENDING": "a pending request",
}
AGAIN: Final = "export the contacts again as vCard 3.0, which is UTF-8"
RAW_ROLE: Final = re.compile(r"^(?:[\w-]+\.)?X-WAYHOME-ROLE(?:;[^:\r\n]*)?:(.*)$", re.I | re.M)
ROLE: Final = "x-wayhome-role"
LAST_CONTACT: Final = "x-wayhome-last-contact"
PENDING: Final = "x-wayhome-pending"
CADENCE: Final = "x-wayhome-cadence-months"

# ADR country names as phones and webmail write them, casefolded, to ISO 3166 alpha-2.
COUNTRIES: Final[dict[str, str]] = {
    "us": "US",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "india": "IN",
    "bharat": "IN",
    "pakistan": "PK",
    "nigeria": "NG",
    "philippines": "PH",
    "the philippines": "PH",
    "uk": "GB",
    "u.k.": "GB",
    "gb": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "uae": "AE",
    "u.a.e.": "AE",
    "united arab emirates": "AE",
    "saudi arabia": "SA",
    "kingdom of saudi arabia": "SA",
    "ksa": "SA",
    "qatar": "QA",
    "japan": "JP",
    "日本": "JP",
    "korea": "KR",
    "south korea": "KR",
    "republic of korea": "KR",
    "korea, republic of": "KR",
    "대한민국": "KR",
    "brazil": "BR",
    "brasil": "BR",
    "germany": "DE",
    "deutschland": "DE",
}
# The name export writes for a code; a code without a name here is written as the code.
COUNTRY_NAMES: Final[dict[str, str]] = {
    "US": "United States",
    "IN": "India",
    "PK": "Pakistan",
    "NG": "Nigeria",
    "PH": "Philippines",
    "GB": "United Kingdom",
    "AE": "United Arab Emirates",
    "SA": "Saudi Arabia",
    "QA": "Qatar",
    "JP": "Japan",
    "KR": "South Korea",
    "BR": "Brazil",
    "DE": "Germany",
}


class CardProblem(Struct, frozen=True):
    card: int  # 1-based, counting BEGIN:VCARD lines
    line: int  # the line the card starts on
    message: str
    skipped: bool = True  # False for a note on a card that did import

    def __str__(self) -> str:
        return f"card {self.card} (line {self.line}): {self.message}"


class VCardResult(Struct):
    contacts: list[Contact] = field(default_factory=list)
    problems: list[CardProblem] = field(default_factory=list)


# --- reading ---------------------------------------------------------------------------------


def read_vcards(path: Path, name: str | None = None) -> VCardResult:
    """Read every card in a .vcf file; unreadable or nameless cards are reported and skipped.

    Raises ValueError naming the file when it holds no vCard at all, or naming its line when
    it holds a NUL (a damaged file: nothing of it is read). ``name`` is what to call the file
    in messages (an upload's own name).
    """
    shown = name or path.name
    result = VCardResult()
    data = _rejoin_split_characters(limits.read_bytes(path, shown))
    decoded = decode_export(data, shown, "your phone or webmail")
    cards = list(_cards(decoded.text))
    if not cards:
        raise ValueError(f"{shown} is not a vCard file (no BEGIN:VCARD); export contacts as .vcf.")
    for number, (line, text, closed) in enumerate(cards, start=1):
        notes: list[str] = []
        # A byte that is not UTF-8 in this card, read as Windows text: said on the card.
        last = line + text.count("\n") - 1
        repaired = [(n, read) for n, read in decoded.repaired if line <= n <= last]
        if repaired:
            result.problems.append(CardProblem(number, line, repairs_said(repaired), False))
        if not closed:
            message = "the card is not closed with END:VCARD"
            result.problems.append(CardProblem(number, line, message))
            continue
        try:
            contact = _contact(text, line, notes)
        except limits.FieldRefusedError as err:
            result.problems.append(CardProblem(number, line, f"{err}; card skipped"))
            continue
        except Exception as err:  # vobject raises many kinds; one bad card must not stop the file
            message = f"could not be read: {_describe(err, line)}"
            result.problems.append(CardProblem(number, line, message))
            continue
        if contact is None:
            message = "has no name (no FN or N), so it was skipped"
            result.problems.append(CardProblem(number, line, message))
            continue
        result.contacts.append(contact)
        result.problems.extend(CardProblem(number, line, n, skipped=False) for n in notes)
    return result


def _rejoin_split_characters(data: bytes) -> bytes:
    """The file with each fold that split a character's UTF-8 bytes joined: as written it is
    no UTF-8, and the whole file, every accented name in it, would be read as Windows
    text. Unchanged when it is UTF-8 already, or is not once joined."""
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        joined = SPLIT_FOLD.sub(b"", data)
    try:
        joined.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return joined


def _cards(text: str) -> Iterator[tuple[int, str, bool]]:
    """Each card's first line number, its text with CRLF endings, and whether END closed it."""
    start = 0
    lines: list[str] = []
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        if BEGIN.match(line):
            if lines:
                yield start, "\r\n".join(lines) + "\r\n", False
            start, lines = number, [line]
        elif lines:
            lines.append(line)
            if END.match(line):
                yield start, "\r\n".join(lines) + "\r\n", True
                lines = []
    if lines:
        yield start, "\r\n".join(lines) + "\r\n", False


def _describe(err: Exception, start: int) -> str:
    """The error in words, with vobject's line number counted from the top of the file;
    the card's text it quotes is cut to a line's length."""
    if isinstance(err, vobject.base.VObjectError):
        text = _short(" ".join(str(err.msg).split()))
        at = getattr(err, "lineNumber", None)
        if isinstance(at, int):
            return f"{text} (line {start + at - 1})"
        return text
    return _short(" ".join(str(err).split())) or type(err).__name__


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class UnknownCharsetError(limits.FieldRefusedError):
    """A quoted-printable field names no character set and is neither UTF-8 nor Windows
    text: read as either, its letters would be wrong, so its card is left out."""

    def __init__(self, field: str, line: int) -> None:
        super().__init__(
            f"line {line}: {field} is in quoted-printable with no character set, and is "
            f"neither UTF-8 nor Windows text (Western European): {AGAIN}"
        )


def _parsed(text: str, start: int, notes: list[str]) -> Any:
    """The card as vobject reads it, each quoted-printable property with no CHARSET read as
    :func:`_charset` says (vobject would read them all as UTF-8, and refused the whole card
    for one Outlook address line in Windows' code page)."""
    windows: dict[str, int] = {}  # each field read as Windows text -> its first line

    def named(m: re.Match[str]) -> str:
        head, value = m[1], m[2]
        if "CHARSET" in head.upper():
            return m[0]
        line = start + text.count("\n", 0, m.start())
        charset = _charset(head, value, line, windows)
        return m[0] if charset is None else f"{head};CHARSET={charset}:{value}"

    [card] = list(vobject.readComponents(QP_PROPERTY.sub(named, text), allowQP=True))
    if windows:
        fields = ", ".join(f"{field} (line {line})" for field, line in windows.items())
        were = "was" if len(windows) == 1 else "were"
        notes.append(
            f"{fields} named no character set and {were} not UTF-8: read as Windows text "
            f"(Western European, as Outlook writes it); if a letter looks wrong, {AGAIN}"
        )
    return card


def _charset(head: str, value: str, line: int, windows: dict[str, int]) -> str | None:
    """The CHARSET a quoted-printable property that names none is read with: none (UTF-8,
    as old phones write it) when its bytes are UTF-8, else windows-1252 (Outlook's), its
    field and line kept in ``windows`` when Wayhome keeps it. UnknownCharsetError for a
    kept field that is neither (a Czech phone's Windows-1250); one that is dropped anyway
    is read as Latin-1, which reads any byte."""
    data = binascii.a2b_qp(value.encode("utf-8"))
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    field = KEPT.get(head.split(";", 1)[0].rsplit(".", 1)[-1].strip().upper())
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        if field is not None:
            raise UnknownCharsetError(field, line) from None
        return "latin-1"
    if field is not None:
        windows.setdefault(field, line)
    return "windows-1252"


def _contact(text: str, start: int, notes: list[str]) -> Contact | None:
    card = _parsed(text, start, notes)
    # Roles come from the raw text: vobject's text decoding keeps only the first item of an
    # unescaped comma-separated list, which is how a hand-edited card would write them. Role
    # names hold no commas, so escaped (as vobject writes them) and bare commas both separate.
    unfolded = FOLD.sub("", text)
    raw_roles = [
        r.strip()
        for value in RAW_ROLE.findall(unfolded)
        for r in value.replace("\\,", ",").split(",")
    ]

    fns = [_text(line.value) for line in card.contents.get("fn", [])]
    n_name = _n_name(card)
    phonetic = " ".join(
        _text(line.value)
        for key in ("x-phonetic-first-name", "x-phonetic-middle-name", "x-phonetic-last-name")
        for line in card.contents.get(key, [])
    )
    sort_string = [_text(line.value) for line in card.contents.get("sort-string", [])]
    named = [s for s in (*fns, n_name) if s.strip()]
    native = next((s for s in named if not _is_latin(s)), None)
    latin = next(
        (s for s in (*named, phonetic, *sort_string) if s.strip() and _is_latin(s)),
        None,
    )
    if native is None and latin is None:
        return None
    if latin is None:
        notes.append(f"{native} has no Latin-script name; add one, as letters and forms need it")
    display = latin or native or ""
    emails = tuple(_text(line.value) for line in card.contents.get("email", []))
    uid = _first(card, "uid")
    _check_lengths(card, display, native, uid)
    title = _first(card, "title")
    return Contact(
        id=uid or derive_id(display, emails),
        name=display,
        native_name=native,
        # Wayhome's own X-WAYHOME-ROLE when the card has it, else what the title suggests.
        roles=_roles(raw_roles, notes) or roles_from_title(title),
        institution=_org(card),
        title=title,
        country=_country(card),
        emails=emails,
        phones=tuple(_phone(_text(line.value)) for line in card.contents.get("tel", [])),
        last_contact=_date(_first(card, LAST_CONTACT), notes),
        pending=tuple(_text(line.value) for line in card.contents.get(PENDING, [])),
        notes=_newlines(_first(card, "note")),
        cadence_months=_cadence(_first(card, CADENCE), notes),
    )


UID_LIMIT: Final = 200  # the stored contact id's column (ContactRecord.contact_id)


def _check_lengths(card: Any, name: str, native: str | None, uid: str | None) -> None:
    """FieldTooLongError for a kept field past its limit (a photo may be any length)."""
    limits.checked("the name", name)
    limits.checked("the name in its own script", native)
    limits.checked("the UID", uid, UID_LIMIT)
    for key, label, limit in (
        ("org", "the organisation", limits.TEXT),
        ("title", "the title", limits.TEXT),
        ("email", "an email address", limits.TEXT),
        ("tel", "a phone number", limits.TEXT),
        (PENDING, "a pending request", limits.TEXT),
        ("note", "the note", limits.LONG_TEXT),
    ):
        for line in card.contents.get(key, []):
            limits.checked(label, _text(line.value), limit)


def _text(value: Any) -> str:
    """A property value as one string; vobject gives lists for comma-separated parts."""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip()
    return str(value).strip() if value is not None else ""


def _first(card: Any, key: str) -> str | None:
    for line in card.contents.get(key, []):
        text = _text(line.value)
        if text:
            return text
    return None


def _newlines(text: str | None) -> str | None:
    """Quoted-printable notes carry CRLF (=0D=0A); keep plain newlines."""
    return LINE_BREAK.sub("\n", text) if text else text


def _is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def _n_name(card: Any) -> str:
    for line in card.contents.get("n", []):
        n = line.value
        if isinstance(n, vobject.vcard.Name):
            parts = (n.prefix, n.given, n.additional, n.family, n.suffix)
            text = " ".join(t for t in (_text(p) for p in parts) if t)
        else:
            text = " ".join(t for t in _text(n).split(";") if t.strip())
        if text:
            return text
    return ""


def _org(card: Any) -> str | None:
    for line in card.contents.get("org", []):
        value = line.value
        units = value if isinstance(value, list | tuple) else [value]
        text = ", ".join(t for t in (_text(u) for u in units) if t)
        if text:
            return text
    return None


def _country(card: Any) -> str | None:
    """The work address's country if there is one, else the first address with a country.

    Names in COUNTRIES and bare two-letter codes are understood; iPhones also write the code
    as X-ABADR in the address's group. Anything else is left unknown rather than guessed.
    """
    adrs = card.contents.get("adr", [])
    work = [a for a in adrs if "WORK" in {str(t).upper() for t in a.params.get("TYPE", [])}]
    codes = {
        line.group: _text(line.value).upper()
        for line in card.contents.get("x-abadr", [])
        if line.group
    }
    for adr in [*work, *(a for a in adrs if a not in work)]:
        said = _text(getattr(adr.value, "country", ""))
        code = COUNTRIES.get(said.casefold())
        if code is None and re.fullmatch(r"[A-Za-z]{2}", said):
            code = said.upper()
        if code is None and adr.group in codes and re.fullmatch(r"[A-Z]{2}", codes[adr.group]):
            code = codes[adr.group]
        if code:
            return code
    return None


def _phone(text: str) -> str:
    """vCard 4.0 writes phones as tel: URIs; keep the number as the user would dial it."""
    return re.sub(r"^tel:", "", text, flags=re.I)


def _roles(raw: Iterable[str], notes: list[str]) -> tuple[ContactRole, ...]:
    roles: list[ContactRole] = []
    for word in raw:
        if not word:
            continue
        try:
            roles.append(ContactRole(word.casefold()))
        except ValueError:
            notes.append(f"unknown role {word!r} in X-WAYHOME-ROLE was left out")
    return tuple(roles)


def _date(text: str | None, notes: list[str]) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        notes.append(f"last contact {text!r} is not a date (YYYY-MM-DD) and was left out")
        return None


def _cadence(text: str | None, notes: list[str]) -> int | None:
    if text is None:
        return None
    if text.isdigit() and int(text) > 0:
        return int(text)
    notes.append(f"cadence {text!r} is not a number of months and was left out")
    return None


# --- writing ---------------------------------------------------------------------------------


def write_vcards(contacts: Iterable[Contact], version: str = "3.0") -> str:
    """Contacts as one .vcf text, CRLF line ends; 3.0 by default since many phones reject 4.0."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version {version!r} is not one Wayhome writes; use 3.0 or 4.0")
    return "".join(_card(c, version) for c in contacts)


def _card(contact: Contact, version: str) -> str:
    card = vobject.vCard()
    card.add("version").value = version
    card.add("uid").value = contact.id
    card.add("fn").value = contact.native_name or contact.name
    card.add("n").value = _n_value(contact.name)
    if contact.institution:
        card.add("org").value = [contact.institution]
    if contact.title:
        card.add("title").value = contact.title
    for email in contact.emails:
        line = card.add("email")
        line.value = email
        if version == "3.0":
            line.type_param = "INTERNET"
    for phone in contact.phones:
        card.add("tel").value = phone
    if contact.country:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(
            country=COUNTRY_NAMES.get(contact.country, contact.country)
        )
        adr.type_param = "WORK"
    if contact.notes:
        card.add("note").value = contact.notes
    if contact.roles:
        card.add(ROLE).value = ",".join(r.value for r in contact.roles)
    if contact.last_contact:
        card.add(LAST_CONTACT).value = contact.last_contact.isoformat()
    for request in contact.pending:
        card.add(PENDING).value = request
    if contact.cadence_months is not None:
        card.add(CADENCE).value = str(contact.cadence_months)
    text: str = card.serialize()
    return text


def _n_value(name: str) -> Any:
    """N for a name: family = last word, the rest given; a non-Latin name is left unsplit.

    Only a Latin name is split, because a native-script name may put the family name first;
    the reader joins the parts back to the same string either way.
    """
    if not _is_latin(name):
        return vobject.vcard.Name(family=name)
    given, _, family = name.rpartition(" ")
    return vobject.vcard.Name(family=family, given=given)
