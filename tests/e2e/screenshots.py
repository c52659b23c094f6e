"""Screenshots of the dashboard for the README: `python -m tests.e2e.screenshots`.

Runs the browser tests of the three new users (tests/e2e/test_verdict_browser.py) with
their screenshots going to docs/screenshots/: each dashboard at desktop width (1366×768,
what is read without scrolling) and phone width (390×844). Needs Debian's chromium, as
the browser tests do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "WAYHOME_SCREENSHOTS": str(OUT)}
    test = "tests/e2e/test_verdict_browser.py::test_the_cards_say_what_the_command_line_says"
    code = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", test], cwd=ROOT, env=env
    )
    for whole in OUT.glob("*-whole.png"):  # the whole page is for a person checking a run
        whole.unlink()
    print("\n".join(sorted(str(p.relative_to(ROOT)) for p in OUT.glob("dashboard-*.png"))))
    return code


if __name__ == "__main__":
    sys.exit(main())
