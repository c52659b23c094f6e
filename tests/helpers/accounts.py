"""An account with an example profile stored, for tests outside tests/web (whose
conftest has the same as its personas' fixtures)."""

from __future__ import annotations

from django.contrib.auth.models import User

from wayhome.adapters.db.models import StoredProfile
from wayhome.adapters.profiles import example_path, load_profile, to_data


def with_profile(username: str, example: str = "do-the-math") -> tuple[User, StoredProfile]:
    user = User.objects.create_user(username, password="correct horse battery")
    profile, _ = load_profile(example_path(example))
    return user, StoredProfile.objects.create(owner=user, data=to_data(profile))
