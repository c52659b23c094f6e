"""A backup made before the procedure log had columns (its rows as JSON, no stored
totals) restores: the rows are moved into the columns and counted (services/backup.py
calls services/cases.restored)."""

from __future__ import annotations

import io
import json
from datetime import date

from django.core import management
from django.db import connection

from tests.helpers import acgme, backup_v1
from wayhome.adapters.db import caselog_sql, store
from wayhome.adapters.db.models import CaseLogKind, CaseLogTotal, ProcedureRecord
from wayhome.adapters.importers.caselog import Upload
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure
from wayhome.services import backup, cases

PASS = "correct horse battery staple"
OLD_FIELDS = ("owner", "key", "source", "imported")


def _as_before(objects: list[dict]) -> list[dict]:
    """The dump as Wayhome wrote it before migration 0014: a procedure as JSON in
    ``data``, no columns, no stored totals."""
    out = []
    for o in objects:
        if o["model"] in ("wayhome.caselogtotal", "wayhome.caselogkind"):
            continue
        if o["model"] == "wayhome.procedurerecord":
            f = o["fields"]
            p = Procedure(
                case_id=f["case_id"] or None,
                on=date.fromisoformat(f["on"]) if f["on"] else None,
                role=Role(f["role"]),
                **{name: f[name] or None for name in caselog_sql.TEXT},
            )
            o = {**o, "fields": {**{k: f[k] for k in OLD_FIELDS}, "data": p.to_json()}}
        out.append(o)
    return out


def test_a_backup_with_the_log_as_json_restores_into_columns_and_counts(
    db, settings, tmp_path, monkeypatch
):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    owner = store.local_account()
    cases.import_file(owner, Upload("log.csv", acgme.csv_text().encode()))
    before = cases.totals_of(owner).to_json()
    log = cases.procedures(owner)
    real = management.call_command

    def dump_as_before(*args, stdout, **kwargs):
        out = io.StringIO()
        real(*args, stdout=out, **kwargs)
        stdout.write(json.dumps(_as_before(json.loads(out.getvalue()))))

    monkeypatch.setattr(backup_v1.management, "call_command", dump_as_before)
    archive = tmp_path / "before.wbk"
    backup_v1.write(archive, PASS, tmp_path / "no-vault")
    monkeypatch.undo()
    for model in (ProcedureRecord, CaseLogTotal, CaseLogKind):
        model.objects.all().delete()
    settings.DATA_DIR = tmp_path / "elsewhere"

    backup.restore(archive, PASS)
    assert not ProcedureRecord.objects.filter(data__isnull=False).exists()
    assert cases.procedures(owner) == log
    assert cases.totals_of(owner).to_json() == before
    assert [k.kind for k in caselog_sql.kinds(owner.pk)]  # a regulator's numbers can count


def _last_analyze() -> object:
    """PostgreSQL: when the procedure log's table was last analysed (None: never)."""
    table = ProcedureRecord._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # read now, not the cached view
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s", [table])
        row = cursor.fetchone()
    return row[0] if row else None


def test_a_restore_takes_the_logs_statistics_again_as_a_large_import_does(
    db, settings, tmp_path, monkeypatch
):
    """Every restored row is new: on PostgreSQL the log's statistics are taken at once
    (caselog_sql.settle, as after an import adding a tenth of the log), not when
    autovacuum comes by; on SQLite settle does nothing, and the restore runs as before."""
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    owner = store.local_account()
    rows = [
        [str(6000 + i), "06/30/2024", "Surgeon", "Anterior Segment", "Cataract", "Cataract",
         "66984", "Cataract removal with IOL", "PGY-3", "", ""]
        for i in range(60)
    ]  # fmt: skip
    cases.import_file(owner, Upload("log.csv", acgme.csv_text(rows).encode()))
    log = cases.procedures(owner)
    archive = tmp_path / "log.wbk"
    backup_v1.write(archive, PASS, tmp_path / "no-vault")
    for model in (ProcedureRecord, CaseLogTotal, CaseLogKind):
        model.objects.all().delete()
    settings.DATA_DIR = tmp_path / "elsewhere"
    postgres = connection.vendor == "postgresql"
    before = _last_analyze() if postgres else None
    calls: list[tuple[int, int]] = []
    real = caselog_sql.settle

    def settle(added: int, stored: int) -> None:  # the real one, its arguments kept
        calls.append((added, stored))
        real(added, stored)

    monkeypatch.setattr(caselog_sql, "settle", settle)
    backup.restore(archive, PASS)
    assert calls == [(60, 60)]  # 60 rows, all new: past settle's threshold of 50
    assert cases.procedures(owner) == log
    if postgres:
        after = _last_analyze()
        assert after is not None and (before is None or after > before)
