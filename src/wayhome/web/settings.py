"""Django settings, read once from the environment.

WAYHOME_DATA_DIR      the data folder (default: the platform's user data folder)
WAYHOME_DATABASE_URL  postgresql://user@host:port/name to use PostgreSQL
                      (default: SQLite in the data folder)
WAYHOME_ALLOWED_HOSTS extra host names to accept (comma-separated), for --host
WAYHOME_DEBUG         1 for Django's debug pages (never for real data)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlparse

from platformdirs import user_data_dir


def _env_bool(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


if os.environ.get("WAYHOME_DATA_DIR"):
    DATA_DIR = Path(os.environ["WAYHOME_DATA_DIR"])
elif os.environ.get("PYTEST_VERSION"):
    # Under pytest, never the user's own data folder (pytest sets PYTEST_VERSION).
    import tempfile

    DATA_DIR = Path(tempfile.mkdtemp(prefix="wayhome-test-"))
else:
    DATA_DIR = Path(user_data_dir("wayhome", appauthor=False))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """A key kept in the data folder, made on first start, readable only by its owner."""
    if os.environ.get("WAYHOME_SECRET_KEY"):
        return os.environ["WAYHOME_SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _database() -> dict[str, object]:
    url = os.environ.get("WAYHOME_DATABASE_URL", "")
    if not url:
        # The background worker and the web app write to the same file: a writer waits
        # (up to 20 s) for the other instead of failing at once.
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "wayhome.sqlite3",
            "OPTIONS": {"timeout": 20},
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


SECRET_KEY = _secret_key()
DEBUG = _env_bool("WAYHOME_DEBUG")
# Only the loopback names: a page on another site cannot reach the app through
# DNS rebinding, since its Host header would not match.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h.strip() for h in os.environ.get("WAYHOME_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "wayhome.adapters.db",
    "wayhome.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wayhome.web.security.SignInRequiredMiddleware",
    "wayhome.web.security.BrokenProfileMiddleware",
]
# Background work (reading scans with OCR) goes through a queue kept in the same
# database: nothing else to install or run. `wayhome serve` runs the worker in a
# thread; `python -m django db_worker` runs one on its own (hosted mode).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
ROOT_URLCONF = "wayhome.web.root_urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
WSGI_APPLICATION = "wayhome.web.wsgi.application"
DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "wayhome:login"
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
STATIC_URL = "/static/"
# Serve static files straight from the installed packages: no collectstatic step,
# and no CDN (everything works offline).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

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
