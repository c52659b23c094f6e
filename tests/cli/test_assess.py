"""`wayhome assess`, `schema` and `example` as a user runs them."""

import json
from pathlib import Path

import pytest

from tests.helpers.cli import flatten, run

ON = "2026-11-24"


def test_it_shows_the_guides_conflict_with_its_arithmetic():
    result = run("assess", "--example", "do-the-math", "--on", ON)
    assert result.exit_code == 0, result.output
    out = flatten(result.output)
    assert "CONFLICT" in out
    assert (
        "You graduated from medical school on 30 Jun 2017; the 10-year window ends 29 Jun 2027"
        in out
    )
    assert "1 year, 3 months and 1 day too late" in out
    assert "Latest safe return: 15 Mar 2027" in out
    assert "FICTIONAL" in out
    assert "Source [2]: Specialist Conversion Examination Regulations 2020 (fictional)" in out
    assert "not legal advice" in out


def test_json_has_the_documented_shape():
    result = run("assess", "--example", "do-the-math", "--on", ON, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["on"] == ON
    xx = next(a for a in data["assessments"] if a["jurisdiction"] == "XX")
    assert xx["pathway"] == "full_specialist"
    assert xx["latest_safe_return"] == "2027-03-15"
    assert xx["earliest_return"] == "2029-08-20"
    window = next(f for f in xx["findings"] if f["rule"] == "xx-exam-graduation-window")
    assert window["status"] == "conflict"
    assert window["deadline"] == "2027-06-29"
    assert window["rule_version"] == "xx-exam-graduation-window@2020-01-01"
    assert window["source"] == {
        "title": "Specialist Conversion Examination Regulations 2020 (fictional)",
        "url": "https://council.example/exam-regulations-2020",
        "as_of": "2020-01-01",
        "reviewed": "2026-11-24",
        "grade": "regulator",
    }
    assert window["confirmed_by_user"] is False
    exam = xx["exams"][0]
    assert exam["next_sittings"] == ["2027-03-15", "2027-09-13", "2028-03", "2028-09"]
    assert exam["registration_deadline"] == "2028-06-01"
    assert xx["unknowns"][0]["question"].startswith("Does time spent at home")


def test_the_same_case_is_missed_once_the_deadline_has_passed():
    data = json.loads(
        run("assess", "--example", "do-the-math", "--on", "2027-06-30", "--json").output
    )
    xx = data["assessments"][0]
    window = next(f for f in xx["findings"] if f["rule"] == "xx-exam-graduation-window")
    assert window["status"] == "missed"


def test_country_limits_the_jurisdictions():
    data = json.loads(
        run("assess", "--example", "do-the-math", "--on", ON, "--json", "--country", "us").output
    )
    assert [a["jurisdiction"] for a in data["assessments"]] == ["US"]
    assert data["assessments"][0]["pathway"] is None


def test_a_confirmed_rule_is_shown_as_the_users(tmp_path):
    result = run("assess", "--example", "cardiology-in", "--on", ON, "--json")
    india = json.loads(result.output)["assessments"][0]
    assert india["jurisdiction"] == "IN"
    mine = [f for f in india["findings"] if f["confirmed_by_user"]]
    assert [f["status"] for f in mine] == ["missed"]
    assert mine[0]["source"]["title"] == "Confirmed by you: Phone call with the council"
    # The day the regulator told you is the source's date: two months old, not stale.
    assert mine[0]["source"]["as_of"] == "2026-10-02"
    assert mine[0]["stale"] is False


def test_an_invalid_profile_exits_2_with_file_line_and_field(tmp_path):
    from wayhome.adapters.profiles import example_path

    bad = tmp_path / "me.yaml"
    bad.write_text(example_path("do-the-math").read_text().replace("2017-06-30", "2017-13-01"))
    result = run("assess", str(bad), "--on", ON)
    assert result.exit_code == 2
    assert f"{bad}:13 medical_school.graduated: '2017-13-01' is not a date" in result.output


def test_an_invalid_pack_exits_2_with_file_line_and_field(tmp_path):
    from wayhome.adapters.packs import bundled_dir

    folder = tmp_path / "XX"
    folder.mkdir()
    text = (bundled_dir() / "XX" / "pack.yaml").read_text()
    (folder / "pack.yaml").write_text(
        text.replace(
            "source: xx-act-2015\n        years: 5", "source: xx-act-2051\n        years: 5"
        )
    )
    result = run("assess", "--example", "do-the-math", "--on", ON, "--packs", str(tmp_path))
    assert result.exit_code == 2
    assert "pack.yaml:" in result.output
    assert "source: no source 'xx-act-2051' in this pack's sources" in result.output


def test_a_users_pack_replaces_the_bundled_one(tmp_path):
    from wayhome.adapters.packs import bundled_dir

    folder = tmp_path / "XX"
    folder.mkdir()
    text = (bundled_dir() / "XX" / "pack.yaml").read_text()
    (folder / "pack.yaml").write_text(text.replace('version: "2026.11.0"', 'version: "mine"'))
    data = json.loads(
        run(
            "assess", "--example", "do-the-math", "--on", ON, "--json", "--packs", str(tmp_path)
        ).output
    )
    assert data["assessments"][0]["pack_version"] == "mine"


def test_nothing_is_written_when_input_is_bad(tmp_path):
    bad = tmp_path / "me.yaml"
    bad.write_text("person: {name: x}\n")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert run("assess", str(bad), "--on", ON).exit_code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_file_and_an_example_together_are_refused():
    result = run("assess", "x.yaml", "--example", "do-the-math")
    assert result.exit_code == 2
    assert "Give a profile file or --example NAME, not both." in result.output


@pytest.mark.django_db
def test_without_a_file_it_uses_the_stored_profile(tmp_path):
    missing = run("assess", "--on", ON)
    assert missing.exit_code == 2
    assert "there is no stored profile yet" in missing.output
    from wayhome.adapters.profiles import example_path

    assert run("profile", "import", str(example_path("do-the-math"))).exit_code == 0
    data = json.loads(run("assess", "--on", ON, "--json").output)
    assert data["assessments"][0]["jurisdiction"] == "XX"
    out = tmp_path / "back.yaml"
    assert run("profile", "export", str(out)).exit_code == 0
    assert "Dr. Sam Example" in out.read_text()
    assert run("task", "done", "find-regulator", "--on", ON).exit_code == 0
    tasks = json.loads(run("task", "list", "--on", ON, "--json").output)
    assert next(t for t in tasks if t["id"] == "find-regulator")["status"] == "done"


def test_a_bad_date_option_exits_2():
    assert run("assess", "--example", "do-the-math", "--on", "24/11/2026").exit_code == 2


def test_schema_profile_is_a_json_schema_of_the_profile():
    data = json.loads(run("schema", "profile").output)
    assert data["$schema"].endswith("2020-12/schema")
    assert {"person", "medical_school", "plan"} <= set(data["required"])


def test_schema_pack_describes_rule_kinds():
    text = run("schema", "pack").output
    assert "max_years_since_graduation" in text and "recognition" in text


def test_example_prints_a_profile_that_assesses(tmp_path):
    out = run("example").output
    path = Path(tmp_path / "me.yaml")
    path.write_text(out)
    assert run("assess", str(path), "--on", ON).exit_code == 0
    assert run("example", "--list").output.split() == ["cardiology-in", "do-the-math"]


def test_an_unknown_example_lists_the_known_ones():
    result = run("example", "nope")
    assert result.exit_code == 2
    assert "examples: cardiology-in, do-the-math" in result.output


def test_what_to_add_to_the_profile_is_not_asked_of_the_regulator():
    out = flatten(run("assess", "--example", "do-the-math", "--on", ON).output)
    teaching = "Add the teaching that will count towards 2 years of experience to your profile"
    assert f"Add to your profile: • {teaching}" in out
    ask = out[out.index("Ask the regulator:") :]
    assert teaching not in ask[: ask.index("Add to your profile:")]
    data = json.loads(run("assess", "--example", "do-the-math", "--on", ON, "--json").output)
    xx = data["assessments"][0]
    assert [t["rule"] for t in xx["to_add"]] == ["xx-faculty-teaching"]
    assert all(not u["question"].startswith("Add ") for u in xx["unknowns"])


def test_a_recent_confirmation_is_dated_and_not_stale():
    out = flatten(run("assess", "--example", "cardiology-in", "--on", "2026-12-05").output)
    said = out[out.index("Confirmed by you: Phone call with the council") :][:160]
    assert "told 2 Oct 2026" in said
    assert "STALE" not in said and "undated" not in said


def test_a_rule_without_a_published_source_says_so_plainly():
    out = flatten(run("assess", "--example", "cardiology-in", "--country", "DE", "--on", ON).output)
    assert "Source: no published source was found." in out
    assert "No published source found — none, undated" not in out
