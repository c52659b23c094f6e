"""The web app's Django settings: the data layer's (``wayhome.adapters.db.settings``)
plus what serving pages needs, read once from the environment.

WAYHOME_SECRET_KEY    the key that signs sessions (default: one kept in the data folder)
WAYHOME_ALLOWED_HOSTS extra host names to accept (comma-separated), for --host
WAYHOME_UNLOCK_MINUTES how long an unlocked vault stays open unused, per signed-in
                      session (default 30; 1 to 1440)
and the data layer's WAYHOME_DATA_DIR, WAYHOME_DATABASE_URL and WAYHOME_DEBUG.
"""

from __future__ import annotations

import os
import secrets
from typing import Final

from django.core.exceptions import ImproperlyConfigured

from wayhome.adapters import scratch
from wayhome.adapters.db.settings import *  # noqa: F403 (the web app extends them)
from wayhome.adapters.db.settings import DATA_DIR, DEBUG, INSTALLED_APPS


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


def env_minutes(name: str, default: int, most: int = 24 * 60) -> int:
    """A whole number of minutes from the environment, from 1 to ``most``; anything else
    stops the app with the setting named."""
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: a whole number of minutes, not {text!r}") from None
    if not 1 <= value <= most:
        raise ImproperlyConfigured(f"{name}: from 1 to {most} minutes, not {value}")
    return value


SECRET_KEY = _secret_key()
# An unlocked vault is kept in memory for the signed-in session that unlocked it, until
# it goes unused this long (wayhome.services.unlocked).
UNLOCK_MINUTES: Final = env_minutes("WAYHOME_UNLOCK_MINUTES", 30)
# Requests only from this computer's loopback addresses; `wayhome serve --allow-remote`
# sets it (services/serve.py), never the environment.
ALLOW_REMOTE = False
# An upload too large to keep in memory is spooled by Django to this process's
# temporary folder in the data folder, never the system's: removed after the request,
# and with the folder by the next start if the process is killed (adapters/scratch.py).
FILE_UPLOAD_TEMP_DIR = str(scratch.folder(DATA_DIR, pin=True))
# Only the loopback names: a page on another site cannot reach the app through
# DNS rebinding, since its Host header would not match.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"] + [
    h.strip() for h in os.environ.get("WAYHOME_ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    *INSTALLED_APPS,
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "wayhome.web",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "wayhome.web.security.ContentSecurityPolicyMiddleware",
    "wayhome.web.security.LoopbackOnlyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the body (the CSRF check reads a form's token).
    "wayhome.web.security.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wayhome.web.security.SessionSeenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wayhome.web.security.SignInRequiredMiddleware",
    "wayhome.web.security.BrokenProfileMiddleware",
]
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
                "wayhome.web.context.vault",
            ]
        },
    }
]
WSGI_APPLICATION = "wayhome.web.wsgi.application"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "wayhome:login"
LANGUAGE_CODE = "en-gb"
USE_THOUSAND_SEPARATOR = True
STATIC_URL = "/static/"
# Serve static files straight from the installed packages: no collectstatic step,
# and no CDN (everything works offline).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "wayhome.web.views.common.form_expired"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
