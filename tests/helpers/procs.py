"""Other processes on the same data folder, for tests/reliability: started at once,
waited for, their output read (the child side is tests/helpers/child.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
PASS = "correct horse battery staple"


def environment(data_dir: Path) -> dict[str, str]:
    # SQLite in the data folder, whatever database the test run itself uses.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WAYHOME_DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        WAYHOME_DATA_DIR=str(data_dir),
        WAYHOME_PASSPHRASE=PASS,
        PYTHONPATH=str(ROOT),
        NO_COLOR="1",
        COLUMNS="120",
    )
    return env


@dataclass
class Done:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out.strip().splitlines()[-1])


def start(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.child", *args],
        cwd=ROOT,
        env=environment(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait(proc: subprocess.Popen[str], timeout: float = 180) -> Done:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return Done(proc.returncode, out, err)


def run(data_dir: Path, *args: str, timeout: float = 180) -> Done:
    return wait(start(data_dir, *args), timeout)


def at_once(data_dir: Path, commands: list[list[str]], timeout: float = 180) -> list[Done]:
    """Start every command, then wait for all of them."""
    procs = [start(data_dir, *args) for args in commands]
    return [wait(p, timeout) for p in procs]
