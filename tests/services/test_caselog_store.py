"""The procedure log in SQL (services/cases.py over adapters/db/caselog_sql.py): the
stored totals and a regulator's numbers equal what the core counts from the rows; an
import is all or nothing and adds nothing twice; the log is read a page at a time.
Run on SQLite, and on PostgreSQL with WAYHOME_DATABASE_URL set."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from tests.helpers import acgme
from wayhome.adapters import packs as pack_files
from wayhome.adapters.db import caselog_sql
from wayhome.adapters.db.models import CaseLogTotal, ProcedureRecord, StoredProfile
from wayhome.adapters.importers.caselog import Upload, read_case_log
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, totals
from wayhome.core.cv.minimums import compare
from wayhome.core.rules.base import version_labelled
from wayhome.services import cases

ON = date(2026, 11, 24)
WORDS = [
    ("Hernia - inguinal", "49505", "Repair initial inguinal hernia"),
    ("Hernia - inguinal", "49568", "Implantation of mesh"),
    ("Cholecystectomy", "47562", "Laparoscopy cholecystectomy"),
    ("", "44950", "Appendectomy"),
    ("", "", "Upper endoscopy (EGD)"),
    ("Colectomy", "44204", "Laparoscopy colectomy partial"),
]


def random_log(seed: int, n: int) -> str:
    """A log with what makes counting hard: cases over several rows, a case id reused on
    another day, rows with no case id, no date, no site, no category."""
    rng = random.Random(seed)
    lines = ["Case ID,Procedure Date,Resident Role,Area,Type,Defined Category,CPT Code,"
             "CPT Description,Year of Case,Site"]  # fmt: skip
    case = 0
    while len(lines) <= n:
        case += 1
        day = date(2022, 7, 1) + timedelta(days=rng.randrange(900))
        role = rng.choice(["Surgeon Chief", "First Assistant", "Observer", "Teaching Assistant"])
        case_id = "" if rng.random() < 0.1 else str(rng.randrange(1, case + 1))
        for _ in range(rng.choice([1, 1, 2, 3])):
            category, code, text = rng.choice(WORDS)
            area = rng.choice(["", "Abdomen"])
            lines.append(
                ",".join([
                    case_id, "" if rng.random() < 0.05 else day.isoformat(), role, area,
                    "Open" if area else "", category, code, text,
                    rng.choice(["", "PGY-3", "PGY-4"]), rng.choice(["", "VA", "University"]),
                ])
            )  # fmt: skip
    return "\n".join(lines[: n + 1]) + "\n"


@pytest.fixture
def surgeon(db):
    """An account whose profile targets Germany as a general surgeon (numbers to meet)."""
    user = User.objects.create_user("surgeon")
    profile, _ = load_profile(example_path("cardiology-in"))
    data = to_data(profile)
    data["specialty"] = "general-surgery"
    data["plan"]["targets"] = ["DE"]
    StoredProfile.objects.create(owner=user, data=data)
    return user


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_stored_totals_are_what_the_core_counts_from_the_rows(surgeon, seed):
    cases.import_file(surgeon, Upload("log.csv", random_log(seed, 400).encode()))
    cases.add_one(surgeon, Procedure("7", ON, Role.PERFORMED, category="Colectomy"))
    stored = cases.totals_of(surgeon)
    assert stored.to_json() == totals(cases.procedures(surgeon)).to_json()
    assert stored.procedures == ProcedureRecord.objects.filter(owner=surgeon).count() == 401


@pytest.mark.parametrize("seed", [4, 5])
def test_a_regulators_numbers_are_counted_from_the_stored_kinds_as_from_the_rows(surgeon, seed):
    cases.import_file(surgeon, Upload("log.csv", random_log(seed, 300).encode()))
    checks = cases.minimums(surgeon, ON)
    assert [c.jurisdiction for c in checks] == ["DE"]
    [check] = checks
    [pack] = [p for p in pack_files.load_packs() if p.code == "DE"]
    rule = next(r for r in pack.rules if r.id == check.finding.rule)
    expected = compare(
        cases.procedures(surgeon), version_labelled(rule, check.finding.rule_version)
    )
    assert [(r.minimum.item, r.have) for r in check.rows] == [
        (r.minimum.item, r.have) for r in expected
    ]
    assert any(r.have for r in check.rows)  # the log does meet some of them
    for ours, core in zip(check.rows, expected, strict=True):
        assert set(ours.matched) <= {p.category or p.description or p.code for p in
                                     cases.procedures(surgeon)}  # fmt: skip
        assert bool(ours.matched) == bool(core.matched)


def test_an_import_is_all_or_nothing(surgeon, monkeypatch):
    cases.import_file(surgeon, Upload("first.csv", acgme.csv_text(acgme.ROWS[:2]).encode()))
    before = cases.totals_of(surgeon).to_json()

    def fails(owner_id):
        raise RuntimeError("killed while counting")

    monkeypatch.setattr(caselog_sql, "refresh", fails)
    with pytest.raises(RuntimeError):
        cases.import_file(surgeon, Upload("log.csv", acgme.csv_text().encode()))
    assert ProcedureRecord.objects.filter(owner=surgeon).count() == 2  # the first import's
    assert cases.totals_of(surgeon).to_json() == before


def test_importing_the_same_file_again_adds_nothing_and_keeps_the_totals(surgeon):
    data = acgme.csv_text().encode()
    first = cases.import_file(surgeon, Upload("log.csv", data))
    ids = list(CaseLogTotal.objects.filter(owner=surgeon).values_list("id", flat=True))
    again = cases.import_file(surgeon, Upload("log.csv", data))
    assert (first.added, first.already, again.added, again.already) == (5, 0, 0, 5)
    assert again.totals.to_json() == first.totals.to_json()
    # nothing new: the totals were not counted again
    assert list(CaseLogTotal.objects.filter(owner=surgeon).values_list("id", flat=True)) == ids
    longer = acgme.csv_text([*acgme.ROWS, ["5009", "08/01/2024", "Surgeon", "Retina", "Laser",
                                          "", "67228", "Laser", "PGY-4", "X", ""]])  # fmt: skip
    third = cases.import_file(surgeon, Upload("log.csv", longer.encode()))
    assert (third.added, third.already, third.totals.cases) == (1, 5, 5)


def test_a_procedure_typed_in_or_removed_changes_the_stored_totals(surgeon):
    cases.add_one(surgeon, Procedure("A", ON, Role.PERFORMED, category="Appendix"))
    cases.add_one(surgeon, Procedure("A", ON, Role.PERFORMED, category="Appendix"))
    assert (cases.totals_of(surgeon).cases, cases.totals_of(surgeon).procedures) == (1, 2)
    [(first, p, source), _] = cases.entered_by_hand(surgeon)
    assert source == cases.BY_HAND and p.category == "Appendix"
    assert cases.remove_by_hand(surgeon, first)
    assert cases.totals_of(surgeon).procedures == 1
    assert not cases.remove_by_hand(surgeon, first)  # gone already


def test_the_log_is_read_a_page_at_a_time_and_by_category(surgeon):
    cases.import_file(surgeon, Upload("log.csv", random_log(9, 120).encode()))
    whole = cases.procedures(surgeon)
    first = cases.log_page(surgeon)
    assert (first.number, first.pages, first.count) == (1, 3, 120)
    assert [p for _, p, _ in first.rows] == whole[: cases.PER_PAGE]
    last = cases.log_page(surgeon, 99)  # past the end: the last page
    assert (last.number, last.next, last.previous) == (3, None, 2)
    assert [p for _, p, _ in last.rows] == whole[2 * cases.PER_PAGE :]
    # The next and previous pages as their links ask: from the row before or after.
    second = cases.log_page(surgeon, 2, after=first.last_id)
    assert [p for _, p, _ in second.rows] == whole[cases.PER_PAGE : 2 * cases.PER_PAGE]
    assert cases.log_page(surgeon, 1, before=second.first_id).rows == first.rows
    assert cases.log_page(surgeon, 3, after=last.last_id).rows == last.rows  # none after
    hernia = cases.log_page(surgeon, 1, "Hernia - inguinal")
    assert hernia.count == sum(p.heading == "Hernia - inguinal" for p in whole) == len(hernia.rows)
    nothing = cases.log_page(surgeon, 1, "(no category)")
    assert all(p.heading is None for _, p, _ in nothing.rows) and nothing.count == len(
        [p for p in whole if p.heading is None]
    )


@pytest.mark.parametrize("seed", [6, 7])
def test_an_imports_rows_are_the_columns_each_procedure_has_on_its_own(surgeon, seed):
    """Rows.of (an import's 50,000 rows, with what repeats worked out once) writes each
    row as columns_of reads one procedure: the same key, case, kind and labels."""
    from django.utils import timezone

    log = random_log(seed, 300).splitlines()
    log.append("x" * 40 + ",2024-06-30,Surgeon,,,Thyroidectomy,60240,Total,,")  # a long id
    log.append(log[1])  # the same row twice in one file: kept apart by its order
    procedures = read_case_log(Upload("log.csv", "\n".join(log).encode())).procedures
    procedures.append(Procedure(None, None, Role.UNKNOWN, area="Abdomen"))  # no type
    procedures.append(Procedure("9", ON, Role.OBSERVED, type="Open", description="Look"))
    now = timezone.now()
    rows = caselog_sql.Rows(surgeon.pk, "log.csv", now).of(procedures)
    keys = [row[1] for row in rows]
    assert len(set(keys)) == len(rows)
    for row, p in zip(rows, procedures, strict=True):
        assert row[1][:28] == p.key[:28]
        assert row == caselog_sql.row_values(surgeon.pk, row[1], p, "log.csv", now)
    [long] = [row for row in rows if row[4] == "x" * 40]
    assert len(long[2]) == 32 and "|" not in long[2]  # the long case id's case, hashed


def test_a_page_counted_off_from_the_first_row_is_the_rows_there(surgeon):
    cases.import_file(surgeon, Upload("log.csv", random_log(10, 180).encode()))
    whole = [(i, p) for i, p, _ in caselog_sql.page(surgeon.pk, 0, 1000)]
    assert [(i, p) for i, p, _ in caselog_sql.page(surgeon.pk, 77, 50)] == whole[77:127]
    assert [(i, p) for i, p, _ in caselog_sql.page(surgeon.pk, 170, 50)] == whole[170:]
    assert caselog_sql.page(surgeon.pk, 180, 50) == []  # past the last row: none
    hernia = [(i, p) for i, p in whole if p.heading == "Hernia - inguinal"]
    page = caselog_sql.page(surgeon.pk, 5, 10, "Hernia - inguinal")
    assert [(i, p) for i, p, _ in page] == hernia[5:15]


@pytest.mark.parametrize("n", [3, caselog_sql.COPY_FROM + 20], ids=["few", "many"])
def test_an_insert_says_how_many_rows_were_new(surgeon, n):
    """What insert returns is the rows it added: those stored before, or twice in the
    batch, are not counted, nor another owner's rows (row by row, and by COPY on
    PostgreSQL for many)."""
    other = User.objects.create_user("other")
    now = timezone.now()
    procedures = [
        Procedure(None, None, Role.PERFORMED, code=f"{i:05d}", description="Laser")
        for i in range(n)
    ]
    mine = caselog_sql.Rows(surgeon.pk, "a.csv", now).of(procedures)
    caselog_sql.insert(caselog_sql.Rows(other.pk, "b.csv", now).of(procedures))
    with transaction.atomic():
        assert caselog_sql.insert(mine[:2]) == 2
        assert caselog_sql.insert([*mine, mine[-1]]) == n - 2
        assert caselog_sql.insert(mine) == 0
    assert ProcedureRecord.objects.filter(owner=surgeon).count() == n
