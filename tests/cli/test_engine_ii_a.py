"""Engine II-a through the command line: `wayhome assess --json` on a profile file gives
the worked dates of the period convention, experience counted from the periods, the
posts sought with the rules for other posts apart, and the rule that sets each date; the
text shows the same; bad values are refused at their line; the schemas name every field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import BASE, SOURCE
from tests.helpers.cli import flatten, run
from wayhome.adapters.profiles import example_path
from wayhome.core.common.data import merge

ON = "2026-11-24"
HEAD = (
    "code: XX\nname: Test\ncountry: XX\nfictional: true\nversion: '1'\n"
    "reviewed: 2026-11-24\nregulator: {name: Test, website: null}\n"
)


def _assess_json(tmp_path: Path, profile: dict[str, Any], *options: str) -> dict:
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(profile, sort_keys=False), encoding="utf-8")
    result = run("assess", str(path), "--on", ON, "--json", "--country", "XX", *options)
    assert result.exit_code == 0, result.output
    return next(a for a in json.loads(result.output)["assessments"] if a["jurisdiction"] == "XX")


def _with_pack(tmp_path: Path, rules: str) -> str:
    folder = tmp_path / "packs" / "XX"
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(HEAD + SOURCE + "rules:\n" + rules, encoding="utf-8")
    return str(tmp_path / "packs")


# The worked examples of issue #18 §1, each with the rule that counts it and the profile
# that gives its anchor: (rule, profile overrides, the finding's expected dates).
EXAMPLES = {
    "course-joined-1-sep-2022-within-10-years": (
        "{id: r, kind: course_window, title: Course, versions: [{source: s1, years: 10}]}",
        {"medical_school": {"start": "2022-09-01", "graduated": "2027-06-30"}},
        {"completed_on": "2032-08-31"},
    ),
    "two-years-after-a-certificate-of-15-aug-2023": (
        "{id: r, kind: min_years_experience, title: Experience,"
        " versions: [{source: s1, years: 2, after: board_certification}]}",
        {
            "board_certifications": [
                {"board": "ABIM", "specialty": "internal-medicine", "certified": "2023-08-15"}
            ]
        },
        {"earliest": "2025-08-15", "completed_on": "2025-08-14"},
    ),
    "a-year-of-experience-after-training-ends-30-jun-2021": (
        "{id: r, kind: min_years_experience, title: Experience,"
        " versions: [{source: s1, years: 1, after: training}]}",
        {
            "training": [
                {
                    "kind": "residency",
                    "specialty": "internal-medicine",
                    "country": "US",
                    "start": "2018-07-01",
                    "end": "2021-06-30",
                }
            ]
        },
        {"completed_on": "2022-06-30", "earliest": "2022-07-01"},
    ),
    "12-months-of-local-training-from-a-return-on-1-may-2028": (
        "{id: r, kind: local_training, title: Attachment,"
        " versions: [{source: s1, duration: {months: 12}, what: supervised practice}]}",
        {"plan": {"return_date": "2028-05-01"}},
        {"completed_on": "2029-04-30"},
    ),
}


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_worked_examples_of_the_period_convention_hold_in_assess_json(tmp_path, name):
    # The fifth, a programme ending 30 Jun 2026 and "30 days after" ending 30 Jul 2026, is
    # the J-1 grace period: tests/test_one_answer.py runs it through assess and visa.
    rule, over, expected = EXAMPLES[name]
    packs = _with_pack(tmp_path, f"  - {rule}\n")
    a = _assess_json(tmp_path, merge(BASE, over), "--packs", packs)
    (finding,) = a["findings"]
    assert {k: finding[k] for k in expected} == expected


def _do_the_math(**plan: Any) -> dict[str, Any]:
    data = yaml.safe_load(example_path("do-the-math").read_text(encoding="utf-8"))
    data["plan"].update(plan)
    return data


def test_teaching_counts_for_the_faculty_post_and_a_long_gap_shows_its_consequences(tmp_path):
    data = _do_the_math(return_date="2030-07-01")
    data["work"].append(
        {
            "role": "clinical instructor",
            "kind": "teaching",
            "institution": "A teaching hospital",
            "country": "US",
            "start": "2025-07-01",
            "end": "2027-06-30",
            "fraction": 0.5,
        }
    )
    found = {f["rule"]: f for f in _assess_json(tmp_path, data)["findings"]}
    teaching = found["xx-faculty-teaching"]
    # Half time: two years of teaching are one year of the two needed.
    assert teaching["status"] == "unknown" and teaching["completed_on"] is None
    assert "your periods add up to 1 year of the 2 years needed" in teaching["explanation"]
    gap = found["xx-recent-practice"]
    assert (gap["status"], gap["deadline"], gap["completed_on"]) == (
        "conflict",
        "2030-06-30",
        "2030-06-30",
    )
    counted = "counting from the day after your last day of practice, 1 Jul 2027"
    assert counted in gap["explanation"]
    assert "the regulator asks for: 50 hours of approved CPD" in gap["explanation"]


def test_the_posts_sought_the_rules_for_other_posts_and_what_sets_each_date(tmp_path):
    a = _assess_json(tmp_path, _do_the_math(posts=["specialist"]))
    assert (a["posts"], a["posts_note"]) == (["specialist"], None)
    assert [f["rule"] for f in a["other_posts"]] == ["xx-faculty-teaching"]
    assert "xx-faculty-teaching" not in {f["rule"] for f in a["findings"]}
    assert (a["latest_safe_return"], a["latest_safe_return_rule"]) == (
        "2027-03-15",
        "xx-exam-graduation-window",
    )
    assert (a["earliest_return"], a["earliest_return_rule"]) == (
        "2029-08-20",
        "xx-consultant-experience",
    )
    assert a["latest_safe_return_reason"] is None and a["earliest_return_reason"] is None
    by_default = _assess_json(tmp_path, _do_the_math())
    assert by_default["posts"] == ["consultant", "faculty"]
    note = by_default["posts_note"]
    assert "for an academic return Wayhome takes consultant and faculty" in note
    assert by_default["other_posts"] == []


def test_the_text_shows_the_posts_and_the_rules_for_other_posts_as_the_dashboard_does(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(_do_the_math(posts=["specialist"])), encoding="utf-8")
    out = flatten(run("assess", str(path), "--on", ON, "--country", "XX").output)
    assert "Posts you seek: specialist" in out
    assert "Rules for posts you do not seek (they set no date and no route):" in out
    other = out.split("Rules for posts you do not seek")[1]
    assert "Years of teaching before a faculty post" in other
    default = flatten(run("assess", "--example", "do-the-math", "--on", ON).output)
    assert "Posts you seek: consultant, faculty" in default
    assert "for an academic return Wayhome takes consultant and faculty" in default
    assert "Rules for posts you do not seek" not in default


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("work", "fraction", 1.5), "work[0].fraction: 1.5 is too large: it must be 1 at most"),
        (("work", "kind", "surgery"), "work[0].kind: 'surgery' is not one of"),
        (("plan", "posts", ["registrar"]), "plan.posts[0]: unknown post 'registrar'"),
    ],
    ids=["fraction-over-1", "unknown-work-kind", "unknown-post"],
)
def test_bad_new_values_exit_2_with_file_line_and_field(tmp_path, change, message):
    data = _do_the_math()
    where, field, value = change
    (data["work"][0] if where == "work" else data["plan"])[field] = value
    path = tmp_path / "me.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run("assess", str(path), "--on", ON, "--json")
    assert result.exit_code == 2
    assert f"{path}:" in result.output and message in result.output


def test_the_schemas_cover_every_new_field():
    profile = json.loads(run("schema", "profile").output)
    defs = profile["$defs"]
    work = next(v for k, v in defs.items() if k.lower() == "work")["properties"]
    training = next(v for k, v in defs.items() if k.lower() == "training")["properties"]
    plan = next(v for k, v in defs.items() if k.lower() == "plan")["properties"]
    scenario = next(v for k, v in defs.items() if k.lower() == "scenario")["properties"]
    assert {"kind", "institution", "fraction"} <= set(work)
    assert "institution" in training
    assert "posts" in plan and "posts" in scenario
    pack = run("schema", "pack").output
    for name in ("counting", "counts", "while_licensed", "consequences", "by_post", "posts"):
        assert f'"{name}"' in pack, name
