"""`wayhome packs list|show|check` and `wayhome ask`."""

import json
import shutil

from tests.helpers.cli import flatten, run
from wayhome.adapters.packs import bundled_dir, bundled_packs

ON = "2026-11-24"


def test_packs_list_names_every_bundled_pack_with_version_and_review_date():
    data = json.loads(run("packs", "list", "--json").output)
    by_code = {p["code"]: p for p in data}
    assert {"US", "XX"} <= set(by_code)
    assert by_code["XX"]["fictional"] is True
    assert by_code["XX"]["reviewed"] == "2026-11-24"
    assert by_code["US"]["regulator"].startswith("ECFMG")
    # the one table's row (core/rules/catalogue.py): sources by grade, questions, tests
    assert by_code["XX"]["grades"] == {"regulator": 6, "secondary": 0, "informal": 1}
    assert by_code["XX"]["oldest_source"] == "2008-05-01"
    assert [q["id"] for q in by_code["XX"]["open_questions"]] == [
        "xx-senior-public-post@2015-03-01",
        "xx-j1-time-counts",
    ]
    assert by_code["XX"]["scenario_tests"] >= 5
    table = flatten(run("packs", "list").output)
    assert "XX" in table and "FICTIONAL" in table and "24 Nov 2026" in table
    assert "1 May 2008" in table and "6/0/1" in table


def test_packs_show_says_what_applies_to_whom_and_where_it_comes_from():
    out = flatten(run("packs", "show", "xx").output)
    assert "Sit the conversion exam within the window after graduation" in out
    assert "Applies to: the countries you trained in include any of United States (US)" in out
    # the exam by its name, not its rule's id
    assert (
        "Checked against: the first sitting of Specialist Conversion Examination after your "
        "return" in out
    )
    assert "from 1 Mar 2015: years: 12" in out
    assert "from 1 Jan 2020: years: 10" in out
    assert (
        "source: Specialist Conversion Examination Regulations 2020 (fictional) — regulator, "
        "dated 1 Jan 2020" in out
    )
    assert "unknown — ask: How many years of service" in out
    assert "Does time spent at home under the J-1 two-year rule count" in out


def test_packs_show_an_unknown_code_lists_the_known_ones():
    result = run("packs", "show", "ZZ")
    assert result.exit_code == 2
    assert "no pack with this code; packs:" in result.output


def test_packs_check_accepts_a_valid_pack(tmp_path):
    shutil.copytree(bundled_dir() / "XX", tmp_path / "XX")
    result = run("packs", "check", str(tmp_path))
    assert result.exit_code == 0, result.output
    xx = next(p for p in bundled_packs() if p.code == "XX")
    assert result.output == (
        f"ok  XX  Exampleland Medical Council (fictional): {len(xx.rules)} rules, "
        f"{len(xx.sources)} sources\n"
    )


def test_packs_check_lists_every_problem_with_file_and_line(tmp_path):
    folder = tmp_path / "XX"
    shutil.copytree(bundled_dir() / "XX", folder)
    path = folder / "pack.yaml"
    text = path.read_text().replace("grade: informal", "grade: hearsay")
    path.write_text(text.replace("        years: 3\n", "        yeers: 3\n"))
    result = run("packs", "check", str(tmp_path))
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert any(f"{path}:" in line and "grade: 'hearsay' is not one of" in line for line in lines)
    assert any("unknown field 'yeers'" in line for line in lines)


def test_packs_check_refuses_a_folder_named_otherwise_than_its_code(tmp_path):
    shutil.copytree(bundled_dir() / "XX", tmp_path / "YY")
    result = run("packs", "check", str(tmp_path / "YY"))
    assert result.exit_code == 2
    assert "name the folder after the code" in result.output


def test_ask_drafts_the_email_with_only_what_the_pack_leaves_open():
    [email] = json.loads(
        run("ask", "--example", "do-the-math", "--country", "XX", "--on", ON, "--json").output
    )
    assert email["to"] == "registration@council.example"
    assert "https://council.example/foreign-training" in email["contact"]
    assert "(residency in internal medicine, 2024–2027)" in email["subject"]
    # The pack settles recognition, the exams and the windows: its open question is left.
    assert email["questions"] == [
        "Does time spent at home under the J-1 two-year rule count toward consultant experience?"
    ]
    assert email["attachments"][:2] == [
        "my CV",
        "my medical degree (Exampleland (fictional), 2017)",
    ]
    body = email["body"]
    assert body.startswith("Dear Sir or Madam,")
    assert "graduating on 30 Jun 2017" in body
    assert "- residency in internal medicine, United States, 1 Jul 2024 to 30 Jun 2027" in body
    assert "expected 20 Aug 2027" in body
    assert "1. Does time spent at home" in body and "I attach:\n- my CV\n" in body
    assert body.rstrip().endswith("Dr. Sam Example")


def test_ask_without_a_pack_still_asks_the_guides_questions():
    [email] = json.loads(
        run("ask", "--example", "cardiology-in", "--country", "EG", "--on", ON, "--json").output
    )
    assert email["to"] is None
    assert email["regulator"] == "the medical regulator of Egypt"
    assert any("fellowship" in q for q in email["questions"])
    assert "I completed postgraduate training abroad:" in email["body"]


def test_ask_needs_a_country():
    result = run("ask", "--example", "do-the-math")
    assert result.exit_code == 2
    assert "--country CODE" in result.output


def test_ask_prints_a_readable_email():
    out = run("ask", "--example", "do-the-math", "--country", "XX", "--on", ON).output
    assert "To: registration@council.example" in out
    assert "Subject: Recognition of my US training" in out
    assert "The regulator told me" in out


def test_the_drafted_email_is_printed_without_added_line_breaks():
    # An email to copy: at 60 columns the terminal wraps it, Wayhome adds no line breaks,
    # so the regulator's address is never cut in two.
    from tests.helpers.cli import runner
    from wayhome.cli.app import app as cli

    out = runner.invoke(
        cli,
        ["ask", "--example", "do-the-math", "--country", "XX", "--on", ON],
        env={"COLUMNS": "60", "NO_COLOR": "1"},
    ).output
    assert "https://council.example/foreign-training" in out.split()
    body = out[out.index("Subject: ") :]
    assert any(len(line) > 60 for line in body.splitlines())  # the paragraphs unbroken
