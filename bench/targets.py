"""Each figure beside its target from #28, said the same way in every benchmark
("target <= 2 s: within"), so that `python3 dev.py bench` shows at a glance which hold."""

from __future__ import annotations


def at_most(value: float, limit: float, unit: str) -> str:
    """A time, or anything lower is better: within when ``value <= limit``."""
    return f"target <= {limit:g} {unit}: {'within' if value <= limit else 'OVER TARGET'}"


def at_least(value: float, limit: float, unit: str) -> str:
    """A rate, or anything higher is better: within when ``value >= limit``."""
    return f"target >= {limit:g} {unit}: {'within' if value >= limit else 'OVER TARGET'}"
