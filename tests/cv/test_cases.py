"""The procedure log: reading case-log downloads and counting them as a regulator would."""

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from wayhome.adapters import yamlfile
from wayhome.adapters.importers.caselog import CaseLogError, read_case_log, read_mapping
from wayhome.core.common.vocabulary import Role
from wayhome.core.cv.cases import Procedure, role_of, totals

FILES = Path(__file__).parent / "files"


@pytest.mark.parametrize(
    ("said", "role"),
    [
        ("Surgeon Chief", Role.PERFORMED),
        ("Surgeon Junior", Role.PERFORMED),
        ("Teaching Assistant", Role.PERFORMED),
        ("First Assistant", Role.ASSISTED),
        ("Assisted", Role.ASSISTED),
        ("Observer", Role.OBSERVED),
        ("Performed - supervised", Role.PERFORMED),
        ("", Role.UNKNOWN),
        ("Level 2", Role.UNKNOWN),  # its meaning varies by specialty: never guessed
        # ACGME general surgery's codes, as a download or a program's sheet writes them.
        ("SC", Role.PERFORMED),
        ("sj", Role.PERFORMED),
        (" TA ", Role.PERFORMED),
        ("FA", Role.ASSISTED),
        ("PS", Role.PERFORMED),
        ("Primary Surgeon", Role.PERFORMED),
        ("S", Role.UNKNOWN),
        ("SCA", Role.UNKNOWN),
    ],
)
def test_program_wording_maps_to_hands_on_roles(said, role):
    assert role_of(said) is role


def test_a_users_own_wording_wins():
    assert role_of("Level 2", {"level 2": Role.ASSISTED}) is Role.ASSISTED


def test_the_acgme_download_imports_with_bad_rows_reported_by_number():
    result = read_case_log(FILES / "acgme-surgery.csv")
    assert result.columns["on"] == "Procedure Date"
    assert result.columns["category"] == "Defined Category"
    assert result.columns["description"] == "CPT Description"
    # Patient identifiers never come in.
    assert result.dropped == ["Patient Name", "Patient MRN"]
    assert result.ignored == ["Attending"]
    assert all("DOE" not in str(p.to_json()) for p in result.procedures)
    assert [(p.row, p.message) for p in result.problems] == [
        (
            9,
            "date: '31/08/2025' is not a date when read month first, as this file's dates are: "
            "if 31 Aug 2025 is meant, write 2025-08-31.",
        ),
        (11, "nothing says what the procedure was (no category, code or description)"),
    ]
    assert result.rows == 9 and len(result.procedures) == 7  # the blank row is skipped
    first = result.procedures[0]
    assert first == Procedure(
        case_id="100231",
        on=date(2025, 7, 14),
        role=Role.PERFORMED,
        role_said="Surgeon Chief",
        category="Hernia - inguinal",
        area="Abdomen",
        type="Open",
        code="49505",
        description="Repair initial inguinal hernia age 5 years or older; reducible",
        year="PGY-4",
        site="University Hospital",
    )


def test_totals_count_cases_and_procedures_apart():
    t = totals(read_case_log(FILES / "acgme-surgery.csv").procedures)
    assert (t.cases, t.procedures) == (6, 7)  # case 100231 has two rows
    assert t.to_json()["by_role"] == {
        "performed": {"cases": 4, "procedures": 5},
        "assisted": {"cases": 1, "procedures": 1},
        "observed": {"cases": 1, "procedures": 1},
    }
    assert t.by_category["Hernia - inguinal"]["performed"].cases == 1
    assert t.by_category["Hernia - inguinal"]["performed"].procedures == 2
    assert t.by_category["Cholecystectomy"]["performed"].cases == 2
    assert t.by_year["PGY-4"].cases == 5 and t.by_year["PGY-5"].cases == 1
    assert t.by_site["VA Medical Center"].cases == 2


def test_a_spreadsheet_reads_like_the_csv(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Case #", "Date", "Role", "CPT", "Description", "Hospital"])
    sheet.append([5001, date(2024, 3, 1), "Performed", 31500, "Intubation", "County"])
    sheet.append([5002, "not a date", "Performed", 36556, "Central line", "County"])
    sheet.append([5003, date(2024, 3, 9), "Observed", 32551, "Chest tube", "County"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    result = read_case_log(path)
    assert [p.code for p in result.procedures] == ["31500", "32551"]
    assert result.procedures[0].on == date(2024, 3, 1)
    assert result.procedures[0].case_id == "5001"
    assert [p.row for p in result.problems] == [3]


def test_a_mapping_names_unusual_columns_and_roles(tmp_path):
    log = tmp_path / "log.csv"
    log.write_text(
        "Encounter;When;Involvement;Skill\nA1;2024-02-01;Level 2;Lumbar puncture\n"
        "A2;2024-02-03;Level 3;Lumbar puncture\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "columns:\n  case_id: Encounter\n  on: When\n  role: Involvement\n  description: Skill\n"
        "roles:\n  Level 2: assisted\n  Level 3: performed\n"
    )
    result = read_case_log(log, read_mapping(mapping))
    assert [p.role for p in result.procedures] == [Role.ASSISTED, Role.PERFORMED]
    assert not result.problems


def test_a_bad_mapping_says_where(tmp_path):
    mapping = tmp_path / "map.yaml"
    mapping.write_text("columns:\n  when: Date\nroles:\n  Level 2: helped\n")
    with pytest.raises(yamlfile.InvalidFileError) as e:
        read_mapping(mapping)
    text = str(e.value)
    assert "map.yaml:2" in text and "unknown field" in text
    assert "map.yaml:4" in text and "'helped' is not a role" in text


def test_files_that_are_not_case_logs_are_refused_clearly(tmp_path):
    notes = tmp_path / "notes.csv"
    notes.write_text("hello,world\n1,2\n")
    with pytest.raises(CaseLogError, match="no header row found"):
        read_case_log(notes)
    dates_only = tmp_path / "dates.csv"
    dates_only.write_text("Case ID,Procedure Date\n1,01/02/2024\n")
    with pytest.raises(CaseLogError, match="no column says what each procedure was"):
        read_case_log(dates_only)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(CaseLogError, match="could not be read"):
        read_case_log(broken)


def test_progress_is_reported_while_reading(tmp_path):
    log = tmp_path / "big.csv"
    rows = "".join(f"{i},2024-01-01,Performed,Intubation\n" for i in range(2500))
    log.write_text("Case ID,Date,Role,Procedure\n" + rows)
    seen: list[tuple[int, int]] = []
    result = read_case_log(log, progress=lambda done, total: seen.append((done, total)))
    assert len(result.procedures) == 2500
    assert seen[0] == (0, 2500) and seen[-1] == (2500, 2500) and len(seen) == 4


def test_a_read_procedure_is_one_as_made_by_hand(tmp_path):
    """Each procedure read equals, hashes, prints and refuses changes as one made by hand;
    short rows and absent columns read as empty; rows without a heading are counted."""
    log = tmp_path / "log.csv"
    log.write_text(
        "Case ID,Procedure Date,Role,Area,Type,CPT Code,Site\n"
        "7,2024-02-01,Surgeon,Abdomen,Open,49505,VA\n"
        "8,2024-02-02,Observer,,,44950\n"  # a short row: no site
        "9,,First Assistant,,Laparoscopic,47562,County\n",
        encoding="utf-8",
    )
    result = read_case_log(log)
    made = [
        Procedure("7", date(2024, 2, 1), Role.PERFORMED, "Surgeon", None, "Abdomen", "Open",
                  "49505", None, None, "VA"),
        Procedure("8", date(2024, 2, 2), Role.OBSERVED, "Observer", code="44950"),
        Procedure("9", None, Role.ASSISTED, "First Assistant", type="Laparoscopic",
                  code="47562", site="County"),
    ]  # fmt: skip
    assert result.procedures == made
    assert [hash(p) for p in result.procedures] == [hash(p) for p in made]
    assert [repr(p) for p in result.procedures] == [repr(p) for p in made]
    assert [p.key for p in result.procedures] == [p.key for p in made]
    with pytest.raises(AttributeError):
        result.procedures[0].code = "1"  # type: ignore[misc]
    assert result.uncategorised == 1 == sum(p.heading is None for p in result.procedures)
