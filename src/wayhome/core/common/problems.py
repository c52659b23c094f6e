"""Problems found while checking data, located by a path into that data.

The core knows paths (``('rules', 2, 'versions', 0, 'source')``), not files;
the adapter that read the file turns a path into ``file:line``. A form's answers are
checked by field instead: :class:`FieldsError`, the base of every such error.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msgspec import Struct

Path = tuple[str | int, ...]


class Problem(Struct, frozen=True):
    """A problem in the data, located by its path (an adapter turns it into file:line)."""

    path: Path
    message: str

    @property
    def dotted(self) -> str:
        return dotted(self.path)


def dotted(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


class ProblemsError(Exception):
    """Raised by the core when data it was given does not hold together."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(f"{p.dotted}: {p.message}" for p in self.problems))


class FieldsError(ValueError):
    """What a form's answers got wrong: one message per field, each naming it in words
    (``errors``: field -> message; the field "" is the whole form)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(self.errors.values()))

    @property
    def messages(self) -> list[str]:
        return list(self.errors.values())
