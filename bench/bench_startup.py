"""Start-up benchmark (not a timed test; #28 "Fast enough not to notice").

Each command runs as a user runs it, in a process of its own, against Python's own
start (``python -c pass``) measured with the same interpreter in the same run, the two
taking turns run by run (a shared virtual machine's speed drifts from minute to minute:
so it is the same for both): wall time, median of 21 runs after one warm-up run (which
compiles the bytecode and fills the pack cache, as a user's first command does). Prints
each figure, its ratio to Python's start beside it and its target; figures go in
docs/benchmarks.md. The target is on the wall time; the CPU time and its ratio are
printed beside it because on a machine shared with other work the wall time mostly
measures the wait for a CPU.

    python -m bench.bench_startup            (or: python3 dev.py bench)

The commands: ``wayhome --version``; ``wayhome assess FILE`` and ``wayhome timeline FILE``
on the ``cardiology-in`` example with two targets (IN, GB); ``wayhome assess FILE`` over
all 16 bundled packs (``--country`` for each). The pack cache and the data folder are
fresh temporary folders; bytecode goes to a temporary folder too (PYTHONPYCACHEPREFIX),
so the figures are those of an installed Wayhome even where PYTHONDONTWRITEBYTECODE is set.

Before and after a change, on the same machine at the same time:

    git archive OLD src | tar -x -C /tmp/old
    python -m bench.bench_startup --against /tmp/old/src

runs each command of that tree too (``python -m wayhome.cli.app`` with it first on the
path), one run of each in turn, and prints both (the figures of this tree are then of
``python -m wayhome.cli.app`` as well, a few ms over the console script's).

Quick mode (WAYHOME_BENCH_QUICK=1, bench/quick.py): one run of each after its warm-up,
to show it runs, not to measure.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Final

from bench.quick import say_quick, sized
from bench.shell import user_env
from bench.targets import at_most
from wayhome.adapters.packs import bundled_dir, pack_folders
from wayhome.adapters.profiles import example_path

try:
    import resource  # the CPU time beside the wall time: POSIX only
except ImportError:  # pragma: no cover (Windows)
    resource = None  # type: ignore[assignment]

RUNS: Final = sized(21, 1)
TWO_TARGETS: Final = ("IN", "GB")


def wayhome() -> list[str]:
    """The console script beside this Python (as a user's shell runs it), else -m."""
    folder = Path(sys.executable).parent
    for name in ("wayhome", "wayhome.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "wayhome.cli.app"]


def two_target_profile(folder: Path) -> Path:
    text = example_path("cardiology-in").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("targets:"))
    indent = line[: len(line) - len(line.lstrip())]
    path = folder / "two-targets.yaml"
    path.write_text(
        text.replace(line, f"{indent}targets: [{', '.join(TWO_TARGETS)}]", 1), encoding="utf-8"
    )
    return path


def measure_each(runs: list[tuple[list[str], dict[str, str]]]) -> list[tuple[float, float]]:
    """Median wall and CPU seconds of ``RUNS`` runs of each command, one run of each in
    turn (so that a change in the machine's load falls on all of them alike)."""
    for command, env in runs:
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    walls: list[list[float]] = [[] for _ in runs]
    cpus: list[list[float]] = [[] for _ in runs]
    for _ in range(RUNS):
        for i, (command, env) in enumerate(runs):
            before = _cpu()
            started = time.perf_counter()
            subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
            walls[i].append(time.perf_counter() - started)
            cpus[i].append(_cpu() - before)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus, strict=True)]


def _cpu() -> float:
    """CPU seconds of the finished child processes so far (0 where unknown)."""
    if resource is None:
        return 0.0
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    against = _against(sys.argv[1:])
    say_quick()
    with tempfile.TemporaryDirectory(prefix="wayhome-bench-startup-") as tmp:
        folder = Path(tmp)
        env = user_env(
            folder / "bytecode",
            WAYHOME_CACHE_DIR=str(folder / "cache"),
            WAYHOME_DATA_DIR=str(folder / "data"),
        )
        profile = str(two_target_profile(folder))
        every_pack = [a for f in pack_folders(bundled_dir()) for a in ("--country", f.name)]
        cli = wayhome() if against is None else [sys.executable, "-m", "wayhome.cli.app"]
        rows = [
            ("wayhome --version", ["--version"], 10),
            (f"wayhome assess FILE ({'+'.join(TWO_TARGETS)})", ["assess", profile], 25),
            (f"wayhome timeline FILE ({'+'.join(TWO_TARGETS)})", ["timeline", profile], 35),
            (
                f"wayhome assess FILE (all {len(every_pack) // 2} packs)",
                ["assess", profile, *every_pack],
                40,
            ),
        ]
        python = ([sys.executable, "-c", "pass"], env)
        print(
            f"python {platform.python_version()} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs; wall time, median of {RUNS} runs; each command's runs "
            "alternate with python -c pass's, whose median is its yardstick"
        )
        old_env = None
        if against is not None:
            old_env = env | {"PYTHONPATH": str(against), "WAYHOME_CACHE_DIR": str(folder / "old")}
        for name, argv, target in rows:
            runs = [python, ([*cli, *argv], env)]
            if old_env is not None:
                runs.append(([*cli, *argv], old_env))
            (base, base_cpu), *found = measure_each(runs)
            for label, (wall, cpu) in zip(("", " [against]"), found, strict=False):
                ratio = wall / base
                cpu_ratio = f", CPU {cpu / base_cpu:4.1f}x" if base_cpu else ""
                print(
                    f"{name + label:40s} {wall * 1000:8.1f} ms  (CPU {cpu * 1000:6.1f} ms)  "
                    f"{ratio:5.1f}x python's start ({base * 1000:.1f} ms){cpu_ratio}; "
                    f"{at_most(ratio, target, 'x')}"
                )


def _against(args: list[str]) -> Path | None:
    """The source folder given with ``--against``, if any."""
    if not args:
        return None
    if len(args) != 2 or args[0] != "--against" or not (Path(args[1]) / "wayhome").is_dir():
        sys.exit("usage: python -m bench.bench_startup [--against OTHER/src]")
    return Path(args[1]).resolve()


if __name__ == "__main__":
    main()
