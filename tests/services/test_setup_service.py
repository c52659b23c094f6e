"""The setup's last step (and an import) saves the profile and takes the first "what
changed" snapshot; later ones keep it, so only "Seen" moves it on."""

from datetime import date

from wayhome.adapters.db import store
from wayhome.adapters.db.models import SavedAssessment
from wayhome.adapters.profiles import example_path, load_profile, to_data
from wayhome.services import setup

ON = date(2026, 11, 24)


def test_the_last_step_takes_the_first_snapshot_and_keeps_it(db):
    owner = store.local_account()
    profile, _ = load_profile(example_path("do-the-math"))
    data = to_data(profile)
    setup.finish(owner, data, ON)
    first = SavedAssessment.objects.get(owner=owner)
    assert first.on == ON and first.pack_versions["XX"]
    setup.finish(owner, {"plan": {"return_date": "2029-01-01"}}, date(2027, 1, 5))
    assert list(SavedAssessment.objects.filter(owner=owner)) == [first]
    assert store.profile_data(owner)["plan"]["return_date"] == "2029-01-01"


def test_an_import_takes_it_too(db):
    owner = store.local_account()
    setup.import_upload(owner, example_path("cardiology-in").read_bytes(), "mine.yaml", ON)
    assert SavedAssessment.objects.filter(owner=owner).count() == 1
    assert ("XX", "XX: Exampleland Medical Council (fictional)") in setup.regulators()
