"""Record what the start-up commands print, to check that a change made for speed
changes no byte of it (#28, item 1: `assess` and `timeline` made quicker, their output
the same).

    python -m bench.cli_outputs record FOLDER     # before the change
    python -m bench.cli_outputs compare FOLDER    # after: lists every difference

Each command runs through the console script, in a process of its own, as a user's
shell runs it: `assess` (plain, ``--brief``, ``--json``), the same over every bundled
pack, and `timeline` (plain, ``--json``), on each bundled example and on a profile with
two targets, at 80 columns, at 50 and 130, and in colour (FORCE_COLOR); then a few
mistakes and the help. Standard output, standard error and the exit code are kept.
Not a test (a few hundred processes take minutes on a shared machine); the fast path
of `cli/app.py` has its own tests in tests/cli.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final

from bench.bench_startup import two_target_profile, wayhome
from wayhome.adapters.packs import bundled_dir, pack_folders
from wayhome.adapters.profiles import example_names, example_path

ON: Final = ("--on", "2026-12-05")
SCREENS: Final = (
    ("80", {}),
    ("50", {"COLUMNS": "50"}),
    ("130", {"COLUMNS": "130"}),
    ("colour", {"FORCE_COLOR": "1", "COLUMNS": "100"}),
)


def commands(folder: Path) -> list[tuple[str, list[str], dict[str, str]]]:
    """(name, argv after `wayhome`, extra environment) for every run."""
    profiles = {"two-targets": str(two_target_profile(folder))}
    for name in example_names():
        path = folder / f"{name}.yaml"
        path.write_bytes(example_path(name).read_bytes())
        profiles[name] = str(path)
    every = [a for f in pack_folders(bundled_dir()) for a in ("--country", f.name)]
    runs: list[tuple[str, list[str], dict[str, str]]] = []
    for label, file in profiles.items():
        base = [
            ("assess", ["assess", file, *ON]),
            ("assess-brief", ["assess", file, "--brief", *ON]),
            ("assess-all", ["assess", file, *every, *ON]),
            ("assess-all-brief", ["assess", file, "--brief", *every, *ON]),
            ("timeline", ["timeline", file, *ON]),
        ]
        for screen, env in SCREENS:
            runs += [(f"{label}.{name}.{screen}", argv, env) for name, argv in base]
        runs += [
            (f"{label}.assess-json", ["assess", file, "--json", *ON], {}),
            (f"{label}.assess-all-json", ["assess", file, "--json", *every, *ON], {}),
            (f"{label}.timeline-json", ["timeline", file, "--json", *ON], {}),
            (f"{label}.assess-today", ["assess", file], {}),
            (f"{label}.assess-in", ["assess", file, "--country", "in", *ON], {}),
        ]
    file = profiles["two-targets"]
    runs += [
        ("example.assess", ["assess", "--example", "do-the-math", *ON], {}),
        ("example.timeline", ["timeline", "--example", "cardiology-in", *ON], {}),
        ("mistake.no-file", ["assess", str(folder / "none.yaml")], {}),
        ("mistake.folder", ["assess", str(folder)], {}),
        ("mistake.bad-date", ["assess", file, "--on", "5 Dec"], {}),
        ("mistake.bad-option", ["assess", file, "--bogus"], {}),
        ("mistake.two-profiles", ["timeline", file, "--example", "do-the-math"], {}),
        ("mistake.unknown-country", ["assess", file, "--country", "ZZ", *ON], {}),
        ("mistake.chart", ["timeline", file, "--chart", "x.txt"], {}),
        ("help", ["--help"], {}),
        ("help.assess", ["assess", "--help"], {}),
        ("help.timeline", ["timeline", "--help"], {}),
        ("version", ["--version"], {}),
    ]
    return runs


def run_all(folder: Path) -> dict[str, dict[str, object]]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TERM"):
        env.pop(name, None)
    env |= {
        "WAYHOME_CACHE_DIR": str(folder / "cache"),
        "WAYHOME_DATA_DIR": str(folder / "data"),
    }
    cli = wayhome()
    runs = commands(folder)
    # Fill the pack cache first: every later run reads the packs from it.
    subprocess.run([*cli, "packs", "list"], env=env, capture_output=True, check=True)

    def one(run: tuple[str, list[str], dict[str, str]]) -> tuple[str, dict[str, object]]:
        name, argv, extra = run
        done = subprocess.run(
            [*cli, *argv], env=env | extra, capture_output=True, cwd=folder, timeout=300
        )
        return name, {
            "argv": " ".join(argv).replace(str(folder), "TMP"),
            "exit": done.returncode,
            "stdout": done.stdout.decode("utf-8", "replace").replace(str(folder), "TMP"),
            "stderr": done.stderr.decode("utf-8", "replace").replace(str(folder), "TMP"),
        }

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, runs))


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("record", "compare"):
        sys.exit("usage: python -m bench.cli_outputs record|compare FOLDER")
    action, out = sys.argv[1], Path(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="wayhome-outputs-") as tmp:
        found = run_all(Path(tmp))
    if action == "record":
        out.mkdir(parents=True, exist_ok=True)
        (out / "outputs.json").write_text(json.dumps(found, indent=1), encoding="utf-8")
        digest = hashlib.sha256(json.dumps(found).encode()).hexdigest()[:12]
        print(f"recorded {len(found)} runs in {out} ({digest})")
        return
    before = json.loads((out / "outputs.json").read_text(encoding="utf-8"))
    differ = [n for n in sorted(before.keys() | found.keys()) if before.get(n) != found.get(n)]
    for name in differ:
        print(f"DIFFERS: {name}")
        for key in ("argv", "exit", "stdout", "stderr"):
            old, new = (before.get(name) or {}).get(key), (found.get(name) or {}).get(key)
            if old != new:
                print(f"  {key}: before {str(old)[:300]!r}\n  {key}: after  {str(new)[:300]!r}")
    print(f"{len(found) - len(differ)} of {len(found)} runs the same; {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
