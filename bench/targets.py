"""Each figure beside its target from #28, said the same way in every benchmark
("target <= 2 s: within"), so that `python3 dev.py bench` shows at a glance which hold
and ends with a count of them (:func:`tally`, bench/all.py)."""

from __future__ import annotations

import re

WITHIN, OVER = "within", "OVER TARGET"
# A printed figure's verdict: "target <= 2 s: within", "p95 target <= 100 ms: OVER TARGET".
VERDICT_LINE = re.compile(rf"target [<>]= [\d.]+ ?\S+: ({WITHIN}|{OVER})$")


def _limit(limit: float, unit: str) -> str:
    return f"{limit:g}x" if unit == "x" else f"{limit:g} {unit}"


def at_most(value: float, limit: float, unit: str) -> str:
    """A time, or anything lower is better: within when ``value <= limit``."""
    return f"target <= {_limit(limit, unit)}: {WITHIN if value <= limit else OVER}"


def at_least(value: float, limit: float, unit: str) -> str:
    """A rate, or anything higher is better: within when ``value >= limit``."""
    return f"target >= {_limit(limit, unit)}: {WITHIN if value >= limit else OVER}"


def tally(printed: str) -> tuple[list[str], list[str]]:
    """The printed lines that carry a figure with its target: (within, over), each line
    stripped."""
    within: list[str] = []
    over: list[str] = []
    for line in printed.splitlines():
        if found := VERDICT_LINE.search(line.rstrip()):
            (within if found.group(1) == WITHIN else over).append(line.strip())
    return within, over
