"""Rich's layout as plain strings: the lines Rich 15 draws for Text, Table, Panel,
Padding and Group when no style is drawn, without its segments
(:class:`wayhome.cli.render.plain.Console` prints them; text is wrapped and measured by
:mod:`wayhome.cli.render.wrap`).

Each function follows Rich's own, named in its docstring, step by step; what they do
not follow raises :class:`UnsupportedError` and Rich draws instead. ``width`` is the
width available (Rich's ``options.max_width``) and ``o`` the options passed down
(Rich's ``ConsoleOptions``: justify, overflow, no_wrap). A renderable is drawn as a
block: its lines, and their width in cells where every line has the same known width
(else -1), or each line's, so that a line is measured once, where it is made.
"""

from __future__ import annotations

from typing import Any, Final, NamedTuple

from rich import console as rich_console
from rich.cells import set_cell_size
from rich.control import strip_control_codes
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Column, Table
from rich.text import Text

from wayhome.cli.render.wrap import (
    STRIPPED,
    TOP,
    Block,
    Opts,
    UnsupportedError,
    cell_len,
    clamp,
    measure_text,
    text,
)

__all__ = ["TOP", "Block", "Opts", "UnsupportedError", "cell_len", "lines", "render", "text"]

try:  # Rich's own arithmetic for sharing out widths
    from rich._ratio import ratio_distribute, ratio_reduce

    RATIOS: Final = True
except ImportError:  # pragma: no cover (another Rich: it draws everything itself)
    RATIOS = False  # type: ignore[misc]


def _join(blocks: list[Block]) -> Block:
    found: list[str] = []
    kinds = {exact if isinstance(exact, int) else -2 for part, exact in blocks if part}
    if len(kinds) == 1 and min(kinds) >= 0:
        for part, _ in blocks:
            found += part
        return found, kinds.pop()
    widths: list[int] = []
    for part, exact in blocks:
        found += part
        widths += each_width(part, exact)
    return found, widths


def each_width(found: list[str], exact: int | list[int]) -> list[int]:
    """The width of each line of a block."""
    if isinstance(exact, list):
        return exact
    return [exact] * len(found) if exact >= 0 else [cell_len(x) for x in found]


def lines(console: Any, renderable: Any, width: int, o: Opts) -> list[str]:
    """Rich's Console.render_lines (padded): each line exactly ``width`` cells."""
    found, exact = render(console, renderable, width, o)
    return fit(found, exact, width)


def fit(found: list[str], exact: int | list[int], width: int) -> list[str]:
    """Lines padded or cropped to ``width`` cells (Segment.adjust_line_length)."""
    if exact == width:
        return found
    if isinstance(exact, int) and 0 <= exact < width:
        pad = " " * (width - exact)
        return [x + pad for x in found]
    return [
        x + " " * (width - n) if n < width else set_cell_size(x, width) if n > width else x
        for x, n in zip(found, each_width(found, exact), strict=True)
    ]


def render(console: Any, renderable: Any, width: int, o: Opts) -> Block:
    """Rich's Console.render."""
    if width < 1:
        return [], 0
    kind = type(renderable)
    if kind is Text:
        t = renderable
        if t.end != "\n":
            raise UnsupportedError("text that does not end its line")
        return text(t.plain, t.justify, t.overflow, t.no_wrap, width, o)
    if kind is str:
        return text(_str_plain(console, renderable), None, None, None, width, o)
    if kind is Table:
        return _table(console, renderable, width, o)
    if kind is Padding:
        return _padding(console, renderable, width, o)
    if kind is Panel:
        return _panel(console, renderable, width, o)
    if kind is rich_console.Group:
        return _join([render(console, r, width, o) for r in renderable.renderables])
    if kind is rich_console.NewLine:
        return [""] * renderable.count, 0
    raise UnsupportedError(kind.__name__)


def _str_plain(console: Any, string: str) -> str:
    """A string's text as Rich renders it (Console.render_str: markup, emoji codes)."""
    if "[" in string or ":" in string:
        return str(console.render_str(string).plain)
    return string if STRIPPED.isdisjoint(string) else strip_control_codes(string)


def measure(console: Any, renderable: Any, width: int) -> tuple[int, int]:
    """Rich's Measurement.get."""
    if width < 1:
        return 0, 0
    kind = type(renderable)
    if kind is Text:
        low, high = measure_text(renderable.plain)
    elif kind is str:
        low, high = measure_text(_str_plain(console, renderable))
    elif kind is Padding:
        extra = renderable.left + renderable.right
        return _padded_measure(console, renderable.renderable, None, extra, width)
    else:
        raise UnsupportedError(f"measuring {kind.__name__}")
    return clamp(low, high, width)


# Padding and Panel --------------------------------------------------------------------


def _padding(console: Any, p: Padding, width: int, o: Opts) -> Block:
    """Rich's Padding.__rich_console__."""
    if not p.expand:
        width = min(measure(console, p.renderable, width)[1] + p.left + p.right, width)
    inner = lines(console, p.renderable, width - p.left - p.right, o)
    left, right = " " * p.left, " " * p.right
    blank = [" " * width]
    return blank * p.top + [left + x + right for x in inner] + blank * p.bottom, width


def _panel(console: Any, p: Panel, width: int, o: Opts) -> Block:
    """Rich's Panel.__rich_console__ (expanded, no height)."""
    if not p.expand or p.height is not None:
        raise UnsupportedError("a panel not expanded, or with a height")
    pads = Padding.unpack(p.padding)
    inner = Padding(p.renderable, pads) if any(pads) else p.renderable
    max_width = width
    width = width if p.width is None else min(width, p.width)
    box = p.box
    title = _title_plain(p.title, p)
    child_width = width - 2
    if title is not None:
        child_width = min(max_width - 2, max(child_width, cell_len(title) + 2))
    width = child_width + 2
    body = lines(console, inner, child_width, o)
    if title is None or width <= 4:
        top = box.get_top([width - 2])
    else:
        head = _title(title, width - 4, p.title_align, box.top, o)
        top = box.top_left + box.top + head + box.top + box.top_right
    subtitle = _title_plain(p.subtitle, p, sub=True)
    if subtitle is None or width <= 4:
        bottom = box.get_bottom([width - 2])
    else:
        foot = _title(subtitle, width - 4, p.subtitle_align, box.bottom, o)
        bottom = box.bottom_left + box.bottom + foot + box.bottom + box.bottom_right
    left, right = box.mid_left, box.mid_right
    # Narrower than its corners, a panel's borders overrun its width: measure them.
    return [top, *(left + x + right for x in body), bottom], (width if width >= 2 else -1)


def _title_plain(title: Any, p: Panel, sub: bool = False) -> str | None:
    """The text of Rich's Panel._title (or _subtitle): the markup read, on one line,
    a space each side. Without a colon there is no emoji code to look up, so Rich's
    table of emoji is not loaded for it."""
    if not title:
        return None
    if isinstance(title, str) and ":" not in title and "\t" not in title:
        plain = Text.from_markup(title, emoji=False).plain.replace("\n", " ")
        return f" {plain} "
    made = p._subtitle if sub else p._title
    return None if made is None else made.plain


def _title(plain: str, width: int, align: str, character: str, o: Opts) -> str:
    """Rich's Panel align_text (the title cut to ``width``, filled with the border),
    then rendered on one line (no wrap, no end)."""
    if cell_len(plain) > width:
        plain = set_cell_size(plain, width)
    excess = width - cell_len(plain)
    if excess and align == "left":
        plain += character * excess
    elif excess and align == "center":
        plain = character * (excess // 2) + plain + character * (excess - excess // 2)
    elif excess:
        plain = character * excess + plain
    return "".join(text(plain, None, None, True, width, o)[0])


# Table --------------------------------------------------------------------------------


class _Cell(NamedTuple):
    """A cell as Rich's Table._get_cells makes it: the renderable in a Padding of
    (top, right, bottom, left), its vertical alignment; a text's plain string, options
    and measure, read once."""

    renderable: Any
    pads: tuple[int, int, int, int]
    vertical: str
    text: tuple[str, str | None, str | None, bool | None] | None
    span: tuple[int, int] | None


def _table(console: Any, t: Table, width: int, o: Opts) -> Block:
    """Rich's Table.__rich_console__."""
    if not t.columns:
        return [""], 0
    if t.show_footer:
        raise UnsupportedError("a table footer")
    cells = [_cells(console, t, i, c) for i, c in enumerate(t.columns)]
    max_width = width if t.width is None else t.width
    extra = t._extra_width
    widths = _column_widths(console, t, cells, max(0, max_width - extra))  # update_width
    table_width = sum(widths) + extra
    blocks: list[Block] = []
    if t.title:
        blocks.append(_annotation(console, t.title, table_width, t.title_justify, o))
    # Rich's arithmetic can leave a column below nothing, and a leading repeats a
    # border on one line: then the lines are measured.
    known = t.leading < 2 and min(widths) >= 0
    blocks.append((_rows(console, t, cells, widths), table_width if known else -1))
    if t.caption:
        blocks.append(_annotation(console, t.caption, table_width, t.caption_justify, o))
    return _join(blocks)


def _annotation(console: Any, title: Any, width: int, justify: str, o: Opts) -> Block:
    if isinstance(title, str):  # Console.render_str, as a cell's string
        if width < 1:
            return [], 0
        plain = _str_plain(console, title)
        return text(plain, None, None, None, width, o._replace(justify=justify))
    return render(console, title, width, o._replace(justify=justify))


def _padding_width(t: Table, index: int) -> int:
    """Rich's Table._get_padding_width."""
    _, right, _, left = t.padding
    if t.collapse_padding:
        left = 0
        right = abs(left - right)
    if not t.pad_edge:
        if index == 0:
            left = 0
        if index == len(t.columns) - 1:
            right = 0
    return left + right


def _cell_padding(t: Table, index: int, first: bool, last: bool) -> tuple[int, int, int, int]:
    """Rich's get_padding in Table._get_cells."""
    top, right, bottom, left = t.padding
    if t.collapse_padding:
        if index != 0:
            left = max(0, left - right)
        if not last:
            bottom = max(0, top - bottom)
    if not t.pad_edge:
        if index == 0:
            left = 0
        if index == len(t.columns) - 1:
            right = 0
        if first:
            top = 0
        if last:
            bottom = 0
    return top, right, bottom, left


def _cells(console: Any, t: Table, index: int, column: Column) -> list[_Cell]:
    """Rich's Table._get_cells: each cell of a column (the header first)."""
    raw = ([column.header] if t.show_header else []) + list(column.cells)
    padded = any(t.padding)
    found = []
    for i, cell in enumerate(raw):
        pads = _cell_padding(t, index, i == 0, i == len(raw) - 1) if padded else (0, 0, 0, 0)
        vertical = getattr(cell, "vertical", None) or column.vertical
        plain = span = None
        if type(cell) is Text and cell.end == "\n":
            plain = (cell.plain, cell.justify, cell.overflow, cell.no_wrap)
        elif type(cell) is str:
            plain = (_str_plain(console, cell), None, None, None)
        if plain is not None:
            span = measure_text(plain[0])
        found.append(_Cell(cell, pads, vertical, plain, span))
    return found


def _padded_measure(
    console: Any, inner: Any, span: tuple[int, int] | None, extra: int, width: int
) -> tuple[int, int]:
    """Measurement.get of ``inner`` in a padding ``extra`` cells wide in all
    (Padding.__rich_measure__); ``span``, where known, is the inner text's measure."""
    if width - extra < 1:
        low = high = width
    else:
        low, high = measure(console, inner, width) if span is None else clamp(*span, width)
        low, high = min(low + extra, width), min(high + extra, width)
    return clamp(low, high, width)


def _cell_measure(console: Any, cell: _Cell, width: int) -> tuple[int, int]:
    """Measurement.get of a cell in its padding."""
    if width < 1:
        return 0, 0
    _, right, _, left = cell.pads
    return _padded_measure(console, cell.renderable, cell.span, left + right, width)


def _cell_lines(console: Any, cell: _Cell, width: int, o: Opts) -> list[str]:
    """A cell's lines in its padding (Padding.__rich_console__, expanded)."""
    if width < 1:  # Console.render draws nothing there, not even the padding
        return []
    top, right, bottom, left = cell.pads
    inner = width - left - right
    if inner < 1:
        found: list[str] = []
    elif cell.text is None:
        found = lines(console, cell.renderable, inner, o)
    else:
        found = fit(*text(*cell.text, inner, o), inner)
    if left or right:
        before, after = " " * left, " " * right
        found = [before + x + after for x in found]
    if top or bottom:
        found = [" " * width] * top + found + [" " * width] * bottom
    return found


def _measure_column(
    console: Any, t: Table, column: Column, cells: list[_Cell], width: int
) -> tuple[int, int]:
    """Rich's Table._measure_column."""
    if width < 1:
        return 0, 0
    padding = _padding_width(t, column._index)
    if column.width is not None:
        fixed = min(column.width + padding, width)
        return fixed, fixed
    found = [_cell_measure(console, c, width) for c in cells]
    low = max(m[0] for m in found) if found else 1
    high = max(m[1] for m in found) if found else width
    low, high = min(low, width), min(high, width)
    if column.min_width is not None:
        least = max(0, column.min_width + padding)
        low, high = max(low, least), max(high, least)
    if column.max_width is not None:
        most = column.max_width + padding
        low, high = min(low, most), min(high, most)
    return low, high


def _column_widths(console: Any, t: Table, cells: list[list[_Cell]], max_width: int) -> list[int]:
    """Rich's Table._calculate_column_widths."""
    columns = t.columns
    ranges = [_measure_column(console, t, c, cells[i], max_width) for i, c in enumerate(columns)]
    widths = [r[1] or 1 for r in ranges]
    if t.expand:
        ratios = [c.ratio or 0 for c in columns if c.flexible]
        if any(ratios):
            fixed = [0 if c.flexible else r[1] for r, c in zip(ranges, columns, strict=True)]
            least = [(c.width or 1) + _padding_width(t, c._index) for c in columns if c.flexible]
            flex = iter(ratio_distribute(max_width - sum(fixed), ratios, least))
            for i, c in enumerate(columns):
                if c.flexible:
                    widths[i] = fixed[i] + next(flex)
    table_width = sum(widths)
    if table_width > max_width:
        wrapable = [(c.width is None and not c.no_wrap) for c in columns]
        widths = Table._collapse_widths(widths, wrapable, max_width)
        table_width = sum(widths)
        if table_width > max_width:
            widths = ratio_reduce(table_width - max_width, [1] * len(widths), widths, widths)
            table_width = sum(widths)
        widths = [
            _measure_column(console, t, c, cells[i], widths[i])[1] or 0
            for i, c in enumerate(columns)
        ]
    extra = t._extra_width
    if (table_width < max_width and t.expand) or (
        t.min_width is not None and table_width < (t.min_width - extra)
    ):
        room = max_width if t.min_width is None else min(t.min_width - extra, max_width)
        pads = ratio_distribute(room - table_width, widths)
        widths = [w + pad for w, pad in zip(widths, pads, strict=True)]
    return widths


def _rows(console: Any, t: Table, cells: list[list[_Cell]], widths: list[int]) -> list[str]:
    """Rich's Table._render: the rows and the borders."""
    columns = t.columns
    box = t.box
    if box and not t.show_header:
        box = box.get_plain_headed_box()
    show_header, show_edge, leading = t.show_header, t.show_edge, t.leading
    out: list[str] = []
    if box and show_edge:
        out.append(box.get_top(widths))
    rows = list(zip(*cells, strict=False))
    for index, row_cells in enumerate(rows):
        first, last = index == 0, index == len(rows) - 1
        header_row = first and show_header
        drawn = []
        for cell, width, column in zip(row_cells, widths, columns, strict=False):
            o = Opts(column.justify, column.overflow, column.no_wrap)
            drawn.append(_cell_lines(console, cell, width, o))
        height = max([1, *map(len, drawn)])
        for i, cell in enumerate(row_cells):
            vertical = "bottom" if header_row else cell.vertical
            drawn[i] = _align(drawn[i], vertical, widths[i], height)
        if box:
            if first:
                left, right, divider = box.head_left, box.head_right, box.head_vertical
            elif last:
                left, right, divider = box.foot_left, box.foot_right, box.foot_vertical
            else:
                left, right, divider = box.mid_left, box.mid_right, box.mid_vertical
            if not show_edge:
                left = right = ""
            out += [left + divider.join(c[n] for c in drawn) + right for n in range(height)]
        else:
            out += ["".join(c[n] for c in drawn) for n in range(height)]
        if box and header_row:
            out.append(box.get_row(widths, "head", edge=show_edge))
        end_section = not header_row and t.rows[index - show_header].end_section
        if box and (t.show_lines or leading or end_section) and not last and not header_row:
            if leading:
                out.append(box.get_row(widths, "mid", edge=show_edge) * leading)
            else:
                out.append(box.get_row(widths, "row", edge=show_edge))
    if box and show_edge:
        out.append(box.get_bottom(widths))
    return out


def _align(cell: list[str], vertical: str, width: int, height: int) -> list[str]:
    """Rich's Segment.align_top, align_middle and align_bottom, then set_shape."""
    missing = height - len(cell)
    if missing > 0:
        blank = [" " * width]
        if vertical == "top":
            cell = cell + blank * missing
        elif vertical == "middle":
            cell = blank * (missing // 2) + cell + blank * (missing - missing // 2)
        else:
            cell = blank * missing + cell
    return cell[:height]
