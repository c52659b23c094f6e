"""The CV as PDF (Typst) and as JSON Resume."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from wayhome.adapters.exporters import typst_render
from wayhome.core.common import dates
from wayhome.core.cv.document import CV


def pdf(cv: CV, on: date) -> bytes:
    return typst_render.pdf("cv.typ", cv.to_json() | {"made": dates.fmt(on)}, {})


def json_text(resume: dict[str, Any]) -> str:
    return json.dumps(resume, indent=2, ensure_ascii=False) + "\n"
