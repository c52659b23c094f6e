"""The dashboard shows the statuses Engine II-b adds: blocked (no attempts left) and
indeterminate (the pack cannot date a change), each in plain words on the card."""

from datetime import date

from django.utils import timezone

from wayhome.web.templatetags.wayhome_tags import upper_status


def _frozen(monkeypatch, day: str):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date.fromisoformat(day))


def _change(row, **fields):
    row.data = {**row.data, **fields}
    row.save()


def test_a_blocked_exam_is_shown_as_blocked(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2026-11-24")
    user, row = owner
    fails = [{"name": "SCE", "date": d, "result": "fail"} for d in ("2025-03-10", "2025-09-10")]
    _change(row, exam_attempts=[*fails, {"name": "SCE", "date": "2026-03-10", "result": "fail"}])
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert '<span class="badge blocked" data-field="status">BLOCKED</span>' in page
    assert "no attempts left at Specialist Conversion Examination" in page


def test_an_indeterminate_rule_is_shown_as_cannot_tell(owner, client_for, monkeypatch):
    _frozen(monkeypatch, "2013-01-01")
    user, row = owner
    residency = {
        "kind": "residency",
        "specialty": "internal-medicine",
        "country": "US",
        "start": "2005-07-01",
        "end": "2008-06-30",
    }
    school = {"country": "XX", "start": "1999-09-01", "graduated": "2005-06-30"}
    plan = {**row.data["plan"], "return_date": "2015-01-01"}
    _change(row, medical_school=school, training=[residency], plan=plan)
    row.data.pop("board_certifications", None)
    row.data.pop("work", None)
    row.save()
    page = client_for(user).get(f"/p/{row.pk}/").content.decode()
    assert '<span class="badge open-question" data-field="status">OPEN QUESTION</span>' in page
    assert "the pack cannot tell which version applies — ask" in page
    assert "cannot tell: the pack does not know when" in page  # no date is guessed


def test_the_status_words():
    assert upper_status("indeterminate") == "CAN'T TELL"
    assert upper_status("blocked") == "BLOCKED"
    assert upper_status("tight") == "TIGHT"
