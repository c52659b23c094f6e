"""Planner benchmark (not a timed test): a full profile with three targets.

Target: under 100 ms to assess and plan. Figures go in docs/benchmarks.md. Quick mode
(WAYHOME_BENCH_QUICK=1, bench/quick.py): 2 runs, to show it runs, not to measure.
"""

from __future__ import annotations

import platform
from datetime import date

from bench.bench_engine import median_ms
from bench.quick import say_quick
from wayhome.adapters.packs import bundled_packs
from wayhome.adapters.plans import guide_template
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.plan import make_plan
from wayhome.core.rules import engine

ON = date(2026, 11, 24)
TARGETS = ["IN", "GB", "DE"]


def main() -> None:
    say_quick()
    packs = list(bundled_packs())
    profile, _ = load_profile(example_path("cardiology-in"))
    template = guide_template()

    def plan() -> int:
        report = engine.assess(profile, packs, ON, TARGETS)
        return len(make_plan(profile, report, packs, template, ON).tasks)

    tasks = plan()
    ms = median_ms(plan)
    print(
        f"python {platform.python_version()}: assess + plan, 1 profile, targets "
        f"{'/'.join(TARGETS)} ({tasks} tasks): {ms:8.2f} ms"
    )


if __name__ == "__main__":
    main()
