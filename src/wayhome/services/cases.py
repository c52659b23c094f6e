"""The procedure log: import a case-log file into the data folder, count it, page it.

Rows go to the database by one prepared INSERT for the whole file
(adapters/db/caselog_sql.py), never a model object per row; the totals are counted
by SQL in the same transaction and stored (CaseLogTotal), so the procedure log page,
the CV and the summary read a few rows whatever the log's size, and a regulator's
procedure numbers are counted from the stored kinds and case sets. An import is all
or nothing.
"""

from __future__ import annotations

import gc
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from msgspec import Struct
from msgspec.structs import replace

from wayhome.adapters.db import caselog_sql
from wayhome.adapters.db.models import CaseLogMapping, CaseLogTotal, ProcedureRecord
from wayhome.adapters.importers.caselog import (
    FIELDS,
    LABELS,
    ColumnMap,
    ImportResult,
    Preview,
    Upload,
    preview,
    read_case_log,
    read_mapping,
)

# The web app catches it from here: its views import no adapter.
from wayhome.adapters.importers.caselog import CaseLogError as CaseLogError
from wayhome.core.common.column_dates import Order
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, Totals

if TYPE_CHECKING:  # the rule packs' models: loaded by the functions that use them
    from wayhome.core.cv.minimums import Against
    from wayhome.core.rules.report import Finding

PER_PAGE: Final = 50


class Imported(Struct):
    file: str
    result: ImportResult
    added: int
    already: int
    totals: Totals

    def to_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "file": self.file,
            "rows": r.rows,
            "added": self.added,
            "already_stored": self.already,
            "columns": r.columns,
            "dropped_columns": r.dropped,
            "ignored_columns": r.ignored,
            "notes": r.notes,
            "uncategorised": r.uncategorised,
            "rejected": [{"row": p.row, "message": p.message} for p in r.problems],
            "totals": self.totals.to_json(),
        }


def _name_of(source: Path | Upload) -> str:
    return Path(source.name).name


@contextmanager
def _no_cycles() -> Iterator[None]:
    """Without the cyclic garbage collector: a file read into rows makes 100,000s of lists
    and tuples and no cycle, and the collector, run every 700 of them, went through them
    all again and again (a third of reading a 50,000-row CSV). Back on after, if it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _locked(owner: Any) -> None:
    """Writers of one owner's log go one at a time (PostgreSQL: the account's row is
    locked to the end of the transaction; SQLite's IMMEDIATE transactions already are)."""
    get_user_model().objects.select_for_update().filter(pk=owner.pk).exists()


def import_file(
    owner: Any,
    path: Path | Upload,
    mapping: Path | ColumnMap | None = None,
    progress: Callable[[int, int], None] | None = None,
    name: str | None = None,
    date_order: str | None = None,
) -> Imported:
    """Read the file, store the rows not stored yet, and count everything stored.
    ``date_order`` (month-first, day-first) overrides the mapping's.

    Rows identical within one file are kept apart by their order, so a case with
    the same code twice (bilateral, say) counts twice, and re-importing the same
    or an updated download adds nothing twice. All or nothing: the rows and the
    totals are written in one transaction.
    """
    if isinstance(mapping, Path):
        mapping = read_mapping(mapping)
    if date_order:
        mapping = replace(mapping or ColumnMap(), dates=Order(date_order))
    with _no_cycles():
        result = read_case_log(path, mapping, progress)
        source = (name or _name_of(path))[:255]
        rows = caselog_sql.Rows(owner.pk, source, timezone.now()).of(result.procedures)
    with caselog_sql.roomy(), transaction.atomic():
        _locked(owner)
        added = caselog_sql.insert(rows)
        if added:  # nothing new: the stored totals stand
            caselog_sql.refresh(owner.pk)
        counted = caselog_sql.totals(owner.pk)
    caselog_sql.settle(added, counted.procedures)  # after the transaction: the planner's figures
    return Imported(name or path.name, result, added, len(rows) - added, counted)


def restored() -> None:
    """After a backup is loaded (services/backup.py): the rows of a backup made before the
    log had columns are moved into them, every owner with rows but no stored totals
    (such a backup has none) is counted, and, as after a large import, the log's
    statistics are taken again on PostgreSQL (every row is new: caselog_sql.settle).
    Migration 0014 keeps a frozen copy of the loop, for the model as of 0014 (see there)."""
    owners: set[int] = set()
    for r in ProcedureRecord.objects.filter(data__isnull=False).iterator(chunk_size=2000):
        for name, value in caselog_sql.columns_of(r.key, Procedure.from_json(r.data or {})).items():
            setattr(r, name, value)
        r.data = None
        r.save()
        owners.add(r.owner_id)
    counted = set(CaseLogTotal.objects.filter(grouping="all").values_list("owner_id", flat=True))
    with_rows = set(ProcedureRecord.objects.values_list("owner_id", flat=True).distinct())
    for owner_id in sorted(owners | (with_rows - counted)):
        caselog_sql.refresh(owner_id)
    stored = ProcedureRecord.objects.count()
    caselog_sql.settle(stored, stored)  # else the page's queries wait for autovacuum


def totals_of(owner: Any) -> Totals:
    """The stored log's totals, as counted when it last changed (one small query)."""
    return caselog_sql.totals(owner.pk)


def procedures(owner: Any) -> list[Procedure]:
    """The whole log, in the order stored (for exports that need every row)."""
    return list(caselog_sql.read_all(owner.pk))


class LogPage(Struct, frozen=True):
    """One page of the stored log: (id, procedure, source) rows, newest import last."""

    rows: list[tuple[int, Procedure, str]]
    number: int
    pages: int
    count: int  # rows in the log (under ``category`` when given)
    category: str | None

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 and self.rows else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages and self.rows else None

    @property
    def first_id(self) -> int | None:
        return self.rows[0][0] if self.rows else None

    @property
    def last_id(self) -> int | None:
        return self.rows[-1][0] if self.rows else None


def log_page(
    owner: Any,
    number: int = 1,
    category: str | None = None,
    counted: Totals | None = None,
    after: int | None = None,
    before: int | None = None,
) -> LogPage:
    """Page ``number`` (from 1; past the last, the last) of the stored log, counted from
    the stored totals (``counted``, when the caller has them) rather than the rows. The
    page's links carry the row they follow (``after``) or precede (``before``): the next
    page is an index range from there, as quick deep in the log as at its start; without
    them (a page typed in), the rows are counted off from the first."""
    counted = counted or totals_of(owner)
    if category is None:
        count = counted.procedures
    else:
        count = sum(c.procedures for c in counted.by_category.get(category, {}).values())
    pages = max(1, -(-count // PER_PAGE))
    number = min(max(1, number), pages)
    rows = []
    if after is not None or before is not None:
        rows = caselog_sql.page(owner.pk, 0, PER_PAGE, category, after=after, before=before)
    if not rows:  # none asked for, or none there (the log changed): counted off instead
        rows = caselog_sql.page(owner.pk, (number - 1) * PER_PAGE, PER_PAGE, category)
    return LogPage(rows, number, pages, count, category)


def import_upload(owner: Any, name: str, data: bytes) -> Imported:
    """An uploaded file, read with the columns the physician confirmed before, if any."""
    return import_file(owner, Upload(name, data), saved_mapping(owner), name=Path(name).name)


def saved_mapping(owner: Any) -> ColumnMap | None:
    row = CaseLogMapping.objects.filter(owner=owner).first()
    if row is None:
        return None
    return ColumnMap(
        dict(row.columns),
        {k: Role(v) for k, v in row.roles.items()},
        Order(row.dates) if row.dates else None,
    )


def save_mapping(owner: Any, mapping: ColumnMap) -> None:
    CaseLogMapping.objects.update_or_create(
        owner=owner,
        defaults={
            "columns": mapping.columns,
            "roles": {k: v.value for k, v in mapping.roles.items()},
            "dates": mapping.dates.value if mapping.dates else "",
        },
    )


# The column-mapping step holds an upload between showing its columns and importing
# it: in this process's memory only (it may hold patient columns, which are dropped
# on import), for HOLD_MINUTES at most.
HOLD_MINUTES: Final = 15
_held_lock = threading.Lock()
_held: dict[str, tuple[int, str, bytes, float]] = {}


def hold(owner: Any, name: str, data: bytes) -> str:
    """Keep an upload for the mapping step; CaseLogError, and nothing kept, when it is
    no table at all (empty, binary, cut short): naming columns could not help."""
    preview(Upload(name, data))  # finds a header itself, or the fullest row: only a file's
    # own faults
    token = secrets.token_urlsafe(16)
    now = time.monotonic()
    with _held_lock:
        for key in [k for k, v in _held.items() if now - v[3] > HOLD_MINUTES * 60]:
            del _held[key]
        for key in [k for k, v in _held.items() if v[0] == owner.pk]:
            del _held[key]  # one upload at a time per person
        _held[token] = (owner.pk, Path(name).name, data, now)
    return token


def _take(owner: Any, token: str, remove: bool = False) -> tuple[str, bytes]:
    with _held_lock:
        held = _held.get(token)
        if held is None or held[0] != owner.pk or time.monotonic() - held[3] > HOLD_MINUTES * 60:
            raise CaseLogError("that upload is no longer held (after 15 minutes): upload it again")
        if remove:
            del _held[token]
    return held[1], held[2]


def held_preview(owner: Any, token: str) -> tuple[str, Preview]:
    name, data = _take(owner, token)
    return name, preview(Upload(name, data), saved_mapping(owner))


def import_held(owner: Any, token: str, mapping: ColumnMap, save: bool) -> Imported:
    """Import the held upload with the columns the physician confirmed; keep them for
    the next file when asked. The upload is let go once imported (kept for another try
    when the columns do not work)."""
    name, data = _take(owner, token)
    imported = import_file(owner, Upload(name, data), mapping, name=name)
    if save:
        save_mapping(owner, mapping)
    _take(owner, token, remove=True)
    return imported


def summary(owner: Any, on: date) -> tuple[Totals, str, list[str]]:
    """The stored log's totals, with the name and US training from the stored profile if any."""
    from wayhome.adapters import profiles
    from wayhome.adapters.db import store
    from wayhome.core.common import dates

    data = store.profile_data(owner)
    person, training = "", []
    if data is not None:
        profile = profiles.from_data(data)
        person = profile.person.name
        training = [
            f"{t.kind.value.capitalize()} in {t.specialty.replace('-', ' ')}"
            f"{', ' + t.program if t.program else ''}, {t.country}: "
            f"{dates.fmt_month(t.start)} to {dates.fmt_month(t.end)}"
            for t in profile.training
        ]
    return totals_of(owner), person, training


class MinimumsCheck(Struct, frozen=True):
    """One regulator's procedure numbers against the stored log."""

    jurisdiction: str
    finding: Finding  # the rule as assessed: title, source, whether it is stale
    logbook: str
    note: str | None
    rows: list[Against]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "rule": self.finding.rule,
            "title": self.finding.title,
            "logbook": self.logbook,
            "note": self.note,
            "source": self.finding.source.to_json(),
            "stale": self.finding.stale,
            "rows": [r.to_json() for r in self.rows],
        }


def minimums(owner: Any, on: date, country: str | None = None) -> list[MinimumsCheck]:
    """The procedure numbers the owner's target regulators set for their specialty,
    each compared with the stored case log. Raises InvalidFileError without a profile.
    The packs and the engine load here, not with the module: an import needs neither."""
    from wayhome.adapters import packs as pack_files
    from wayhome.core.rules import engine
    from wayhome.core.rules.base import version_labelled
    from wayhome.core.rules.kinds.procedures import ProcedureMinimumsRule
    from wayhome.services.source import from_store

    profile = from_store(owner).profile
    packs = pack_files.load_packs()
    report = engine.assess(profile, packs, on)
    by_code = {p.code: p for p in packs}
    out: list[MinimumsCheck] = []
    stored: tuple[list[caselog_sql.Kind], list[tuple[frozenset[str], int]]] | None = None
    for a in report.assessments:
        if country and a.jurisdiction != country:
            continue
        rules = {r.id: r for r in by_code[a.jurisdiction].rules}
        for f in a.findings:
            rule = rules.get(f.rule)
            if not isinstance(rule, ProcedureMinimumsRule):
                continue
            version = version_labelled(rule, f.rule_version)
            if version.minimums is None:  # an unknown value: nothing to compare
                continue
            if stored is None:  # read once, only for a profile that has numbers to meet
                stored = caselog_sql.kinds(owner.pk), caselog_sql.case_sets(owner.pk)
            rows = [_against(m, *stored) for m in version.minimums]
            out.append(MinimumsCheck(a.jurisdiction, f, version.logbook or "", version.note, rows))
    return out


def _against(
    m: Any, kinds: list[caselog_sql.Kind], case_sets: list[tuple[frozenset[str], int]]
) -> Against:
    """One number against the stored log, as core.cv.minimums.compare counts it from the
    rows: the kinds that match (role, then code or words), and every case holding one."""
    from wayhome.core.cv.minimums import COUNTS_FOR, SHOWN_MATCHES, Against, matcher

    if not (m.match.codes or m.match.words):
        return Against(m, None, ())
    words, codes, roles = matcher(m), set(m.match.codes), COUNTS_FOR[m.role]
    matched = [
        k
        for k in kinds
        if k.role in roles
        and (
            k.code in codes or (words is not None and words.search(f"{k.category} {k.description}"))
        )
    ]
    ids = {k.kind for k in matched}
    have = sum(n for kinds_of_case, n in case_sets if kinds_of_case & ids)
    names = dict.fromkeys(k.category or k.description or k.code or "?" for k in matched)
    return Against(m, have, tuple(names)[:SHOWN_MATCHES])


BY_HAND: Final = "entered by hand"


def add_one(owner: Any, procedure: Procedure) -> None:
    """A procedure typed in: stored beside the imported ones and counted the same way.
    The same procedure entered twice (both sides, say) is kept twice."""
    if not (procedure.category or procedure.code or procedure.description):
        raise CaseLogError("say what the procedure was: a category, a CPT code or a description")
    prefix = procedure.key[:28]
    with transaction.atomic():
        _locked(owner)
        taken = ProcedureRecord.objects.filter(owner=owner, key__startswith=prefix).count()
        row = caselog_sql.row_values(
            owner.pk, f"{prefix}{taken + 1:04x}", procedure, BY_HAND, timezone.now()
        )
        caselog_sql.insert([row])
        caselog_sql.refresh(owner.pk)


def entered_by_hand(owner: Any, limit: int = 50) -> list[tuple[int, Procedure, str]]:
    """The procedures typed in, newest first: (id, procedure, source)."""
    return caselog_sql.page(owner.pk, 0, limit, by_hand=BY_HAND)


def remove_by_hand(owner: Any, record_id: int) -> bool:
    """Remove a procedure typed in (imported rows go by importing a corrected file)."""
    with transaction.atomic():
        _locked(owner)
        deleted, _ = ProcedureRecord.objects.filter(
            owner=owner, pk=record_id, source=BY_HAND
        ).delete()
        if deleted:
            caselog_sql.refresh(owner.pk)
    return bool(deleted)


def column_fields(preview: Preview) -> list[tuple[str, str, str]]:
    """For the mapping step: each field, its label, and the header guessed for it."""
    return [(f, LABELS[f], preview.guess.get(f, "")) for f in FIELDS]


def import_mapped(
    owner: Any,
    token: str,
    columns: dict[str, str],
    role_words: dict[str, str],
    save: bool,
    date_order: str = "",
) -> Imported:
    """Import a held file with the columns, role words and date order the person chose:
    a header that is not in the file, or a role that is not one, is left out; a date
    order that is not one reads the dates as the file shows."""
    _, held = held_preview(owner, token)
    headers = set(held.headers)
    chosen = {f: h for f, h in columns.items() if f in FIELDS and h in headers}
    roles = {r.value for r in Role}
    words = {said: Role(role) for said, role in role_words.items() if role in roles}
    order = Order(date_order) if date_order in {o.value for o in Order} else None
    return import_held(owner, token, ColumnMap(chosen, words, order), save)
