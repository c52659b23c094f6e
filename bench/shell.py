"""The environment of a command run as a user's shell runs it (bench scripts' subprocesses).

A user's Python keeps the bytecode it compiles (pip compiles an installed package's; an
editable install writes it on the first run), so a benchmark's command must not compile
every module at every run: where PYTHONDONTWRITEBYTECODE is set (as on some build
machines), it is dropped and the bytecode goes to a folder of the benchmark's own
(PYTHONPYCACHEPREFIX), which its warm-up run fills.
"""

from __future__ import annotations

import os
from pathlib import Path


def user_env(bytecode: Path, **more: str) -> dict[str, str]:
    """This process's environment as a user's shell would have it, with ``more`` set."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {"PYTHONPYCACHEPREFIX": str(bytecode)} | more
