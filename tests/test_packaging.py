"""What a built wheel holds: every file the app reads at run time (templates, static
files, packs, Typst templates) is named by pyproject's package-data, so an install from
a wheel, not only from this checkout, has its pages and styles."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "wayhome"


def test_every_data_file_in_the_package_is_in_its_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["wayhome"]
    packaged = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    missing = sorted(str(p.relative_to(PACKAGE)) for p in data - packaged)
    assert not missing, f"add these to [tool.setuptools.package-data] in pyproject.toml: {missing}"
