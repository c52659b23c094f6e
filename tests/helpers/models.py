"""Comparing loaded models field by field: what a cached or revived object must share
with the one read from its file (tests/adapters)."""

from __future__ import annotations

from pydantic import BaseModel


def differences(a, b, path=()):
    """Where two loaded packs differ: types (an enum is not its text), values, their order,
    the fields set and what a model keeps privately."""
    if type(a) is not type(b):
        return [(path, type(a).__name__, type(b).__name__)]
    if isinstance(a, BaseModel):
        found = [] if list(vars(a)) == list(vars(b)) else [((*path, "<order>"), vars(a), vars(b))]
        for what in ("model_fields_set", "__pydantic_private__", "__pydantic_extra__"):
            if getattr(a, what) != getattr(b, what):
                found.append(((*path, what), getattr(a, what), getattr(b, what)))
        for name in type(a).model_fields:
            found += differences(getattr(a, name), getattr(b, name), (*path, name))
        return found
    if isinstance(a, list | tuple):
        if len(a) != len(b):
            return [(path, len(a), len(b))]
        return [
            d
            for i, (x, y) in enumerate(zip(a, b, strict=True))
            for d in differences(x, y, (*path, i))
        ]
    if isinstance(a, dict):
        if list(a) != list(b):
            return [(path, list(a), list(b))]
        keys = [d for k, j in zip(a, b, strict=True) for d in differences(k, j, (*path, "<key>"))]
        return keys + [d for k in a for d in differences(a[k], b[k], (*path, k))]
    return [] if a == b else [(path, a, b)]
