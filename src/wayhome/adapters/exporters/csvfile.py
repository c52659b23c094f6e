"""CSV as Wayhome writes it: no cell a spreadsheet program would run as a formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with ``=``, ``+``,
``-`` or ``@`` as a formula, and some skip a leading tab, carriage return or space
first; a category read from an imported file such as ``=HYPERLINK(...)`` would
then run when the CSV is opened. Such a text cell is written with a leading
apostrophe, which the programs show as text (OWASP's advice on CSV injection).
Numbers are written as they are.

Every CSV Wayhome writes goes through :func:`text` (tests/hostile/test_csv_cells.py
checks that no other module makes a ``csv.writer``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final

FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> object:
    """``value`` as a spreadsheet may safely read it: text that would start a formula
    gets a leading apostrophe; numbers and empty cells are left alone."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_START):
        return "'" + value
    return value


def text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A header and rows as CSV text (``\\n`` line ends), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return out.getvalue()
