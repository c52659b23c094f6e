"""Find and load rule packs: the bundled ones, and the user's own folders."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Final

import wayhome
from wayhome.adapters import pack_cache, yamlfile
from wayhome.core.profile.model import Profile
from wayhome.core.rules import selection
from wayhome.core.rules.pack import Pack, check_pack

PACK_FILE: Final = "pack.yaml"
TESTS_FILE: Final = "tests.yaml"  # the pack's scenario tests (docs/pack-tests.md)


def bundled_dir() -> Path:
    """The bundled packs: a folder of the package, as a wheel installs it. Found from
    the package's own file rather than ``importlib.resources.files``, which imports
    ``zipfile`` (#28, start-up; tests/adapters/test_bundled_folders.py)."""
    return Path(wayhome.__file__).parent / "packs"


def load_pack_file(path: Path, raw: bytes | None = None) -> tuple[Pack, yamlfile.Document]:
    """Load and check one pack file (or its bytes ``raw``, already read); InvalidFileError
    with file:line on any problem."""
    doc = yamlfile.read(path) if raw is None else yamlfile.from_bytes(raw, str(path))
    pack = yamlfile.validate(doc, Pack)
    problems = check_pack(pack)
    if problems:
        raise doc.locate(problems)
    return pack, doc


def load_pack(folder: Path, raw: bytes | None = None) -> Pack:
    """Load one pack folder, which must be named after the pack's code. A bundled pack
    read and checked before, unchanged, comes from the cache
    (:mod:`wayhome.adapters.pack_cache`); a user's own pack is read every time. ``raw``:
    the bytes of a bundled pack's file, already read."""
    if not _bundled(folder):
        return _load_pack(folder, None)
    path = folder / PACK_FILE
    if raw is None:
        raw = yamlfile.read_bytes(path, str(path)) if path.is_file() else None
    pack = pack_cache.get(path, raw) if raw is not None else None
    if pack is None or folder.name != pack.code:
        pack = _load_pack(folder, raw)
        if raw is not None:
            pack_cache.put(path, raw, pack)
    return pack


def _bundled(folder: Path) -> bool:
    return folder.resolve().parent == bundled_dir().resolve()


def _load_pack(folder: Path, raw: bytes | None) -> Pack:
    pack, doc = load_pack_file(folder / PACK_FILE, raw)
    if folder.name != pack.code:
        raise yamlfile.InvalidFileError(
            [
                doc.at(
                    ("code",),
                    f"the folder is named "
                    f"'{folder.name}' but the code is '{pack.code}': "
                    "name the folder after the code",
                )
            ]
        )
    return pack


def pack_folders(root: Path) -> list[Path]:
    """``root`` itself if it is a pack, else the pack folders directly inside it."""
    if (root / PACK_FILE).is_file():
        return [root]
    if not root.is_dir():
        raise yamlfile.InvalidFileError([yamlfile.Located(str(root), None, "", "no such folder")])
    found = sorted(p for p in root.iterdir() if (p / PACK_FILE).is_file())
    if not found:
        raise yamlfile.InvalidFileError(
            [
                yamlfile.Located(
                    str(root), None, "", f"no {PACK_FILE} here or in the folders inside it"
                )
            ]
        )
    return found


@lru_cache(maxsize=1)
def bundled_packs() -> tuple[Pack, ...]:
    return tuple(load_pack(f) for f in pack_folders(bundled_dir()))


def load_packs(extra: Iterable[Path] = (), *, bundled: bool = True) -> list[Pack]:
    """Bundled packs, then the user's folders; a user's pack replaces a bundled one
    with the same code (that is how a user corrects or extends a pack)."""
    by_code: dict[str, Pack] = {p.code: p for p in bundled_packs()} if bundled else {}
    return _with_users(by_code, extra)


def packs_for(
    profile: Profile, extra: Iterable[Path] = (), targets: Iterable[str] | None = None
) -> list[Pack]:
    """What :func:`load_packs` gives, less the bundled packs an assessment of ``profile``
    does not read (:mod:`wayhome.core.rules.selection`): the rest stay on disk, where the
    cache's summaries tell them apart. Once every bundled pack is loaded in this process
    (the web app), they are chosen from there."""
    users = _with_users({}, extra)
    if bundled_packs.cache_info().currsize:
        bundled = {p.code: p for p in bundled_packs()}
    else:
        bundled = _bundled_needed(profile, users, targets)
    return list(({**bundled, **{p.code: p for p in users}}).values())


def _bundled_needed(
    profile: Profile, users: list[Pack], targets: Iterable[str] | None
) -> dict[str, Pack]:
    """The bundled packs the assessment reads: those a user's pack does not replace."""
    found: list[tuple[Path, bytes, selection.PackSummary]] = []
    loaded: dict[str, Pack] = {}
    for folder in pack_folders(bundled_dir()):
        path = folder / PACK_FILE
        raw = yamlfile.read_bytes(path, str(path))
        summary = pack_cache.summary(path, raw)
        if summary is None or summary.code != folder.name:
            pack = load_pack(folder, raw)  # read, checked and kept for the next time
            loaded[pack.code] = pack
            summary = selection.PackSummary.of(pack)
        found.append((folder, raw, summary))
    mine = {p.code for p in users}
    summaries = [s for _, _, s in found if s.code not in mine]
    summaries += [selection.PackSummary.of(p) for p in users]
    codes = selection.needed(profile, summaries, targets)
    return {
        s.code: loaded.get(s.code) or load_pack(folder, raw)
        for folder, raw, s in found
        if s.code not in mine and (codes is None or s.code in codes)
    }


def _with_users(by_code: dict[str, Pack], extra: Iterable[Path]) -> list[Pack]:
    errors: list[yamlfile.Located] = []
    for root in extra:
        try:
            for folder in pack_folders(root):
                try:
                    pack = load_pack(folder)
                    by_code[pack.code] = pack
                except yamlfile.InvalidFileError as e:
                    errors += e.errors
        except yamlfile.InvalidFileError as e:
            errors += e.errors
    if errors:
        raise yamlfile.InvalidFileError(errors)
    return list(by_code.values())


def scenario_count(folder: Path) -> int | None:
    """How many scenario tests a pack folder's tests.yaml holds (its cases and end-to-end
    cases), for the table of packs; None when the folder has none. The scenario suite
    (tests/packs) checks the file itself."""
    path = folder / TESTS_FILE
    if not path.is_file():
        return None
    data = yamlfile.read(path).data
    if not isinstance(data, dict):
        return 0
    return sum(len(v) for k in ("cases", "end_to_end") if isinstance(v := data.get(k), list))


def scenario_counts(
    extra: Iterable[Path] = (), only: Collection[str] | None = None
) -> dict[str, int | None]:
    """Pack code -> its scenario tests, for the bundled packs and then the user's folders
    (a user's pack replaces a bundled one, as in :func:`load_packs`); with ``only``, for
    those codes alone (each tests.yaml is read whole). A pack folder is named after its
    code (:func:`load_pack` checks it)."""
    folders = pack_folders(bundled_dir()) + [f for root in extra for f in pack_folders(root)]
    return {f.name: scenario_count(f) for f in folders if only is None or f.name in only}


def codes(packs: Sequence[Pack]) -> list[str]:
    return sorted(p.code for p in packs)
