"""A case log against a regulator's procedure numbers: cases counted, roles respected."""

import json
from datetime import date
from pathlib import Path

from tests.helpers import mini_pack
from tests.helpers.cli import flatten, run
from wayhome.adapters.importers.caselog import read_case_log
from wayhome.adapters.profiles import example_path
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure
from wayhome.core.cv.minimums import compare

ACGME = Path(__file__).parent / "files" / "acgme-surgery.csv"
RULES = """
  - id: numbers
    kind: procedure_minimums
    title: Numbers
    versions:
      - source: s1
        logbook: Logbook
        minimums:
          - item: Leistenhernie
            count: 2
            match: {codes: ["49505", "49650"], words: [inguinal]}
          - item: Cholecystektomie
            count: 1
            match: {words: [cholecystectomy]}
          - item: Erste Assistenz
            count: 2
            role: assisted
            match: {words: [colectomy, cholecystectomy]}
          - item: Sonographie
            count: 400
"""


def version():
    return mini_pack(RULES).rules[0].versions[0]


def row(case, role, code=None, description=None, category=None):
    return Procedure(case, date(2025, 7, 1), role, code=code, description=description,
                     category=category)  # fmt: skip


def test_cases_count_once_and_only_in_the_role_asked_for():
    log = [
        # One hernia case logged with two codes (repair and mesh): one case.
        row("1", Role.PERFORMED, "49505", "Repair inguinal hernia", "Hernia - inguinal"),
        row("1", Role.PERFORMED, "49568", "Implantation of mesh", "Hernia - inguinal"),
        row("2", Role.PERFORMED, "49650", "Laparoscopy, surgical; repair initial inguinal"),
        row("3", Role.OBSERVED, "49505", "Repair inguinal hernia"),  # watching is not doing
        row("4", Role.ASSISTED, None, "Laparoscopic cholecystectomy"),
        row(None, Role.PERFORMED, None, "Partial colectomy"),
    ]
    hernia, chole, assist, sono = compare(log, version())
    assert (hernia.have, hernia.short, hernia.matched) == (2, 0, ("Hernia - inguinal",
            "Laparoscopy, surgical; repair initial inguinal"))  # fmt: skip
    assert (chole.have, chole.short) == (0, 1)  # assisted does not count as performed
    assert (assist.have, assist.short) == (2, 0)  # performed counts where assisting is asked
    assert (sono.have, sono.short, sono.to_json()["have"]) == (None, None, None)


def test_the_acgme_download_against_the_numbers():
    log = read_case_log(ACGME).procedures
    hernia, *_ = compare(log, version())
    assert hernia.have == 1 and hernia.short == 1  # one inguinal case in the fixture


def test_a_general_surgeon_sees_germanys_numbers_against_the_log(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    me = tmp_path / "me.yaml"
    text = example_path("do-the-math").read_text(encoding="utf-8")
    text = text.replace("specialty: internal-medicine\n", "specialty: general-surgery\n", 1)
    text = text.replace("targets: [XX]", "targets: [DE]")
    me.write_text(text, encoding="utf-8")
    assert run("profile", "import", str(me)).exit_code == 0
    assert run("cases", "import", str(ACGME)).exit_code == 0
    [de] = json.loads(run("cases", "minimums", "--json", "--on", "2026-11-24").output)
    assert de["jurisdiction"] == "DE" and de["rule"] == "de-visceral-surgery-numbers"
    assert de["source"]["url"].startswith("https://www.bundesaerztekammer.de/")
    rows = {r["gloss"]: r for r in de["rows"]}
    assert rows["inguinal hernia repair"]["have"] == 1
    assert rows["inguinal hernia repair"]["short"] == 39
    assert rows["abdominal ultrasound"]["have"] is None
    out = flatten(run("cases", "minimums", "--on", "2026-11-24").output)
    assert "count it yourself" in out and "39 short" in out
    none = flatten(run("cases", "minimums", "--country", "GB").output)
    assert "None of your target regulators' packs sets procedure numbers" in none
