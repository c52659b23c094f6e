"""What a document's text says, offered to the physician instead of typing it in.

Every suggestion carries the line it came from, so the physician sees the
evidence and confirms or corrects it; nothing is saved without them. When the
text does not say clearly, the answer is ``None``: a wrong date offered with
confidence is worse than none.

Dates are found by shape (month names, ``07/01/2021``, ``30.06.2014``,
``2021-07-01``) and read by dateparser as US documents write them: a numeric
date is month first unless that cannot be (``30.06.2014``), and one that could
be read either way (``03/04/2025``) is marked ambiguous. Their meaning comes
from the words just before them: "Date:", "valid until", "graduated on", "from
... to ...". dateparser's own search is not used to find them because it joins
neighbours ("between July 1, 2021 and June 30, 2024" came back as 30 June 2021).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from functools import lru_cache
from itertools import pairwise
from typing import Final

from dateparser.search import search_dates  # type: ignore[import-untyped]
from msgspec import Struct

from wayhome.core.common import vocabulary
from wayhome.core.common.bidi import neutral

EVIDENCE_CHARS: Final = 120
LABEL_CHARS: Final = 120  # keywords further before a date than this do not describe it
TOP_LINES: Final = 8  # a date alone in these lines is the letter's date when none is labelled
LETTERHEAD_LINE: Final = 60
EARLIEST_YEAR: Final = 1940
YEARS_AHEAD: Final = 30
CHAINED_DAYS: Final = 31  # training periods this close together read as one
SETTINGS: Final = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "DATE_ORDER": "MDY",  # US documents
    "PREFER_DAY_OF_MONTH": "first",
}

_MONTH: Final = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DAY: Final = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_YEAR: Final = r"(?:19|20)\d\d"
NUMERIC: Final = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")
DATE: Final = re.compile(
    "|".join(
        (
            rf"{_MONTH}\s*{_DAY}(?:\s*,\s*|\s+){_YEAR}",  # July 1, 2021 / Dec. 12 2030
            # 1 July 2021 / the 1st day of July, 2021
            rf"(?:\bthe\s+)?(?<!\d){_DAY}(?:\s+day)?(?:\s+of)?\s+{_MONTH}\s*,?\s*{_YEAR}",
            rf"(?<!\d){_DAY}[-/]{_MONTH}[-/](?:{_YEAR}|\d\d)",  # 01-Jul-2021
            r"(?<![\d./-])\d{1,2}([./-])\d{1,2}\1(?:\d{4}|\d{2})(?![\d]|[./-]\d)",  # 07/01/2021
            r"(?<![\d./-])\d{4}([./-])\d{1,2}\2\d{1,2}(?![\d]|[./-]\d)",  # 2021-07-01
        )
    ),
    re.IGNORECASE,
)
YEARISH: Final = re.compile(r"\d{4}|\d[./-]\d{1,2}[./-]\d\d")

# Words before a date that say what it is. Each also takes a trailing "date" so that
# "Expiry date:" reads as expiry and not as the letter's "Date:".
ROLE_WORDS: Final = {
    "expires": (
        r"\bvalid\s+(?:until|through|thru|till|to|up\s+to)\b|\bexpir\w*(?:\s+date)?"
        r"|\bgood\s+(?:through|until)\b"
    ),
    "graduated": (
        r"\bgraduat\w*(?:\s+date)?|\bconferr\w*|\bdate\s+of\s+(?:degree|diploma|graduation)\b"
    ),
    "training_start": (
        r"\bstart(?:ing)?\s+date\b|\bdate\s+of\s+(?:start|commencement|appointment|entry)\b"
        r"|\bcommenc\w*|\bbegan\b|\bbegun\b|\bstarted\b|\bstarts\b"
    ),
    "training_end": (
        r"\bend(?:ing)?\s+date\b|\bcompletion\s+date\b|\bdate\s+of\s+(?:completion|leaving)\b"
        r"|\bcompleted\b|\bended\b|\bfinished\b"
    ),
    "issued": (
        r"\bdate\b(?=\s*:)|\bdate\s+of\s+issue\b|\bissue\s+date\b|\bdate\s+issued\b"
        r"|\bissued\b|\bdated\b"
    ),
    # Dates that are none of the above, so never the letter's date either.
    "other": (
        r"\bborn\b|\bbirth\w*(?:\s+date)?|\bd\.?o\.?b\b\.?|\breceived\b|\bprinted\b"
        r"|\baccessed\b|\bdownloaded\b|\bupdated\b|\brevised\b|\bsubmitted\b"
    ),
}
ROLES: Final = tuple(
    (role, re.compile(pattern, re.IGNORECASE)) for role, pattern in ROLE_WORDS.items()
)
CONNECTOR: Final = re.compile(r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*", re.IGNORECASE)
VALIDITY: Final = re.compile(r"\bvalid\w*|\bexpir\w*", re.IGNORECASE)
TRAINING: Final = re.compile(
    r"\bfrom\b|\bbetween\b|\bdates?\b|\bperiod\b|\bresiden\w*|\bfellow\w*|\bintern\w*"
    r"|\btrain\w*|\bprogram\w*|\bemploy\w*|\bserved\b|\bappoint\w*|\bPGY",
    re.IGNORECASE,
)

HOLDER_AFTER: Final = re.compile(
    r"\b(?:certif(?:y|ies)|confirms?|verif(?:y|ies)|attests?)\s+that\s+"
    r"|\bawarded\s+to\s+|\bconfer(?:s|red)?\s+upon\s+|\bgranted\s+to\s+|\bpresented\s+to\s+",
    re.IGNORECASE,
)
NAME_LABEL: Final = re.compile(
    r"^[ \t]*(?:(?:full|physician|resident|fellow|applicant|candidate|graduate|trainee"
    r"|student|employee)(?:'s)?[ \t]+)?name(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:physician|resident"
    r"|fellow|applicant|candidate|graduate|trainee|student|employee|holder))?[ \t]*:[ \t]*",
    re.IGNORECASE | re.MULTILINE,
)
PARTICLES: Final = frozenset(
    {"van", "von", "de", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das"}
    | {"bin", "binti", "al", "el", "ter", "ten", "y", "e"}
)
NOT_NAMES: Final = frozenset(
    {"the", "this", "that", "he", "she", "they", "we", "our", "his", "her", "it", "all", "said"}
)
NAME_WORD: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
LETTER: Final = re.compile(r"[^\W\d_]")
# A sentence ends at . ! ? or ; before a space, but not after an initial ("M.D.") or a title.
SENTENCE_END: Final = re.compile(
    r"(?<!\b[^\W\d_])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)(?<!\bNo)(?<!\bSt)"
    r"[.!?;](?=\s)"
)


class Found(Struct, frozen=True):
    value: date | str
    line: str  # the line of text it came from (trimmed), shown as evidence
    ambiguous: bool = False  # e.g. 03/04/2025 could be 3 Apr or 4 Mar


class Suggestions(Struct, frozen=True):
    issued: Found | None  # the letter's own date
    expires: Found | None
    holder: Found | None  # the person the document is about, without titles
    graduated: Found | None
    training_start: Found | None
    training_end: Found | None
    dates: tuple[Found, ...]  # every full date found, in text order


class _Hit(Struct, frozen=True):
    when: date
    start: int  # offsets in the whole text
    end: int
    ambiguous: bool


def suggest(text: str, *, today: date | None = None) -> Suggestions:
    text = neutral(text)  # a name or a line shown from it reorders nothing (bidi controls)
    hits = _dates(text, today or datetime.now(UTC).date())
    roles, begins, periods = _classify(text, hits)
    found = [_found(text, hit, begin) for hit, begin in zip(hits, begins, strict=True)]

    def first(role: str) -> Found | None:
        return next((found[i] for i, r in enumerate(roles) if r == role), None)

    start, end = _period(hits, periods)
    letterhead = _letterhead(text, hits, roles)
    return Suggestions(
        issued=first("issued") or (None if letterhead is None else found[letterhead]),
        expires=first("expires"),
        holder=_holder(text),
        graduated=first("graduated"),
        training_start=found[start] if start is not None else first("training_start"),
        training_end=found[end] if end is not None else first("training_end"),
        dates=tuple(found),
    )


# --- Finding dates -----------------------------------------------------------------------


def _dates(text: str, today: date) -> list[_Hit]:
    hits: list[_Hit] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        if YEARISH.search(line):
            for match in DATE.finditer(line):
                hit = _read(match.group(), offset + match.start(), today)
                if hit is not None:
                    hits.append(hit)
        offset += len(line)
    return hits


def _read(span: str, start: int, today: date) -> _Hit | None:
    when = _parse(" ".join(re.sub(r"(?<=[a-z])\.", " ", span, flags=re.IGNORECASE).split()))
    if when is None or not EARLIEST_YEAR <= when.year <= today.year + YEARS_AHEAD:
        return None
    numeric = NUMERIC.fullmatch(span)
    ambiguous = False
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(3))
        ambiguous = first <= 12 and second <= 12 and first != second
    return _Hit(when, start, start + len(span), ambiguous)


@lru_cache(maxsize=4096)  # a logbook repeats its dates
def _parse(span: str) -> date | None:
    try:
        found: list[tuple[str, datetime]] | None = search_dates(
            span, languages=["en"], settings=dict(SETTINGS)
        )
    except Exception:  # dateparser on odd input: no date is the honest answer
        return None
    return found[0][1].date() if found and len(found) == 1 else None


# --- What each date is -------------------------------------------------------------------


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _line(text: str, at: int) -> str:
    end = text.find("\n", at)
    return text[_line_start(text, at) : end if end >= 0 else len(text)]


def _label(text: str, hits: list[_Hit], index: int) -> tuple[int, str]:
    """Where the words describing a date begin, and those words: since the previous date
    or the start of the sentence, at most the line above (prose wraps; a form puts
    "Date of graduation" above its value) and LABEL_CHARS back."""
    hit = hits[index]
    own = _line_start(text, hit.start)
    if LETTER.search(text[own : hit.start]):
        begin = _line_start(text, own - 1) if own else 0
    else:
        window = max(0, own - LABEL_CHARS)
        begin = _line_start(text, window + len(text[window:own].rstrip()))
    begin = max(begin, hits[index - 1].end if index else 0, hit.start - LABEL_CHARS)
    label = text[begin : hit.start]
    cut = max((m.end() for m in SENTENCE_END.finditer(label)), default=0)
    return begin + cut, label[cut:]


def _role(label: str) -> tuple[str, int]:
    """The role named by the keyword nearest the date, and where that keyword starts (a
    keyword inside a longer one counts as the longer one: "Start date:" is a start, not
    the letter's date). ("", -1) when no keyword says."""
    matches = [(m.start(), m.end(), role) for role, rx in ROLES for m in rx.finditer(label)]
    kept = [
        m
        for m in matches
        if not any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in matches)
    ]
    if not kept:
        return "", -1
    at, _, role = max(kept, key=lambda m: (m[1], m[1] - m[0]))
    return role, at


def _classify(text: str, hits: list[_Hit]) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    """Each date's role ("" when no keyword says), where its evidence begins (its own line,
    or the line above when the words that explain it are there), and the training periods
    ("from ... to ...") as pairs of indexes."""
    labels = [_label(text, hits, i) for i in range(len(hits))]
    roles = [""] * len(hits)
    begins = [_line_start(text, hit.start) for hit in hits]
    periods: list[tuple[int, int]] = []
    paired: set[int] = set()
    for i in range(len(hits) - 1):
        first, second = hits[i], hits[i + 1]
        if i in paired or first.when >= second.when:
            continue
        if not CONNECTOR.fullmatch(text[first.end : second.start]):
            continue
        label = labels[i][1]
        if VALIDITY.search(label):
            roles[i : i + 2] = ["range", "expires"]
        elif TRAINING.search(label):
            roles[i : i + 2] = ["range", "range"]
            periods.append((i, i + 1))
        else:
            continue
        paired.update((i, i + 1))
    for i, (begin, label) in enumerate(labels):
        role, at = ("", -1) if i in paired else _role(label)
        roles[i] = roles[i] if i in paired else role
        letters = LETTER.search(label)
        if at >= 0:
            begins[i] = min(begins[i], _line_start(text, begin + at))
        elif letters and not LETTER.search(text[begins[i] : hits[i].start]):
            begins[i] = min(begins[i], _line_start(text, begin + letters.start()))
    return roles, begins, periods


def _period(hits: list[_Hit], periods: list[tuple[int, int]]) -> tuple[int | None, int | None]:
    """The training period: one range, or several that follow each other (PGY-1, PGY-2...).
    Separate periods (an internship, years later a residency) are the physician's call."""
    if not periods:
        return None, None
    for (_, end), (start, _) in pairwise(periods):
        if not 0 <= (hits[start].when - hits[end].when).days <= CHAINED_DAYS:
            return None, None
    return periods[0][0], periods[-1][1]


def _letterhead(text: str, hits: list[_Hit], roles: list[str]) -> int | None:
    """The first date standing (almost) alone in the top lines: a letter's own date."""
    top_end, seen = 0, 0
    for line in text.splitlines(keepends=True):
        if seen == TOP_LINES:
            break
        top_end += len(line)
        seen += bool(line.strip())
    starts = [_line_start(text, h.start) for h in hits]
    for i, hit in enumerate(hits):
        if hit.start >= top_end:
            break
        alone = starts.count(starts[i]) == 1
        if roles[i] == "" and alone and len(_line(text, hit.start).strip()) <= LETTERHEAD_LINE:
            return i
    return None


# --- Who it is about ---------------------------------------------------------------------


def _holder(text: str) -> Found | None:
    """The name after "certify that", "awarded to", "Name:"...: the first one that reads
    as a name (two or more capitalised words), on the same line or the next."""
    after = [(m.end(), True) for m in HOLDER_AFTER.finditer(text)]
    after += [(m.end(), False) for m in NAME_LABEL.finditer(text)]
    for at, prose in sorted(after):
        gap = len(text[at : at + 200]) - len(text[at : at + 200].lstrip())
        if text[at : at + gap].count("\n") > 1:
            continue
        begin = at + gap
        line_start = _line_start(text, begin)
        line = _line(text, begin)
        rest = line[begin - line_start :]
        name = _name(rest)
        below = line_start + len(line) + 1
        if name is None and prose and below < len(text):  # a name wrapped onto the next line
            line = f"{line.rstrip()} {_line(text, below).strip()}"
            name = _name(line[begin - line_start :])
        if name:
            return Found(name, _evidence(line, begin - line_start))
    return None


def _name(words_text: str) -> str | None:
    """A person's name at the start of ``words_text``, without titles or degrees."""
    tokens = words_text.split()
    while tokens and vocabulary.is_title(tokens[0]):
        tokens.pop(0)
        if tokens and vocabulary.bare(tokens[0]) in vocabulary.TITLE_SECOND_WORDS:
            tokens.pop(0)  # "Dr. med."
    words: list[str] = []
    for token in tokens:
        core = token.strip('()[]"“”')
        stop = core.endswith((",", ";", ":"))
        core = core.rstrip(",;:")
        bare = core.rstrip(".")
        if not bare or vocabulary.is_degree(core):
            break
        if not NAME_WORD.fullmatch(core) or not (bare[0].isupper() or bare.lower() in PARTICLES):
            break
        initial = len(bare) == 1
        words.append(core if initial else bare)
        if stop or (core.endswith(".") and not initial):
            break  # the end of a clause or sentence
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    real = [w for w in words if w.lower() not in PARTICLES]
    if len(real) < 2 or len(words) > 6 or words[0].lower() in NOT_NAMES:
        return None
    name = " ".join(words)
    return name.title() if name.isupper() else name


# --- Evidence ----------------------------------------------------------------------------


def _evidence(line: str, at: int) -> str:
    """The line, trimmed around position ``at`` to about EVIDENCE_CHARS characters."""
    stripped = line.strip()
    at = max(0, at - (len(line) - len(line.lstrip())))
    if len(stripped) <= EVIDENCE_CHARS:
        return stripped
    begin = max(0, min(at - EVIDENCE_CHARS // 3, len(stripped) - EVIDENCE_CHARS))
    piece = stripped[begin : begin + EVIDENCE_CHARS].strip()
    return (
        ("…" if begin > 0 else "") + piece + ("…" if begin + EVIDENCE_CHARS < len(stripped) else "")
    )


def _found(text: str, hit: _Hit, begin: int) -> Found:
    """A date with its evidence: the text from ``begin`` (a line start) to the end of the
    date's line, on one line."""
    end = text.find("\n", hit.start)
    line = " ".join(text[begin : end if end >= 0 else len(text)].split())
    before = " ".join(text[begin : hit.start].split())
    return Found(hit.when, _evidence(line, len(before) + bool(before)), hit.ambiguous)
