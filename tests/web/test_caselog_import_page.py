"""The procedure log page with a real-shaped ACGME download (tests/helpers/acgme.py):
imported at once, what was dropped and how dates were read said, categories from
"Area › Type" and "(no category)" shown, the log a page at a time; the column step's
date order. Run on SQLite, and on PostgreSQL with WAYHOME_DATABASE_URL set."""

from __future__ import annotations

import html
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.helpers import acgme
from wayhome.adapters.db.models import CaseLogMapping, ProcedureRecord


def _upload(c, row, name: str, data: bytes, **extra):
    upload = SimpleUploadedFile(name, data)
    return c.post(f"/p/{row.pk}/cases/", {"file": upload, **extra}, follow=True)


def test_an_acgme_download_imports_without_a_mapping_and_says_what_it_did(owner, client_for):
    user, row = owner
    c = client_for(user)
    page = html.unescape(
        _upload(c, row, "case_log.csv", acgme.csv_text().encode()).content.decode()
    )
    assert "5 rows read: 5 procedures added, 0 already stored, 0 rejected." in page
    assert "Not imported, as they could identify a patient: PatientName, Comments" in page
    assert "Dates with slashes were read month first, as 3 rows of this file show" in page
    assert "1 row has no category, area or type" in page and "Show them" in page
    assert "4 cases, 5 procedures" in page
    for category in ("Cataract", "Retina/Vitreous", "Oculoplastics › Eyelid", "(no category)"):
        assert f">{category}</a></th>" in page
    assert not any(v in page for v in acgme.PATIENT_VALUES)
    stored = ProcedureRecord.objects.filter(owner=user).order_by("id")
    assert [r.on for r in stored][:3] == [date(2024, 6, 30), date(2024, 6, 30), date(2024, 7, 2)]


def test_the_same_download_as_excel_counts_the_same(owner, client_for):
    user, row = owner
    c = client_for(user)
    page = html.unescape(_upload(c, row, "case_log.xlsx", acgme.xlsx_bytes()).content.decode())
    assert "5 rows read: 5 procedures added" in page and "4 cases, 5 procedures" in page
    again = _upload(c, row, "case_log.xlsx", acgme.xlsx_bytes()).content.decode()
    assert "0 procedures added, 5 already stored" in again


def test_rows_without_a_category_are_shown_on_their_own(owner, client_for):
    user, row = owner
    c = client_for(user)
    _upload(c, row, "case_log.csv", acgme.csv_text().encode())
    page = html.unescape(
        c.get(f"/p/{row.pk}/cases/", {"category": "(no category)"}).content.decode()
    )
    log = page.split('aria-label="Your procedures"', 1)[1]
    assert "(no category): 1 procedure" in log
    assert "Laser trabeculoplasty" in log and "Cataract removal" not in log
    assert "15 Jul 2024" in log and "Show every procedure" in log


def test_the_log_is_shown_a_page_at_a_time(owner, client_for):
    user, row = owner
    c = client_for(user)
    rows = [[str(9000 + i), "2024-07-01", "Surgeon", "Abdomen", "Open", "Hernia",
             str(49000 + i), f"Repair {i:03d}", "PGY-3", "", ""] for i in range(120)]  # fmt: skip
    _upload(c, row, "long.csv", acgme.csv_text(rows).encode())
    first = c.get(f"/p/{row.pk}/cases/").content.decode()
    assert "120 procedures, page 1 of 3" in first and "Repair 000" in first
    assert "Repair 050" not in first
    later = first.split('rel="next"', 1)[0].rsplit('href="?', 1)[1].split("#", 1)[0]
    assert later.startswith("page=2&amp;after=")  # the next page follows this one's last row
    second = c.get(f"/p/{row.pk}/cases/?{html.unescape(later)}").content.decode()
    assert "page 2 of 3" in second and "Repair 050" in second and "Repair 049" not in second
    earlier = second.split('rel="prev"', 1)[0].rsplit('href="?', 1)[1].split("#", 1)[0]
    back = c.get(f"/p/{row.pk}/cases/?{html.unescape(earlier)}").content.decode()
    assert "page 1 of 3" in back and "Repair 000" in back and "Repair 050" not in back
    last = c.get(f"/p/{row.pk}/cases/", {"page": "3"}).content.decode()  # typed in
    assert "page 3 of 3" in last and "Repair 119" in last and "Repair 099" not in last
    for odd in ("0", "999", "two", "-1"):  # out of range or not a number: a page still
        assert c.get(f"/p/{row.pk}/cases/", {"page": odd, "after": odd}).status_code == 200


OWN = "When,What I did,My part\n03/06/2024,Appendectomy,Primary operator\n"


def test_the_column_step_asks_how_dates_read_and_remembers_it(owner, client_for):
    user, row = owner
    c = client_for(user)
    step = _upload(c, row, "mine.csv", OWN.encode(), action="check")
    page = html.unescape(step.content.decode())
    assert "Dates like 03/06/2024" in page and 'name="date_order"' in page
    token = step.redirect_chain[-1][0].split("token=")[1]
    columns = {"token": token, "col_on": "When", "col_description": "What I did"}
    refused = html.unescape(
        c.post(f"/p/{row.pk}/cases/map/", {**columns, "date_order": "sideways"}).content.decode()
    )  # not an order: the dates are read as the file shows, which cannot tell
    assert "'03/06/2024' could be 6 Mar 2024 or 3 Jun 2024" in refused
    assert not ProcedureRecord.objects.filter(owner=user).exists()
    step = _upload(c, row, "mine.csv", OWN.encode(), action="check")
    token = step.redirect_chain[-1][0].split("token=")[1]
    done = html.unescape(
        c.post(
            f"/p/{row.pk}/cases/map/",
            {**columns, "token": token, "date_order": "day-first", "save": "1"},
        ).content.decode()
    )
    assert "1 row read: 1 procedure added, 0 already stored, 0 rejected." in done
    assert "Dates with slashes were read day first, as you chose." in done
    assert ProcedureRecord.objects.get(owner=user).on == date(2024, 6, 3)
    assert CaseLogMapping.objects.get(owner=user).dates == "day-first"
    again = _upload(c, row, "mine.csv", OWN.encode(), action="check").content.decode()
    assert '<option value="day-first" selected>' in again
