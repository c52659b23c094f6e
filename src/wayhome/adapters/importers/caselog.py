"""Case logs as residents have them: the ACGME Case Log download, or any spreadsheet.

Columns are recognised by their headers (ACGME's vary by specialty, and a real
download runs its words together: ``CaseID``, ``ProcedureDate``, ``AreaDesc``); a
mapping file or the web app's column step names the rest. Columns that could identify
a patient are dropped before any row is read into Wayhome. Bad rows are reported by
row number; good rows are kept. All-numeric dates are read in the file's own order
(core/common/column_dates.py), said in the result's notes, never guessed in silence; a
workbook's date cell that lost its date format (a plain day number, 45473) is read as
Excel counts it, and said. A line of totals under the log is left out, and said.

A file that is not a case log at all (empty, binary, cut short, a zip bomb, over
50 MB) is a :class:`CaseLogError` in words; its messages never name the file, which
the caller knows by the name the person gave it (an upload's own, not a temporary
copy's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

from msgspec import Struct, field

from wayhome.adapters import yamlfile
from wayhome.adapters.importers import limits
from wayhome.adapters.importers.caselog_file import CaseLogError as CaseLogError
from wayhome.adapters.importers.caselog_file import Upload as Upload
from wayhome.adapters.importers.caselog_file import read_rows
from wayhome.core.common import column_dates
from wayhome.core.common.column_dates import Order
from wayhome.core.common.dates import fmt
from wayhome.core.common.typed_dates import FIRST_YEAR, LAST_YEAR
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, role_of

# Field -> header spellings, normalised (lower case, words only).
COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "case_id": ("case id", "caseid", "case number", "case no", "case #", "log id", "case"),
    "on": (
        "procedure date",
        "date of procedure",
        "case date",
        "proc date",
        "date of service",
        "date",
    ),
    "role": ("resident role", "role", "participation", "resident participation"),
    "area": ("area", "procedure area", "area desc", "area description"),
    "type": ("type", "procedure type", "case type", "type desc", "type description"),
    "category": ("defined category", "defined categories", "category"),
    "code": ("cpt code", "cpt", "procedure code", "code"),
    "description": (
        "cpt description",
        "procedure description",
        "description",
        "procedure",
        "cpt desc",
    ),
    "year": ("year of case", "resident year", "training year", "pgy", "year", "procedure year"),
    "site": ("site", "institution", "hospital", "facility", "location"),
}
FIELDS: Final = tuple(COLUMNS)
LABELS: Final = {
    "case_id": "Case id (rows of one case share it)",
    "on": "Procedure date",
    "role": "Your role",
    "area": "Area",
    "type": "Type",
    "category": "Category",
    "code": "CPT code",
    "description": "Procedure description",
    "year": "Year of training",
    "site": "Site",
}
# Free-text comments and notes can hold a patient's name: dropped like the rest.
PATIENT: Final = re.compile(
    r"patient|\bmrn\b|medical record|birth|\bdob\b|\bssn\b|social security"
    r"|\bname\b|\baddress\b|\bphone\b|\bcomments?\b|\bnotes?\b",
    re.I,
)
# Headers only the ACGME Case Log download has (as squashed: no spaces): a file with two
# of them is one, and its all-numeric dates are month first unless its rows say not.
ACGME_HEADERS: Final = frozenset(
    {
        "caseid",
        "proceduredate",
        "residentrole",
        "areadesc",
        "typedesc",
        "definedcategory",
        "definedcategories",
        "cptdesc",
        "cptdescription",
        "yearofcase",
    }
)
ACGME_DATES: Final = "as ACGME's Case Log downloads (a US system) write them"
DOTTED: Final = re.compile(r"\s*\d{1,2}\s*\.\s*\d{1,2}\s*\.")
HEADER_SEARCH_ROWS: Final = 10
PROGRESS_EVERY: Final = 1000


class RowProblem(Struct, frozen=True):
    row: int  # as the user sees it in a spreadsheet: the header is row 1 or below
    message: str

    def located(self, file: str) -> str:
        return f"{file}: row {self.row}: {self.message}"


class ColumnMap(Struct, frozen=True):
    """What the user confirmed: which header is which field, and their roles' wording."""

    columns: dict[str, str] = field(default_factory=dict)  # field -> header as in the file
    roles: dict[str, Role] = field(default_factory=dict)
    dates: Order | None = None  # how all-numeric dates are read; None: as the file shows


class ImportResult(Struct):
    procedures: list[Procedure]
    problems: list[RowProblem]
    columns: dict[str, str]  # field -> the header used
    dropped: list[str]  # headers dropped because they could identify a patient
    ignored: list[str]  # headers Wayhome does not use
    rows: int = 0
    notes: list[str] = field(default_factory=list)  # how dates were read, and why
    uncategorised: int = 0  # rows with no category, area or type: "(no category)"


def _norm(header: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9#]+", " ", str(header or "").lower()).split())


_HEADER_CHARS: Final = re.compile(r"[\w\s#/().:,&-]*")


def _squash(header: object) -> str:
    """A header without spaces: ``CaseID`` and ``Case ID`` are one spelling. Only a header
    of word characters is squashed: text read in the wrong encoding (a letter, a NUL, a
    letter) must not come together as a header."""
    norm = _norm(header)
    return norm.replace(" ", "") if _HEADER_CHARS.fullmatch(str(header or "")) else norm


def _patient(header: object) -> bool:
    """Could this column identify a patient? ``PatientName`` read as ``Patient Name``."""
    return bool(PATIENT.search(re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(header or ""))))


def _is_acgme(header: Sequence[Any]) -> bool:
    return sum(_squash(h) in ACGME_HEADERS for h in header) >= 2


def read_mapping(path: Path) -> ColumnMap:
    doc = yamlfile.read(path)
    data = doc.data if isinstance(doc.data, dict) else {}
    errors = []
    keys = {"columns", "roles", "dates"}
    for key in sorted(set(data) - keys):
        errors.append(doc.at((key,), "unknown key: use `columns`, `roles` and `dates`"))
    dates = data.get("dates")
    if dates is not None and dates not in {o.value for o in Order}:
        errors.append(doc.at(("dates",), "use month-first (06/30/2024) or day-first (30/06/2024)"))
    columns = data.get("columns") or {}
    roles = data.get("roles") or {}
    if not isinstance(columns, dict):
        errors.append(doc.at(("columns",), "expected field: header pairs"))
        columns = {}
    if not isinstance(roles, dict):
        errors.append(doc.at(("roles",), "expected wording: role pairs"))
        roles = {}
    for key in columns:
        if key not in FIELDS:
            errors.append(
                doc.at(("columns", key), f"unknown field: use one of {', '.join(FIELDS)}")
            )
    allowed = {r.value for r in Role}
    for said, role in roles.items():
        if role not in allowed:
            errors.append(
                doc.at(
                    ("roles", said),
                    f"{role!r} is not a role: use one of {', '.join(sorted(allowed))}",
                )
            )
    if errors:
        raise yamlfile.InvalidFileError(errors)
    return ColumnMap(
        columns={k: str(v) for k, v in columns.items()},
        roles={str(k): Role(v) for k, v in roles.items()},
        dates=Order(dates) if dates else None,
    )


def _find_header(rows: Sequence[Sequence[Any]], mapping: ColumnMap) -> int:
    wanted = {_squash(h) for h in mapping.columns.values()}
    known = {s.replace(" ", "") for spellings in COLUMNS.values() for s in spellings} | wanted
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {_squash(c) for c in row}
        if (wanted and wanted <= names) or sum(n in known for n in names) >= 2:
            return i  # the row with every column the person named, or two Wayhome knows
    raise CaseLogError(
        "no header row found in the first 10 rows: the file needs a row of column names such "
        "as 'Procedure Date', 'Resident Role', 'CPT Description'; or name the columns in a "
        "mapping file (--map)"
    )


def _columns(
    header: Sequence[Any], mapping: ColumnMap
) -> tuple[dict[str, int], list[str], list[str]]:
    names = [_squash(h) for h in header]
    used: dict[str, int] = {}
    for fld, said in mapping.columns.items():
        if _squash(said) in names:
            used[fld] = names.index(_squash(said))
        else:
            raise CaseLogError(
                f"the mapping names column {said!r} for {fld}, but the file has no such column"
            )
    for fld, spellings in COLUMNS.items():
        if fld in used:
            continue
        for spelling in spellings:  # most specific spelling first
            squashed = spelling.replace(" ", "")
            free = [i for i, n in enumerate(names) if n == squashed and i not in used.values()]
            if free:
                used[fld] = free[0]
                break
    dropped = [str(h) for i, h in enumerate(header) if _patient(h) and i not in used.values()]
    for fld in [f for f, i in used.items() if _patient(header[i])]:
        dropped.append(str(header[used.pop(fld)]))
    ignored = [
        str(h)
        for i, h in enumerate(header)
        if i not in used.values() and str(h) not in dropped and str(h or "").strip()
    ]
    return used, dropped, ignored


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # CPT codes and case ids read from Excel as numbers
    text = str(value).strip()
    return text or None


class Preview(Struct, frozen=True):
    """What the column-mapping step shows: the file's headers, Wayhome's guess for each
    field, a few rows (never a patient column's values), and the role words found."""

    headers: list[str]
    guess: dict[str, str]  # field -> header
    dropped: list[str]
    samples: list[list[str]]  # rows of the non-patient columns, in header order
    shown: list[str]  # the headers of those columns
    role_words: dict[str, Role]  # each wording in the role column -> the role it reads as
    dates: str | None = None  # how the guessed date column's numeric dates would be read


PREVIEW_ROWS: Final = 5
MAX_ROLE_WORDS: Final = 40


def preview(source: Path | Upload, mapping: ColumnMap | None = None) -> Preview:
    mapping = mapping or ColumnMap()
    rows = read_rows(source).rows
    if not rows:
        raise CaseLogError("the file is empty")
    try:
        at = _find_header(rows, mapping)
    except CaseLogError:
        # Nothing recognised: the fullest of the first rows is the likeliest header
        # (a title line above it has one cell); the user maps its columns.
        top = rows[:HEADER_SEARCH_ROWS]
        at = max(range(len(top)), key=lambda i: (sum(bool(_text(c)) for c in top[i]), -i))
    header = [str(h or "").strip() for h in rows[at]]
    try:
        used, dropped, _ = _columns(rows[at], mapping)
    except CaseLogError:
        used, dropped, _ = _columns(rows[at], ColumnMap(roles=mapping.roles))
    keep = [i for i, h in enumerate(header) if h and h not in dropped]
    body = [r for r in rows[at + 1 :] if any(_text(c) for c in r)]
    samples = [
        [_text(r[i] if i < len(r) else None) or "" for i in keep] for r in body[:PREVIEW_ROWS]
    ]
    words: dict[str, Role] = {}
    if "role" in used:
        for r in body:
            said = _text(r[used["role"]] if used["role"] < len(r) else None)
            if said and said not in words and len(words) < MAX_ROLE_WORDS:
                words[said] = role_of(said, mapping.roles)
    return Preview(
        headers=[h for h in header if h and h not in dropped],
        guess={f: header[i] for f, i in used.items()},
        dropped=dropped,
        samples=samples,
        shown=[header[i] for i in keep],
        role_words=words,
        dates=_date_decision(rows[at + 1 :], at, used, rows[at], mapping).note,
    )


def _date_decision(
    body: Sequence[Sequence[Any]],
    at: int,
    used: Mapping[str, int],
    header: Sequence[Any],
    mapping: ColumnMap,
) -> column_dates.Decision:
    """How the date column's all-numeric dates are read: as chosen, else as its rows show,
    else month first for an ACGME download (said in a note), else not at all. ACGME writes
    06/30/2024: days written 30.06.2024 are a European spreadsheet's, never month first."""
    if "on" not in used:
        return column_dates.Decision(None)
    i = used["on"]
    texts = (
        (at + n + 2, str(row[i]))
        for n, row in enumerate(body)
        if i < len(row) and isinstance(row[i], str) and row[i]
    )
    first = next((r[i] for r in body if i < len(r) and isinstance(r[i], str) and r[i]), "")
    dotted = DOTTED.match(first) is not None
    default = Order.MONTH_FIRST if _is_acgme(header) and not dotted else None
    return column_dates.decide(texts, mapping.dates, default, ACGME_DATES)


def read_case_log(
    source: Path | Upload,
    mapping: ColumnMap | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    mapping = mapping or ColumnMap()
    rows, from1904, repaired = read_rows(source)
    at = _find_header(rows, mapping)
    used, dropped, ignored = _columns(rows[at], mapping)
    if not ({"category", "code", "description"} & set(used)):
        raise CaseLogError(
            "no column says what each procedure was (a category, CPT code or description): "
            "choose one on the column step, or name one in a mapping file (--map)"
        )
    result = ImportResult([], [], {f: str(rows[at][i]) for f, i in used.items()}, dropped, ignored)
    if repaired:
        result.notes.append(repaired)
    body = rows[at + 1 :]
    decision = _date_decision(body, at, used, rows[at], mapping)
    if decision.note:
        result.notes.append(decision.note)
    reader = _RowReader(used, mapping, column_dates.Dates(decision.order), from1904)
    procedures, problems = result.procedures, result.problems
    totals_lines: list[tuple[int, str]] = []
    unknown: dict[str, list[int]] = {}  # a role word Wayhome does not know: first row, count
    total = len(body)
    for n, row in enumerate(body):
        if progress and n % PROGRESS_EVERY == 0:
            progress(n, total)
        try:
            procedure = reader(row)
        except ValueError as e:
            problems.append(RowProblem(at + n + 2, str(e)))  # as a spreadsheet counts
            continue
        except _TotalsLine as e:
            totals_lines.append((at + n + 2, str(e)))
            continue
        if procedure is not None:  # None: an empty row
            procedures.append(procedure)
            if procedure.role is Role.UNKNOWN and procedure.role_said:
                unknown.setdefault(procedure.role_said, [at + n + 2, 0])[1] += 1
    result.rows = len(procedures) + len(problems)
    result.uncategorised = reader.uncategorised
    if reader.serial:
        result.notes.append(reader.serial)
    if totals_lines:
        result.notes.append(_totals_note(totals_lines))
    if unknown:
        words = ", ".join(
            f"\u201c{w}\u201d (row {row}{f' and {n - 1:,} more' if n > 1 else ''})"
            for w, (row, n) in list(unknown.items())[:MAX_ROLE_WORDS]
        )
        result.notes.append(
            f"Role words Wayhome does not know were counted as unknown: {words}. Say what "
            f"each means (performed, assisted or observed) on the column step, or under "
            f"roles: in a mapping file (--map)."
        )
    if result.uncategorised:
        n = result.uncategorised
        result.notes.append(
            f"{n:,} row{'s have' if n != 1 else ' has'} no category, area or type: "
            f"counted under \u201c(no category)\u201d."
        )
    if progress:
        progress(total, total)
    return result


TOTALS: Final = re.compile(
    r"(?:grand\s+|sub-?\s*)?totals?(?:\s+(?:procedures|cases|count|logged))?\s*[:=]?\s*[\d,]*",
    re.I,
)


class _TotalsLine(Exception):
    """A line of counts under the log (a spreadsheet's Total row): left out, and said."""


def _totals_line(cells: Sequence[str | None]) -> bool:
    """Does a row with no date and no role hold counts, not a procedure? One of its cells
    says "Total" (or "Total procedures: 48"), or, with no case id or code, it holds only
    numbers (what a SUM or COUNT under the columns leaves)."""
    filled = [c for c in cells if c]
    if any(TOTALS.fullmatch(c) for c in filled):
        return True
    case_id, code = cells[0], cells[6]
    return case_id is None and code is None and all(c.replace(",", "").isdigit() for c in filled)


def _totals_note(lines: Sequence[tuple[int, str]]) -> str:
    (row, text), more = lines[0], len(lines) - 1
    rows = f"Row {row} (\u201c{text}\u201d)" + (f" and {more:,} more" if more else "")
    return f"{rows} read as totals, not procedures: left out."


def _serial_day(number: float, from1904: bool) -> date:
    """A spreadsheet's day number as its day: Excel counts from 30 Dec 1899 (its 1900 is
    wrongly a leap year, which this start makes up for from 1 Mar 1900 on), or from
    1 Jan 1904 in a workbook made on an older Mac. ValueError past the years of a career."""
    start = date(1904, 1, 1) if from1904 else date(1899, 12, 30)
    try:
        day = start + timedelta(days=int(number))
    except OverflowError:
        day = date.max
    if not (FIRST_YEAR <= day.year <= LAST_YEAR) or number < 61:
        raise ValueError(
            f"date: {number:g} is a number, not a date: format the column as dates in "
            "your spreadsheet (or write them as 30 Jun 2024), save it and import it again"
        )
    return day


class _RowReader:
    """One row's cells into a Procedure (None for an empty row); ValueError says why not.
    Built once per file: the places of the columns the file has (taken from a row in one
    step), the role words and the date column's order; each role wording and date text is
    read once. Counts the rows with no category, area or type (``uncategorised``, their
    Procedure's ``heading`` is None). 50,000 rows go through here: it stays plain."""

    def __init__(
        self,
        used: Mapping[str, int],
        mapping: ColumnMap,
        dates: column_dates.Dates,
        from1904: bool = False,
    ):
        self.places = [used.get(f, -1) for f in FIELDS]
        self.on = used.get("on", -1)  # the date cell, read again for a spreadsheet's own date
        present = [i for i in self.places if i >= 0]
        # The fields the file has, in FIELDS order: their cells picked from a row at once.
        self.slots = [n for n, i in enumerate(self.places) if i >= 0]
        self.every = len(self.slots) == len(FIELDS)
        self.pick = itemgetter(*present, present[0]) if present else None
        self.width = max(present) + 1 if present else 0
        self.vocabulary = mapping.roles
        self.dates = dates
        self.days: dict[str, date] = {}
        self.roles: dict[str | None, Role] = {}
        self.uncategorised = 0
        self.from1904 = from1904
        self.serial: str | None = None  # the note on the first day number read as a day

    def _cells(self, row: Sequence[Any]) -> list[str | None]:
        """The row's cells in FIELDS order, as text without its outer spaces, or None."""
        if len(row) >= self.width and self.pick is not None:
            picked = self.pick(row)[:-1]
        else:  # a short row: the cells it lacks are empty
            width = len(row)
            picked = tuple(row[i] if i < width else None for i in self.places if i >= 0)
        # A CSV's every cell is text: stripped here; anything else (a spreadsheet's
        # numbers and dates) as _text reads it.
        cells = [(v.strip() or None) if v.__class__ is str else _text(v) for v in picked]
        if self.every:
            return cells
        full: list[str | None] = [None] * len(FIELDS)
        for n, value in zip(self.slots, cells, strict=True):
            full[n] = value
        return full

    def __call__(self, row: Sequence[Any]) -> Procedure | None:
        cells = self._cells(row)
        if not any(cells):
            return None
        if max(map(len, filter(None, cells)), default=0) > limits.TEXT:
            for name, value in zip(FIELDS, cells, strict=True):  # rejects its row, named
                if value is not None and len(value) > limits.TEXT:
                    limits.checked(LABELS[name].split(" (")[0].lower(), value)
        case_id, on_text, said, area, kind, category, code, description, year, site = cells
        if on_text is None and said is None and _totals_line(cells):
            raise _TotalsLine(" ".join(filter(None, cells)))
        if not (category or code or description):
            if _totals_line(cells):  # "Total" in the date column
                raise _TotalsLine(" ".join(filter(None, cells)))
            raise ValueError(
                "nothing says what the procedure was (no category, code or description)"
            )
        on = None
        if on_text:
            on = self.days.get(on_text)
            if on is None:
                try:
                    on = self._day(row[self.on], on_text)
                except ValueError:
                    if said is None and _totals_line(cells):  # "Total" as the date, a count
                        raise _TotalsLine(" ".join(filter(None, cells))) from None
                    raise
        role = self.roles.get(said)
        if role is None:
            role = self.roles[said] = role_of(said, self.vocabulary)
        if not (category or area or kind):
            self.uncategorised += 1
        return Procedure(
            case_id, on, role, said, category, area, kind, code, description, year, site
        )

    def _day(self, raw: Any, text: str) -> date:
        """The date cell's day: a spreadsheet's own date, else its text in the column's
        order (a text read once: kept)."""
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if raw.__class__ in (int, float):  # a day number whose cell lost its date format
            on = self.days[text] = _serial_day(raw, self.from1904)
            if self.serial is None:
                since = "1 Jan 1904, as this workbook counts" if self.from1904 else "1900"
                self.serial = (
                    f"Dates stored as plain numbers were read as Excel's day numbers, counted "
                    f"from {since} ({text} is {fmt(on)}): check a few against your records."
                )
            return on
        try:
            on = self.days[text] = self.dates(text)
        except ValueError as e:
            raise ValueError(f"date: {e}") from None
        return on
