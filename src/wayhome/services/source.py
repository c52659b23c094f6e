"""Where a profile comes from: a file the user names, a bundled example, or the
profile stored in the data folder (what the web app edits).

Every use case takes a :class:`ProfileSource`, so the command line and the web
app share them, and progress goes back where the profile came from. The database
layer (Django) is imported only for the stored profile, so a file or an example
never loads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from msgspec import Struct

from wayhome.adapters import plans, profiles
from wayhome.adapters.yamlfile import Document, InvalidFileError, Located
from wayhome.core.common.problems import Problem
from wayhome.core.planner.progress import Progress
from wayhome.core.profile.model import Profile


class ProfileSource(Struct, frozen=True):
    profile: Profile
    doc: Document | None = None  # the file's lines, to place later errors
    progress_file: Path | None = None  # progress beside a profile file
    owner: Any = None  # the account whose stored profile this is

    @property
    def read_only(self) -> bool:
        return self.progress_file is None and self.owner is None

    def load_progress(self) -> Progress:
        if self.owner is not None:
            from wayhome.adapters.db import store

            return Progress.model_validate(store.progress_data(self.owner))
        if self.progress_file is not None:
            return plans.load_progress(self.progress_file)
        return Progress()

    def save_progress(self, progress: Progress) -> None:
        if self.owner is not None:
            from wayhome.adapters.db import store

            store.save_progress(self.owner, progress.model_dump(mode="json"))
        elif self.progress_file is not None:
            plans.save_progress(self.progress_file, progress)
        else:
            raise InvalidFileError(
                [
                    Located(
                        "example",
                        None,
                        "",
                        "the examples are read-only: "
                        "copy one with `wayhome example > me.yaml` first",
                    )
                ]
            )

    def locate(self, problems: Iterable[Problem]) -> InvalidFileError:
        if self.doc is not None:
            return self.doc.locate(problems)
        return InvalidFileError(
            [Located("stored profile", None, p.dotted, p.message) for p in problems]
        )


def from_file(path: Path, display: str | None = None) -> ProfileSource:
    profile, doc = profiles.load_profile(path, display)
    # The bundled examples are read-only: their progress is never saved.
    bundled = path.resolve().parent == profiles.examples_dir().resolve()
    return ProfileSource(profile, doc, None if bundled else plans.progress_path(path))


def from_example(name: str) -> ProfileSource:
    profile, doc = profiles.load_profile(profiles.example_path(name), f"example:{name}")
    return ProfileSource(profile, doc)


def from_store(owner: Any) -> ProfileSource:
    from wayhome.adapters.db import store
    from wayhome.services import document_records

    data = store.profile_data(owner)
    if data is None:
        raise InvalidFileError(
            [
                Located(
                    "stored profile",
                    None,
                    "",
                    "there is no stored "
                    "profile yet: run `wayhome serve` and answer the "
                    "setup, or `wayhome profile import FILE`",
                )
            ]
        )
    # Its documents are the document records (one source of truth), not the stored data.
    profile = document_records.with_held(owner, profiles.from_data(data))
    return ProfileSource(profile, owner=owner)


def local_owner() -> Any:
    """Set up the data folder's database and return the local account."""
    from wayhome.adapters.db import store

    store.setup()
    return store.local_account()
