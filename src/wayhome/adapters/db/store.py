"""Profile and progress storage for the command line and the web app.

The command line calls :func:`setup` first, which configures Django with the data
layer's settings alone (``wayhome.adapters.db.settings``: the database of the data
folder, no web app); `wayhome serve` passes the web app's settings instead.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path
from typing import TYPE_CHECKING, Any

import django
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

if TYPE_CHECKING:  # the model module needs Django set up first
    from django.contrib.auth.models import AbstractBaseUser

LOCAL_USERNAME = "local"


DATA_SETTINGS = "wayhome.adapters.db.settings"


def setup(settings_module: str = DATA_SETTINGS) -> None:
    """Configure Django (settings, apps) and apply migrations; safe to call twice.
    Settings already chosen (the web app's, a test run's) are kept."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from wayhome.adapters import locks, scratch

    data_dir = Path(settings.DATA_DIR)
    # Two first runs at once (two commands, or one and the web app) would both create
    # the tables: one migrates while the other waits, then finds nothing to do.
    if not up_to_date():
        with locks.held(data_dir / locks.MIGRATE_LOCK, "setting up the database"):
            call_command("migrate", verbosity=0, interactive=False)
    scratch.tidy(data_dir)  # what a killed run left


def up_to_date() -> bool:
    """Whether every migration file of every app is recorded as applied: one query and a
    look at the migration folders, where `migrate` loads every migration module first
    (a quarter of a second on each command). Anything else, an older database restored
    from a backup or a new migration, is left to `migrate`."""
    import importlib.util

    from django.apps import apps
    from django.db import DatabaseError, connection

    on_disk = set()
    for app in apps.get_app_configs():
        spec = importlib.util.find_spec(f"{app.name}.migrations")
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            on_disk |= {(app.label, f.stem) for f in Path(folder).glob("[0-9]*.py")}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = set(cursor.fetchall())
    except DatabaseError:
        return False  # a new database: no table yet
    return bool(on_disk) and on_disk <= applied


def local_account() -> AbstractBaseUser:
    """The one account of local mode, created on first use without a password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=LOCAL_USERNAME)
    if created:
        user.set_unusable_password()
        user.save()
    return user


def profile_data(owner: Any) -> dict[str, Any] | None:
    from wayhome.adapters.db.models import StoredProfile

    row = StoredProfile.objects.filter(owner=owner).first()
    return dict(row.data) if row else None


def progress_data(owner: Any) -> dict[str, Any]:
    from wayhome.adapters.db.models import StoredProfile

    row = StoredProfile.objects.filter(owner=owner).first()
    return dict(row.progress) if row else {}


def save_profile(owner: Any, data: dict[str, Any]) -> None:
    from wayhome.adapters.db.models import StoredProfile

    with transaction.atomic():
        StoredProfile.objects.update_or_create(owner=owner, defaults={"data": data})


def save_progress(owner: Any, progress: dict[str, Any]) -> None:
    from wayhome.adapters.db.models import StoredProfile

    StoredProfile.objects.filter(owner=owner).update(progress=progress)


def new_sign_in_token(owner: Any) -> str:
    from wayhome.adapters.db.models import SignInToken

    token = secrets.token_urlsafe(24)
    SignInToken.objects.create(owner=owner, digest=_digest(token))
    return token


def use_sign_in_token(token: str, made_after: Any) -> Any | None:
    """The token's owner, once, if it was made after ``made_after`` (a datetime): a used,
    expired or unknown token gives None."""
    from wayhome.adapters.db.models import SignInToken

    with transaction.atomic():
        row = (
            SignInToken.objects.select_for_update()
            .filter(digest=_digest(token), used__isnull=True, created__gt=made_after)
            .first()
        )
        if row is None:
            return None
        row.used = timezone.now()
        row.save(update_fields=["used"])
        return row.owner


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def last_assessment(owner: Any) -> dict[str, Any] | None:
    from wayhome.adapters.db.models import SavedAssessment

    row = SavedAssessment.objects.filter(owner=owner).first()
    if row is None:
        return None
    return {
        "created": row.created,
        "on": row.on,
        "pack_versions": row.pack_versions,
        "findings": row.findings,
    }


def save_assessment(
    owner: Any, on: Any, pack_versions: dict[str, str], findings: dict[str, Any]
) -> None:
    from wayhome.adapters.db.models import SavedAssessment

    SavedAssessment.objects.create(
        owner=owner, on=on, pack_versions=pack_versions, findings=findings
    )


def all_vault_hashes() -> dict[str, set[str]]:
    """object id -> the SHA-256 values recorded for it (one per owner holding it)."""
    from wayhome.adapters.db.models import VaultFile

    out: dict[str, set[str]] = {}
    for oid, sha in VaultFile.objects.values_list("object_id", "sha256"):
        out.setdefault(oid, set()).add(sha)
    return out


def count_vault_files() -> int:
    """How many stored files are recorded, for every owner."""
    from wayhome.adapters.db.models import VaultFile

    return VaultFile.objects.count()


def add_vault_file(
    owner: Any, object_id: str, name: str, media_type: str, size: int, sha256: str
) -> bool:
    """Record a file; False when the owner already holds the same content."""
    from wayhome.adapters.db.models import VaultFile

    _, created = VaultFile.objects.get_or_create(
        owner=owner,
        object_id=object_id,
        defaults={
            "name": name,
            "media_type": media_type,
            "size": size,
            "sha256": sha256,
            "received": timezone.now(),
        },
    )
    return created


def has_any_data() -> bool:
    """Anything a restore could mix with (sign-in links do not count)."""
    from django.apps import apps

    from wayhome.adapters.db.models import SignInToken

    return any(
        model._default_manager.exists()
        for model in apps.get_app_config("wayhome").get_models()
        if model is not SignInToken
    )
