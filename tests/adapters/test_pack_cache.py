"""The pack cache (start-up, #28): a pack read and checked once is loaded from its JSON
entry, and is then the very same pack; a changed, corrupt, foreign or stale entry is
never used."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.helpers.models import differences
from wayhome.adapters import pack_cache, packs, revive, yamlfile
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.rules import engine
from wayhome.core.rules.pack import Pack

BUNDLED = packs.pack_folders(packs.bundled_dir())
ON = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """An empty cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(folder))
    return folder / "packs"


@pytest.fixture
def reads(monkeypatch):
    """The pack files read from YAML (a cache miss), in order."""
    seen: list[str] = []
    real = yamlfile.from_bytes

    def spy(raw, name):
        seen.append(Path(name).parent.name)
        return real(raw, name)

    monkeypatch.setattr(yamlfile, "from_bytes", spy)
    return seen


@pytest.fixture
def own_xx(tmp_path):
    """A copy of the fictional pack in a folder of the user's."""
    folder = tmp_path / "mine" / "XX"
    shutil.copytree(packs.bundled_dir() / "XX", folder)
    return folder


@pytest.fixture
def xx(tmp_path, monkeypatch):
    """The fictional pack among the bundled ones, in a copy of the bundled folder that a
    test may change (as a developer or an upgrade changes the real one)."""
    bundled = tmp_path / "bundled"
    shutil.copytree(packs.bundled_dir() / "XX", bundled / "XX")
    monkeypatch.setattr(packs, "bundled_dir", lambda: bundled)
    return bundled / "XX"


@pytest.mark.parametrize("folder", BUNDLED, ids=[f.name for f in BUNDLED])
def test_it_loads_every_bundled_pack_from_its_entry_as_it_was_read(folder, reads):
    cold = packs.load_pack(folder)
    assert reads == [folder.name]
    warm = packs.load_pack(folder)
    assert reads == [folder.name]  # not read again
    assert warm is not cold
    assert differences(warm, cold) == []
    read = packs.load_pack_file(folder / packs.PACK_FILE)[0]
    assert differences(warm, read) == []
    # Made by revive itself, not by pydantic's validation (the fallback):
    body = pack_cache.entry_path(folder / packs.PACK_FILE).read_bytes().partition(b"\n")[2]
    assert differences(revive.revive(Pack, json.loads(body)), read) == []


def test_every_bundled_pack_assesses_alike_from_the_cache_and_from_its_yaml(reads):
    profile, _ = load_profile(example_path("cardiology-in"))
    cold = [packs.load_pack(f) for f in BUNDLED]
    warm = [packs.load_pack(f) for f in BUNDLED]
    assert reads == ["examples"] + [f.name for f in BUNDLED]  # the profile, each pack once
    for pack in cold:
        got = [engine.assess(profile, loaded, ON, [pack.code]).to_json() for loaded in (cold, warm)]
        assert got[0] == got[1], pack.code


def test_it_reads_a_changed_pack_again(xx, reads):
    assert packs.load_pack(xx).name != "Changed"
    path = xx / packs.PACK_FILE
    text = path.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name:"))
    path.write_text(text.replace(name, "name: Changed"), encoding="utf-8")
    assert packs.load_pack(xx).name == "Changed"
    assert reads == ["XX", "XX"]


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda b: b"", id="empty"),
        pytest.param(lambda b: b[: len(b) // 2], id="cut-short"),
        pytest.param(lambda b: b"\x00\xff" + b[2:], id="not-json"),
        pytest.param(
            lambda b: b.replace(b'"Exampleland', b'"Examplelanx', 1), id="a-value-changed"
        ),
        pytest.param(lambda b: b.partition(b"\n")[0] + b"\n" + b'{"code": "XX"}', id="not-a-pack"),
    ],
)
def test_a_corrupt_entry_is_ignored_and_written_again(xx, reads, spoil):
    good = packs.load_pack(xx)
    entry = pack_cache.entry_path(xx / packs.PACK_FILE)
    written = entry.read_bytes()
    entry.write_bytes(spoil(written))
    assert differences(packs.load_pack(xx), good) == []
    assert reads == ["XX", "XX"]
    assert entry.read_bytes() == written
    packs.load_pack(xx)
    assert reads == ["XX", "XX"]  # the rebuilt entry serves the next load


def test_a_user_s_own_pack_is_read_every_time_and_never_kept(own_xx, reads):
    assert packs.load_pack(own_xx).code == "XX"
    assert packs.load_pack(own_xx).code == "XX"
    assert reads == ["XX", "XX"]
    assert not pack_cache.entry_path(own_xx / packs.PACK_FILE).exists()


def test_a_user_s_pack_replaces_the_bundled_one_and_is_never_served_stale(own_xx):
    bundled = {p.code: p for p in packs.load_packs()}["XX"]
    path = own_xx / packs.PACK_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace(f"name: {bundled.name}", "name: Mine", 1),
        encoding="utf-8",
    )
    mine = {p.code: p for p in packs.load_packs([own_xx.parent])}["XX"]
    assert mine.name == "Mine"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Mine", "name: Mine again", 1),
        encoding="utf-8",
    )
    assert {p.code: p for p in packs.load_packs([own_xx.parent])}["XX"].name == "Mine again"
    assert {p.code: p for p in packs.load_packs()}["XX"].name == bundled.name


def test_a_pack_with_errors_is_never_kept(xx, cache):
    path = xx / packs.PACK_FILE
    path.write_text(path.read_text(encoding="utf-8") + "surprise: 1\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(yamlfile.InvalidFileError, match="unknown field 'surprise'"):
            packs.load_pack(xx)
    assert not pack_cache.entry_path(path).exists()


def test_another_wayhome_version_reads_the_pack_again(xx, reads, monkeypatch):
    packs.load_pack(xx)
    monkeypatch.setattr(pack_cache, "__version__", "99.0")
    pack_cache.schema_digest.cache_clear()
    try:
        packs.load_pack(xx)
        packs.load_pack(xx)
    finally:
        monkeypatch.undo()
        pack_cache.schema_digest.cache_clear()
    assert reads == ["XX", "XX"]


def test_a_change_to_the_schema_s_source_reads_the_pack_again(xx, reads, monkeypatch, tmp_path):
    source = tmp_path / "model.py"
    source.write_text("version = 1\n")
    monkeypatch.setattr(pack_cache, "schema_sources", lambda: [source])
    pack_cache.schema_digest.cache_clear()
    try:
        packs.load_pack(xx)
        source.write_text("version = 2\n")
        pack_cache.schema_digest.cache_clear()
        packs.load_pack(xx)
    finally:
        monkeypatch.undo()
        pack_cache.schema_digest.cache_clear()
    assert reads == ["XX", "XX"]


def test_the_schema_s_source_covers_every_core_module_the_pack_model_is_made_of():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            # the guide template (adapters/plans.py) is kept under the same key
            "import sys, wayhome.core.rules.pack, wayhome.core.planner.template; "
            "print('\\n'.join(m.__file__ for n, m in sys.modules.items() "
            "if n.startswith('wayhome.core')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {Path(f).resolve() for f in done.stdout.split()}
    assert loaded - {p.resolve() for p in pack_cache.schema_sources()} == set()


def test_a_cache_folder_that_cannot_be_written_only_costs_time(xx, cache, reads):
    cache.parent.mkdir()
    cache.write_text("a file where the folder would be")
    assert packs.load_pack(xx).code == "XX"
    assert packs.load_pack(xx).code == "XX"
    assert reads == ["XX", "XX"]


def test_an_entry_revive_cannot_make_is_validated_instead(xx, reads, monkeypatch):
    good = packs.load_pack(xx)

    def cannot(model, data):
        raise revive.UnsupportedError("no")

    monkeypatch.setattr(revive, "revive", cannot)
    assert differences(packs.load_pack(xx), good) == []
    assert reads == ["XX"]


def test_the_entry_is_json_in_the_folder_wayhome_cache_dir_names(xx, cache):
    packs.load_pack(xx)
    [entry] = cache.iterdir()
    header, body = entry.read_bytes().split(b"\n", 1)
    assert json.loads(header)["file"] == str(xx / packs.PACK_FILE)
    assert json.loads(body)["code"] == "XX"


def test_revive_refuses_what_is_not_a_mapping():
    with pytest.raises(revive.UnsupportedError):
        revive.revive(Pack, ["XX"])


FRESH = """
import json, sys
from typing import ForwardRef
from wayhome.adapters import pack_cache, packs, revive
from wayhome.core.rules.conditions import AllOf
from wayhome.core.rules.pack import Pack


def seen(pack):
    labels = [v.label(r.id) for r in pack.rules for v in r.versions]
    return repr(pack), pack.model_dump(exclude_unset=True), labels


unresolved = isinstance(AllOf.model_fields["all"].annotation, ForwardRef)
folders = packs.pack_folders(packs.bundled_dir())
revived = []
for folder in folders:
    entry = pack_cache.entry_path(folder / packs.PACK_FILE).read_bytes()
    revived.append(revive.revive(Pack, json.loads(entry.partition(b"\\n")[2])))
read = [packs.load_pack_file(f / packs.PACK_FILE)[0] for f in folders]
same = [seen(a) == seen(b) for a, b in zip(revived, read)]
print(json.dumps({"unresolved": unresolved, "same": same}))
"""


def test_revive_makes_the_same_packs_in_a_fresh_process_where_no_model_is_built(tmp_path):
    # In a fresh process a model that names a later type (AllOf names Condition) has its
    # fields unresolved until pydantic builds it: revive reads them itself.
    env = {**os.environ, pack_cache.CACHE_ENV: str(tmp_path / "cache")}
    fill = "from wayhome.adapters import packs; packs.bundled_packs()"
    subprocess.run([sys.executable, "-c", fill], env=env, check=True)
    done = subprocess.run(
        [sys.executable, "-c", FRESH], env=env, capture_output=True, text=True, check=True
    )
    result = json.loads(done.stdout)
    assert result["unresolved"]
    assert result["same"] == [True] * len(BUNDLED)


def test_revive_counts_a_validator_s_parameters_as_inspect_does():
    import functools
    import inspect

    def models(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from models(sub)

    def one(self):
        return self

    def two(self, info, *rest, key=None, **more):
        return self

    @functools.wraps(two)
    def wrapped(self):
        return self

    found = [
        d.func
        for m in models(BaseModel)
        if m.__module__.startswith("wayhome.core")
        for d in m.__pydantic_decorators__.model_validators.values()
    ]
    assert found  # the rules' own "after" validators among them
    for func in [*found, one, two, wrapped, functools.partial(two, None), len]:
        try:
            expected = len(inspect.signature(func).parameters)
        except ValueError:
            continue
        assert revive._parameter_count(func) == expected, func


def test_revive_makes_one_converter_per_annotation():
    assert revive._converter(list[str] | None) is None
    made = revive._converter(list[date] | None)
    assert made is revive._converter(list[date] | None)
    assert made(["2024-02-29"]) == [date(2024, 2, 29)]
    assert made(None) is None
