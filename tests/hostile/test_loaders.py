"""Item 13, the profile and pack loaders: a real profile or pack with a few of its values
made hostile (the wrong type, a huge string, 30 Feb 2024, year 1 or 9999, nested junk,
a key removed or one no model knows) is loaded, or refused with each problem at its
file:line and field; and a profile or pack that loads is one every use can take (the
plan, the visa clocks, the scenarios and their money), never a traceback.
"""

from __future__ import annotations

import copy
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from tests.helpers.hostile_input import ODD_DATES, ODD_NUMBERS, bounded, hard_limit, hostile_text
from wayhome.adapters import packs, profiles, yamlfile
from wayhome.adapters.db import store
from wayhome.services import planning, scenarios, setup, visa
from wayhome.services.source import ProfileSource, from_example, from_file

ON = date(2026, 11, 24)
PROFILES = {n: yamlfile.read(profiles.example_path(n)).data for n in profiles.example_names()}
PACKS = ("XX", "US", "GB")  # the fictional pack, the smallest real one, a large one
PACK_DATA = {c: yamlfile.read(packs.bundled_dir() / c / packs.PACK_FILE).data for c in PACKS}
ISO_DAY = re.compile(r"^\d{4}-\d\d-\d\d$")
NUMBER = re.compile(r"^-?[\d.]+$")
KEYS = st.sampled_from(("start", "end", "date", "name", "country", "kind", "years", "x"))


def _junk(leaf: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.recursive(
        leaf,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
        max_leaves=6,
    )


TEXT_JUNK = _junk(hostile_text(20))  # what a YAML file holds: text, lists, mappings
NATIVE_JUNK = _junk(  # what stored data (JSON) holds besides
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**20), max_value=10**20),
        st.floats(),
        hostile_text(20),
    )
)


def _plausible(value: Any) -> st.SearchStrategy[Any]:
    """A value of the same shape that is wrong in its own way: a day far off or odd, a
    number negative or huge, a list emptied, repeated or reversed."""
    if isinstance(value, str) and ISO_DAY.match(value):
        return st.one_of(
            st.dates().map(date.isoformat),
            st.sampled_from(("0001-01-01", "1899-12-31", "2199-12-31", "9999-12-31", *ODD_DATES)),
        )
    if isinstance(value, str) and NUMBER.match(value):
        return st.one_of(
            st.integers(min_value=-(10**15), max_value=10**15).map(str),
            st.sampled_from(("1e308", "1e-308", "0.000000001", *ODD_NUMBERS)),
        )
    if isinstance(value, list):
        return st.sampled_from(([], value * 3, value[::-1]))
    return hostile_text(30)


def _paths(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at] if at else []
    if isinstance(node, dict):
        for k, v in node.items():
            found += _paths(v, (*at, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            found += _paths(v, (*at, i))
    return found


def changed(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``data`` with the value at ``path`` replaced (or removed: ``...``)."""
    out = copy.deepcopy(data)
    parent = out
    for key in path[:-1]:
        parent = parent[key]
    if value is ...:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return out


@st.composite
def mutated(draw: st.DrawFn, bases: dict[str, Any], junk: st.SearchStrategy[Any]) -> Any:
    """One of ``bases`` with one to three of its values replaced, removed or added to."""
    data = draw(st.sampled_from(sorted(bases)).map(lambda k: copy.deepcopy(bases[k])))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        how = draw(st.sampled_from(("junk", "plausible", "plausible", "remove", "add")))
        if how == "junk":
            parent[path[-1]] = draw(junk)
        elif how == "plausible":
            parent[path[-1]] = draw(_plausible(parent[path[-1]]))
        elif how == "remove":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(junk)
    return data


def dumped(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def located(error: yamlfile.InvalidFileError, file: str) -> None:
    """Every problem is said at the file, with its line or the field it is about."""
    assert error.errors
    for problem in error.errors:
        assert str(problem).startswith(file), problem
        assert problem.line or problem.field, problem
        assert problem.message.strip(), problem


def every_use(src: ProfileSource, file: str, pack_dirs: tuple[Path, ...] = ()) -> None:
    """What the commands and pages do with a profile that loaded: each answers, or says
    what is wrong at its place in the file (a confirmed rule the packs refuse)."""
    for use in (planning.plan, visa.visa_clocks, scenarios.scenarios_of):
        try:
            use(src, ON, pack_dirs=pack_dirs)
        except yamlfile.InvalidFileError as e:
            located(e, file)


DAY_1 = changed(PROFILES["cardiology-in"], ("board_certifications", 0, "expires"), "0001-01-01")
DAY_9999 = changed(
    PROFILES["cardiology-in"], ("board_certifications", 0, "certified"), "9999-12-31"
)
A_TRILLION_TIMES = changed(PROFILES["do-the-math"], ("money", "home_income", "per_year"), "1e308")
MONTH_0 = changed(PROFILES["do-the-math"], ("visa", "board_exam_extension"), {"exam": "0000-05"})


@given(data=mutated(PROFILES, TEXT_JUNK))
@example(data=DAY_1)  # was OverflowError: date value out of range (the planner)
@example(data=DAY_9999)  # was ValueError: year 10000 is out of range
@example(data=A_TRILLION_TIMES)  # was decimal.InvalidOperation (the money forecast)
@example(data=MONTH_0)
@example(data=changed(PROFILES["do-the-math"], ("plan", "return_date"), "30 Feb 2024"))
@example(data=changed(PROFILES["do-the-math"], ("person",), [[[]]]))
@bounded(40, seconds=15)
def test_a_profile_file_is_loaded_and_used_or_refused_at_its_line(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "me.yaml"
    path.write_text(dumped(data), encoding="utf-8")
    with hard_limit(30):
        try:
            src = from_file(path, "me.yaml")
        except yamlfile.InvalidFileError as e:
            located(e, "me.yaml")
            return
        every_use(src, "me.yaml")


@given(data=mutated(PROFILES, NATIVE_JUNK))
@example(data=changed(PROFILES["do-the-math"], ("plan", "return_date"), 20280701))
@example(data=changed(PROFILES["do-the-math"], ("money", "us_income", "2027"), float("nan")))
@example(data=changed(PROFILES["do-the-math"], ("training",), {"0": None}))
@bounded(25, seconds=15)
def test_a_stored_profile_is_loaded_and_used_or_refused_by_field(data):
    with hard_limit(30):
        try:
            profile = profiles.from_data(data)
        except yamlfile.InvalidFileError as e:
            located(e, "stored profile")
            assert all(p.field for p in e.errors), "with no lines, the field is the place"
            return
        every_use(ProfileSource(profile), "stored profile")


# A confirmed rule without its years loaded, replaced the stored profile, and only then
# failed (the import's own first plan): a 500 on the web, every page broken after.
NO_YEARS = changed(PROFILES["cardiology-in"], ("confirmed_rules", 0, "years"), ...)


@given(data=mutated(PROFILES, TEXT_JUNK))
@example(data=DAY_9999)
@example(data=NO_YEARS)
@bounded(10, seconds=15)
def test_an_imported_profile_replaces_the_stored_one_whole_or_not_at_all(owner, data):
    user, _ = owner
    before = store.profile_data(user)
    with hard_limit(30):
        try:
            setup.import_upload(user, dumped(data).encode(), "me.yaml", ON)
        except yamlfile.InvalidFileError as e:
            located(e, "me.yaml")
            assert store.profile_data(user) == before
            return
    stored = store.profile_data(user)
    assert stored is not None
    every_use(ProfileSource(profiles.from_data(stored)), "stored profile")


@pytest.fixture(scope="module")
def pack_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("packs")


def _pack_data(code: str, path: tuple[Any, ...], value: Any) -> Any:
    return changed(PACK_DATA[code], path, value)


US_TASK = next(i for i, t in enumerate(PACK_DATA["US"]["tasks"]) if "duration" in t)
XX_LOCAL = next(
    i for i, r in enumerate(PACK_DATA["XX"]["rules"]) if r.get("kind") == "local_training"
)


@given(data=mutated(PACK_DATA, TEXT_JUNK))
# were OverflowError and ValueError in the planner: a task of 142857143 weeks, or
# starting 12516 years after its anchor
@example(data=_pack_data("US", ("tasks", US_TASK, "duration"), {"weeks": "142857143"}))
@example(
    data=_pack_data(
        "US", ("tasks", US_TASK, "start"), {"anchor": "today", "after": {"years": "12516"}}
    )
)
@example(data=_pack_data("XX", ("rules", 0, "versions", 0, "from"), "30 Feb 2024"))
# was ValueError in a scenario: local training of 95,634 months ends after the year 9999
@example(data=_pack_data("XX", ("rules", XX_LOCAL, "versions", 0, "duration"), {"months": "95634"}))
@example(data=_pack_data("XX", ("rules", 0), "x" * 20_000))
@bounded(20, seconds=20)
def test_a_users_pack_is_loaded_and_used_or_refused_at_its_line(pack_root, data):
    code = data.get("code") if isinstance(data.get("code"), str) else "XX"
    code = code if code in PACK_DATA else "XX"  # a code made hostile: refused either way
    shutil.rmtree(pack_root, ignore_errors=True)
    (pack_root / code).mkdir(parents=True)
    path = pack_root / code / packs.PACK_FILE
    path.write_text(dumped(data), encoding="utf-8")
    with hard_limit(40):
        try:
            packs.load_packs([pack_root], bundled=False)
        except yamlfile.InvalidFileError as e:
            located(e, str(path))
            return
        for name in profiles.example_names():
            every_use(from_example(name), f"example:{name}", (pack_root,))
