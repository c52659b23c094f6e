"""Rich's console, drawing plain output (a file, a pipe) without Rich's segments.

:class:`Console` is Rich's console. When what it writes to takes no styles (Rich's
``color_system`` is None: not a terminal, no FORCE_COLOR), its ``print`` lays out the
:class:`~rich.text.Text`, :class:`~rich.table.Table`, :class:`~rich.panel.Panel` and
:class:`~rich.console.Group` it is given with :mod:`wayhome.cli.render.layout` (and writes
a text printed with ``soft_wrap`` as it is, as Rich does: a web address whole): what
Rich would write, byte for byte (tests/cli/test_plain_render.py compares the two), some
five times quicker -- the report of `wayhome assess` over every pack was a third of its
time (docs/benchmarks.md, start-up). Anything else (styles to draw, a renderable the
layout does not know, options of print's own, another version of Rich), and anything
the layout fails on, Rich prints itself.
"""

from __future__ import annotations

import os
from typing import Any, Final

from rich import console as rich_console
from rich.cells import set_cell_size
from rich.console import Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from wayhome.cli.render import layout
from wayhome.core.common.phrases import WHOLE

# The Rich whose layout :mod:`layout` follows (the first number of its version);
# with another, Rich draws everything. Read from the package's metadata at the first
# print.
RICH_MAJOR: Final = "15"


# A phrase a line must not break inside (core/common/phrases.py: a date such as
# "30 Jul 2027", "Tier 1", "(in 10 days)") is never split across lines: while a print is
# laid out (by Rich or by :mod:`layout`), the spaces inside each are GLUE, a character
# one cell wide that is no space, so no line breaks there; each is a space again in what
# is written. Bytes change only where a line would have broken inside such a phrase (a
# no-break space would not do: Rich breaks lines at any white space, U+00A0 too).
GLUE: Final = "\u2011"


def glue(plain: str) -> str:
    """``plain`` with the spaces inside each phrase kept whole made :data:`GLUE`. Every
    such phrase holds a digit: text without one is left as it is, unsearched."""
    if not any(c.isdigit() for c in plain):
        return plain
    return WHOLE.sub(lambda m: m.group(0).replace(" ", GLUE), plain)


def glued(renderable: Any) -> Any:
    """The renderable with its phrases glued: a string or a Text anew (styles kept, the
    length the same), a table's cells, a panel's, a padding's or a group's content in
    place; anything else as it is."""
    if isinstance(renderable, str):
        return glue(renderable)
    if isinstance(renderable, Text):
        plain = glue(renderable.plain)
        if plain == renderable.plain:
            return renderable
        copy = renderable.copy()
        copy.plain = plain
        return copy
    if isinstance(renderable, Table):
        for column in renderable.columns:
            column._cells = [glued(c) for c in column._cells]
    elif isinstance(renderable, Panel | Padding):
        renderable.renderable = glued(renderable.renderable)
    elif isinstance(renderable, Group):
        renderable._renderables = tuple(glued(r) for r in renderable._renderables)
    return renderable


class Console(rich_console.Console):
    """Rich's console; plain output laid out by :mod:`layout` where it can be; the dates
    and other phrases kept whole of what it prints never split (:data:`GLUE`)."""

    _rich_known: bool | None = None

    def print(  # Rich's own signature and defaults
        self,
        *objects: Any,
        sep: str = " ",
        end: str = "\n",
        style: Any = None,
        justify: Any = None,
        overflow: Any = None,
        no_wrap: bool | None = None,
        emoji: bool | None = None,
        markup: bool | None = None,
        highlight: bool | None = None,
        width: int | None = None,
        height: int | None = None,
        crop: bool = True,
        soft_wrap: bool | None = None,
        new_line_start: bool = False,
    ) -> None:
        soft = self.soft_wrap if soft_wrap is None else soft_wrap
        simple = (
            len(objects) <= 1
            and end == "\n"
            and style is None
            and justify is None
            and overflow is None
            and no_wrap is None
            and width is None
            and height is None
            and crop
            and not new_line_start
        )
        objects = tuple(glued(o) for o in objects)
        text = None
        if simple and self._plain():
            try:
                first = objects[0] if objects else None
                text = _soft(first) if soft else self._lay_out(first, emoji, markup)
            except Exception:  # Rich draws it, or raises its own error
                text = None
        if text is None:
            super().print(
                *objects,
                sep=sep,
                end=end,
                style=style,
                justify=justify,
                overflow=overflow,
                no_wrap=no_wrap,
                emoji=emoji,
                markup=markup,
                highlight=highlight,
                width=width,
                height=height,
                crop=crop,
                soft_wrap=soft_wrap,
                new_line_start=new_line_start,
            )
            return
        self._write(text)

    def _write(self, text: str) -> None:
        """Write and flush as Rich's _write_buffer does (its words for an encoding
        error, its exit for a closed pipe)."""
        try:
            self.file.write(text)
            self.file.flush()
        except UnicodeEncodeError as error:
            error.reason = (
                f"{error.reason}\n*** You may need to add PYTHONIOENCODING=utf-8 to your "
                "environment ***"
            )
            raise
        except BrokenPipeError:
            self.on_broken_pipe()

    def _render_buffer(self, buffer: Any) -> str:
        """What Rich writes, each date's glue a space again."""
        return super()._render_buffer(buffer).replace(GLUE, " ")

    def _plain(self) -> bool:
        """No styles to draw, nothing else for Rich to do with the output, a known Rich."""
        if Console._rich_known is None:
            Console._rich_known = _known_rich()
        return bool(
            Console._rich_known
            and self.color_system is None
            and not self.is_jupyter
            and not self.record
            and not self.quiet
            and not self._render_hooks
            and self._buffer_index == 0
            and not self.legacy_windows
            and self.encoding.lower().startswith("utf")
        )

    def _lay_out(self, renderable: Any, emoji: bool | None, markup: bool | None) -> str:
        """What Rich's print writes for one renderable (None: an empty line), each date's
        glue a space again."""
        width = self.width
        found: list[str]
        exact: int | list[int]
        if renderable is None:
            found, exact = [""], 0
        elif isinstance(renderable, str):
            plain = self.render_str(renderable, emoji=emoji, markup=markup).plain
            found, exact = layout.text(plain, None, None, None, width, layout.TOP)
        elif type(renderable) is Text:
            # Print joins text into a new Text: its justify, overflow and no_wrap are
            # the print's (none here), its end the print's.
            found, exact = layout.text(renderable.plain, None, None, None, width, layout.TOP)
        else:
            found, exact = layout.render(self, renderable, width, layout.TOP)
        if not (isinstance(exact, int) and 0 <= exact <= width):  # cropped, not padded
            found = [
                set_cell_size(x, width) if n > width else x
                for x, n in zip(found, layout.each_width(found, exact), strict=True)
            ]
        return "".join(x + "\n" for x in found).replace(GLUE, " ")


def _soft(renderable: Any) -> str:
    """What Rich's print writes for a text with ``soft_wrap``: its lines as they are, no
    break added and none cropped (a web address, whole to copy); a tab, or anything but a
    text, is Rich's to draw."""
    if type(renderable) is not Text or "\t" in renderable.plain:
        raise layout.UnsupportedError("soft wrap of anything but a text without tabs")
    return renderable.plain.replace(GLUE, " ") + "\n"


def _known_rich() -> bool:
    found = _rich_version()
    return found is not None and found.split(".")[0] == RICH_MAJOR and layout.RATIOS


def _rich_version() -> str | None:
    """The version of the Rich imported: from the name of its metadata folder beside it
    (``rich-15.0.0.dist-info``, what importlib.metadata reads, without importing it and
    its email, zipfile and csv: some 10 ms of `wayhome assess`'s start); else, where
    there is not exactly one such folder, from importlib.metadata (None: not installed)."""
    import rich

    prefix, suffix = "rich-", ".dist-info"
    try:
        beside = [
            e.name[len(prefix) : -len(suffix)]
            for e in os.scandir(os.path.dirname(os.path.dirname(rich.__file__ or "")))
            if e.name.startswith(prefix) and e.name.endswith(suffix)
        ]
    except OSError:
        beside = []
    if len(beside) == 1:
        return beside[0]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("rich")
    except PackageNotFoundError:  # pragma: no cover
        return None


def console() -> Console:
    """The console of `assess` and `timeline` (cli/options.console's settings)."""
    return Console(highlight=False)
