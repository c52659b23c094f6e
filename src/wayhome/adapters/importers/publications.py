"""Reference exports (PubMed/MEDLINE, RIS, BibTeX, CSL-JSON) read into publications.

Each format is read with a maintained library where one exists, one record at a time, so a
garbled or truncated record is reported where it sits and the rest of the file still imports.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Final

import nbib  # type: ignore[import-untyped]
import rispy  # type: ignore[import-untyped]
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from bibtexparser.model import Block
from msgspec import Struct, field

from wayhome.adapters.files import decode_export, repairs_said
from wayhome.adapters.importers import limits
from wayhome.core.cv.publications import Publication, classify

ACCEPTED: Final = "PubMed/MEDLINE (.nbib, .txt), RIS (.ris), BibTeX (.bib) or CSL-JSON (.json)"
YEAR: Final = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# nbib's own line pattern: a 4-character tag (padded with spaces), "-" or " ", a space.
MEDLINE_LINE: Final = re.compile(r"^[ A-Z]{4}[- ] ")
MEDLINE_SNIFF: Final = re.compile(r"^(?:PMID- |TI  - |FAU - |PT  - )", re.M)
LID_DOI: Final = re.compile(r"^LID - (\S+) \[doi\]", re.M)
RIS_START: Final = re.compile(r"^TY  - ")
RIS_END: Final = re.compile(r"^ER  -")
RIS_SNIFF: Final = re.compile(r"^TY  - ", re.M)
# Spaces and tabs only, never \s: with re.M, "^\s*" at every line start ran over all the
# blank lines after it, so a file of blank lines took quadratic time to sniff.
BIB_SNIFF: Final = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.M)
CSL_OBJECT: Final = re.compile(r'"(?:title|items|type)"\s*:')
PUBMED_DB: Final = re.compile(r"pubmed|medline|nlm", re.I)
BIB_KEY: Final = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]+)\s*,")
# bibtexparser logs each entry it cannot parse, with its line counted from 0: each is
# reported here, at its line counted from 1, so its own warning would only contradict.
logging.getLogger("bibtexparser").setLevel(logging.ERROR)


class RecordProblem(Struct, frozen=True):
    where: str  # "pubs.ris:12" or "pubs.bib: entry smith2020", as the user can find it
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportResult(Struct):
    publications: list[Publication] = field(default_factory=list)
    problems: list[RecordProblem] = field(default_factory=list)
    format: str = ""  # "medline", "ris", "bibtex" or "csl-json"
    notes: list[str] = field(default_factory=list)  # what was read, and how: not rejected


def read_publications(path: Path, name: str | None = None) -> ImportResult:
    """Read one export; the content decides the format, the extension only breaks ties.

    Raises ValueError naming the file and the accepted formats when it is none of them,
    or its line when it holds a NUL (a damaged file: nothing of it is read).
    ``name`` is what to call the file in messages (an upload's own name).
    """
    shown = name or path.name
    text, notes = _decode(limits.read_bytes(path, shown), shown)
    for fmt in _candidates(path.suffix.lower()):
        sniff, reader = READERS[fmt]
        if sniff(text):
            result = ImportResult(format=fmt, notes=notes)
            reader(text, shown, result)
            return result
    raise ValueError(f"{shown} is not a reference export Wayhome can read; use {ACCEPTED}.")


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 as modern exports are; older Windows reference managers write cp1252. A NUL
    (a damaged file) is refused at its line (files.NulCharacterError), before any record.
    The note on a UTF-8 file's bytes that are not, read as Windows text, if any."""
    decoded = decode_export(data, name, "your reference manager or PubMed")
    notes = [f"{name}: {repairs_said(decoded.repaired)}"] if decoded.repaired else []
    # Only CRLF: PubMed records can hold a stray CR inside a field, which is not a line end.
    return decoded.text.replace("\r\n", "\n"), notes


def _candidates(suffix: str) -> list[str]:
    hinted = {".nbib": "medline", ".txt": "medline", ".medline": "medline", ".ris": "ris"}
    hinted |= {".bib": "bibtex", ".bibtex": "bibtex", ".json": "csl-json"}
    order = ["csl-json", "ris", "medline", "bibtex"]
    first = hinted.get(suffix)
    return [first, *[n for n in order if n != first]] if first else order


def _year(value: object) -> int | None:
    match = YEAR.search(str(value)) if value is not None else None
    return int(match.group(1)) if match else None


def _text(value: object) -> str | None:
    """A field as one clean string; some sources give lists, or wrap lines mid-title."""
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None


def _add(
    result: ImportResult,
    where: str,
    *,
    title: str,
    authors: Iterable[str],
    year: int | None,
    journal: str | None,
    doi: str | None,
    pmid: str | None,
    types: Iterable[str],
) -> None:
    """The record as a publication, or a problem at ``where`` when a field is too long."""
    try:
        names = tuple(a for a in (" ".join(a.split()) for a in authors) if a)
        for author in names:
            limits.checked("an author's name", author)
        result.publications.append(
            Publication(
                title=limits.checked("the title", title) or "",
                authors=names,
                year=year,
                journal=limits.checked("the journal", journal),
                doi=limits.checked("the DOI", doi),
                pmid=limits.checked("the PMID", pmid),
                kind=classify(types, title),
            )
        )
    except limits.FieldRefusedError as e:
        result.problems.append(RecordProblem(where, f"{e}; record skipped"))


# --- PubMed / MEDLINE (.nbib) -------------------------------------------------------------


def _sniff_medline(text: str) -> bool:
    return bool(MEDLINE_SNIFF.search(text)) and not RIS_SNIFF.search(text)


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Records separated by blank lines, each with its first line's number (1-based)."""
    start, block = 0, list[str]()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _read_medline(text: str, name: str, result: ImportResult) -> None:
    for start, block in _blocks(text.split("\n")):
        bad = next((i for i, line in enumerate(block) if not MEDLINE_LINE.match(line)), None)
        if bad is not None:
            result.problems.append(
                RecordProblem(f"{name}:{start + bad}", "not a MEDLINE line; record skipped")
            )
            continue
        chunk = "\n".join(block) + "\n\n"
        try:
            refs = nbib.read(chunk)
        except Exception as e:  # nbib raises bare errors for malformed tags and dates
            result.problems.append(
                RecordProblem(f"{name}:{start}", f"record could not be read ({e}); skipped")
            )
            continue
        for ref in refs:
            title = _text(ref.get("title")) or _text(ref.get("transliterated_title"))
            if not title:
                result.problems.append(RecordProblem(f"{name}:{start}", "record has no title"))
                continue
            authors = [
                a.get("author") or a.get("author_abbreviated") or "" for a in ref.get("authors", [])
            ]
            if ref.get("corporate_author"):
                authors.append(str(ref["corporate_author"]))
            lid = LID_DOI.search(chunk)
            _add(
                result,
                f"{name}:{start}",
                title=title,
                authors=authors,
                year=_year(ref.get("publication_date")),
                journal=_text(ref.get("journal")) or _text(ref.get("journal_abbreviated")),
                doi=_text(ref.get("doi")) or (lid.group(1) if lid else None),
                pmid=_text(ref.get("pubmed_id")),
                types=ref.get("publication_types", []),
            )


# --- RIS ------------------------------------------------------------------------------------


def _sniff_ris(text: str) -> bool:
    return bool(RIS_SNIFF.search(text))


def _read_ris(text: str, name: str, result: ImportResult) -> None:
    """Split on TY/ER ourselves: rispy silently drops a record cut off before its ER line."""
    lines = text.split("\n")
    start: int | None = None
    for number, line in enumerate(lines, start=1):
        if RIS_START.match(line):
            if start is not None:
                result.problems.append(
                    RecordProblem(f"{name}:{start}", "record has no ER line before the next TY")
                )
            start = number
        elif RIS_END.match(line) and start is not None:
            _ris_record("\n".join(lines[start - 1 : number]), f"{name}:{start}", result)
            start = None
    if start is not None:
        result.problems.append(
            RecordProblem(f"{name}:{start}", "record ends without an ER line (file cut short?)")
        )


def _ris_record(chunk: str, where: str, result: ImportResult) -> None:
    try:
        records = rispy.loads(chunk, skip_unknown_tags=True)
    except Exception as e:  # rispy has no error type of its own
        result.problems.append(RecordProblem(where, f"record could not be read ({e}); skipped"))
        return
    for rec in records:
        title = _text(rec.get("title")) or _text(rec.get("primary_title"))
        if not title:
            result.problems.append(RecordProblem(where, "record has no title (TI or T1)"))
            continue
        authors = [*rec.get("first_authors", []), *rec.get("authors", [])]
        journal = next(
            (
                _text(rec.get(k))
                for k in ("journal_name", "secondary_title", "alternate_title3", "alternate_title1")
                if _text(rec.get(k))
            ),
            None,
        )
        # Only a PubMed-sourced record's accession number is a PMID (CINAHL's are digits too).
        source = " ".join(str(rec.get(k) or "") for k in ("name_of_database", "database_provider"))
        pmid = _text(rec.get("accession_number")) if PUBMED_DB.search(source) else None
        _add(
            result,
            where,
            title=title,
            authors=authors,
            year=_year(rec.get("year") or rec.get("publication_year") or rec.get("date")),
            journal=journal,
            doi=_text(rec.get("doi")),
            pmid=pmid,
            types=[str(rec.get("type_of_reference") or ""), str(rec.get("type_of_work") or "")],
        )


# --- BibTeX -------------------------------------------------------------------------------


def _sniff_bibtex(text: str) -> bool:
    return bool(BIB_SNIFF.search(text))


def _read_bibtex(text: str, name: str, result: ImportResult) -> None:
    """Split the file into entries, leave out those with a field too long to decode, then
    decode LaTeX (M{\\"u}ller) and split authors: decoding takes more than linear time in
    a field's length, so a megabyte-long title would hold the import for minutes."""
    try:
        library = parse_string(text)
        too_long = [e for e in library.entries if _longest(e)[1] > limits.LONG_TEXT]
        for entry in too_long:
            field_name, length = _longest(entry)
            message = str(
                limits.FieldTooLongError(f"the {field_name} field", length, limits.LONG_TEXT)
            )
            result.problems.append(
                RecordProblem(f"{name}: entry {entry.key}", f"{message}; entry skipped")
            )
        library.remove(list[Block](too_long))
        _join_strings(library)
        for middleware in (LatexDecodingMiddleware(), SeparateCoAuthors()):
            library = middleware.transform(library)
    except Exception as e:  # the splitter is lenient, but a middleware can still choke
        result.problems.append(RecordProblem(name, f"could not be read as BibTeX ({e})"))
        return
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1  # bibtexparser counts lines from 0
        # The library's own message counts lines from 0; keep only its reason.
        said = getattr(block.error, "abort_reason", None) or str(block.error)
        reason = said.strip().splitlines()[-1].strip() if said.strip() else "unreadable"
        key = BIB_KEY.match(block.raw or "")
        named = f"entry {key[1]}" if key else "entry"
        result.problems.append(
            RecordProblem(
                f"{name}:{line}",
                f'{named} skipped: {reason.rstrip(".")}. Check that each {{ and " in its '
                "fields is closed, then import the file again",
            )
        )
    for entry in library.entries:
        where = f"{name}: entry {entry.key}"
        fields = {k.casefold(): f.value for k, f in entry.fields_dict.items()}
        title = _text(_unbrace(fields.get("title")))
        if not title:
            result.problems.append(RecordProblem(where, "entry has no title"))
            continue
        authors = fields.get("author") or []
        if isinstance(authors, str):
            authors = [authors]
        _add(
            result,
            where,
            title=title,
            authors=[_unbrace(a) or "" for a in authors],
            year=_year(fields.get("year") or fields.get("date")),
            journal=_text(_unbrace(_first(fields, "journal", "journaltitle", "booktitle"))),
            doi=_text(fields.get("doi")),
            pmid=_text(fields.get("pmid"))
            or (_text(fields.get("eprint")) if _is_pubmed(fields.get("eprinttype")) else None),
            types=[entry.entry_type, str(fields.get("pubtype") or "")],
        )


def _join_strings(library: Any) -> None:
    """Fields written as pieces joined by # (``"Proc. " # nejm``), as @string macros are
    used, put together; bibtexparser resolves a macro only when it is a field's whole
    value. A piece naming no macro it knows leaves the field as written."""
    strings = {k.lower(): str(s.value) for k, s in library.strings_dict.items()}
    for entry in library.entries:
        enclosing = entry.parser_metadata.get("removed_enclosing") or {}
        for f in entry.fields:
            if enclosing.get(f.key) == "no-enclosing" and "#" in str(f.value):
                joined = _joined(str(f.value), strings)
                if joined is not None:
                    f.value = joined


def _joined(value: str, strings: dict[str, str]) -> str | None:
    """``value``'s pieces, split at each # outside quotes and braces, put together."""
    pieces, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(value):
        if char == '"' and depth == 0:
            quoted = not quoted
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == "#" and depth == 0 and not quoted:
            pieces.append(value[start:i].strip())
            start = i + 1
    pieces.append(value[start:].strip())
    out = []
    for piece in pieces:
        if len(piece) >= 2 and piece[0] + piece[-1] in ('""', "{}"):
            out.append(piece[1:-1])
        elif piece.isdigit():
            out.append(piece)
        elif piece.lower() in strings:
            out.append(strings[piece.lower()])
        else:
            return None
    return "".join(out)


def _longest(entry: Any) -> tuple[str, int]:
    """The entry's longest field, as (its name, its length)."""
    return max(
        ((f.key, len(str(f.value))) for f in entry.fields), key=lambda x: x[1], default=("", 0)
    )


def _first(fields: dict[str, Any], *names: str) -> object:
    return next((fields[n] for n in names if fields.get(n)), None)


def _unbrace(value: object) -> str | None:
    """Protective braces ({MRSA}) are for BibTeX's case handling, not part of the title."""
    return None if value is None else str(value).replace("{", "").replace("}", "")


def _is_pubmed(value: object) -> bool:
    return value is not None and str(value).strip().casefold() == "pubmed"


# --- CSL-JSON -------------------------------------------------------------------------------


def _sniff_csl(text: str) -> bool:
    """A JSON list, or one object that looks like a CSL item or a list of them."""
    start = text.lstrip()
    return start.startswith("[") or (start.startswith("{") and bool(CSL_OBJECT.search(start)))


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _read_csl(text: str, name: str, result: ImportResult) -> None:
    """Decode item by item, so a file cut off mid-list still yields the items before the cut."""
    decoder = json.JSONDecoder()
    pos = len(text) - len(text.lstrip())
    if text.startswith("{", pos):
        try:
            whole, _ = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            result.problems.append(RecordProblem(f"{name}:{e.lineno}", f"not valid JSON: {e.msg}"))
            return
        items = whole.get("items") if isinstance(whole, dict) else None
        for number, item in enumerate(items if isinstance(items, list) else [whole], start=1):
            _csl_item(item, f"{name}: record {number}", result)
        return
    pos += 1  # past "["
    number = 0
    while True:
        while pos < len(text) and text[pos] in " \t\n,":
            pos += 1
        if pos >= len(text):
            result.problems.append(
                RecordProblem(f"{name}:{_line_of(text, pos)}", "list ends without ] (cut short?)")
            )
            return
        if text[pos] == "]":
            return
        number += 1
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as e:
            result.problems.append(
                RecordProblem(
                    f"{name}:{e.lineno}",
                    f"record {number} is not valid JSON ({e.msg}); stopped reading here",
                )
            )
            return
        _csl_item(item, f"{name}: record {number}", result)


def _csl_item(item: object, where: str, result: ImportResult) -> None:
    if not isinstance(item, dict):
        result.problems.append(RecordProblem(where, "not a CSL-JSON item (expected an object)"))
        return
    title = _text(item.get("title"))
    if not title:
        result.problems.append(RecordProblem(where, "item has no title"))
        return
    _add(
        result,
        where,
        title=title,
        authors=[_csl_name(a) for a in item.get("author") or [] if isinstance(a, dict)],
        year=_csl_year(item.get("issued")),
        journal=_text(item.get("container-title")),
        doi=_text(item.get("DOI")),
        pmid=_text(item.get("PMID")),
        types=[str(item.get("type") or ""), str(item.get("genre") or "")],
    )


def _csl_name(author: dict[str, Any]) -> str:
    if author.get("literal"):
        return str(author["literal"])
    family, given = str(author.get("family") or ""), str(author.get("given") or "")
    return f"{family}, {given}" if family and given else family or given


def _csl_year(issued: object) -> int | None:
    if not isinstance(issued, dict):
        return _year(issued)
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        return _year(parts[0][0])
    return _year(issued.get("raw") or issued.get("literal"))


Reader = Callable[[str, str, ImportResult], None]
READERS: Final[dict[str, tuple[Callable[[str], bool], Reader]]] = {
    "medline": (_sniff_medline, _read_medline),
    "ris": (_sniff_ris, _read_ris),
    "bibtex": (_sniff_bibtex, _read_bibtex),
    "csl-json": (_sniff_csl, _read_csl),
}
