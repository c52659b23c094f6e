"""The planner's files: the bundled task template, and the progress state file.

Progress lives beside the profile (``me.yaml`` -> ``me.progress.yaml``) until the
web app keeps it in its database. Writes are atomic: a crash leaves the old
file whole, never half of a new one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

import wayhome
from wayhome.adapters import pack_cache, yamlfile
from wayhome.adapters.files import write_atomic
from wayhome.core.planner.progress import Progress
from wayhome.core.planner.template import Template

PROGRESS_SUFFIX = ".progress.yaml"


def guide_path() -> Path:
    """The bundled guide template, in a folder of the package (as
    :func:`wayhome.adapters.packs.bundled_dir`)."""
    return Path(wayhome.__file__).parent / "plans" / "guide.yaml"


@lru_cache(maxsize=1)
def guide_template() -> Template:
    """The bundled guide template: read and checked once, then from the pack cache
    (:mod:`wayhome.adapters.pack_cache`), without building the template's validator."""
    path = guide_path()
    name = str(path)
    raw = yamlfile.read_bytes(path, name)
    template = pack_cache.get_model(path, raw, Template)
    if template is None:
        template = yamlfile.validate(yamlfile.from_bytes(raw, name), Template)
        pack_cache.put_model(path, raw, template)
    return template


def progress_path(profile_path: Path) -> Path:
    return profile_path.with_name(profile_path.stem + PROGRESS_SUFFIX)


def load_progress(path: Path) -> Progress:
    if not path.exists():
        # Progress() without building its validator (#28, start-up): no field is set,
        # each is its default (tests/adapters/test_plans.py).
        return Progress.model_construct()
    return yamlfile.validate(yamlfile.read(path), Progress)


def save_progress(path: Path, progress: Progress) -> None:
    data = progress.model_dump(mode="json", exclude_defaults=True)
    text = (
        "# Wayhome's record of your progress on the plan; edit with `wayhome task`.\n"
        + yaml.safe_dump(data, sort_keys=True, allow_unicode=True)
    )
    write_atomic(path, text.encode("utf-8"))
