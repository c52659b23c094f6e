"""Every loader error, each from a deliberately broken pack with the message it must give.

Each file in broken_packs/ starts with ``# error: LINE FIELD: MESSAGE`` (the message
may be cut short; FIELD is absent for a file that is not YAML at all); the loader must
report exactly that line, field and message.
"""

from pathlib import Path

import pytest

from wayhome.adapters.packs import load_pack_file
from wayhome.adapters.yamlfile import InvalidFileError

CASES = sorted((Path(__file__).parent / "broken_packs").glob("*.yaml"))


def _expected(path: Path) -> tuple[int, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# error: "), f"{path.name} lacks its '# error:' header"
    line, _, rest = first.removeprefix("# error: ").partition(" ")
    return int(line), rest


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_a_broken_pack_fails_with_its_file_line_and_field(path):
    line, message = _expected(path)
    with pytest.raises(InvalidFileError) as caught:
        load_pack_file(path)
    errors = [str(e) for e in caught.value.errors]
    where = (f"{path}:{line} ", f"{path}:{line}: ")
    assert any(e.startswith(where) and message in e for e in errors), "\n".join(errors)


def test_there_is_a_broken_pack_for_each_kind_of_mistake():
    assert len(CASES) >= 12
