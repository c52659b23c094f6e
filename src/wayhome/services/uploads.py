"""An uploaded file as a path, for readers that take one (spreadsheets, exports).

The copy is made in the data folder's temporary area (adapters/scratch.py), never the
system's temp folder: it is removed when the reader is done, on an error or Ctrl-C
too, and by the next run if this process is killed outright.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from wayhome.adapters import scratch


@contextmanager
def as_file(name: str, data: bytes) -> Iterator[Path]:
    """A private temporary copy, named by the upload's extension only, removed afterwards."""
    # Letters and digits only: a name's "extension" may hold a NUL or a bidi control.
    ext = "".join(c for c in Path(name).suffix.lower() if c.isascii() and c.isalnum())[:7]
    suffix = f".{ext}" if ext else ""
    with scratch.temp_path(Path(settings.DATA_DIR)) as folder:
        folder.mkdir(mode=0o700)
        path = folder / f"upload{suffix}"
        with path.open("xb") as f:
            f.write(data)
        yield path
