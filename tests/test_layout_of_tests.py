"""No test module imports another, nor a conftest: what tests share lives in tests/helpers.

Importing a test module runs its collection-time code again and makes one file's
tests depend on another's private names; a conftest is pytest's to load.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent


def imported_modules(where: Path, source: str) -> list[tuple[int, str]]:
    """Every module a file imports, anywhere in it, as (line, dotted name).

    ``where`` is the file's path from the repository's root, to resolve relative imports.
    """
    package = list(where.parent.parts)
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, str(where))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package[: len(package) - (node.level - 1)]
                base = ".".join([*up, *([node.module] if node.module else [])])
            found.append((node.lineno, base))
            # `from tests.cli import test_assess` imports a module too
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return found


def is_test_module(name: str) -> bool:
    parts = name.split(".")
    return parts[0] == "tests" and (parts[-1].startswith("test_") or parts[-1] == "conftest")


def offences(where: Path, source: str) -> list[str]:
    return [
        f"{where}:{line} imports {name}"
        for line, name in imported_modules(where, source)
        if is_test_module(name)
    ]


FILES = sorted(p for p in TESTS.rglob("*.py") if "broken_packs" not in p.parts)


def test_no_test_file_imports_a_test_module_or_a_conftest():
    found = [o for path in FILES for o in offences(path.relative_to(ROOT), path.read_text("utf-8"))]
    assert found == [], "move what is shared to tests/helpers:\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "caught"),
    [
        pytest.param("from tests.cli.test_assess import run\n", True, id="from-test-module"),
        pytest.param("from tests.cli import test_assess\n", True, id="test-module-by-name"),
        pytest.param("import tests.core.test_engine\n", True, id="import-test-module"),
        pytest.param("from .test_plan import ON\n", True, id="relative"),
        pytest.param("from . import conftest\n", True, id="relative-conftest"),
        pytest.param("def f():\n    from tests.web.conftest import x\n", True, id="lazy"),
        pytest.param("from tests.helpers.cli import run\n", False, id="helpers"),
        pytest.param("from tests.packs import scenarios\n", False, id="not-a-test-module"),
        pytest.param("from wayhome.cli.test_x import y\n", False, id="not-under-tests"),
    ],
)
def test_the_check_catches_each_way_of_importing(source, caught):
    where = Path("tests/planner/test_example.py")
    assert bool(offences(where, source)) is caught
