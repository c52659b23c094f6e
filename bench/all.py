"""Every benchmark in bench/, one after another, each in a process of its own as
``python -m bench.bench_X``, its output shown as it comes; then the count of figures
with a target from #28, and each one over it. `python3 dev.py bench` runs this.

    python -m bench.all

Exits 1 when a figure is over its target or a benchmark failed, else 0. Quick mode
(WAYHOME_BENCH_QUICK=1) is passed on like any other setting, and said in the count.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from bench.targets import tally

ROOT = Path(__file__).resolve().parents[1]


def scripts() -> list[str]:
    return sorted(p.stem for p in (ROOT / "bench").glob("bench_*.py"))


def run(script: str) -> tuple[int, str]:
    """Run one benchmark, echoing its output line by line; (exit code, its output)."""
    print(f"==> {script}.py", flush=True)
    lines: list[str] = []
    with subprocess.Popen(
        [sys.executable, "-m", f"bench.{script}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    ) as child:
        assert child.stdout is not None
        for line in child.stdout:
            print(line, end="", flush=True)
            lines.append(line)
    return child.returncode, "".join(lines)


def summary(outputs: dict[str, str], failed: list[str], minutes: float) -> tuple[str, bool]:
    """What the run comes to, and whether everything held."""
    within: list[str] = []
    over: list[str] = []
    for printed in outputs.values():
        w, o = tally(printed)
        within += w
        over += o
    count = len(within) + len(over)
    quick = (
        " (quick mode: these figures measure nothing)"
        if os.environ.get("WAYHOME_BENCH_QUICK")
        else ""
    )
    lines = [f"==> {len(outputs)} benchmarks in {minutes:.1f} min{quick}"]
    if over:
        lines.append(f"==> {len(over)} of {count} figures with a target are OVER it:")
        lines += [f"    {line}" for line in over]
    else:
        lines.append(f"==> all {count} figures with a target are within it")
    if failed:
        lines.append(f"==> failed, so their figures are missing: {', '.join(failed)}")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    if load is not None:
        lines.append("==> load average at the end: " + " ".join(f"{x:.1f}" for x in load))
    return "\n".join(lines), not over and not failed


def main() -> None:
    began = time.perf_counter()
    outputs: dict[str, str] = {}
    failed: list[str] = []
    for script in scripts():
        code, outputs[script] = run(script)
        if code != 0:
            failed.append(f"{script} (exit {code})")
    text, held = summary(outputs, failed, (time.perf_counter() - began) / 60)
    print(text)
    sys.exit(0 if held else 1)


if __name__ == "__main__":
    main()
