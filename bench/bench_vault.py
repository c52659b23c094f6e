"""Vault benchmarks (not timed tests): storing, backing up and restoring large files, and
searching the text of 1,000 files read.

    python -m bench.bench_vault [--sizes 50,500] [--files 1000]

Targets (issue #28): `vault import`, `wayhome backup` and `wayhome restore` of a file of
50 to 500 MB at 100 MB/s or more each, in memory that does not grow with the file;
search over 1,000 read files within 100 ms in the web app once the vault is unlocked,
and within 1 s from the command line (which decrypts every text at each run).

Each measurement runs in a process of its own, in a fresh data folder (restore needs
an empty one), with the real Argon2id cost, and reports that process's peak resident
memory: a figure that stays put from 50 MB to 500 MB shows constant memory. Every
file made goes in one temporary folder, removed at the end. Figures go in
docs/benchmarks.md.

Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py): a 4 MB file, 50 read files, the test
suite's cheap Argon2id cost (tests/helpers/costs.py) and a run or two of each; to show
it runs, not to measure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.quick import QUICK, say_quick, sized
from bench.shell import user_env
from bench.targets import at_least, at_most

PASS = "benchmark passphrase: four unrelated words"
BLOCK = 1024 * 1024
RUNS = sized(20, 2)
CLI_RUNS = sized(5, 1)
SIZES = sized("50,500", "4")
FILES = sized(1000, 50)
QUERIES = {
    "in every file": "kowalska residency",
    "in one file": f"letter number {FILES - 1}",
    "in none": "no such words anywhere",
}


def cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def timed(run: Any) -> tuple[Any, float, float]:
    """``run()``'s result, and the wall-clock and CPU seconds it took (CPU time does
    not count waiting for a busy machine, so it shows what an idle one would do)."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    result = run()
    return result, time.perf_counter() - wall, cpu_seconds() - cpu


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS


def setup(data: Path, max_mb: int = 50) -> None:
    os.environ["WAYHOME_DATA_DIR"] = str(data)
    os.environ["WAYHOME_VAULT_MAX_MB"] = str(max_mb)
    os.environ["WAYHOME_ALLOWED_HOSTS"] = "testserver"  # Django's test client's host name
    if QUICK:  # the test suite's cheap Argon2id, as tests/conftest.py puts it in place
        from tests.helpers.costs import LOW_KDF

        from wayhome.adapters.vault import keys

        keys.KDF.update(LOW_KDF)
    from wayhome.adapters.db import store

    store.setup("wayhome.web.settings")


# --- import and backup, then restore (each in a process of its own) ---------------------


def make_file(path: Path, mb: int) -> None:
    """A PDF of ``mb`` MiB of incompressible bytes, written a block at a time."""
    block = os.urandom(BLOCK)
    with path.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        for i in range(mb):
            f.write(i.to_bytes(8, "big") + block[8:])  # no two blocks alike
        f.write(b"\n%%EOF\n")


def disk_speed(folder: Path, mb: int) -> tuple[float, float]:
    """Seconds to write ``mb`` MiB and sync them, then to read them back from the disk
    (dropped from memory first, where the system allows), as plainly as can be: what
    the disk allows any program. Each step below writes (and syncs) as much, and a
    backup or restore reads as much too."""
    block = os.urandom(BLOCK)
    path = folder / "disk-check"
    began = time.perf_counter()
    with path.open("wb") as f:
        for _ in range(mb):
            f.write(block)
        f.flush()
        os.fsync(f.fileno())
        wrote = time.perf_counter() - began
        if hasattr(os, "posix_fadvise"):
            os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    began = time.perf_counter()
    with path.open("rb") as f:
        while f.read(BLOCK):
            pass
    read = time.perf_counter() - began
    path.unlink()
    return wrote, read


def child_store(root: Path, mb: int) -> dict[str, Any]:
    setup(root / "data", max_mb=mb + 1)
    from wayhome.adapters.db import store
    from wayhome.adapters.vault import keys
    from wayhome.services import backup, vault

    disk = disk_speed(root, mb)
    source = root / f"scan-{mb}.pdf"
    make_file(source, mb)
    owner = store.local_account()
    opened = vault.open_vault(PASS, create=True)
    [result], imported, import_cpu = timed(lambda: vault.import_folder(owner, opened, [source]))
    assert result.status == "stored", result
    source.unlink()
    _, kdf, kdf_cpu = timed(lambda: keys.derive(PASS, os.urandom(16), keys.KDF))
    _, backed_up, backup_cpu = timed(lambda: backup.backup(root / "all.wbk", PASS))
    report, checked, check_cpu = timed(lambda: vault.check(opened))
    assert report.ok, report
    return {
        "import": (imported, import_cpu),
        "backup": (backed_up, backup_cpu),
        "check": (checked, check_cpu),
        "kdf": (kdf, kdf_cpu),
        "disk": disk,
        "rss": peak_rss_mb(),
    }


def child_restore(root: Path, mb: int) -> dict[str, Any]:
    setup(root / "restored", max_mb=mb + 1)
    from wayhome.adapters.vault import keys
    from wayhome.services import backup

    _, kdf, kdf_cpu = timed(lambda: keys.derive(PASS, os.urandom(16), keys.KDF))
    _, wall, cpu = timed(lambda: backup.restore(root / "all.wbk", PASS))
    return {"restore": (wall, cpu), "kdf": (kdf, kdf_cpu), "rss": peak_rss_mb()}


# --- search --------------------------------------------------------------------------


def letter(i: int) -> str:
    name = "José Kowalska" if i % 10 == 0 else "Anna Kowalska"  # some accents to fold
    lines = [
        "Graduate Medical Education Office, University Hospital",
        f"Date: March {1 + i % 28}, 2025. Letter number {i}.",
        f"This is to certify that Dr. {name} completed residency in Internal Medicine",
        "from July 1, 2021 to June 30, 2024, in good standing.",
    ]
    lines += [
        f"Rotation {r}: inpatient medicine, 4 weeks, meeting expectations." for r in range(30)
    ]
    return "\n".join(lines)


def child_search(root: Path, files: int) -> dict[str, Any]:
    setup(root / "data")
    from django.test import Client
    from django.utils import timezone

    from wayhome.adapters.db import store
    from wayhome.adapters.db.models import FileReading, StoredProfile, VaultFile
    from wayhome.adapters.profiles import example_path, load_profile, to_data
    from wayhome.services import search, vault, vault_access
    from wayhome.services.text_index import TextIndex

    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    row = StoredProfile.objects.create(owner=owner, data=to_data(profile))
    opened = vault.open_vault(PASS, create=True)
    now = timezone.now()
    # Records and sealed texts as `vault import` and the reader leave them (the files'
    # content is not needed to search what was read from them).
    records = VaultFile.objects.bulk_create(
        VaultFile(
            owner=owner,
            object_id=f"{i:064x}",
            name=f"letter-{i}.pdf",
            media_type="application/pdf",
            size=1,
            sha256="0" * 64,
            received=now,
        )
        for i in range(files)
    )
    FileReading.objects.bulk_create(
        FileReading(
            owner=owner,
            vault_file=vf,
            status="done",
            method="text",
            read_at=now,
            text=opened.seal(letter(i).encode(), vf.object_id),
        )
        for i, vf in enumerate(records)
    )
    out: dict[str, Any] = {"files": files}

    # The web app: unlocked once (the index is built then), then searched.
    client = Client()
    client.force_login(owner)
    began = time.perf_counter()
    assert client.post("/vault/", {"action": "unlock", "passphrase": PASS}).status_code == 302
    out["unlock"] = time.perf_counter() - began
    session = client.session.session_key
    began = time.perf_counter()
    TextIndex().refresh(owner, opened)
    out["index"] = time.perf_counter() - began
    url = f"/p/{row.pk}/search/"
    for label, query in QUERIES.items():
        hits = len(vault_access.search(owner, session, query).hits)
        service = _median(lambda q=query: vault_access.search(owner, session, q))
        page = _median(lambda q=query: client.get(url, {"q": q}))
        out[label] = {"hits": hits, "service": service, "page": page}

    # The command line's path: the vault opened for the run, every text decrypted.
    for label, query in QUERIES.items():
        out[f"cli {label}"] = _median(lambda q=query: search.search(owner, q, opened), runs=5)
    return out


def _median(run: Any, runs: int = RUNS) -> float:
    run()  # warm-up
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def cli_search(root: Path, *options: str) -> tuple[float, float]:
    """`wayhome vault search` as a person runs it: a new process, the passphrase from
    the environment, Argon2id and every text decrypted. The median of five runs
    (CLI_RUNS) of its wall-clock time and of its CPU time (the process's own, which a
    busy machine's other work does not inflate)."""
    wayhome = shutil.which("wayhome") or str(Path(sys.executable).parent / "wayhome")
    env = user_env(root / "bytecode", WAYHOME_DATA_DIR=str(root / "data"), WAYHOME_PASSPHRASE=PASS)
    command = [wayhome, "vault", "search", "kowalska", "residency", *options]
    subprocess.run(command, env=env, check=True, capture_output=True)  # bytecode written
    walls, cpus = [], []
    for _ in range(CLI_RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(
            command,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


# --- the parent ----------------------------------------------------------------------


def run_child(*args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_vault", "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=SIZES, help="file sizes in MB")
    parser.add_argument("--files", type=int, default=FILES, help="read files to search")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, root, n = args.child
        work = {"store": child_store, "restore": child_restore, "search": child_search}
        print(json.dumps(work[what](Path(root), int(n))))
        return

    say_quick()
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cores")
    print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    top = Path(tempfile.mkdtemp(prefix="wayhome-bench-vault-"))
    try:
        for mb in (int(s) for s in args.sizes.split(",")):
            root = top / f"{mb}mb"
            root.mkdir()
            stored = run_child("store", str(root), str(mb))
            restored = run_child("restore", str(root), str(mb))
            kdf, kdf_cpu = stored["kdf"]
            wrote, read = stored["disk"]
            print(
                f"{mb} MB file (here one Argon2id derivation takes {kdf:.2f} s, CPU time "
                f"{kdf_cpu:.2f} s; in the restore's process {restored['kdf'][0]:.2f} s; the "
                f"disk itself writes and syncs at {mb / wrote:.0f} MB/s, reads at "
                f"{mb / read:.0f} MB/s):"
            )
            for step, (seconds, cpu), rss, derivation in (
                ("vault import", stored["import"], stored["rss"], None),
                ("backup", stored["backup"], stored["rss"], stored["kdf"]),
                ("restore", restored["restore"], restored["rss"], restored["kdf"]),
                ("vault check", stored["check"], stored["rss"], None),
            ):
                rate = mb / seconds
                against = "" if step == "vault check" else f"; {at_least(rate, 100, 'MB/s')}"
                print(
                    f"  {step:<12} {seconds:6.2f} s  {mb / seconds:5.0f} MB/s "
                    f"(CPU time {cpu:5.2f} s: {mb / cpu:5.0f} MB/s); "
                    f"process peak memory {rss:.0f} MB{against}"
                )
                if derivation:
                    # The one Argon2id derivation, slow on purpose and the same for any
                    # size, set apart (as measured on its own just before, in the same
                    # process): what is left is the rate of the data's own path.
                    rest, rest_cpu = seconds - derivation[0], cpu - derivation[1]
                    print(
                        f"  {'':<12} one Argon2id included; without it {rest:.2f} s: "
                        f"{mb / rest:5.0f} MB/s (CPU time {rest_cpu:.2f} s: "
                        f"{mb / rest_cpu:5.0f} MB/s)"
                    )
            shutil.rmtree(root)
        root = top / "search"
        root.mkdir()
        found = run_child("search", str(root), str(args.files))
        print(f"search over {found['files']:,} read files:")
        print(
            f"  web app: unlocking {found['unlock'] * 1000:.0f} ms, of which the index "
            f"(every text decrypted and folded) {found['index'] * 1000:.0f} ms"
        )
        for label in QUERIES:
            r = found[label]
            print(
                f"  web app, {label} ({r['hits']} hits): search {r['service'] * 1000:.1f} ms, "
                f"whole page {r['page'] * 1000:.1f} ms (median of {RUNS}); "
                f"{at_most(r['page'] * 1000, 100, 'ms')}"
            )
        for label in QUERIES:
            print(f"  command line's search, {label}: {found[f'cli {label}'] * 1000:.0f} ms")
        for options, what in ((("--json",), "--json"), ((), "printed for a person")):
            wall, cpu = cli_search(root, *options)
            print(
                f"  `wayhome vault search` as a new process, {what} "
                f"(a hit in each of {found['files']:,} files): "
                f"{wall:.2f} s, CPU time {cpu:.2f} s (median of {CLI_RUNS}); "
                f"{at_most(wall, 1, 's')}"
            )
    finally:
        shutil.rmtree(top, ignore_errors=True)
        print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
