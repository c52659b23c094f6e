"""Migrations 0014-0015: a procedure log stored as JSON rows (before) is moved into
columns and counted, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wayhome.services import cases

BEFORE = [("wayhome", "0013_sent_packet")]


def _latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_log_stored_as_json_is_moved_into_columns_and_counted():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps
        user = old.get_model("auth", "User").objects.create(username="before")
        record = old.get_model("wayhome", "ProcedureRecord")
        rows = [
            {"case_id": "1", "on": "2024-06-30", "role": "performed", "category": "Cataract",
             "code": "66984", "role_said": "Surgeon", "year": "PGY-3"},
            {"case_id": "1", "on": "2024-06-30", "role": "performed", "category": "Cataract",
             "code": "66990", "role_said": "Surgeon", "year": "PGY-3"},
            {"case_id": None, "on": None, "role": "assisted", "area": "Retina",
             "type": "Laser", "description": "Laser"},
        ]  # fmt: skip
        for i, data in enumerate(rows):
            record.objects.create(owner_id=user.pk, key=f"{i:032x}", data=data, source="a.csv")
    finally:
        _latest()
    from django.contrib.auth.models import User

    owner = User.objects.get(username="before")
    log = cases.procedures(owner)
    assert [p.on for p in log] == [date(2024, 6, 30), date(2024, 6, 30), None]
    assert log[2].heading == "Retina › Laser" and log[0].code == "66984"
    t = cases.totals_of(owner)
    assert (t.cases, t.procedures) == (2, 3)
    assert t.by_category["Cataract"]["performed"].cases == 1
    assert set(t.by_year) == {"(no date)", "PGY-3"}
