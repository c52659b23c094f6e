"""The publications page: two exports of the same papers become one list."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from wayhome.adapters.db.models import PublicationRecord

FILES = Path(__file__).parents[1] / "cv" / "files"


def _upload(name):
    return SimpleUploadedFile(name, (FILES / name).read_bytes())


def test_pubmed_and_ris_exports_merge_on_the_page(owner, client_for):
    user, row = owner
    c = client_for(user)
    url = f"/p/{row.pk}/publications/"
    assert "No publications yet." in c.get(url).content.decode()
    page = c.post(url, {"file": _upload("pubs-pubmed.nbib")}).content.decode()
    assert "4 papers read: 4 added, 0 already there" in page
    assert "pubs-pubmed.nbib:102: record has no title" in page
    assert "4 papers, 4 indexed in PubMed" in page
    page = c.post(url, {"file": _upload("pubs-zotero.ris")}).content.decode()
    assert "1 added, 3 already there" in page
    assert "5 papers, 4 indexed in PubMed" in page
    assert "CASE-REPORT" in page and "PMID " in page
    assert " 2023." in page and "2,023" not in page  # years are not numbers with separators
    assert PublicationRecord.objects.filter(owner=user).count() == 5


def test_a_file_that_is_no_export_is_refused(owner, client_for):
    user, row = owner
    junk = SimpleUploadedFile("notes.txt", b"just some notes\n")
    page = (
        client_for(user)
        .post(f"/p/{row.pk}/publications/", {"file": junk}, follow=True)
        .content.decode()
    )
    assert "notes.txt is not a reference export" in page
    assert not PublicationRecord.objects.exists()


def test_another_accounts_papers_are_not_shown(owner, stranger, client_for):
    user, row = owner
    other, theirs = stranger
    client_for(user).post(f"/p/{row.pk}/publications/", {"file": _upload("pubs-pubmed.nbib")})
    page = client_for(other).get(f"/p/{theirs.pk}/publications/").content.decode()
    assert "No publications yet." in page
