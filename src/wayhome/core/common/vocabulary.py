"""The words everything shares: a person's titles and degrees, a procedure's role, the
posts a physician seeks, and the kinds of document regulators ask for.

One list each, so that reading a letter (:mod:`wayhome.core.evidence.suggest`) and
comparing names across documents (:mod:`wayhome.core.evidence.consistency`) strip the
same words, and the procedure log, its exports and both shells name roles alike.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

# Words before a name, lower case without dots: "Dr.", "Prof.", "Dra." (Spanish,
# Portuguese), "lek." (Polish). A second word may follow a title: "Dr. med." (German).
TITLES: Final = frozenset(
    {"dr", "dra", "doctor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "lek"}
)
TITLE_SECOND_WORDS: Final = frozenset({"med"})
# "Lek" is also a given name (Albanian): a title only when written "lek.".
TITLES_NEED_DOT: Final = frozenset({"lek"})

# Degrees and fellowships after a name, lower case without dots ("M.D." is "md").
DEGREES: Final = frozenset(
    {"md", "phd", "mbbs", "mbchb", "mbbch", "mph", "mba", "facp", "frcp", "frcpc", "facs"}
)
# "DO" is also a family name (Đỗ, written Do): it counts as a degree only when written
# with dots ("D.O.") or after a comma ("Anna Kowalska, DO").
DEGREES_AFTER_COMMA: Final = frozenset({"do"})


# The same words as patterns, for a whole name casefolded before its punctuation goes
# (the names-and-dates check strips them from both ends). Degrees may be written with
# dots ("M.D."); "lek" needs its dot and "DO" its dots or a comma, as above.
def _dotted(word: str) -> str:
    return r"\.?".join(re.escape(c) for c in word) + r"\.?"


def _alternation(words: frozenset[str], dotted: bool = True) -> str:
    spell = _dotted if dotted else re.escape
    return "|".join(spell(w) for w in sorted(words, key=len, reverse=True))


LEADING_TITLE: Final = re.compile(
    rf"^[\s,.]*(?:(?:{_alternation(TITLES - TITLES_NEED_DOT, dotted=False)})(?:\.|(?=\s)|$)"
    rf"|(?:{'|'.join(sorted(TITLES_NEED_DOT))})\.)\s*"
    rf"(?:(?:{_alternation(TITLE_SECOND_WORDS, dotted=False)})(?:\.|(?=\s)|$)\s*)?"
)
# "DO" with its dots ("D.O."), which nobody writes as a family name.
_DOTTED_ONLY: Final = "|".join(r"\.".join(w) + r"\.?" for w in sorted(DEGREES_AFTER_COMMA))
TRAILING_DEGREE: Final = re.compile(
    rf"(?:[\s,]+(?:{_alternation(DEGREES)})"
    rf"|[\s,]+(?:{_DOTTED_ONLY})"
    rf"|\s*,\s*(?:{_alternation(DEGREES_AFTER_COMMA)}))[\s.,]*$"
)


def bare(word: str) -> str:
    """A title or degree as the lists above hold it: lower case, without dots or commas."""
    return word.casefold().replace(".", "").strip(",;: ")


def is_title(word: str) -> bool:
    """``word`` is a title, written any way: "Dr", "dr.", "PROF.", "Dr.med."."""
    word = word.casefold().strip(",;: ")
    parts = [p for p in word.split(".") if p]
    if not parts or parts[0] not in TITLES:
        return False
    if parts[0] in TITLES_NEED_DOT and "." not in word:
        return False
    return all(p in TITLE_SECOND_WORDS for p in parts[1:])


def is_degree(word: str, after_comma: bool = False) -> bool:
    """``word`` is a degree; "DO" only with dots or after a comma (see above)."""
    b = bare(word)
    if b in DEGREES:
        return True
    return b in DEGREES_AFTER_COMMA and (after_comma or "." in word)


class Role(StrEnum):
    """Whose hands a procedure was in. ACGME credits a resident acting as "teaching
    assistant" (guiding a junior through the case) as the surgeon: performed."""

    PERFORMED = "performed"
    ASSISTED = "assisted"
    OBSERVED = "observed"
    UNKNOWN = "unknown"


# The roles a physician can record by hand (unknown is for imported rows only).
ROLES_TYPED: Final = (Role.PERFORMED, Role.ASSISTED, Role.OBSERVED)


# The posts a physician may seek, in the shared words every pack uses; a pack may add
# its own (``posts:`` in the pack, such as senior-registrar). "general" is registration
# to practise: every post needs it, so a rule for it governs everyone.
GENERAL_POST: Final = "general"
POSTS: Final = {
    GENERAL_POST: "registration to practise",
    "specialist": "a specialist post",
    "consultant": "a consultant post",
    "faculty": "a faculty post",
}
# The posts sought when a profile does not name them: those its return type leads to.
POSTS_BY_RETURN_TYPE: Final = {
    "academic": ("consultant", "faculty"),
    "private": ("specialist",),
    "public": ("specialist",),
}


# The kinds of document regulators ask for, in shared words: a pack's required documents
# and validity rules tag theirs with a kind, and the profile's documents (and the stored
# document records) say which kind each is, so one certificate's issue date serves every
# regulator that asks for it. A pack adds its own under ``document_kinds:``.
DOCUMENT_KINDS: Final = {
    "good-standing": "certificate of good standing",
    "police-clearance": "police clearance certificate",
    "medical-fitness": "medical fitness certificate",
    "primary-degree": "primary medical degree (diploma)",
    "transcript": "transcript of the medical course",
    "internship-certificate": "internship certificate",
    "training-certificate": "training certificate (residency, fellowship)",
    "board-certificate": "board certificate",
    "licence-verification": "licence verification",
    "experience-letter": "experience letter",
    "language-certificate": "language certificate",
    "passport": "passport",
    "photograph": "photograph",
}
