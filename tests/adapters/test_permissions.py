"""Item 7 of #24: on POSIX the data folder is its owner's alone (0700), and so are the
database and the keyring (0600); a folder others could read is tightened, with a note.
On Windows the per-user profile location is kept, and no mode is set."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wayhome.adapters import permissions
from wayhome.adapters.permissions import make_private

ROOT = Path(__file__).parents[2]
posix = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows keeps the profile's ACL")
SQLITE = {"ENGINE": "django.db.backends.sqlite3"}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix
def test_a_new_data_folder_is_made_0700_with_its_database_0600(tmp_path):
    folder = tmp_path / "a" / "wayhome"
    notes = make_private(folder, {**SQLITE, "NAME": folder / "wayhome.sqlite3"}, say=print)
    assert notes == []
    assert mode(folder) == 0o700
    assert mode(folder / "wayhome.sqlite3") == 0o600


@posix
def test_an_existing_folder_others_can_read_is_tightened_with_a_note(tmp_path):
    folder = tmp_path / "wayhome"
    (folder / "vault").mkdir(parents=True)
    for name in ("wayhome.sqlite3", "secret_key", "vault/keyring.json", "notes.txt"):
        (folder / name).write_text("x")
        os.chmod(folder / name, 0o644)
    os.chmod(folder / "vault", 0o755)
    os.chmod(folder, 0o755)
    said: list[str] = []
    notes = make_private(folder, {**SQLITE, "NAME": folder / "wayhome.sqlite3"}, said.append)
    assert said == notes and len(notes) == 5
    assert notes[0] == (
        f"Note: {folder} could be read by other users of this computer (mode 0755); "
        "it is now 0700, yours alone."
    )
    assert (mode(folder), mode(folder / "vault")) == (0o700, 0o700)
    for name in ("wayhome.sqlite3", "secret_key", "vault/keyring.json"):
        assert mode(folder / name) == 0o600, name
    assert mode(folder / "notes.txt") == 0o644  # not Wayhome's to change
    assert make_private(folder, None, said.append) == []  # said once


def test_on_windows_the_folder_is_made_and_no_mode_is_touched(tmp_path, monkeypatch):
    monkeypatch.setattr(permissions.os, "name", "nt")
    monkeypatch.setattr(permissions.os, "chmod", lambda *a: pytest.fail("chmod on Windows"))
    folder = tmp_path / "wayhome"
    assert make_private(folder, {**SQLITE, "NAME": folder / "wayhome.sqlite3"}) == []
    assert folder.is_dir() and not (folder / "wayhome.sqlite3").exists()


@posix
def test_postgresql_makes_no_sqlite_file(tmp_path):
    make_private(tmp_path / "w", {"ENGINE": "django.db.backends.postgresql", "NAME": "x"})
    assert list((tmp_path / "w").iterdir()) == []


def _run(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("WAYHOME_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_VERSION")
    }
    env.update(WAYHOME_DATA_DIR=str(data), NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "wayhome.cli.app", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@posix
def test_the_command_line_keeps_everything_it_makes_to_its_owner(tmp_path):
    data = tmp_path / "fresh"
    old = os.umask(0o022)  # the usual umask, under which files are made 0644
    try:
        done = _run(data, "activities", "list")
    finally:
        os.umask(old)
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o700
    made = [p for p in data.rglob("*")]
    assert data / "wayhome.sqlite3" in made
    # Lock files (filelock's, 0644) are empty: they hold nothing, in a folder of 0700.
    kept = [p for p in made if not (p.suffix == ".lock" and p.stat().st_size == 0)]
    readable = [f"{p.relative_to(data)} {mode(p):04o}" for p in kept if mode(p) & 0o077]
    assert readable == []
    assert "Note:" not in done.stderr

    os.chmod(data, 0o755)
    os.chmod(data / "wayhome.sqlite3", 0o644)
    again = _run(data, "activities", "list")
    assert again.returncode == 0, again.stderr
    assert f"Note: {data} could be read by other users of this computer (mode 0755)" in (
        again.stderr
    )
    assert (mode(data), mode(data / "wayhome.sqlite3")) == (0o700, 0o600)
