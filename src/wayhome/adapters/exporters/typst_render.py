"""Run Typst on a document and its data in a private temporary folder.

Typst reads only files under the folder it is given (its ``root``), and uses
the fonts it ships with, so output does not depend on the machine.
"""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any


def compile_dir(files: dict[str, bytes], main: str, fmt: str, ppi: float | None = None) -> bytes:
    import typst  # here, not at the top: only a PDF or PNG needs it, and it is slow to load

    with tempfile.TemporaryDirectory(prefix="wayhome-typst-") as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).write_bytes(data)
        kwargs: dict[str, Any] = {"root": str(root), "format": fmt, "ignore_system_fonts": True}
        if ppi:
            kwargs["ppi"] = ppi
        out = typst.compile(str(root / main), **kwargs)
        if isinstance(out, list):  # one image per page; charts are a single page
            out = out[0]
        assert isinstance(out, bytes)
        return out


def image_to_png(svg_text: str, ppi: float = 144.0) -> bytes:
    doc = '#set page(width: auto, height: auto, margin: 0pt)\n#image("chart.svg")\n'
    return compile_dir(
        {"main.typ": doc.encode(), "chart.svg": svg_text.encode()}, "main.typ", "png", ppi
    )


def pdf(template: str, data: dict[str, Any], images: dict[str, str]) -> bytes:
    source = (resources.files("wayhome.adapters.exporters") / template).read_bytes()
    files = {"main.typ": source, "data.json": json.dumps(data).encode()}
    files.update({name: text.encode() for name, text in images.items()})
    return compile_dir(files, "main.typ", "pdf")
