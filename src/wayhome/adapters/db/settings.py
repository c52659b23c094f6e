"""Django settings for the data layer alone, read once from the environment.

The command line uses these: the database, the apps whose tables Wayhome keeps
and the background queue, without URLs, middleware or templates, so a command
never boots the web app. The web app's settings (``wayhome.web.settings``)
extend them; both shells migrate to the same tables.

WAYHOME_DATA_DIR      the data folder (default: the platform's user data folder)
WAYHOME_DATABASE_URL  postgresql://user@host:port/name to use PostgreSQL
                      (default: SQLite in the data folder)
WAYHOME_DEBUG         1 for Django's debug pages (never for real data)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final
from urllib.parse import unquote, urlparse

from platformdirs import user_data_dir

from wayhome.adapters.permissions import make_private


def env_bool(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def _data_dir() -> Path:
    if os.environ.get("WAYHOME_DATA_DIR"):
        return Path(os.environ["WAYHOME_DATA_DIR"])
    if os.environ.get("PYTEST_VERSION"):
        # Under pytest, never the user's own data folder (pytest sets PYTEST_VERSION).
        import tempfile

        return Path(tempfile.mkdtemp(prefix="wayhome-test-"))
    return Path(user_data_dir("wayhome", appauthor=False))


# The web app's threads, its background worker and commands in other processes write
# to one SQLite file at once. WAL lets readers go on while one writes; IMMEDIATE takes
# the write lock when a transaction begins, so a transaction that read first never
# fails at its first write ("database is locked": SQLite cannot wait there); and a
# writer waits up to BUSY_SECONDS for another instead of failing. The web app's
# settings extend these; PostgreSQL needs none of it.
BUSY_SECONDS: Final = 30
SQLITE_OPTIONS: Final = {
    "timeout": BUSY_SECONDS,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL",
}


def database(url: str, data_dir: Path) -> dict[str, object]:
    """Django's DATABASES entry for ``url`` (empty: SQLite in the data folder)."""
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": data_dir / "wayhome.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    parts = urlparse(url)
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(
            f"WAYHOME_DATABASE_URL: only postgresql:// is supported, not {parts.scheme}://"
        )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": parts.path.lstrip("/"),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
    }


DATA_DIR = _data_dir()
DEBUG = env_bool("WAYHOME_DEBUG")

# Every app with tables is here, whichever shell runs first: the sessions table
# belongs to the web app's sign-in, but a backup, a restore and "delete everything"
# from the command line see the same database.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django_tasks",
    "django_tasks_db",
    "wayhome.adapters.db",
]
# Background work (reading scans with OCR) goes through a queue kept in the same
# database: nothing else to install or run. `wayhome serve` runs the worker in a
# thread; `python -m django db_worker` runs one on its own (hosted mode).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DATABASES = {"default": database(os.environ.get("WAYHOME_DATABASE_URL", ""), DATA_DIR)}
make_private(DATA_DIR, DATABASES["default"])  # 0700 and 0600 on POSIX (adapters/permissions.py)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
TIME_ZONE = "UTC"
USE_TZ = True
USE_I18N = False

# Personal data never reaches a log: database queries (and their parameters)
# are not logged, whatever level the root logger is at.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.db.backends": {"handlers": [], "level": "WARNING", "propagate": False},
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "wayhome": {"handlers": ["console"], "level": "DEBUG" if DEBUG else "INFO"},
    },
}
