"""The CV as PDF (Typst) and as JSON Resume.

The PDF is compiled in memory: the template as bytes and the CV's data (and the
photograph, when one goes on it) given to Typst as an input, so nothing of it is
written to disk, not even to a temporary folder (a photograph comes decrypted from
the vault: docs/security.md). Typst reads no file: the template reads only its input.

Public surface: ``pdf(cv, on, photo=None) -> bytes``, ``json_text(resume) -> str``.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from wayhome.core.common import dates
from wayhome.core.cv.document import CV


@lru_cache(maxsize=1)
def _template() -> bytes:
    return (resources.files("wayhome.adapters.exporters") / "cv.typ").read_bytes()


def pdf(cv: CV, on: date, photo: bytes | None = None) -> bytes:
    """The CV as PDF, made on ``on``; ``photo`` (JPEG or PNG bytes) beside the name when
    the CV has a place for one."""
    import typst  # here, not at the top: only a PDF needs it, and it is slow to load

    data = cv.to_json() | {"made": dates.fmt(on)}
    if cv.photo and photo:
        data["image"] = list(photo)  # Typst makes bytes of a list of numbers
    out = typst.compile(
        _template(),
        format="pdf",
        ignore_system_fonts=True,
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
    )
    assert isinstance(out, bytes)
    return out


def json_text(resume: dict[str, Any]) -> str:
    return json.dumps(resume, indent=2, ensure_ascii=False) + "\n"
