"""Rich's wrapping and measuring of text, on strings: where a line breaks, how it is cut
or padded, and how wide a text is (Rich 15's Text.wrap, _wrap.divide_line,
Text.__rich_measure__ and Measurement's last steps), for the plain layout of
:mod:`wayhome.cli.render.layout`. What these functions do not follow raises
:class:`UnsupportedError`, and Rich draws the print instead.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any, Final, NamedTuple

from rich import cells as rich_cells
from rich.cells import cell_len as rich_cell_len
from rich.cells import chop_cells, set_cell_size

# Rich's _wrap.re_word, with the word and the space after it apart.
_RE_WORD: Final = re.compile(r"(\s*\S+)(\s*)")
_RE_TRAILING_SPACE: Final = re.compile(r"\s+$")

# A block: its lines, and their width in cells where every line has the same known
# width (else -1), or each line's, so that a line is measured once, where it is made.
Block = tuple[list[str], "int | list[int]"]


class UnsupportedError(Exception):
    """Something this module does not lay out: Rich draws the whole print instead."""


class Opts(NamedTuple):
    """Rich's ConsoleOptions, as far as a plain layout depends on them."""

    justify: str | None = None
    overflow: str | None = None
    no_wrap: bool | None = None


TOP: Final = Opts()  # what Console.print passes down


# The characters Rich counts one cell wide: printable ASCII and its own set (Latin,
# Greek, Cyrillic, box drawing); then, as they are met, the punctuation, arrows and marks
# our text uses (dashes, quotes, the ellipsis, bullets, arrows, the minus sign) where Rich
# agrees. Met, not listed at import: asking Rich about each of them took about 1.5 ms of
# `wayhome assess`'s start (#28).
_ONE_CELL: Final = set(map(chr, range(0x20, 0x7F))) | getattr(rich_cells, "_SINGLE_CELLS", set())
ONE_CELL_LINES: Final = _ONE_CELL | {"\n"}
_MORE_RANGES: Final = ((0x2010, 0x2027), (0x2030, 0x205E), (0x20A0, 0x20C0), (0x2190, 0x22FF))
_MORE_MARKS: Final = frozenset("✓✗✔✘★☆")
_ASKED: Final[set[str]] = set()  # the characters of those ranges and marks asked about


def _all_one_cell(chars: str, known: set[str]) -> bool:
    """Whether every character of ``chars`` is one cell wide (``known``: _ONE_CELL, or
    ONE_CELL_LINES where a new line counts as one); those of the ranges and marks above
    not asked about yet are asked of Rich now, and kept."""
    if known.issuperset(chars):
        return True
    for c in set(chars) - known:
        if c in _ASKED or not (c in _MORE_MARKS or any(a <= ord(c) <= b for a, b in _MORE_RANGES)):
            return False
        _ASKED.add(c)
        if rich_cell_len(c) != 1:
            return False
        _ONE_CELL.add(c)
        ONE_CELL_LINES.add(c)
    return True


STRIPPED: Final = frozenset("\x07\x08\x0b\x0c\x0d")  # what Rich's Text drops


def cell_len(text: str) -> int:
    """Rich's cell_len, without looking up each character where all are one cell."""
    return len(text) if _all_one_cell(text, _ONE_CELL) else rich_cell_len(text)


def text(
    plain: str, justify: str | None, overflow: str | None, no_wrap: bool | None, width: int, o: Opts
) -> Block:
    """Rich's Text.__rich_console__ (with Text.wrap and Lines.justify)."""
    justify = justify or o.justify or "default"
    overflow = overflow or o.overflow or "fold"
    if no_wrap is None:
        no_wrap = o.no_wrap
    if justify not in ("default", "left") or overflow not in ("fold", "crop", "ellipsis"):
        raise UnsupportedError(f"justify {justify}, overflow {overflow}")
    if "\t" in plain:
        raise UnsupportedError("a tab")
    one_cell = _all_one_cell(plain, ONE_CELL_LINES)
    if not one_cell and _zero_width(plain):
        # Rich crops lines segment by segment, which keeps or drops a character of no
        # width at the edge differently: its own to draw.
        raise UnsupportedError("a character of no width")
    size = len if one_cell else cell_len
    pad = justify == "left"
    found: list[str] = []
    widths: list[int] = []
    for line in plain.split("\n"):
        if no_wrap:
            new_lines = [line]
        else:  # a line that fits has no break (divide_line finds none)
            breaks = [] if size(line) <= width else _divide_line(line, width, overflow, size)
            new_lines = [_rstrip_end(x, width) for x in _divide(line, breaks)]
        for x in new_lines:  # Text.truncate, padded where justified left
            n = size(x)
            if n > width:
                if overflow == "ellipsis":
                    x = set_cell_size(x, width - 1) + "…"
                else:
                    x = set_cell_size(x, width)
                n = cell_len(x)
            elif pad and n < width:
                x += " " * (width - n)
                n = width
            found.append(x)
            widths.append(n)
    return found, (width if pad else widths)


def _zero_width(plain: str) -> bool:
    return any(rich_cell_len(c) == 0 for c in set(plain) - ONE_CELL_LINES)


def _divide(line: str, offsets: list[int]) -> list[str]:
    if not offsets:
        return [line]
    return [line[a:b] for a, b in pairwise([0, *offsets, len(line)])]


def _divide_line(line: str, width: int, overflow: str, size: Any) -> list[int]:
    """Rich's _wrap.divide_line: where the line breaks."""
    if size is len:
        found = _divide_narrow(line, width)
        if found is not None:
            return found
    breaks: list[int] = []
    offset = 0
    one_cell = size is len
    for match in _RE_WORD.finditer(line):
        start = match.start()
        if one_cell:
            word_length, whole = match.end(1) - start, match.end() - start
        else:
            word_length, whole = size(match.group(1)), size(match.group(0))
        if width - offset >= word_length:
            offset += whole
        elif word_length > width:
            if overflow == "fold":
                folded = chop_cells(match.group(0), width=width)
                for piece in folded[:-1]:
                    if start:
                        breaks.append(start)
                    start += len(piece)
                if start:
                    breaks.append(start)
                offset = cell_len(folded[-1])
            else:
                if start:
                    breaks.append(start)
                offset = whole
        elif offset and start:
            breaks.append(start)
            offset = whole
    return breaks


def _divide_narrow(line: str, width: int) -> list[int] | None:
    """divide_line for a line of one-cell characters whose words all fit the width: a
    word (with the space before it) fits while it ends within ``width`` of the line's
    start, else the line breaks before it -- one match of :func:`_line_pattern` a line.
    None for a longer word."""
    first = _RE_FIRST_WORD.match(line)
    if first is None:
        return []  # no word: no break
    if first.end() > width or _long_word(width).search(line, first.end()):
        return None
    pattern = _line_pattern(width)
    breaks: list[int] = []
    start, end = 0, len(line)
    while True:
        found = pattern.match(line, start)
        if found is None:  # pragma: no cover (every word fits)
            return None
        start = found.end()
        if start >= end:
            return breaks
        breaks.append(start)


_RE_FIRST_WORD: Final = re.compile(r"\s*\S+")


@lru_cache(maxsize=256)
def _line_pattern(width: int) -> re.Pattern[str]:
    """The longest run of at most ``width`` characters that ends a word, and the space
    after it: one line of the greedy division."""
    return re.compile(rf".{{1,{width}}}(?<=\S)(?=\s|$)\s*", re.DOTALL)


@lru_cache(maxsize=256)
def _long_word(width: int) -> re.Pattern[str]:
    return re.compile(rf"\S{{{width + 1},}}")


def _rstrip_end(line: str, size: int) -> str:
    """Rich's Text.rstrip_end: whitespace beyond ``size`` characters dropped."""
    if len(line) > size:
        found = _RE_TRAILING_SPACE.search(line)
        if found is not None:
            return line[: len(line) - min(len(found.group(0)), len(line) - size)]
    return line


@lru_cache(maxsize=4096)
def measure_text(plain: str) -> tuple[int, int]:
    """Rich's Text.__rich_measure__: the longest word, the longest line."""
    size = len if _all_one_cell(plain, ONE_CELL_LINES) else cell_len
    found = plain.splitlines()
    longest = max(map(size, found)) if found else 0
    words = plain.split()
    return (max(map(size, words)) if words else longest), longest


def clamp(low: int, high: int, width: int) -> tuple[int, int]:
    """Measurement.get's last steps: normalize, with_maximum(width), normalize."""
    low = max(0, min(low, high))
    high = max(0, low, high)
    low, high = min(low, width), min(high, width)
    if high < 1:
        return 0, 0
    low = max(0, min(low, high))
    return low, max(low, high)
