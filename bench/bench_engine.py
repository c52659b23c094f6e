"""Engine benchmarks (not timed tests): run with `python3 dev.py bench`.

1. assess: one full profile against every bundled pack.
2. sweep: one profile x monthly return dates over 15 years x every bundled pack,
   the work behind the web app's "return later?" slider (target: under 200 ms).

Each figure is the median of several runs on one core, after a warm-up run;
docs/benchmarks.md records them with the machine they came from. Quick mode
(WAYHOME_BENCH_QUICK=1, bench/quick.py): 2 runs each, to show it runs, not to measure.
"""

from __future__ import annotations

import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date

from bench.quick import say_quick, sized
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.rules import engine

ON = date(2026, 11, 24)
RUNS = sized(15, 2)


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    say_quick()
    packs = list(bundled_packs())
    profile, _ = load_profile(example_path("do-the-math"))
    codes = [p.code for p in packs]  # every bundled pack, not only the profile's targets
    months = engine.monthly(ON, 15 * 12)

    assess_ms = median_ms(lambda: engine.assess(profile, packs, ON, codes))
    sweep = engine.sweep(profile, packs, ON, months, codes)
    sweep_ms = median_ms(lambda: engine.sweep(profile, packs, ON, months, codes))
    evaluations = len(sweep.rules) * len(months)

    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{len(packs)} packs, {sum(len(p.rules) for p in packs)} rules"
    )
    print(f"assess, 1 profile x every pack:               {assess_ms:8.2f} ms")
    print(
        f"sweep, 180 monthly return dates x every pack: {sweep_ms:8.2f} ms "
        f"({evaluations} rule evaluations, {sweep_ms * 1000 / evaluations:.2f} us each)"
    )
    if sweep_ms > 200:
        print("sweep is over its 200 ms target", file=sys.stderr)


if __name__ == "__main__":
    main()
