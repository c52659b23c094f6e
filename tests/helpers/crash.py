"""kill -9 at seeded points of an operation, then what is left is checked, and the next
run must complete (tests/reliability/test_crashes.py).

    python -m tests.helpers.child crash OP ROOT SEED POINTS

OP is ``import`` (vault import of a folder), ``backup``, ``restore``, ``caselog`` (a
case log uploaded, as the web app takes it) or ``pubs`` (a reference export uploaded, as
the web app takes it: a copy of it in the data folder's tmp/ while it is read). In
ROOT this process prepares the state before OP once, then counts OP's steps in a dry
run: every file opened for writing, renamed, linked or removed, every folder made or
removed under ROOT (Python's audit hooks), and every SQL statement. It picks POINTS
step numbers with ``random.Random(SEED)`` and, for each, forks a child from the
prepared state that runs OP and kills itself (SIGKILL) just before that step: a real
kill -9, at a point a seed reproduces. Half the points are instead times into the run
(drawn from the dry run's length), so a kill can land inside a long write. Then it
checks what a user would see, runs OP again to the end, and checks again. Python's
temporary folder is ROOT/systmp for every run: anything left there is a copy outside
the data folder, and a problem.

Prints one JSON object: the steps counted, and per point what was found (an empty
list of problems is a pass). POSIX only (fork, SIGKILL).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


CASE_LOG = Path(__file__).parents[1] / "cv" / "files" / "acgme-surgery.csv"
PUBS = Path(__file__).parents[1] / "cv" / "files" / "pubs-zotero.ris"
PAPERS = 4  # stored from PUBS (its fifth record is refused)
PASS = "correct horse battery staple"
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
EVENTS = {
    "os.rename",
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.link",
    "os.symlink",
    "os.truncate",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
}


class Ops:
    """One operation, its prepared state, and what may be seen after it stops."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.pristine = root / "pristine"
        self.inputs = root / "in"
        self.out = root / "out" / "all.wbk"

    # -- the state before ---------------------------------------------------------------

    def docs(self) -> Path:
        folder = self.inputs / "docs"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(8):
            (folder / f"letter-{i}.pdf").write_bytes(pdf(f"letter {i}"))
        # one larger file, so that writing takes a while: a timed kill can land inside
        big = random.Random(0).randbytes(2 * 1024 * 1024).hex()
        (folder / "scan.pdf").write_bytes(pdf(big[: 2 * 1024 * 1024]))
        return folder

    def prepare(self, op: str) -> None:
        from wayhome.adapters.db.models import StoredProfile
        from wayhome.adapters.profiles import example_path, load_profile, to_data
        from wayhome.services import backup, vault

        owner = _owner()
        profile, _ = load_profile(example_path("do-the-math"))
        StoredProfile.objects.create(owner=owner, data=to_data(profile))
        opened = vault.open_vault(PASS, create=True)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        if op == "import":
            vault.ingest(owner, opened, "first.pdf", pdf("already stored"))
            self.docs()
        elif op in ("backup", "restore"):
            vault.import_folder(owner, opened, vault.files_in(self.docs()))
            backup.backup(self.out, PASS, chunk_size=4096)  # the previous backup

    # -- the operation ------------------------------------------------------------------

    def run(self, op: str) -> None:
        from wayhome.adapters import scratch
        from wayhome.services import backup, cases, publications, vault

        scratch.tidy(self.data)  # as every command does as it starts (store.setup)
        owner = _owner()
        if op == "import":
            opened = vault.open_vault(PASS)
            vault.import_folder(owner, opened, vault.files_in(self.inputs / "docs"))
        elif op == "backup":
            backup.backup(self.out, PASS, chunk_size=4096)
        elif op == "restore":
            backup.restore(self.out, PASS)
        elif op == "caselog":
            cases.import_upload(owner, "cases.csv", CASE_LOG.read_bytes())
        elif op == "pubs":
            publications.import_upload(owner, "My Library.ris", PUBS.read_bytes())

    # -- what is seen after a kill, and after the next run -----------------------------------

    def problems(self, op: str, finished: bool) -> list[str]:
        found = _unreadable() + _half_written(self.data) + _outside(self.root)
        state = _state()
        if op == "backup":
            found += _backup_problems(self.out, self.previous, finished)
        elif op == "restore":
            if state["records"] and state != self.expected:
                found.append(f"a partial restore is visible: {state} (whole: {self.expected})")
            if finished and state != self.expected:
                found.append(f"the restore did not complete: {state}")
        elif op == "caselog":
            if state["procedures"] not in (0, 7):
                found.append(f"{state['procedures']} of 7 procedures: a partial import")
            if finished and state["procedures"] != 7:
                found.append("the import did not complete")
        elif op == "pubs":
            if state["publications"] not in (0, PAPERS):
                found.append(f"{state['publications']} of {PAPERS} papers: a partial import")
            if finished and state["publications"] != PAPERS:
                found.append("the import did not complete")
        elif op == "import" and finished and (state["records"] != 10 or state["orphans"]):
            found.append(f"after the next import: {state}")
        if finished:
            tmp = self.data / "tmp"  # none at all: nothing was ever put there
            left = sorted(p.name for p in tmp.iterdir()) if tmp.is_dir() else []
            if left:
                found.append(f"temporary files left after the next run: {left}")
        return found


def _owner() -> Any:
    from wayhome.adapters.db import store

    return store.local_account()


def _state() -> dict[str, int]:
    from wayhome.adapters.db import store
    from wayhome.adapters.db.models import ProcedureRecord, PublicationRecord
    from wayhome.adapters.vault.storage import stored_ids
    from wayhome.services.vault import vault_dir

    recorded = store.all_vault_hashes()
    return {
        "records": len(recorded),
        "orphans": len(stored_ids(vault_dir()) - set(recorded)),
        "procedures": ProcedureRecord.objects.count(),
        "publications": PublicationRecord.objects.count(),
    }


def _unreadable() -> list[str]:
    """Every file a record names must decrypt to its recorded hash."""
    from wayhome.adapters.db import store
    from wayhome.adapters.vault import keys
    from wayhome.adapters.vault.storage import CorruptObjectError, Vault
    from wayhome.services.vault import vault_dir

    recorded = store.all_vault_hashes()
    if not recorded:
        return []
    try:
        vault = Vault(vault_dir(), keys.unlock(vault_dir(), PASS))
    except keys.WrongPassphraseError as e:
        return [f"records but no keyring that opens them: {e}"]
    found = []
    for oid, hashes in recorded.items():
        try:
            if hashlib.sha256(vault.get(oid)).hexdigest() not in hashes:
                found.append(f"{oid[:12]} does not match its record")
        except (CorruptObjectError, FileNotFoundError) as e:
            found.append(f"{oid[:12]} is lost: {e}")
    return found


def _half_written(data: Path) -> list[str]:
    """Anything hidden, partial or temporary outside the data folder's tmp/."""
    return [
        f"left behind: {p.relative_to(data.parent)}"
        for p in data.rglob(".*")
        if "tmp" not in p.relative_to(data).parts[:1] and p.name != ".restoring"
    ] + [f"left behind: {p.name}" for p in (data.parent / "out").glob(".*")]


def _outside(root: Path) -> list[str]:
    """Anything in Python's temporary folder (ROOT/systmp): never a copy of a user's file."""
    return [f"left in the system's temp folder: {p.name}" for p in (root / "systmp").iterdir()]


def _backup_problems(out: Path, previous: bytes, finished: bool) -> list[str]:
    from wayhome.adapters.vault import archive

    if not out.exists():
        return ["the previous backup is gone"]
    data = out.read_bytes()
    if data == previous:
        return ["the next backup was not written"] if finished else []
    with out.open("rb") as f:
        try:
            plain, finish = archive.reader(f, PASS)
            while plain.read(65536):
                pass
            finish()
        except archive.ArchiveError as e:
            return [f"the backup in place does not restore: {e}"]
    return []


def _counting(kill_at: int, root: Path) -> Callable[[], int]:
    """Install the step counter (and the kill at step ``kill_at``; 0: never)."""
    from django.db import connection

    prefix = str(root)
    count = [0]

    def step() -> None:
        count[0] += 1
        if count[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def audit(event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, mode, flags = args
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and flags & WRITE_FLAGS
            )
            if writes and isinstance(path, (str, os.PathLike)) and str(path).startswith(prefix):
                step()
        elif event in EVENTS and args and str(args[0]).startswith(prefix):
            step()

    def sql(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        step()
        return execute(sql, params, many, context)

    sys.addaudithook(audit)
    connection.execute_wrappers.append(sql)
    return lambda: count[0]


def _kill_after(seconds: float) -> None:
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGKILL))
    timer.daemon = True
    timer.start()


def _fork(body: Callable[[], None]) -> int:
    """Run ``body`` in a child; its wait status."""
    from django.db import connections

    connections.close_all()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            body()
        except BaseException as e:
            print(f"child failed: {e!r}", file=sys.stderr)
            code = 1
        finally:
            from wayhome.adapters import scratch

            connections.close_all()
            scratch.release_all()
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return status


def _reset(ops: Ops, previous: bytes | None) -> None:
    from django.db import connections

    connections.close_all()
    shutil.rmtree(ops.data)
    shutil.copytree(ops.pristine, ops.data)
    if previous is not None:
        ops.out.write_bytes(previous)


def main(argv: list[str]) -> None:
    op, root, seed, points = argv[0], Path(argv[1]), int(argv[2]), int(argv[3])
    os.environ["WAYHOME_DATA_DIR"] = str(root / "data")
    # The system's temp folder, for this process and every child it forks (_outside).
    (root / "systmp").mkdir()
    os.environ["TMPDIR"] = str(root / "systmp")
    tempfile.tempdir = str(root / "systmp")
    from tests.helpers import child

    child.setup()
    from django.db import connections

    started = time.monotonic()
    ops = Ops(root)
    if op == "restore":  # a backup of one data folder, restored into an empty one
        status = _fork(lambda: ops.prepare(op))
        state_file = root / "expected.json"
        assert _fork(lambda: state_file.write_text(json.dumps(_state()))) == 0
        ops.expected = json.loads(state_file.read_text())
        connections.close_all()
        shutil.rmtree(ops.data)
        child.setup()
    else:
        status = _fork(lambda: ops.prepare(op))
        ops.expected = {}
    assert status == 0, "the preparation failed"
    connections.close_all()
    shutil.copytree(ops.data, ops.pristine)
    ops.previous = ops.out.read_bytes() if ops.out.exists() else b""
    previous = ops.previous or None

    counted = root / "steps"

    def dry_run(count: bool) -> None:
        steps = _counting(0, root) if count else lambda: 0
        began = time.monotonic()
        ops.run(op)
        counted.write_text(json.dumps([steps(), time.monotonic() - began]))

    assert _fork(lambda: dry_run(True)) == 0, "the operation failed without a kill"
    total, _ = json.loads(counted.read_text())
    _reset(ops, previous)
    assert _fork(lambda: dry_run(False)) == 0, "the operation failed without a kill"
    _, took = json.loads(counted.read_text())
    rng = random.Random(seed)
    # Half the points just before a step (exactly reproducible), half at a time into the
    # run (reproducible up to the machine's speed), which can land inside a long write.
    at_steps = sorted(rng.sample(range(1, total + 1), min(points - points // 2, total)))
    at_times = sorted(round(rng.uniform(0, took * 0.8), 4) for _ in range(points // 2))
    chosen: list[tuple[str, float]] = [("step", n) for n in at_steps]
    chosen += [("seconds", t) for t in at_times]
    results = []
    for kind, where in chosen:
        _reset(ops, previous)

        def killed(kind: str = kind, where: float = where) -> None:
            if kind == "step":
                _counting(int(where), root)
            else:
                _kill_after(where)
            ops.run(op)

        status = _fork(killed)
        was_killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        found = ops.problems(op, finished=False)
        complete = op == "restore" and _state() == ops.expected
        if not complete:
            if _fork(lambda: ops.run(op)) != 0:
                found.append("the next run failed")
            found += ops.problems(op, finished=True)
        results.append({kind: where, "killed": was_killed, "problems": found})
    print(
        json.dumps(
            {"op": op, "steps": total, "seconds": time.monotonic() - started, "points": results}
        )
    )
