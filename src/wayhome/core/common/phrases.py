"""The phrases a line must not break inside, for every shell: a date ("30 Jun 2024",
"Jun 2024", "1 Jul"), a US visa's class ("H-1B", "J-1", "O-1A"), a tier or group as a
pack names it ("Tier 1", "Group 2") and how far off a last day is ("(in 10 days)").

The web wraps each in a span kept on one line (the ``keepwhole`` filter); the command
line glues its spaces while a print is laid out (cli/render/plain.py).
"""

from __future__ import annotations

import re
from typing import Final

from wayhome.core.common import dates

# A visa class, which a browser would break at its hyphen.
_VISA: Final = r"\b[A-Z]-\d[A-Z]?\b"
# A tier as core/rules/kinds/experience.py's Tiers.name writes a pack's "tier-1".
_TIER: Final = r"\b(?:Tier|Group) \d+\b"
# How far off a last day is, as core/planner/register.py's _in writes it.
_DAYS_AHEAD: Final = r"\(in \d+ days\)|\bin \d+ days\b"

WHOLE: Final = re.compile(f"{dates.WRITTEN.pattern}|{_VISA}|{_TIER}|{_DAYS_AHEAD}")
