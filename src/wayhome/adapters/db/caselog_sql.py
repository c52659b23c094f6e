"""The procedure log in SQL, on SQLite and PostgreSQL alike: rows written by one prepared
INSERT that the driver runs for every row (never a model object per row), the totals
counted by GROUP BY into CaseLogTotal and CaseLogKind in the caller's transaction, and
the log read a page at a time. services/cases.py is the one caller; migration 0014 uses
it once (and a restore of a backup made before it, through services/cases.restored).

Public: :class:`Rows`, :func:`row_values`, :func:`columns_of`, :func:`roomy`,
:func:`insert`, :func:`refresh`, :func:`settle`, :func:`totals`, :func:`kinds`,
:func:`case_sets`, :func:`page`, :func:`read_all`, :data:`READ`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, Final

from django.db import connection
from msgspec import Struct

from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import (
    NO_DATE,
    NO_SITE,
    TEXT_FIELDS,
    UNCATEGORISED,
    Count,
    Procedure,
    Totals,
    digest,
    groups_of,
)

# A Procedure's text columns, as the core names them (stored "" for none).
TEXT: Final = TEXT_FIELDS
COLUMNS: Final = (
    "owner_id",
    "key",
    "case_key",
    "kind",
    "case_id",
    "on",
    "role",
    *TEXT,
    "category_label",
    "year_label",
    "site_label",
    "source",
    "imported",
)
# What a Procedure is read back from, in this order (see _procedure).
READ: Final = ("id", "case_id", "on", "role", *TEXT, "source")


def _table(name: str) -> str:
    from django.apps import apps

    return connection.ops.quote_name(apps.get_model("wayhome", name)._meta.db_table)


def case_key(p: Procedure, key: str) -> str:
    """The case a row belongs to (core.cv.cases.case_of): its case id on its date, or the
    row itself when it has none. Written out when short ("100231|2025-07-14": a "|" is
    never in a hash or a row's key), else hashed to fit the column."""
    if not p.case_id:
        return key
    plain = f"{p.case_id}|{p.on.isoformat() if p.on else ''}"
    return plain if len(plain) <= 32 else digest("case", p.case_id, p.on)


def kind_of(p: Procedure) -> str:
    """What a regulator's procedure numbers match a row on: role, code and words."""
    return digest(p.role.value, p.code, p.category, p.description)


class Rows:
    """ProcedureRecord rows for one owner and source at one time, each in COLUMNS order
    and adapted for the database, as :func:`columns_of` has them (a test compares). What
    repeats across a log is worked out once: each day's text and database value, each
    kind's hash. 50,000 rows of an import go through :meth:`of`: it stays plain."""

    def __init__(self, owner_id: int, source: str, now: datetime) -> None:
        self.owner_id, self.source = owner_id, source
        self.now = connection.ops.adapt_datetimefield_value(now)
        self.adapt_day = connection.ops.adapt_datefield_value
        self.kinds: dict[tuple[str, str | None, str | None, str | None], str] = {}
        # A day -> its text in a key ("" for none), its database value, its year label.
        self.days: dict[date | None, tuple[str, Any, str]] = {None: ("", None, NO_DATE)}

    def _day(self, on: date) -> tuple[str, Any, str]:
        day = self.days[on] = (str(on), self.adapt_day(on), str(on.year))
        return day

    def of(self, procedures: Iterable[Procedure]) -> list[tuple[Any, ...]]:
        """A row for each procedure, its key the procedure's own (Procedure.key) cut to 28
        characters and followed by how many times the key came before, in 4 hex digits:
        rows identical within one file are kept apart by their order."""
        owner_id, source, now, days, kinds = (
            self.owner_id,
            self.source,
            self.now,
            self.days,
            self.kinds,
        )
        sha256, seen = hashlib.sha256, dict[str, int]()
        out = []
        for p in procedures:
            case_id, on, role, code, category, description = (
                p.case_id,
                p.on,
                p.role.value,
                p.code,
                p.category,
                p.description,
            )
            iso, day, year = days.get(on) or self._day(on)  # type: ignore[arg-type]
            # Procedure.key: digest(case_id, on, code, description, category, role_said)
            full = sha256(
                f"{case_id or ''}\x1f{iso}\x1f{code or ''}\x1f{description or ''}"
                f"\x1f{category or ''}\x1f{p.role_said or ''}".encode()
            ).hexdigest()[:32]
            n = seen[full] = seen.get(full, 0) + 1
            key = f"{full[:28]}{n:04x}"
            what = (role, code, category, description)
            kind = kinds.get(what)
            if kind is None:
                kind = kinds[what] = digest(*what)
            if case_id:  # case_key
                case = f"{case_id}|{iso}"
                if len(case) > 32:
                    case = digest("case", case_id, on)
            else:
                case = key
            area, type_, site = p.area, p.type, p.site
            # groups_of: the heading (the category, else "Area › Type"), year, site.
            label = category or (f"{area} › {type_}" if area and type_ else area or type_)
            out.append(
                (
                    owner_id,
                    key,
                    case,
                    kind,
                    case_id or "",
                    day,
                    role,
                    p.role_said or "",
                    category or "",
                    area or "",
                    type_ or "",
                    code or "",
                    description or "",
                    p.year or "",
                    site or "",
                    label or UNCATEGORISED,
                    p.year or year,
                    site or NO_SITE,
                    source,
                    now,
                )
            )
        return out


def columns_of(key: str, p: Procedure) -> dict[str, Any]:
    """The columns of a row kept as JSON before (migration 0014, an old backup)."""
    category_label, year_label, site_label = groups_of(p)
    return {
        "case_key": case_key(p, key),
        "kind": kind_of(p),
        "case_id": p.case_id or "",
        "on": p.on,
        "role": p.role.value,
        **{name: getattr(p, name) or "" for name in TEXT},
        "category_label": category_label,
        "year_label": year_label,
        "site_label": site_label,
    }


def row_values(
    owner_id: int, key: str, p: Procedure, source: str, now: datetime
) -> tuple[Any, ...]:
    """One row of ProcedureRecord under ``key``, in COLUMNS order, adapted for the
    database."""
    c = columns_of(key, p)
    return (
        owner_id,
        key,
        c["case_key"],
        c["kind"],
        c["case_id"],
        connection.ops.adapt_datefield_value(c["on"]),
        *(c[name] for name in COLUMNS[6:-2]),
        source,
        connection.ops.adapt_datetimefield_value(now),
    )


@contextmanager
def roomy() -> Iterator[None]:
    """On SQLite, a page cache of up to 64 MB while a large import is written and counted
    (then the connection's own again): its table and indexes stay in memory between the
    INSERT and the GROUP BYs that read them back (the default is 2 MB; a 50,000-row log is
    about 20). About 0.05 s of such an import. Nothing to do on PostgreSQL."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (size,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -65536")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(size)}")


# From this many rows, PostgreSQL's rows go by COPY (see insert).
COPY_FROM: Final = 100


def insert(rows: Sequence[tuple[Any, ...]]) -> int:
    """Insert the rows whose key is not stored yet, in their order; how many were new.
    Call it inside a transaction (with :func:`refresh`): a key stored meanwhile by another
    process is skipped too (ON CONFLICT DO NOTHING), never an error. SQLite: one statement,
    prepared once and run for every row by sqlite3's loop in C. PostgreSQL, for more than
    a few rows: COPY into a temporary table (psycopg writes the rows in C), then one
    INSERT ... SELECT from it in their order; row by row, psycopg's client-side binding
    quoted each of the 20 values in Python (0.6 s of CPU for 50,000 rows)."""
    if not rows:
        return 0
    table, names = (
        _table("ProcedureRecord"),
        ", ".join(connection.ops.quote_name(c) for c in COLUMNS),
    )
    if connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        return _copied(table, names, rows)
    one = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES {one} ON CONFLICT (owner_id, key) DO NOTHING",
            rows,
        )
        # The rows each statement added, summed over the rows (sqlite3 and psycopg alike;
        # a row skipped by the conflict adds none): no count of the log before and after.
        return int(cursor.rowcount)


def _copied(table: str, names: str, rows: Sequence[tuple[Any, ...]]) -> int:
    """PostgreSQL: the rows by COPY into a temporary table of the same columns (and their
    order in ``n``), then inserted from it; the table is gone after (and with a rollback)."""
    new = connection.ops.quote_name("wayhome_caselog_new")
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE {new} ON COMMIT DROP AS "
            f"SELECT 0::bigint AS n, {names} FROM {table} WITH NO DATA"
        )
        with cursor.cursor.copy(f"COPY {new} (n, {names}) FROM STDIN") as copy:
            for n, row in enumerate(rows):
                copy.write_row((n, *row))
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {names} FROM {new} ORDER BY n "
            "ON CONFLICT (owner_id, key) DO NOTHING"
        )
        added = int(cursor.rowcount)
        cursor.execute(f"DROP TABLE {new}")
    return added


def settle(added: int, stored: int) -> None:
    """After a change that added a tenth or more of the owner's log (``stored`` rows now:
    an import, or a restore, which adds every row), on PostgreSQL: the statistics of the
    columns the log is read by taken again (ANALYZE, allowed in a transaction: 45 ms after
    a 50,000-row import; of every column, 0.25 s).
    Until autovacuum comes by, a minute or more after a large import, the planner took a
    fresh 200,000-row log for a few hundred rows and read a page deep in it by sorting the
    whole log on disk (0.3 s instead of 0.03 s). SQLite's plans do not depend on such
    statistics."""
    if connection.vendor != "postgresql" or added < max(50, stored // 10):
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {_table('ProcedureRecord')} (owner_id, category_label, id)")


def _signatures() -> str:
    """Per case, its kinds sorted and joined: PostgreSQL orders inside string_agg; SQLite
    3.40's group_concat has no ORDER BY and keeps the order of an ordered subquery."""
    rec = _table("ProcedureRecord")
    inner = f"SELECT case_key, kind FROM {rec} WHERE owner_id = %s GROUP BY case_key, kind"
    if connection.vendor == "postgresql":
        return (
            f"SELECT case_key, string_agg(kind, ',' ORDER BY kind) AS sig "
            f"FROM ({inner}) AS k GROUP BY case_key"
        )
    return (
        f"SELECT case_key, group_concat(kind, ',') AS sig "
        f"FROM ({inner} ORDER BY case_key, kind) AS k GROUP BY case_key"
    )


def refresh(owner_id: int) -> None:
    """Count the owner's log again into CaseLogTotal and CaseLogKind. Call it in the
    transaction that changed the log, so no one reads totals of another state."""
    rec, total, kind = _table("ProcedureRecord"), _table("CaseLogTotal"), _table("CaseLogKind")
    into = f"INSERT INTO {total} (owner_id, grouping, name, role, cases, procedures) "
    counts = "COUNT(DISTINCT case_key), COUNT(*)"
    where = f"FROM {rec} WHERE owner_id = %s"
    statements = [
        (f"DELETE FROM {total} WHERE owner_id = %s", 1),
        (f"DELETE FROM {kind} WHERE owner_id = %s", 1),
        (into + f"SELECT %s, 'all', '', '', {counts} {where}", 2),
        (into + f"SELECT %s, 'role', role, '', {counts} {where} GROUP BY role", 2),
        (
            into + f"SELECT %s, 'category', category_label, role, {counts} {where} "
            "GROUP BY category_label, role",
            2,
        ),
        (into + f"SELECT %s, 'year', year_label, '', {counts} {where} GROUP BY year_label", 2),
        (into + f"SELECT %s, 'site', site_label, '', {counts} {where} GROUP BY site_label", 2),
        (
            into + f"SELECT %s, 'cases', sig, '', COUNT(*), 0 FROM ({_signatures()}) AS s "
            "GROUP BY sig",
            2,
        ),
        (
            f"INSERT INTO {kind} (owner_id, kind, role, code, category, description, "
            f"procedures) SELECT %s, kind, MIN(role), MIN(code), MIN(category), "
            f"MIN(description), COUNT(*) {where} GROUP BY kind",
            2,
        ),
    ]
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, [owner_id] * params)


ROLE_ORDER: Final = {r.value: i for i, r in enumerate(Role)}


def totals(owner_id: int) -> Totals:
    """The stored totals, as core.cv.cases.totals counts them from the rows."""
    from wayhome.adapters.db.models import CaseLogTotal

    out = Totals()
    rows = CaseLogTotal.objects.filter(owner_id=owner_id).exclude(grouping="cases")
    by: dict[str, list[tuple[str, str, int, int]]] = {}
    for grouping, name, role, cases, procedures in rows.values_list(
        "grouping", "name", "role", "cases", "procedures"
    ):
        by.setdefault(grouping, []).append((name, role, cases, procedures))
    for _, _, cases, procedures in by.get("all", []):
        out.cases, out.procedures = cases, procedures
    for name, _, cases, procedures in sorted(by.get("role", []), key=lambda r: ROLE_ORDER[r[0]]):
        out.by_role[name] = Count(cases, procedures)
    for name, role, cases, procedures in sorted(
        by.get("category", []), key=lambda r: (r[0], ROLE_ORDER[r[1]])
    ):
        out.by_category.setdefault(name, {})[role] = Count(cases, procedures)
    for name, _, cases, procedures in sorted(by.get("year", [])):
        out.by_year[name] = Count(cases, procedures)
    for name, _, cases, procedures in sorted(by.get("site", []), key=lambda r: (-r[2], r[0])):
        out.by_site[name] = Count(cases, procedures)
    return out


class Kind(Struct, frozen=True):
    kind: str
    role: Role
    code: str
    category: str
    description: str
    procedures: int


def kinds(owner_id: int) -> list[Kind]:
    from wayhome.adapters.db.models import CaseLogKind

    rows = CaseLogKind.objects.filter(owner_id=owner_id).order_by("-procedures", "kind")
    return [
        Kind(k, Role(r), c, cat, d, n)
        for k, r, c, cat, d, n in rows.values_list(
            "kind", "role", "code", "category", "description", "procedures"
        )
    ]


def case_sets(owner_id: int) -> list[tuple[frozenset[str], int]]:
    """Each set of kinds some cases hold, with how many cases hold exactly it."""
    from wayhome.adapters.db.models import CaseLogTotal

    rows = CaseLogTotal.objects.filter(owner_id=owner_id, grouping="cases")
    return [(frozenset(n.split(",")), c) for n, c in rows.values_list("name", "cases")]


def _procedure(row: Sequence[Any]) -> Procedure:
    _, case_id, on, role, *text, _ = row
    if isinstance(on, str):  # a raw SQLite read; the ORM gives dates
        on = date.fromisoformat(on)
    fields = {name: (value or None) for name, value in zip(TEXT, text, strict=True)}
    return Procedure(case_id=case_id or None, on=on, role=Role(role), **fields)


def page(
    owner_id: int,
    offset: int,
    limit: int,
    category: str | None = None,
    by_hand: str | None = None,
    after: int | None = None,
    before: int | None = None,
) -> list[tuple[int, Procedure, str]]:
    """(id, procedure, source) for ``limit`` rows in the order they were stored: those
    just after the row ``after`` or just before the row ``before`` (an index range, as
    cheap on the last page as on the first), else from ``offset`` on (the rows before it
    counted off by their ids in the index, the page's own rows read from the table);
    only those counted under ``category`` when given; only those whose source is
    ``by_hand``, newest first, when given."""
    from wayhome.adapters.db.models import ProcedureRecord

    rows = ProcedureRecord.objects.filter(owner_id=owner_id)
    if category is not None:
        rows = rows.filter(category_label=category)
    if by_hand is not None:
        rows = rows.filter(source=by_hand).order_by("-id")
    elif after is not None:
        rows, offset = rows.filter(id__gt=after).order_by("id"), 0
    elif before is not None:
        back = rows.filter(id__lt=before).order_by("-id").values_list(*READ)[:limit]
        return [(r[0], _procedure(r), r[-1]) for r in reversed(back)]
    else:
        rows = rows.order_by("id")
        if offset:  # the first row's id counted off in the index alone, then a range from it
            first = list(rows.values_list("id", flat=True)[offset : offset + 1])
            if not first:
                return []
            rows, offset = rows.filter(id__gte=first[0]), 0
    return [(r[0], _procedure(r), r[-1]) for r in rows.values_list(*READ)[offset : offset + limit]]


def read_all(owner_id: int, chunk: int = 2000) -> Iterator[Procedure]:
    from wayhome.adapters.db.models import ProcedureRecord

    rows = ProcedureRecord.objects.filter(owner_id=owner_id).order_by("id").values_list(*READ)
    for r in rows.iterator(chunk_size=chunk):
        yield _procedure(r)
