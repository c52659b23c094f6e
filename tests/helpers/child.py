"""Wayhome run in another process, as another window or command on the same machine
would run it, for the reliability tests (tests/reliability/).

    python -m tests.helpers.child prepare             a profile and a vault, for the local account
    python -m tests.helpers.child cli ARGS...          one `wayhome` command, its exit code
    python -m tests.helpers.child cli-real-cost ARGS...   the same, with the real Argon2id cost
    python -m tests.helpers.child cli-many JSON        commands one after another (JSON out)
    python -m tests.helpers.child import-flaky SEED RATE FOLDER
                                                       `vault import`, the database refusing
                                                       a share of the records after a wait
    python -m tests.helpers.child web-pubs TAG W N     W threads of the web app, N uploads each
    python -m tests.helpers.child counts               rows stored (JSON)
    python -m tests.helpers.child crash ...            see tests/helpers/crash.py

The data folder is WAYHOME_DATA_DIR, the passphrase WAYHOME_PASSPHRASE. The Argon2id cost
is lowered in this process only (but for cli-real-cost), as tests/conftest.py does: the
product reads no switch for it, and what a child makes opens with the parameters stored
beside it. Results go to standard output as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

from tests.helpers.costs import LOW_KDF


def low_cost() -> None:
    from wayhome.adapters.vault import keys

    keys.KDF.update(LOW_KDF)


def setup(settings_module: str = "wayhome.adapters.db.settings") -> Any:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    from wayhome.adapters.db import store

    store.setup(settings_module)
    return store.local_account()


def prepare() -> None:
    owner = setup()
    from wayhome.adapters.db.models import StoredProfile
    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import vault

    profile, _ = load_profile(example_path("do-the-math"))
    row, _ = StoredProfile.objects.get_or_create(owner=owner, defaults={"data": to_data(profile)})
    vault.open_vault(os.environ["WAYHOME_PASSPHRASE"], create=True)
    print(json.dumps({"profile": row.pk}))


def counts() -> None:
    setup()
    from wayhome.adapters.db.models import ProcedureRecord, PublicationRecord, VaultFile

    print(
        json.dumps(
            {
                "publications": PublicationRecord.objects.count(),
                "procedures": ProcedureRecord.objects.count(),
                "files": VaultFile.objects.count(),
            }
        )
    )


def import_flaky(seed: int, rate: float, folder: str) -> None:
    """Each file of ``folder`` stored as the web app stores an upload (one request each,
    a failure not stopping the next); a share of the records fails after a wait, as a
    database that stays busy past its timeout does, and each failure removes the file
    this import just wrote, if it wrote it."""
    import random
    import time
    from pathlib import Path

    owner = setup()
    from django.db import OperationalError

    from wayhome.adapters.db import store
    from wayhome.services import vault

    rng = random.Random(seed)
    record = store.add_vault_file

    def flaky(*args: Any, **kwargs: Any) -> bool:
        if rng.random() < rate:
            time.sleep(0.1)
            raise OperationalError("database is locked")
        return record(*args, **kwargs)

    store.add_vault_file = flaky  # type: ignore[assignment]
    opened = vault.open_vault(os.environ["WAYHOME_PASSPHRASE"])
    failed = 0
    for path in vault.files_in(Path(folder)):
        try:
            vault.ingest(owner, opened, path.name, path.read_bytes())
        except OperationalError:
            failed += 1
    print(json.dumps({"failed": failed}))


def cli(args: list[str]) -> None:
    from wayhome.cli.app import app

    app(args, prog_name="wayhome")


def cli_many(commands: list[list[str]]) -> None:
    from typer.testing import CliRunner

    from wayhome.cli.app import app

    runner = CliRunner()
    out = []
    for args in commands:
        result = runner.invoke(app, args, env={"COLUMNS": "120", "NO_COLOR": "1"})
        error = repr(result.exception) if result.exit_code and result.exception else ""
        out.append({"args": args, "code": result.exit_code, "error": error[:500]})
    print(json.dumps(out))


def ris(title: str) -> bytes:
    return (
        f"TY  - JOUR\nTI  - {title}\nAU  - Example, Sam\nPY  - 2024\n"
        "JO  - Journal of Examples\nER  - \n"
    ).encode()


def web_pubs(tag: str, threads: int, each: int) -> None:
    """Threads of the web app (its WSGI handler, as waitress runs it) each importing
    ``each`` reference exports of one new paper: a read, then a write, per import."""
    owner = setup("wayhome.web.settings")
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from wayhome.adapters.db.models import StoredProfile

    pk = StoredProfile.objects.get(owner=owner).pk
    statuses: list[int] = []
    errors: list[str] = []

    def work(t: int) -> None:
        from django.db import connection

        c = Client(raise_request_exception=False, HTTP_HOST="localhost")
        c.force_login(owner)
        for i in range(each):
            upload = SimpleUploadedFile(f"{tag}-{t}-{i}.ris", ris(f"Paper {tag} {t} {i}"))
            response = c.post(f"/p/{pk}/publications/", {"file": upload})
            statuses.append(response.status_code)
            if response.status_code >= 500:
                errors.append(response.content.decode(errors="replace")[:300])
        connection.close()

    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    print(json.dumps({"statuses": statuses, "errors": errors}))


def main(argv: list[str]) -> None:
    mode, rest = argv[0], argv[1:]
    if mode != "cli-real-cost":
        low_cost()
    if mode == "prepare":
        prepare()
    elif mode == "counts":
        counts()
    elif mode in ("cli", "cli-real-cost"):
        cli(rest)
    elif mode == "import-flaky":
        import_flaky(int(rest[0]), float(rest[1]), rest[2])
    elif mode == "cli-many":
        cli_many(json.loads(rest[0]))
    elif mode == "web-pubs":
        web_pubs(rest[0], int(rest[1]), int(rest[2]))
    elif mode == "crash":
        from tests.helpers import crash

        crash.main(rest)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
