"""Rule packs kept checked, as JSON, in the user's cache folder, so that a command reads
each bundled pack's YAML and checks it once rather than every time (start-up, #28). A
user's own packs are read every time (:func:`wayhome.adapters.packs.load_pack`). The
bundled guide template (:func:`wayhome.adapters.plans.guide_template`) is kept the same
way (:func:`get_model`, :func:`put_model`), its entry without a summary.

The folder is ``WAYHOME_CACHE_DIR``, else the platform's user cache folder (platformdirs),
with a ``packs`` folder inside. Each pack file has one entry there (its name a digest of
the file's path): a line of JSON with the key it was made under, a digest of the rest and
the pack's summary (:class:`~wayhome.core.rules.selection.PackSummary`: what choosing the
packs an assessment reads needs, without reading the rest), then the pack as validated,
in JSON. The key is a digest of the pack file's bytes,
Wayhome's version, pydantic's, and the source of the core (the schema and the checks).
An entry is used only when its key is the key of the file as it is now, so a pack that
changed, or a new version of Wayhome, reads the YAML again; an entry that cannot be read,
is cut short or changed (its digest), is not JSON or is not a pack counts as none, and
is written again. Writing is best effort: a cache folder that cannot be written costs time,
never an error. Only packs that passed every check are kept, so a pack's errors are
always found, and worded, from its YAML.

JSON, never pickle: an entry is data. It is turned back into the pack's objects by
:mod:`wayhome.adapters.revive` without building the pack model's validators (the key
vouches that pydantic made it from this very file and schema); what revive cannot make
is validated by the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from wayhome import __version__
from wayhome.adapters import revive
from wayhome.core.rules.pack import Pack
from wayhome.core.rules.selection import PackSummary

M = TypeVar("M", bound=BaseModel)

CACHE_ENV: Final = "WAYHOME_CACHE_DIR"
FORMAT: Final = 2  # the entry's own layout (key, summary and pack); bumped if it changes


def cache_dir() -> Path:
    """The folder of pack entries: ``$WAYHOME_CACHE_DIR/packs`` or the platform's."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]) / "packs"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("wayhome", appauthor=False)) / "packs"


# The parts of the core that the pack model and its checks are made of (what importing
# wayhome.core.rules.pack loads; tests/adapters/test_pack_cache.py checks that the list
# covers it): a change to any of their files makes every entry stale.
SCHEMA_SOURCES: Final = (
    "common",
    "money",
    "planner/__init__.py",
    "planner/template.py",
    "profile",
    "rules",
    "visa",
)


def schema_sources() -> list[Path]:
    """The source files SCHEMA_SOURCES names, in a fixed order."""
    import wayhome.core

    core = Path(wayhome.core.__file__).parent
    found = [core / "__init__.py"]
    for part in SCHEMA_SOURCES:
        where = core / part
        found += sorted(where.rglob("*.py")) if where.is_dir() else [where]
    return found


@lru_cache(maxsize=1)
def schema_digest() -> str:
    """A digest of what makes a pack from its YAML besides the file: the versions of
    Wayhome and pydantic, and the source of the pack model, its kinds, its checks and
    the vocabularies they check against."""
    import pydantic

    h = hashlib.sha256(f"{FORMAT}\0{__version__}\0{pydantic.VERSION}".encode())
    for source in schema_sources():
        h.update(b"\0" + source.name.encode() + b"\0")
        h.update(source.read_bytes())
    return h.hexdigest()


def key(raw: bytes) -> str:
    """The key of a pack file's bytes under this Wayhome."""
    return hashlib.sha256(schema_digest().encode() + b"\0" + raw).hexdigest()


def entry_path(path: Path) -> Path:
    name = hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:32]
    return cache_dir() / f"{name}.json"


def get(path: Path, raw: bytes) -> Pack | None:
    """The pack the file at ``path`` holds (its bytes ``raw``), from its entry; None when
    there is no usable entry for these bytes."""
    return get_model(path, raw, Pack)


def get_model(path: Path, raw: bytes, model: type[M]) -> M | None:
    """The ``model`` the file at ``path`` holds (its bytes ``raw``), from its entry; None
    when there is no usable entry for these bytes. A model made of the core's
    SCHEMA_SOURCES only (the key covers no other source)."""
    try:
        head, _, body = entry_path(path).read_bytes().partition(b"\n")
        header = json.loads(head)
        if header.get("key") != key(raw) or header.get("sha256") != _digest(body):
            return None
        data = json.loads(body)
    except Exception:
        return None  # missing, unreadable, cut short, changed or not JSON: read the YAML
    try:
        return revive.revive(model, data)
    except Exception:
        pass  # a shape revive does not know: pydantic makes it
    try:
        return model.model_validate(data)
    except Exception:
        return None


def summary(path: Path, raw: bytes) -> PackSummary | None:
    """The summary of the pack the file at ``path`` holds (its bytes ``raw``), from the
    first line of its entry alone; None when there is no entry for these bytes."""
    try:
        with entry_path(path).open("rb") as f:
            header = json.loads(f.readline())
        if header.get("key") != key(raw):
            return None
        return PackSummary.from_json(header["summary"])
    except Exception:
        return None  # missing, unreadable or not the layout of now: read the YAML


def put(path: Path, raw: bytes, pack: Pack) -> None:
    """Keep ``pack``, read and checked from the bytes ``raw`` of the file at ``path``."""
    put_model(path, raw, pack, {"summary": PackSummary.of(pack).to_json()})


def put_model(path: Path, raw: bytes, value: BaseModel, more: dict[str, Any] | None = None) -> None:
    """Keep ``value``, read and checked from the bytes ``raw`` of the file at ``path``
    (``more``: what else the entry's first line holds)."""
    body = json.dumps(
        value.model_dump(mode="json", by_alias=True, exclude_unset=True),
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    header = {
        "key": key(raw),
        "sha256": _digest(body),
        "file": os.path.abspath(path),
        **(more or {}),
    }
    target = entry_path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file renamed over the entry: another process reads the old entry
        # or the new one, never half of one.
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(json.dumps(header).encode() + b"\n" + body)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a cache that cannot be written: the next run reads the YAML again


def _digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
