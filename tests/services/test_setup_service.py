"""The setup's last step (and an import) saves the profile and takes the first "what
changed" snapshot; later ones keep it, so only "Seen" moves it on."""

from datetime import date

import pytest

from wayhome.adapters.db import store
from wayhome.adapters.db.models import SavedAssessment
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import profile_edits, setup

ON = date(2026, 11, 24)


def test_the_last_step_takes_the_first_snapshot_and_keeps_it(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    data = to_data(profile)
    setup.finish(owner, {k: v for k, v in data.items() if k != "id"}, ON)
    first = SavedAssessment.objects.get(owner=owner)
    assert first.on == ON and first.pack_versions["XX"]
    setup.finish(owner, {"plan.return_date": "2029-01-01"}, date(2027, 1, 5))
    assert list(SavedAssessment.objects.filter(owner=owner)) == [first]
    assert store.profile_data(owner)["plan"]["return_date"] == "2029-01-01"


def test_an_import_takes_it_too(db):
    owner = store.local_account()
    setup.import_upload(owner, example_path("cardiology-in").read_bytes(), "mine.yaml", ON)
    assert SavedAssessment.objects.filter(owner=owner).count() == 1
    assert ("XX", "XX: Exampleland Medical Council (fictional)") in setup.regulators()


def test_a_part_replaces_what_is_there_and_none_removes_it(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    store.save_profile(owner, to_data(profile))
    before = store.profile_data(owner)
    setup.save_section(owner, {"visa": None, "person.born": None}, ON)
    after = store.profile_data(owner)
    assert "visa" not in after and "born" not in after["person"]
    assert after["person"]["name"] == before["person"]["name"]
    assert after["id"] == before["id"]


def test_nothing_is_saved_that_a_rule_could_not_judge(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    store.save_profile(owner, to_data(profile))
    with pytest.raises(profile_edits.ProfileEditError) as e:
        setup.save_section(owner, {"plan.posts": ["astronaut"]}, ON)
    assert e.value.messages[0].startswith("Your plan, posts sought")
    assert store.profile_data(owner) == to_data(profile)


def test_the_draft_keeps_each_step_as_typed_and_where_to_resume(db):
    owner = store.local_account()
    setup.save_draft(owner, "you", {"name": ["Dr. A"]}, "return")
    setup.save_draft(owner, "return", {"specialty": ["Cardiolgy"]}, "return")
    found = setup.draft(owner)
    assert found == setup.Draft(
        {"you": {"name": ["Dr. A"]}, "return": {"specialty": ["Cardiolgy"]}}, "return"
    )
    setup.discard_draft(owner)
    assert setup.draft(owner) is None


def test_documents_given_replace_those_held(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    data = {k: v for k, v in to_data(profile).items() if k != "id"}
    held = [{"kind": "good-standing", "issued": "2026-10-01", "issuer": "NYSED"}]
    setup.finish(owner, {**data, "documents": held}, ON)
    assert setup.profile_data(owner)["documents"] == held
    assert "documents" not in store.profile_data(owner)  # the records hold them
    setup.save_section(owner, {"documents": []}, ON)
    assert "documents" not in setup.profile_data(owner)
