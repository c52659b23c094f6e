"""Documents made in the tests: a scanned letter (an image with no text in it) and a
PDF with a text layer, so OCR and text reading run on known words."""

from __future__ import annotations

import io
import json

from PIL import Image, ImageDraw, ImageFont

from wayhome.adapters.exporters import typst_render


def scan_png(lines: list[str], size: int = 30) -> bytes:
    """A letter as a scanner makes it: black text on white, as pixels only."""
    font = ImageFont.load_default(size=size)
    image = Image.new("L", (1700, 120 + len(lines) * size * 2), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((80, 60 + i * size * 2), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """A letter typed in a word processor: a PDF whose text can be read without OCR."""
    source = '#let lines = json("lines.json")\n#for l in lines [#l \\ ]\n'
    return typst_render.compile_dir(
        {"main.typ": source.encode(), "lines.json": json.dumps(lines).encode()},
        "main.typ",
        "pdf",
    )


def stored_file(owner, name: str = "letter.pdf", fill: str = "a"):
    """A vault record without content, for pages that only list or link files."""
    from django.utils import timezone

    from wayhome.adapters.db.models import VaultFile

    return VaultFile.objects.create(
        owner=owner,
        object_id=(fill * 64)[:64],  # a 64-character id, as PostgreSQL's column holds
        name=name,
        media_type="application/pdf",
        size=1,
        sha256=(fill * 64)[:64],
        received=timezone.now(),
    )
