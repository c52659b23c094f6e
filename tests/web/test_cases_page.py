"""The procedure log page: upload a case-log download, see the totals; only your own."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wayhome.adapters.db.models import CaseLogMapping, ProcedureRecord

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


OWN_SHEET = (
    "Logbook of Dr. Example\n"
    "When,What I did,My part,Patient Name,Hospital\n"
    "2025-07-14,Laparoscopic cholecystectomy,Primary operator,DOE JOHN,Mercy\n"
    "2025-07-15,Appendectomy,Assisted the chief,ROE JANE,Mercy\n"
    "2025-07-16,Central line,Primary operator,POE JIM,VA\n"
)


def test_a_sheet_with_its_own_columns_goes_through_the_mapping_step(owner, client_for):
    user, row = owner
    c = client_for(user)
    upload = SimpleUploadedFile("mine.csv", OWN_SHEET.encode(), content_type="text/csv")
    step = c.post(f"/p/{row.pk}/cases/", {"file": upload}, follow=True)
    page = step.content.decode()
    assert "mine.csv: no header row found" in page and "Which column is which" in page
    assert not ProcedureRecord.objects.exists()  # nothing stored before the user confirms
    # The title line above the header is passed over: the fullest row is the header.
    assert '<option value="What I did">' in page and "Logbook of Dr. Example" not in page
    token = step.redirect_chain[-1][0].split("token=")[1]
    wrong = c.post(f"/p/{row.pk}/cases/map/", {"token": token, "col_on": "When"}, follow=True)
    assert "no column says what each procedure was" in wrong.content.decode()
    done = c.post(
        f"/p/{row.pk}/cases/map/",
        {"token": token, "col_on": "When", "col_description": "What I did"},
    ).content.decode()
    assert "3 rows read: 3 procedures added" in done
    assert not CaseLogMapping.objects.exists()  # not asked to remember


def test_checking_the_columns_first_saves_them_for_the_next_file(owner, client_for):
    user, row = owner
    c = client_for(user)
    sheet = OWN_SHEET.split("\n", 1)[1]  # no title line: the header is row 1
    upload = SimpleUploadedFile("mine.csv", sheet.encode(), content_type="text/csv")
    step = c.post(f"/p/{row.pk}/cases/", {"file": upload, "action": "check"}, follow=True)
    page = step.content.decode()
    token = step.redirect_chain[-1][0].split("token=")[1]
    assert "Patient Name" in page.split("DROPPED", 1)[1].split("</p>", 1)[0]
    assert "DOE JOHN" not in page  # a patient column's values are never shown
    assert '<option value="Hospital" selected>' in page  # guessed: site
    done = c.post(
        f"/p/{row.pk}/cases/map/",
        {
            "token": token,
            "col_on": "When",
            "col_description": "What I did",
            "col_role": "My part",
            "col_site": "Hospital",
            "role_0": "performed",  # Primary operator
            "role_1": "assisted",  # Assisted the chief
            "save": "1",
        },
    ).content.decode()
    assert "3 rows read: 3 procedures added" in done
    roles = sorted(ProcedureRecord.objects.filter(owner=user).values_list("role", flat=True))
    assert roles == ["assisted", "performed", "performed"]
    # The token is spent; the next file with the same columns imports at once.
    gone = c.get(f"/p/{row.pk}/cases/map/", {"token": token}, follow=True).content.decode()
    assert "no longer held" in gone
    nxt = sheet.replace("2025-07-1", "2025-08-1")
    again = SimpleUploadedFile("mine-august.csv", nxt.encode(), content_type="text/csv")
    page = c.post(f"/p/{row.pk}/cases/", {"file": again}).content.decode()
    assert "3 rows read: 3 procedures added" in page
    assert ProcedureRecord.objects.filter(owner=user).count() == 6


def test_another_accounts_upload_cannot_be_taken(owner, stranger, client_for):
    user, row = owner
    other, theirs = stranger
    upload = SimpleUploadedFile("mine.csv", OWN_SHEET.encode(), content_type="text/csv")
    step = client_for(user).post(
        f"/p/{row.pk}/cases/", {"file": upload, "action": "check"}, follow=True
    )
    token = step.redirect_chain[-1][0].split("token=")[1]
    stolen = client_for(other).get(f"/p/{theirs.pk}/cases/map/", {"token": token}, follow=True)
    assert "no longer held" in stolen.content.decode()


def test_the_page_compares_the_log_with_a_regulators_numbers(owner, client_for):
    user, row = owner
    row.data["specialty"] = "general-surgery"
    row.data["plan"]["targets"] = ["DE"]
    row.save()
    c = client_for(user)
    upload = SimpleUploadedFile("case_log.csv", ACGME.read_bytes(), content_type="text/csv")
    page = c.post(f"/p/{row.pk}/cases/", {"file": upload}).content.decode()
    section = page.split('aria-label="Procedure numbers for DE"', 1)[1].split("</section>", 1)[0]
    assert "Facharzt Viszeralchirurgie, MWBO 2018 guide numbers (Richtzahlen)" in section
    hernia = section.split("inguinal hernia repair", 1)[1].split("</tr>", 1)[0]
    assert "1 — 39 SHORT" in hernia and "Hernia - inguinal" in hernia
    assert "COUNT IT YOURSELF" in section


def test_a_procedure_typed_in_counts_like_an_imported_one_and_can_be_removed(owner, client_for):
    user, row = owner
    c = client_for(user)
    url = f"/p/{row.pk}/cases/"
    one = {
        "action": "add",
        "on": "2026-03-02",
        "role": "performed",
        "category": "Hernia - inguinal",
        "description": "Bilateral repair",
        "case_id": "A",
    }
    c.post(url, one)
    c.post(url, one)  # the other side: same case, kept twice
    page = c.get(url).content.decode()
    assert "1 case, 2 procedures" in page and "Bilateral repair (performed)" in page
    bad = c.post(url, {**one, "on": ""}, follow=True).content.decode()
    assert "Not added: give the date of the procedure." in bad
    nothing = c.post(url, {**one, "category": "", "description": ""}, follow=True)
    assert "Not added: say what the procedure was" in nothing.content.decode()
    assert ProcedureRecord.objects.filter(owner=user).count() == 2
    first = ProcedureRecord.objects.filter(owner=user).first()
    c.post(url, {"action": "remove", "id": first.pk})
    assert ProcedureRecord.objects.filter(owner=user).count() == 1


def test_a_case_log_upload_is_never_written_to_disk(owner, client_for, monkeypatch):
    # It may hold patient columns: read and held in memory only, on every step.
    from wayhome.adapters import scratch

    def refused(*args, **kwargs):
        raise AssertionError("a case-log upload was written to disk")

    monkeypatch.setattr(scratch, "temp_path", refused)
    user, row = owner
    c = client_for(user)
    direct = SimpleUploadedFile("acgme.csv", ACGME.read_bytes(), content_type="text/csv")
    assert "procedures added" in c.post(f"/p/{row.pk}/cases/", {"file": direct}).content.decode()
    own = SimpleUploadedFile("mine.csv", OWN_SHEET.encode(), content_type="text/csv")
    step = c.post(f"/p/{row.pk}/cases/", {"file": own}, follow=True)
    token = step.redirect_chain[-1][0].split("token=")[1]
    done = c.post(
        f"/p/{row.pk}/cases/map/",
        {"token": token, "col_on": "When", "col_description": "What I did"},
    ).content.decode()
    assert "3 rows read: 3 procedures added" in done


def test_the_procedure_numbers_say_who_did_them_as_cases_minimums_does(owner, client_for):
    """'80 as first assistant' (ProcedureMinimum.needed), the words of `cases minimums`
    and of the rule, where the page said '80 as assistant'."""
    user, row = owner
    row.data = {**row.data, "specialty": "general-surgery"}
    row.data["plan"] = {**row.data["plan"], "targets": ["DE"]}
    row.save()
    c = client_for(user)
    upload = SimpleUploadedFile("log.csv", ACGME.read_bytes(), content_type="text/csv")
    c.post(f"/p/{row.pk}/cases/", {"file": upload})
    page = c.get(f"/p/{row.pk}/cases/").content.decode()
    assert "<td>80 as first assistant</td>" in page and "<td>20</td>" in page
    assert "as assistant<" not in page
