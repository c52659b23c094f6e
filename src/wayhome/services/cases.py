"""The procedure log: import a case-log file into the data folder, and count it."""

from __future__ import annotations

import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from django.db import transaction

from wayhome.adapters import packs as pack_files
from wayhome.adapters import profiles
from wayhome.adapters.db import store
from wayhome.adapters.db.models import CaseLogMapping, ProcedureRecord
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
from wayhome.core.common import dates
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, Totals, totals
from wayhome.core.cv.minimums import Against, compare
from wayhome.core.rules import engine
from wayhome.core.rules.base import version_labelled
from wayhome.core.rules.kinds.procedures import ProcedureMinimumsRule
from wayhome.core.rules.report import Finding
from wayhome.services.source import from_store

BATCH = 2000


@dataclass
class Imported:
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
            "rejected": [{"row": p.row, "message": p.message} for p in r.problems],
            "totals": self.totals.to_json(),
        }


def _name_of(source: Path | Upload) -> str:
    return Path(source.name).name


def import_file(
    owner: Any,
    path: Path | Upload,
    mapping: Path | ColumnMap | None = None,
    progress: Callable[[int, int], None] | None = None,
    name: str | None = None,
) -> Imported:
    """Read the file, store the rows not stored yet, and count everything stored.

    Rows identical within one file are kept apart by their order, so a case with
    the same code twice (bilateral, say) counts twice, and re-importing the same
    or an updated download adds nothing twice.
    """
    if isinstance(mapping, Path):
        mapping = read_mapping(mapping)
    result = read_case_log(path, mapping, progress)
    seen: Counter[str] = Counter()
    rows: dict[str, Procedure] = {}
    for p in result.procedures:
        seen[p.key] += 1
        rows[f"{p.key[:28]}{seen[p.key]:04x}"] = p
    stored = set(ProcedureRecord.objects.filter(owner=owner).values_list("key", flat=True))
    new = [
        ProcedureRecord(owner=owner, key=k, data=p.to_json(), source=(name or _name_of(path))[:255])
        for k, p in rows.items()
        if k not in stored
    ]
    with transaction.atomic():
        ProcedureRecord.objects.bulk_create(new, batch_size=BATCH)
    return Imported(
        name or path.name, result, len(new), len(rows) - len(new), totals(procedures(owner))
    )


def procedures(owner: Any) -> list[Procedure]:
    rows = ProcedureRecord.objects.filter(owner=owner).values_list("data", flat=True)
    return [Procedure.from_json(d) for d in rows.iterator(chunk_size=BATCH)]


def import_upload(owner: Any, name: str, data: bytes) -> Imported:
    """An uploaded file, read with the columns the physician confirmed before, if any."""
    return import_file(owner, Upload(name, data), saved_mapping(owner), name=Path(name).name)


def saved_mapping(owner: Any) -> ColumnMap | None:
    row = CaseLogMapping.objects.filter(owner=owner).first()
    if row is None:
        return None
    return ColumnMap(dict(row.columns), {k: Role(v) for k, v in row.roles.items()})


def save_mapping(owner: Any, mapping: ColumnMap) -> None:
    CaseLogMapping.objects.update_or_create(
        owner=owner,
        defaults={
            "columns": mapping.columns,
            "roles": {k: v.value for k, v in mapping.roles.items()},
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
    return totals(procedures(owner)), person, training


@dataclass(frozen=True)
class MinimumsCheck:
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


def minimums(
    owner: Any,
    on: date,
    country: str | None = None,
    log: Sequence[Procedure] | None = None,
) -> list[MinimumsCheck]:
    """The procedure numbers the owner's target regulators set for their specialty,
    each compared with the stored case log (``log``, when the caller has it loaded).
    Raises InvalidFileError without a profile."""
    profile = from_store(owner).profile
    packs = pack_files.load_packs()
    report = engine.assess(profile, packs, on)
    by_code = {p.code: p for p in packs}
    log = procedures(owner) if log is None else log
    out = []
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
            out.append(
                MinimumsCheck(
                    a.jurisdiction, f, version.logbook or "", version.note, compare(log, version)
                )
            )
    return out


BY_HAND: Final = "entered by hand"


def add_one(owner: Any, procedure: Procedure) -> ProcedureRecord:
    """A procedure typed in: stored beside the imported ones and counted the same way.
    The same procedure entered twice (both sides, say) is kept twice."""
    if not (procedure.category or procedure.code or procedure.description):
        raise CaseLogError("say what the procedure was: a category, a CPT code or a description")
    prefix = procedure.key[:28]
    taken = ProcedureRecord.objects.filter(owner=owner, key__startswith=prefix).count()
    return ProcedureRecord.objects.create(
        owner=owner, key=f"{prefix}{taken + 1:04x}", data=procedure.to_json(), source=BY_HAND
    )


def entered_by_hand(owner: Any) -> list[ProcedureRecord]:
    return list(ProcedureRecord.objects.filter(owner=owner, source=BY_HAND).order_by("-id"))


def remove_by_hand(owner: Any, record_id: int) -> bool:
    """Remove a procedure typed in (imported rows go by importing a corrected file)."""
    deleted, _ = ProcedureRecord.objects.filter(owner=owner, pk=record_id, source=BY_HAND).delete()
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
) -> Imported:
    """Import a held file with the columns and role words the person chose: a header
    that is not in the file, or a role that is not one, is left out."""
    _, held = held_preview(owner, token)
    headers = set(held.headers)
    chosen = {f: h for f, h in columns.items() if f in FIELDS and h in headers}
    roles = {r.value for r in Role}
    words = {said: Role(role) for said, role in role_words.items() if role in roles}
    return import_held(owner, token, ColumnMap(chosen, words), save)
