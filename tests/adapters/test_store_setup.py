"""Each command checks the database is up to date with one query (store.up_to_date)
before it runs `migrate`, which loads every migration: an older database (a backup
restored, a migration added since) is still brought up to date."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wayhome.adapters.db import store


@pytest.mark.django_db(transaction=True)
def test_an_up_to_date_database_is_said_so_and_one_migration_behind_is_not():
    assert store.up_to_date()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    [leaf] = [n for n in executor.loader.graph.leaf_nodes() if n[0] == "wayhome"]
    [before] = executor.loader.graph.node_map[leaf].parents
    executor.migrate([before.key])
    try:
        assert not store.up_to_date()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert store.up_to_date()
