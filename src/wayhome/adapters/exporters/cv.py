"""The CV as PDF (Typst) and as JSON Resume.

The PDF is compiled in memory: the CV's data (and the photograph, when one goes on
it) is given to Typst as an input, so nothing of it is written to disk, not even to a
temporary folder (a photograph comes decrypted from the vault). Typst reads the
template from the installed package and nothing else: the template reads only its
input. Compiled from the package's file, Typst remembers what it laid out, so the same
CV again (a second download) is quick.

Public surface: ``pdf(cv, on, photo=None) -> bytes``, ``json_text(resume) -> str``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from wayhome.core.common import dates
from wayhome.core.cv.document import CV


@lru_cache(maxsize=1)
def _template() -> str | bytes:
    """The template's path in the installed package; its bytes where the package is no
    folder (a zip), which Typst compiles just as well but lays out afresh each time."""
    found = resources.files("wayhome.adapters.exporters") / "cv.typ"
    path = Path(str(found))
    return str(path) if path.is_file() else found.read_bytes()


def pdf(cv: CV, on: date, photo: bytes | None = None) -> bytes:
    """The CV as PDF, made on ``on``; ``photo`` (JPEG or PNG bytes) beside the name when
    the CV has a place for one."""
    import typst  # here, not at the top: only a PDF needs it, and it is slow to load

    data = cv.to_json() | {"made": dates.fmt(on)}
    if cv.photo and photo:
        data["image"] = list(photo)  # Typst makes bytes of a list of numbers
    inputs = {"data": json.dumps(data, ensure_ascii=False)}
    template = _template()
    if isinstance(template, str):
        # Typst reads files under its root only: the template's own folder.
        root = str(Path(template).parent)
        out = typst.compile(
            template, root=root, format="pdf", ignore_system_fonts=True, sys_inputs=inputs
        )
    else:
        out = typst.compile(template, format="pdf", ignore_system_fonts=True, sys_inputs=inputs)
    assert isinstance(out, bytes)
    return out


def json_text(resume: dict[str, Any]) -> str:
    return json.dumps(resume, indent=2, ensure_ascii=False) + "\n"
