#!/usr/bin/env python3
"""One entry point for developer tasks; needs only Python 3.11+ (any OS).

    python3 dev.py run     install Wayhome into .venv and start the web app (SQLite)
    python3 dev.py test    install the test tools, then lint, type-check and run every test
    python3 dev.py bench   run the benchmarks in bench/ and count the figures within target
    python3 dev.py snapshots   rewrite the packs' snapshots, the README's table of packs and
                               docs/packs.md (review the diff)
    python3 dev.py fmt     format the code (ruff format, ruff check --fix)

Each installs what it needs into .venv first, showing pip's progress (test also installs
Debian's chromium and tesseract for the browser and OCR tests where it can), and skips the
install when pyproject.toml has not changed since the last one.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def say(msg: str) -> None:
    print(f"==> {msg}", flush=True)


def sh(*args: str | Path, check: bool = True) -> int:
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if check and code != 0:
        sys.exit(code)
    return code


def ensure_venv(extra: str = "") -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (dev.py may run under an older python3)
        sys.exit(f"Wayhome needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not PY.exists():
        say("creating .venv")
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (OSError, subprocess.CalledProcessError) as e:
            shutil.rmtree(VENV, ignore_errors=True)
            sys.exit(
                f"Could not create a virtual environment ({e}). On Debian or Ubuntu, "
                "install it with: apt-get install python3-venv"
            )
    target = f".[{extra}]" if extra else "."
    stamp = VENV / f".installed{('-' + extra) if extra else ''}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    first = not any(VENV.glob(".installed*"))
    say(
        f"installing {target} into .venv"
        + (" (the first time takes a few minutes; pip's progress follows)" if first else "")
    )
    sh(*pip_install(target))
    stamp.write_text(digest)


def pip_install(target: str) -> list[str | Path]:
    """pip's install, saying what it collects, downloads and installs as it goes (a
    silent install looked stuck for minutes)."""
    return [PY, "-m", "pip", "install", "--disable-pip-version-check", "--editable", target]


def served_address(args: list[str]) -> str | None:
    """The address `wayhome serve` listens on with these arguments (its --host and
    --port, or its defaults); None when they do not say one (serve then explains)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8765")
    try:
        known, _ = parser.parse_known_args(args)
    except argparse.ArgumentError:  # "--port" with nothing after it
        return None
    if not known.port.isdigit() or not known.host:
        return None
    host = f"[{known.host}]" if ":" in known.host else known.host
    return f"http://{host}:{int(known.port)}/"


def run() -> None:
    ensure_venv()
    args = sys.argv[2:]
    address = served_address(args)
    where = f" on {address}" if address else ""
    say(f"starting the web app{where} (SQLite in your data folder)")
    sh(BIN / "wayhome", "serve", *args)


def ensure_system_tools() -> None:
    """The browser tests drive Debian's chromium and the OCR tests Debian's tesseract;
    install them where we can (both stay optional for the app itself)."""
    wanted = {
        "chromium": ("chromium", "chromium-browser"),
        "tesseract-ocr": ("tesseract",),
    }
    missing = [pkg for pkg, cmds in wanted.items() if not any(shutil.which(c) for c in cmds)]
    if not missing:
        return
    can_apt = (
        sys.platform.startswith("linux")
        and shutil.which("apt-get")
        and hasattr(os, "geteuid")
        and os.geteuid() == 0
    )
    if not can_apt:
        say(f"{', '.join(missing)} not found: the tests that need them will be skipped")
        return
    say(f"installing Debian's {', '.join(missing)} for the browser and OCR tests")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-qq"], env=env)
    subprocess.call(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env
    )


def test() -> None:
    ensure_venv("test")
    ensure_system_tools()
    steps = [
        ("lint (ruff)", [BIN / "ruff", "check", "src", "tests", "bench", "dev.py"]),
        ("format (ruff)", [BIN / "ruff", "format", "--check", "src", "tests", "bench", "dev.py"]),
        ("types (mypy)", [BIN / "mypy"]),
        ("architecture (import-linter)", [BIN / "lint-imports"]),
        # One worker per core (pytest-xdist): about 3 minutes on 2 cores instead of 5.
        ("tests (pytest)", [PY, "-m", "pytest", "-q", "-n", "auto"]),
    ]
    failed = []
    for name, cmd in steps:
        say(name)
        if sh(*cmd, check=False) != 0:
            failed.append(name)
    postgres = os.environ.get("WAYHOME_TEST_DATABASE_URL")
    if postgres:
        say("web tests again, on PostgreSQL (WAYHOME_TEST_DATABASE_URL)")
        env = {**os.environ, "WAYHOME_DATABASE_URL": postgres}
        web = [str(PY), "-m", "pytest", "-q", "-n", "auto", "tests/web"]
        if subprocess.call(web, cwd=ROOT, env=env):
            failed.append("web tests on PostgreSQL")
    else:
        say("WAYHOME_TEST_DATABASE_URL is not set: the PostgreSQL run is skipped")
    if failed:
        say("FAILED: " + ", ".join(failed))
        sys.exit(1)
    say("all checks passed")


def bench() -> None:
    ensure_venv("test")
    # each benchmark in turn, then how many figures hold their targets (bench/all.py)
    sh(PY, "-m", "bench.all")


def snapshots() -> None:
    ensure_venv("test")
    sh(PY, "-m", "tests.packs.scenarios", "--update")


def fmt() -> None:
    ensure_venv("test")
    sh(BIN / "ruff", "format", "src", "tests", "bench", "dev.py")
    sh(BIN / "ruff", "check", "--fix", "src", "tests", "bench", "dev.py")


TASKS = {"run": run, "test": test, "bench": bench, "snapshots": snapshots, "fmt": fmt}

if __name__ == "__main__":
    # `run` passes anything after it to `wayhome serve` (e.g. --port 9000 --no-browser).
    if (
        len(sys.argv) < 2
        or sys.argv[1] not in TASKS
        or (len(sys.argv) > 2 and sys.argv[1] != "run")
    ):
        sys.exit(__doc__)
    TASKS[sys.argv[1]]()
