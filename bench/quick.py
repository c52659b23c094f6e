"""Quick mode: ``WAYHOME_BENCH_QUICK=1`` runs a benchmark's very code paths with tiny
sizes and a run or two, in seconds, to show it still runs (tests/test_benchmarks_run.py
runs each so). Its figures measure nothing; `python3 dev.py bench` never sets it, and
without it every benchmark measures and prints exactly what it always has."""

from __future__ import annotations

import os
from typing import Final, TypeVar

T = TypeVar("T")

QUICK: Final = os.environ.get("WAYHOME_BENCH_QUICK") == "1"


def sized(normal: T, quick: T) -> T:
    """``normal``, or ``quick`` in quick mode: a size or a number of runs."""
    return quick if QUICK else normal


def say_quick() -> None:
    """A first line in quick mode, so that no one copies its figures into the docs."""
    if QUICK:
        print(
            "quick mode (WAYHOME_BENCH_QUICK=1): tiny sizes, few runs; the figures "
            "below measure nothing"
        )
