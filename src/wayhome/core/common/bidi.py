"""Text from other people's files, safe to show: the Unicode controls that reorder
what follows them (bidirectional embeddings, overrides and isolates) taken out.

A contact named "Dr. A\\u202egnp.exe" would show as "Dr. Aexe.png", and an override
left open reorders the rest of a line or a page around it ("Trojan Source"). The
marks a right-to-left name needs (U+200E, U+200F, U+061C) only set a direction and
reorder nothing else: they are kept, so Arabic and Hebrew names read as written.
Contacts, publications, an email's headers and names read from documents pass
through :func:`neutral` (their models do it, so stored copies from before are
neutralised when read back).
"""

from __future__ import annotations

import re
from typing import Final

# LRE RLE PDF LRO RLO (U+202A-U+202E) and LRI RLI FSI PDI (U+2066-U+2069).
CONTROLS: Final = re.compile("[\u202a-\u202e\u2066-\u2069]")


def neutral(text: str) -> str:
    """``text`` without the controls that would reorder it or what follows it."""
    return CONTROLS.sub("", text)


def neutral_or_none(text: str | None) -> str | None:
    return None if text is None else neutral(text)
