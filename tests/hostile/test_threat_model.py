"""docs/security.md names the test that shows each promise: every test it cites must
exist, and its threat model must say, for each of the four threats, what is promised,
what is not, and which tests show it.

A citation is ``tests/path/to/test_file.py::test_name`` (its parameters left out), or
``::test_name`` for another test of the file cited just before it.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
DOC = ROOT / "docs" / "security.md"
CITED = re.compile(r"(tests/[\w/]+\.py)?::(test_\w+)")
THREATS = (
    "A lost or stolen laptop",
    "Another person using the same computer",
    "A hostile file",
    "Someone who can reach the port",
)


@cache
def defined_tests(path: Path) -> frozenset[str]:
    """The test functions a file defines, at its top level or in its classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return frozenset(
        n.name
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name.startswith("test_")
    )


def citations(text: str) -> list[tuple[str, str]]:
    """(file, test) for every test cited, a bare ``::name`` taken in the file before it."""
    out, file = [], None
    for m in CITED.finditer(text):
        file = m.group(1) or file
        assert file is not None, f"::{m.group(2)} cites a test before naming its file"
        out.append((file, m.group(2)))
    return out


def threat_model() -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"^## Threat model\n(.*?)(?=^## )", text, re.S | re.M)
    assert found, "docs/security.md has no '## Threat model' section"
    return found.group(1)


def test_every_test_the_page_cites_exists():
    cited = citations(DOC.read_text(encoding="utf-8"))
    assert len(cited) > 40
    missing = [
        f"{file}::{name}"
        for file, name in cited
        if not (ROOT / file).is_file() or name not in defined_tests(ROOT / file)
    ]
    assert missing == []


@pytest.mark.parametrize("threat", THREATS)
def test_the_threat_model_says_what_is_promised_what_is_not_and_what_shows_it(threat):
    sections = re.split(r"^### ", threat_model(), flags=re.M)
    section = next((s for s in sections if s.startswith(threat)), None)
    assert section is not None, f"no '### {threat}' in the threat model"
    for part in ("**Promised.**", "**Not promised.**", "**Shown by**"):
        assert part in section, f"{threat}: no {part}"
    shown = section.split("**Shown by**", 1)[1]
    assert len(citations(shown)) >= 3, f"{threat}: cite the tests that show it"


def test_a_citation_is_read_as_written():
    text = "`tests/web/test_signin.py::test_a_link_expires_after_15_minutes`, `::test_b[x]`"
    assert citations(text) == [
        ("tests/web/test_signin.py", "test_a_link_expires_after_15_minutes"),
        ("tests/web/test_signin.py", "test_b"),
    ]
