"""SQLite set up for concurrent use (WAL, IMMEDIATE, a busy timeout); PostgreSQL as it
was (adapters/db/settings.py). The concurrent writers themselves are in
tests/reliability/test_concurrency.py."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from django.db.backends.sqlite3.base import DatabaseWrapper

from wayhome.adapters.db.settings import database
from wayhome.web import settings as web_settings


def test_sqlite_waits_for_other_writers_instead_of_failing(tmp_path):
    entry = database("", tmp_path)
    assert entry["NAME"] == tmp_path / "wayhome.sqlite3"
    options = entry["OPTIONS"]
    assert isinstance(options, dict)
    assert options["transaction_mode"] == "IMMEDIATE" and options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]


def test_the_pragmas_take_effect_on_a_real_file(tmp_path):
    entry = database("", tmp_path)
    wrapper = DatabaseWrapper({**entry, **_defaults()}, alias="probe")
    conn = wrapper.get_new_connection(wrapper.get_connection_params())  # runs init_command
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 20_000
    finally:
        conn.close()
    with sqlite3.connect(Path(tmp_path) / "wayhome.sqlite3") as plain:  # kept in the file
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_the_web_app_uses_the_same_database_settings():
    from wayhome.adapters.db import settings as data_settings

    assert web_settings.DATABASES is data_settings.DATABASES


def test_postgresql_is_untouched():
    entry = database("postgresql://wayhome:s%40cret@db.example:5433/wayhome", Path("/x"))
    assert entry == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "wayhome",
        "USER": "wayhome",
        "PASSWORD": "s@cret",
        "HOST": "db.example",
        "PORT": "5433",
    }


def _defaults() -> dict[str, object]:
    return {
        "ATOMIC_REQUESTS": False,
        "AUTOCOMMIT": True,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "TIME_ZONE": None,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
