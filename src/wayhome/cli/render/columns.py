"""Column widths for a boxed table that never cut what must be read whole.

Rich shares a narrow table's width out by shrinking its widest columns, then every
column, and cuts what no longer fits with "…" ("1 Ma…" for a date to ask by, at 50
columns). :func:`widths` gives each column of a table at least its longest phrase kept
whole (a date, "Tier 1": :func:`wayhome.cli.render.plain.glue`) and its longest
word up to :data:`FOLD` (a longer one folds onto the next line, as a name in Japanese
written without spaces must); where that does not fit, it says so (None), and the table
is printed as a list instead.
"""

from __future__ import annotations

from typing import Final

from wayhome.cli.render.plain import GLUE, glue
from wayhome.cli.render.wrap import cell_len

# A word longer than this may fold across lines; a glued phrase never does.
FOLD: Final = 10


def _least(text: str) -> int:
    """The narrowest a column can be for ``text``: its longest glued phrase, its longest
    word up to :data:`FOLD`."""
    least = 1
    for word in glue(text).split():
        n = cell_len(word)
        least = max(least, n if GLUE in word else min(n, FOLD))
    return least


def _natural(text: str) -> int:
    """As wide as ``text`` wants: its longest line."""
    return max((cell_len(line) for line in text.split("\n")), default=0)


def widths(
    width: int, columns: list[list[str]], at_least: tuple[int, ...] = ()
) -> list[int] | None:
    """The width of each column (its header first, then its cells) of a boxed table
    ``width`` cells wide (borders and padding: 3 a column and 1), or None where the
    narrowest they can be (:func:`_least`, or ``at_least`` of the first columns where it
    is more: a column below which the table no longer reads well) does not fit.

    Each column starts as wide as it wants, never below its least, and the headers as
    wide as their longest word (a heading may take two lines); while the table is too
    wide, the widest column that can give a cell gives one. Room left over is Rich's
    to share out (an expanded table's columns grow by their widths)."""
    room = width - 3 * len(columns) - 1
    least = [max(_least(c) for c in column) for column in columns]
    least = [max(low, more) for low, more in zip(least, at_least, strict=False)] + least[
        len(at_least) :
    ]
    if sum(least) > room:
        return None
    found = [
        max(low, _least(column[0]), *(_natural(c) for c in column[1:]))
        for low, column in zip(least, columns, strict=True)
    ]
    excess = sum(found) - room
    while excess > 0:
        i = max((i for i in range(len(found)) if found[i] > least[i]), key=lambda i: (found[i], -i))
        found[i] -= 1
        excess -= 1
    return found
