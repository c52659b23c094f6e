"""The planner's files as a command reads them at start-up (#28): the guide template
from the pack cache, and no progress file, each without building a validator."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers.models import differences
from wayhome.adapters import pack_cache, plans, yamlfile
from wayhome.core.planner.progress import Progress
from wayhome.core.planner.template import Template


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(folder))
    plans.guide_template.cache_clear()
    yield folder / "packs"
    plans.guide_template.cache_clear()


def test_the_guide_template_comes_from_its_entry_as_it_was_read(monkeypatch):
    seen: list[str] = []
    real = yamlfile.from_bytes
    monkeypatch.setattr(
        yamlfile, "from_bytes", lambda raw, name: seen.append(name) or real(raw, name)
    )
    cold = plans.guide_template()
    assert seen == [str(plans.guide_path())]
    plans.guide_template.cache_clear()
    warm = plans.guide_template()
    assert seen == [str(plans.guide_path())]  # not read again
    assert warm is not cold
    read = yamlfile.validate(yamlfile.read(plans.guide_path()), Template)
    assert differences(warm, read) == []
    assert differences(cold, read) == []


def test_a_changed_guide_template_is_read_again(tmp_path, monkeypatch):
    guide = tmp_path / "guide.yaml"
    guide.write_bytes(plans.guide_path().read_bytes())
    monkeypatch.setattr(plans, "guide_path", lambda: guide)
    first = plans.guide_template()
    plans.guide_template.cache_clear()
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text + "\n# changed\n", encoding="utf-8")
    seen: list[str] = []
    real = yamlfile.from_bytes
    monkeypatch.setattr(
        yamlfile, "from_bytes", lambda raw, name: seen.append(name) or real(raw, name)
    )
    again = plans.guide_template()
    assert seen == [str(guide)]
    assert differences(again, first) == []


def test_no_progress_file_is_progress_with_nothing_set(tmp_path):
    found = plans.load_progress(tmp_path / "none.progress.yaml")
    assert differences(found, Progress()) == []
    assert found.model_fields_set == set()


BUILT = """
import json, sys
from pathlib import Path
from wayhome.adapters import plans
from wayhome.core.planner.progress import Progress
from wayhome.core.planner.template import Template

plans.guide_template()
progress = plans.load_progress(Path(sys.argv[1]))
print(json.dumps({
    "tasks": len(plans.guide_template().tasks),
    "built": [m.__name__ for m in (Template, Progress) if m.__pydantic_complete__],
}))
"""


def test_a_start_with_the_template_kept_builds_neither_validator(tmp_path, cache):
    plans.guide_template()  # kept in the cache
    env = {pack_cache.CACHE_ENV: str(cache.parent)}
    done = subprocess.run(
        [sys.executable, "-c", BUILT, str(tmp_path / "none.progress.yaml")],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, **env},
    )
    found = json.loads(done.stdout)
    assert found == {"tasks": len(plans.guide_template().tasks), "built": []}
