"""`wayhome contacts import|export|check`: the two networks from a phone's vCards."""

import json
from pathlib import Path

from tests.helpers.cli import flatten, run
from tests.helpers.contacts import HOME_CARDS
from wayhome.adapters.db.models import ContactRecord
from wayhome.adapters.profiles import example_path
from wayhome.services import account, profile_store
from wayhome.services.source import local_owner

FILES = Path(__file__).parents[1] / "cv" / "files"


def _import(name):
    result = run("contacts", "import", str(FILES / name), "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_import_reports_skipped_cards_by_number_and_keeps_the_rest(data_dir):
    data = _import("contacts-google.vcf")
    assert data["added"] == 3
    skipped = [p for p in data["problems"] if p["skipped"]]
    assert [(p["card"], p["line"]) for p in skipped] == [(3, 22), (4, 29)]
    out = flatten(run("contacts", "import", str(FILES / "contacts-iphone.vcf")).output)
    assert "contacts added" in out


def test_a_phone_export_updates_a_contact_without_losing_its_roles(data_dir, tmp_path):
    _import("contacts-v4.vcf")  # carries X-WAYHOME-ROLE
    [before] = ContactRecord.objects.values_list("data", flat=True)
    assert before["roles"] == ["regulator-officer", "returned-attending"]
    phone = (FILES / "contacts-v4.vcf").read_text(encoding="utf-8")
    phone = "\n".join(
        line for line in phone.splitlines() if not line.startswith("X-WAYHOME-")
    ).replace("Ministry of Public Health", "Hamad Medical Corporation")
    (tmp_path / "phone.vcf").write_text(phone, encoding="utf-8")
    result = json.loads(run("contacts", "import", str(tmp_path / "phone.vcf"), "--json").output)
    assert (result["added"], result["updated"]) == (0, 1)
    [after] = ContactRecord.objects.values_list("data", flat=True)
    assert after["roles"] == before["roles"]


def test_export_writes_vcard_3_that_reads_back_the_same(data_dir, tmp_path):
    _import("contacts-google.vcf")
    _import("contacts-v4.vcf")
    out = tmp_path / "all.vcf"
    assert run("contacts", "export", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.count(b"VERSION:3.0\r\n") == 4 and b"X-WAYHOME-ROLE:" in raw
    before = sorted(ContactRecord.objects.values_list("contact_id", flat=True))
    account.delete_everything(local_owner())
    assert not ContactRecord.objects.exists()
    again = json.loads(run("contacts", "import", str(out), "--json").output)
    assert again["added"] == 4
    assert sorted(ContactRecord.objects.values_list("contact_id", flat=True)) == before


def test_check_names_who_is_missing_at_home_and_in_the_us(data_dir):
    profile_store.import_file(local_owner(), example_path("cardiology-in"))  # home: IN
    _import("contacts-google.vcf")
    data = json.loads(run("contacts", "check", "--on", "2026-11-24", "--json").output)
    missing = {(g["side"], g["role"]) for g in data["missing"]}
    assert ("us", "letter-writer") in missing and ("home", "dean-or-director") in missing
    # Nobody was ever contacted: all three are due today.
    assert [(d["name"], d["due_on"], d["never_contacted"]) for d in data["due"]] == [
        ("Linda Park", "2026-11-24", True),
        ("Rajesh Kumar", "2026-11-24", True),
        ("فاطمة الزهراء", "2026-11-24", True),
    ]
    out = flatten(run("contacts", "check", "--on", "2026-11-24").output)
    assert "Missing at home (IN): a dean or medical director." in out
    assert "Due a message" in out


def test_log_restarts_the_clock_and_visit_plans_whom_to_see(data_dir, tmp_path):
    profile_store.import_file(local_owner(), example_path("cardiology-in"))  # home: IN
    (tmp_path / "phone.vcf").write_text(HOME_CARDS, encoding="utf-8")
    assert run("contacts", "import", str(tmp_path / "phone.vcf")).exit_code == 0
    planned = json.loads(
        run("contacts", "visit", "--from", "2026-12-20", "--to", "2027-01-05", "--json").output
    )
    assert planned["stops"] == [
        {
            "institution": "AIIMS New Delhi, Cardiology",
            "meetings": [
                {
                    "contact_id": planned["stops"][0]["meetings"][0]["contact_id"],
                    "name": "Dr. Priya Raman",
                    "why": "ask about: Ask about a faculty post in July; "
                    "last in touch 15 Jan 2026: overdue, catch up",
                }
            ],
        }
    ]
    assert [g["role"] for g in planned["also_find"]] == [
        "dean-or-director",
        "returned-attending",
        "regulator-officer",
    ]
    logged = run("contacts", "log", "raman", "--on", "2026-11-20")
    assert logged.exit_code == 0 and "last in touch 20 Nov 2026" in logged.output
    again = json.loads(
        run("contacts", "visit", "--from", "2026-12-20", "--to", "2027-01-05", "--json").output
    )
    assert again["stops"][0]["meetings"][0]["why"].endswith(
        "last in touch 20 Nov 2026: keep it warm"
    )
    nobody = run("contacts", "log", "zzz-nobody")
    assert nobody.exit_code == 2 and "no contact matches 'zzz-nobody'" in flatten(nobody.output)
    several = run("contacts", "log", "dr.")
    assert several.exit_code == 2 and "matches several contacts" in flatten(several.output)
    backwards = run("contacts", "visit", "--from", "2027-01-05", "--to", "2026-12-20")
    assert backwards.exit_code == 2 and "before it starts" in flatten(backwards.output)
