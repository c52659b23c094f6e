"""Small helpers for plain data (what YAML and JSON hold)."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` laid on ``base``: mappings merge key by key, anything else replaces.

    Used where a partial profile is laid over a whole one: scenario cases over
    their base, the setup's answers over the stored profile.
    """
    out = copy.deepcopy(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def lay(base: dict[str, Any], parts: Mapping[str, Any]) -> dict[str, Any]:
    """``parts`` laid on ``base``: each a path ("plan.return_date") and the value that
    replaces what is there; None (or an empty list) removes it.

    Used where one step of the setup, or one page of the profile, replaces the parts of
    the profile it asks about and leaves the rest as it was.
    """
    out = copy.deepcopy(base)
    for path, value in parts.items():
        *heads, last = path.split(".")
        node = out
        for head in heads:
            if not isinstance(node.get(head), dict):
                node[head] = {}
            node = node[head]
        if value is None or value == []:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return out


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def slug(text: str, limit: int = 100) -> str:
    """Lower-case words joined by hyphens, for ids that must stay stable (task ids,
    document keys): changing the rule or a limit changes ids people already hold."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit]


def letters(index: int) -> str:
    """The letters a spreadsheet's columns count in, from 0: 0 -> "a", 25 -> "z",
    26 -> "aa" (a column's name in upper case; a translation's suffix as it is)."""
    name = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        name = chr(ord("a") + r) + name
    return name


def in_a_list(words: Sequence[str], last: str = "and") -> str:
    """Words as a sentence lists them: "a", "a and b", "a, b and c" ("" for none);
    ``last`` "or": "a, b or c"."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


def a_or_an(word: str) -> str:
    """The article before ``word`` as it is spelt: "an academic", "a private"."""
    return "an" if word[:1].lower() in "aeiou" else "a"
