"""Only the packs an assessment reads are loaded (core/rules/selection.py, #28), and they
give the same answer as every pack: each pack's scenario profiles, and the examples, are
assessed and planned both ways and compared whole."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from tests.packs import scenarios
from wayhome.adapters import pack_cache, packs, plans
from wayhome.adapters.profiles import example_path, load_profile
from wayhome.core.planner.plan import make_plan
from wayhome.core.planner.progress import Progress
from wayhome.core.profile.model import Profile
from wayhome.core.rules import engine
from wayhome.core.rules.selection import PackSummary, needed

ALL = packs.bundled_packs()
SUMMARIES = [PackSummary.of(p) for p in ALL]
CASES = [
    (put, case)
    for put in (scenarios.load(f) for f in scenarios.folders())
    if put.scenarios
    for case in put.scenarios.cases + put.scenarios.end_to_end
]


def _chosen(profile: Profile, targets: list[str] | None) -> list:
    codes = needed(profile, SUMMARIES, targets)
    return [p for p in ALL if codes is None or p.code in codes]


def _both_ways(profile: Profile, on: date, targets: list[str] | None) -> tuple[str, str]:
    out = []
    for chosen in (list(ALL), _chosen(profile, targets)):
        report = engine.assess(profile, chosen, on, targets)
        plan = make_plan(profile, report, chosen, plans.guide_template(), on, Progress())
        out.append(json.dumps([report.to_json(), plan.to_json()], sort_keys=True, default=str))
    return out[0], out[1]


@pytest.mark.parametrize(("put", "case"), CASES, ids=[f"{p.code}::{c.name}" for p, c in CASES])
def test_the_packs_chosen_give_the_answer_of_all_of_them(put, case):
    profile = scenarios.profile_for(put, case)
    if put.code not in {p.code for p in ALL}:
        pytest.skip("a pack of the user's own: compared with the bundled ones only")
    for targets in ([put.code], None):
        whole, chosen = _both_ways(profile, case.on, targets)
        assert chosen == whole, (case.name, targets)


@pytest.mark.parametrize("name", ["cardiology-in", "do-the-math"])
def test_the_examples_read_a_few_packs_and_get_the_same_answer(name):
    profile = load_profile(example_path(name))[0]
    codes = needed(profile, SUMMARIES)
    assert codes is not None and len(codes) < len(ALL) / 2, codes
    whole, chosen = _both_ways(profile, date(2026, 12, 5), None)
    assert chosen == whole


def _with(profile: Profile, **changes) -> Profile:
    return Profile.model_validate(profile.model_dump(mode="json") | changes)


def test_an_attempt_brings_the_packs_of_its_exam_and_of_its_pool():
    base = load_profile(example_path("cardiology-in"))[0]
    dha = next(s for s in SUMMARIES if s.code == "AE-DHA")
    exam = sorted(dha.exams)[0]
    tried = _with(base, exam_attempts=[{"name": exam, "date": "2025-03-01", "result": "fail"}])
    codes = needed(tried, SUMMARIES)
    assert codes is not None
    # the DHA's exam, and every regulator whose exams share its pool (the UAE's three)
    assert {"AE-DHA", "AE-DOH", "AE-MOHAP"} <= codes
    assert {"IN", "US"} <= codes
    assert "BR" not in codes


def test_an_exam_no_pack_knows_reads_every_pack_so_the_error_lists_them_all():
    base = load_profile(example_path("cardiology-in"))[0]
    odd = _with(
        base, exam_attempts=[{"name": "No Such Exam", "date": "2025-03-01", "result": "fail"}]
    )
    assert needed(odd, SUMMARIES) is None


def test_a_country_names_all_its_regulators():
    base = load_profile(example_path("cardiology-in"))[0]
    codes = needed(base, SUMMARIES, ["AE"])
    assert codes is not None
    assert {"AE-DHA", "AE-DOH", "AE-MOHAP", "US"} <= codes
    assert "IN" not in codes


def test_packs_for_loads_the_chosen_ones_from_the_cache_summaries(tmp_path, monkeypatch):
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(tmp_path / "cache"))
    packs.bundled_packs.cache_clear()
    profile = load_profile(example_path("cardiology-in"))[0]
    revived: list[str] = []
    real_get = pack_cache.get

    def counting_get(path, raw):
        revived.append(path.parent.name)
        return real_get(path, raw)

    monkeypatch.setattr(pack_cache, "get", counting_get)
    try:
        first = packs.packs_for(profile)  # no summaries yet: each pack is read and kept
        revived.clear()
        again = packs.packs_for(profile)
    finally:
        packs.bundled_packs.cache_clear()
    codes = needed(profile, SUMMARIES)
    assert codes is not None
    assert sorted(revived) == sorted(codes)  # the rest were never read from the cache
    assert (
        [p.code for p in again]
        == [p.code for p in first]
        == [p.code for p in ALL if p.code in codes]
    )


def test_a_summary_of_another_layout_or_a_changed_pack_is_none(tmp_path, monkeypatch):
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(tmp_path / "cache"))
    folder = packs.bundled_dir() / "IN"
    raw = (folder / packs.PACK_FILE).read_bytes()
    pack = packs.load_pack(folder)
    pack_cache.put(folder / packs.PACK_FILE, raw, pack)
    assert pack_cache.summary(folder / packs.PACK_FILE, raw) == PackSummary.of(pack)
    assert pack_cache.summary(folder / packs.PACK_FILE, raw + b"\n# changed") is None
    entry = pack_cache.entry_path(folder / packs.PACK_FILE)
    head, _, body = entry.read_bytes().partition(b"\n")
    header = json.loads(head)
    del header["summary"]  # an entry of the layout before summaries
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert pack_cache.summary(folder / packs.PACK_FILE, raw) is None


def test_a_users_pack_replaces_the_bundled_one_in_the_choice(tmp_path, monkeypatch):
    monkeypatch.setenv(pack_cache.CACHE_ENV, str(tmp_path / "cache"))
    mine = tmp_path / "mine" / "IN"
    shutil.copytree(packs.bundled_dir() / "IN", mine)
    text = (mine / packs.PACK_FILE).read_text(encoding="utf-8")
    (mine / packs.PACK_FILE).write_text(text.replace('version: "', 'version: "mine-', 1))
    profile = load_profile(example_path("cardiology-in"))[0]
    packs.bundled_packs.cache_clear()
    try:
        chosen = packs.packs_for(profile, [mine.parent])
    finally:
        packs.bundled_packs.cache_clear()
    by_code = {p.code: p for p in chosen}
    assert by_code["IN"].version.startswith("mine-")
    assert "BR" not in by_code
