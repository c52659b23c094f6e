"""What the property tests of tests/hostile share: hostile values as Hypothesis
strategies, the bound on every example (how many, how long, a hard stop for a hang),
and what "nothing half-written" is checked against (the tables, the data folder).
"""

from __future__ import annotations

import faulthandler
import hashlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any, Final

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The whole of tests/hostile runs in under 90 s on a busy two-core machine with the
# examples asked for here; WAYHOME_HOSTILE_SCALE=10 asks for ten times as many (a night's
# run, or before a release).
SCALE: Final = float(os.environ.get("WAYHOME_HOSTILE_SCALE", "1"))


def bounded(examples: int, seconds: float = 5) -> settings:
    """A bounded property: ``examples`` of them (times SCALE), each failing past ``seconds``.

    Hypothesis's deadline fails an example that took too long once it ends; :func:`hard_limit`
    stops one that would never end. The shared fixtures (a database, a data folder) are
    reset by each test itself, hence the health check left out."""
    return settings(
        max_examples=max(1, round(examples * SCALE)),
        deadline=timedelta(seconds=seconds),
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.function_scoped_fixture,
            HealthCheck.data_too_large,
        ],
    )


class HangError(BaseException):
    """An example ran past its hard limit: the traceback shows where it was stuck. A
    BaseException, so that no ``except Exception`` in the code under test swallows it."""


# Where faulthandler writes when it ends a run: the terminal pytest saved before it began
# capturing (tests/hostile/conftest.py sets it); what is captured is lost with the process.
REPORT_FD: list[Any] = [sys.__stderr__]


@contextmanager
def hard_limit(seconds: float) -> Iterator[None]:
    """Stop a hang: past ``seconds`` a SIGALRM raises HangError where Python code is
    stuck; a hang inside C code (a regular expression, a decompressor), which no signal
    handler can interrupt, is ended at twice that by faulthandler's own thread, which
    prints every thread's traceback and exits the run (a failed run, never a stuck CI).
    Only on a POSIX main thread; elsewhere the deadline alone applies."""
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def stuck(signum: int, frame: Any) -> None:
        raise HangError(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(2 * seconds, exit=True, file=REPORT_FD[0])
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


# ---------------------------------------------------------------------- hostile values

BIDI = "\u202e\u2066\u2067\u2068\u2069\u200f\u061c"
ODD_DATES = (
    "30 Feb 2024",
    "29 Feb 2023",
    "2024-02-30",
    "2024-13-01",
    "2024-00-10",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "31/12/2024",
    "12/31/2024",
    "1.2.2024",
    "Jun 2024",
    "2024-06",
    "2024-06-30T25:00",
    "yesterday",
    "-1",
    "1e309",
)
ODD_NUMBERS = (
    "-1",
    "-0",
    "0",
    "1e309",
    "-1e309",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "99999999999999999999999999",
    "-99999999999999999999999999",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits
    "1.5",
    "3,5",
)
ODD_TEXT = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\t\r\n",
    "..",
    "../../../etc/passwd",
    "C:\\Windows\\win.ini",
    "<script>alert(1)</script>",
    "'; DROP TABLE wayhome_storedprofile; --",
    "{{ 7*7 }}",
    "%s%s%n",
    "=cmd|' /C calc'!A0",
    f"Dr {BIDI[0]}gnp.exe",
    "\ufeff",
    "\ud7ff\ue000\U0010fffd",
    "e\u0301" * 50,
    "NO",
    "null",
    "true",
    "x" * 10_001,
)


def hostile_text(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a form or a file may be sent: empty, huge, NUL, bidi controls, odd dates and
    numbers, markup, paths, and anything else now and then."""
    return st.one_of(
        st.sampled_from(ODD_TEXT + ODD_DATES + ODD_NUMBERS),
        st.text(max_size=max_size),
        st.text(alphabet=st.sampled_from(BIDI + "ab\x00\x01\x7f\u0085\ufffd"), max_size=12),
        st.integers(min_value=1_000, max_value=200_000).map(lambda n: "y" * n),
    )


def file_names() -> st.SearchStrategy[str]:
    """Names an upload may carry: paths out of the folder, NUL, very long, bidi, none."""
    stems = st.one_of(
        st.sampled_from(
            (
                "",
                ".",
                "..",
                "../../etc/passwd",
                "/etc/passwd",
                "..\\..\\boot.ini",
                "C:\\temp\\x.pdf",
                "a\x00b.pdf",
                ".hidden.pdf",
                f"invoice{BIDI[0]}fdp.exe",
                "con",
                "nul.pdf",
                " spaced .pdf ",
                "x" * 300 + ".pdf",
                "y" * 5000,
                "e\u0301" * 100 + ".pdf",
                "name.\x00",
                "name.PDF\x00.exe",
            )
        ),
        st.text(max_size=30),
    )
    suffixes = st.sampled_from(("", ".pdf", ".png", ".csv", ".yaml", ".vcf", ".ris", ".\u202e"))
    return st.tuples(stems, suffixes).map("".join)


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Bytes behind a known file's first bytes, or none at all."""
    heads = (
        b"",
        b"%PDF-1.4\n",
        bytes.fromhex("89504e470d0a1a0a"),
        b"\xff\xd8\xff\xe0",
        b"PK\x03\x04",
        bytes.fromhex("D0CF11E0A1B11AE1"),
        b"From: a@b.c\nSubject: x\n\n",
        b"\x1f\x8b",
        b"GIF89a",
    )
    tails = (b"", b"\n%%EOF\n")
    return st.tuples(st.sampled_from(heads), st.binary(max_size=400), st.sampled_from(tails)).map(
        b"".join
    )


# ------------------------------------------------------------- nothing half-written


def tables(labels: tuple[str, ...] = ("wayhome", "django_tasks_database")) -> dict[str, Any]:
    """Every model of the apps ``labels``: (rows, SHA-256 of every row's every value)."""
    from django.apps import apps

    def plain(value: Any) -> Any:
        return bytes(value).hex() if isinstance(value, bytes | memoryview) else str(value)

    out = {}
    for label in labels:
        for model in apps.get_app_config(label).get_models():
            rows = list(model._default_manager.order_by("pk").values())
            text = json.dumps(rows, default=plain, sort_keys=True)
            out[model._meta.label] = (len(rows), hashlib.sha256(text.encode()).hexdigest())
    return out


def files_under(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (its path from there, and its size), locks left out:
    what a step wrote, compared before and after."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.stat().st_size
        for p in folder.rglob("*")
        if p.is_file() and p.suffix != ".lock"
    }


def left_in_tmp(data_dir: Path) -> list[str]:
    """Files left in the data folder's temporary area (its folders and their locks are
    the process's own, kept while it lives: adapters/scratch.py)."""
    return sorted(files_under(data_dir / "tmp"))
