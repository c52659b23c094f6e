"""The procedure log page: upload a case-log download, see the totals; only your own."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wayhome.adapters.db.models import ProcedureRecord

ACGME = Path(__file__).parents[1] / "cv" / "files" / "acgme-surgery.csv"


def test_an_upload_shows_what_was_imported_and_the_totals(owner, client_for):
    user, row = owner
    c = client_for(user)
    url = f"/p/{row.pk}/cases/"
    assert "No procedures yet." in c.get(url).content.decode()
    upload = SimpleUploadedFile("case_log.csv", ACGME.read_bytes(), content_type="text/csv")
    page = c.post(url, {"file": upload}).content.decode()
    assert "case_log.csv" in page
    assert "9 rows read: 7 procedures added, 0 already stored, 2 rejected." in page
    assert "Patient Name, Patient MRN" in page
    assert "Row 9: date: &#x27;31/08/2025&#x27; is not a date" in page
    assert "6 cases, 7 procedures" in page
    hernia = page.split("Hernia - inguinal", 1)[1].split("</tr>", 1)[0]
    assert "<td>1 (2)</td>" in hernia  # one case, two codes, performed
    assert ProcedureRecord.objects.filter(owner=user).count() == 7
    assert "DOE" not in page
    # Later visits show the stored log.
    again = c.get(url).content.decode()
    assert "6 cases, 7 procedures" in again and "PGY-4: 5 cases (6 procedures)" in again


def test_a_file_that_is_not_a_case_log_is_refused_and_nothing_stored(owner, client_for):
    user, row = owner
    c = client_for(user)
    upload = SimpleUploadedFile("notes.csv", b"a,b\n1,2\n", content_type="text/csv")
    page = c.post(f"/p/{row.pk}/cases/", {"file": upload}, follow=True).content.decode()
    assert "notes.csv: no header row found" in page
    assert not ProcedureRecord.objects.exists()


def test_one_accounts_log_is_not_counted_for_another(owner, stranger, client_for):
    user, row = owner
    other, theirs = stranger
    upload = SimpleUploadedFile("log.csv", ACGME.read_bytes())
    client_for(user).post(f"/p/{row.pk}/cases/", {"file": upload})
    page = client_for(other).get(f"/p/{theirs.pk}/cases/").content.decode()
    assert "No procedures yet." in page
