"""An uploaded file as a path, for readers that take one (spreadsheets, exports)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def as_file(name: str, data: bytes) -> Iterator[Path]:
    """A private temporary copy, named by the upload's extension only, removed afterwards."""
    suffix = Path(name).suffix.lower()[:8]
    with tempfile.TemporaryDirectory(prefix="wayhome-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        yield path
