"""The layout stays as documented: docs/architecture.md names every package and module,
no two core modules share a name, and no module grows past 600 lines."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
SRC = ROOT / "src"
PACKAGE = SRC / "wayhome"
DOC = ROOT / "docs" / "architecture.md"
MAX_LINES = 600

HEADING = re.compile(r"^### `(src/wayhome/(?:[\w/]+/)?)`\s*$")
ENTRY = re.compile(r"^- `([\w.]+\.py)` — (\S.*)$")


def _modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if "migrations" not in p.relative_to(PACKAGE).parts
    )


def _documented() -> tuple[set[str], set[str], list[str]]:
    """(packages, modules, problems) as docs/architecture.md lists them."""
    packages: set[str] = set()
    modules: set[str] = set()
    problems: list[str] = []
    current: str | None = None
    for n, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), 1):
        if m := HEADING.match(line):
            current = m.group(1)
            packages.add(current)
        elif line.startswith("- `") and line.split("`")[1].endswith(".py"):
            entry = ENTRY.match(line)
            if entry is None or current is None:
                problems.append(f"docs/architecture.md:{n}: write '- `name.py` — what it is'")
                continue
            modules.add(current + entry.group(1))
    return packages, modules, problems


def _rel(p: Path) -> str:
    return p.relative_to(ROOT).as_posix()


def test_the_architecture_doc_names_every_package_and_module():
    packages, modules, problems = _documented()
    assert problems == []
    real_packages = {_rel(p.parent) + "/" for p in _modules()}
    real_modules = {_rel(p) for p in _modules() if p.name != "__init__.py"}
    assert sorted(real_packages - packages) == [], "packages missing from docs/architecture.md"
    assert sorted(packages - real_packages) == [], "docs/architecture.md names no such package"
    assert sorted(real_modules - modules) == [], "modules missing from docs/architecture.md"
    assert sorted(modules - real_modules) == [], "docs/architecture.md names no such module"


def test_every_package_has_a_docstring_saying_what_it_is():
    missing = [
        _rel(p)
        for p in _modules()
        if p.name == "__init__.py" and not p.read_text(encoding="utf-8").lstrip().startswith('"""')
    ]
    assert missing == []


def test_no_two_core_modules_share_a_name():
    core = [p for p in _modules() if "core" in p.parts and p.name != "__init__.py"]
    names = Counter(p.stem for p in core) + Counter(
        p.name for p in (PACKAGE / "core").rglob("*") if p.is_dir() and p.name != "__pycache__"
    )
    assert sorted(name for name, n in names.items() if n > 1) == []


def test_no_module_is_over_600_lines():
    long = {
        _rel(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
