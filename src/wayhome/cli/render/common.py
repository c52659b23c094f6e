"""What every area's output shares: the disclaimer, how a date is shown, and a web
address printed whole."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Final

from rich.cells import cell_len
from rich.text import Text

from wayhome.core.common import dates

if TYPE_CHECKING:
    from rich.console import Console

DISCLAIMER: Final = (
    "Planning help, not legal advice: every rule names its source and when it was "
    "last checked; confirm what matters with the regulator in writing."
)


def fmt_day(d: date | None) -> str:
    """A date as '1 Jul 2025', or a dash when there is none."""
    return dates.fmt(d) if d else "—"


def labelled(console: Console, label: str, value: str, *, link: bool = True) -> None:
    """A label and its value on a line. A web address too long for the line goes whole on
    a line of its own, never broken: one to copy or click (a terminal folds it, adding no
    break)."""
    line = f"{label} {value}"
    if not link or cell_len(line) <= console.width:
        console.print(Text(line))
        return
    console.print(Text(label))
    console.print(Text(value), soft_wrap=True)
