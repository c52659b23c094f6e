"""Temporary files in the data folder: removed on every path, and what a killed process
left removed by the next (adapters/scratch.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from wayhome.adapters import scratch

HOLD = (
    "import sys, time; from pathlib import Path; from wayhome.adapters import scratch\n"
    "p = scratch.folder(Path(sys.argv[1])); (p / 'upload.csv').write_text('MRN,Name');"
    " print(p, flush=True); time.sleep(60)"
)


def test_a_temporary_path_is_removed_on_an_error_and_on_ctrl_c(tmp_path):
    for error in (RuntimeError, KeyboardInterrupt):
        with pytest.raises(error), scratch.temp_path(tmp_path, ".wbk") as path:
            path.write_bytes(b"half a backup")
            raise error
        assert not path.exists()
        assert path.parent.parent == tmp_path.resolve() / "tmp"


def test_what_a_killed_process_left_is_removed_by_the_next_and_a_live_ones_is_kept(tmp_path):
    live = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    killed = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert live.stdout and killed.stdout
        live_folder, killed_folder = (
            live.stdout.readline().strip(),
            killed.stdout.readline().strip(),
        )
        killed.kill()  # kill -9: no clean-up of its own
        killed.wait()
        removed = scratch.tidy(tmp_path)
        names = {p.name for p in (tmp_path / "tmp").iterdir()}
        assert removed == [killed_folder.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]]
        assert live_folder.endswith(tuple(names)) and len(names) == 2  # its folder and lock
    finally:
        live.kill()
        live.wait()


def test_a_test_run_of_many_data_folders_holds_few_locks_and_keeps_the_pinned_one(tmp_path):
    pinned = scratch.folder(tmp_path / "settings", pin=True)
    made = [scratch.folder(tmp_path / f"d{i}") for i in range(scratch.MAX_HELD + 4)]
    assert pinned.is_dir() and made[-1].is_dir() and not made[0].exists()
    assert sum(p.is_dir() for p in made) < scratch.MAX_HELD


def test_a_sweep_that_grabs_a_new_lock_before_its_owner_does_not_cost_the_owner_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The race CI once hit: another process's sweep opens our brand-new lock file and
    # locks it in the instant before we do. We must take another name, not fail.
    real = scratch.FileLock
    grabbed: list[object] = []

    class SweptFirst(real):  # type: ignore[misc,valid-type]
        def acquire(self, *args: Any, **kwargs: Any) -> Any:
            if not grabbed:
                grabbed.append(self.lock_file)
                other = real(self.lock_file, timeout=0)  # the other process's sweep
                other.acquire()
                try:
                    return super().acquire(*args, **kwargs)
                finally:
                    other.release()
            return super().acquire(*args, **kwargs)

    monkeypatch.setattr(scratch, "FileLock", SweptFirst)
    data = tmp_path / "data"
    made = scratch.folder(data)
    try:
        assert made.is_dir() and grabbed
        assert made.name != Path(str(grabbed[0])).name.removesuffix(".lock")
        assert (made.parent / f"{made.name}.lock").exists()
    finally:
        scratch.release_all()


def test_a_lock_unlinked_by_a_sweep_under_its_new_owner_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The other half of the race: the sweep unlinks the file while we wait on it, and
    # we lock the unlinked file; a later sweep would think our folder had no owner.
    real = scratch.FileLock
    unlinked: list[object] = []

    class UnlinkedUnder(real):  # type: ignore[misc,valid-type]
        def acquire(self, *args: Any, **kwargs: Any) -> Any:
            result = super().acquire(*args, **kwargs)
            if not unlinked:
                unlinked.append(self.lock_file)
                Path(str(self.lock_file)).unlink()
            return result

    monkeypatch.setattr(scratch, "FileLock", UnlinkedUnder)
    made = scratch.folder(tmp_path / "data")
    try:
        assert unlinked and (made.parent / f"{made.name}.lock").exists()
    finally:
        scratch.release_all()
