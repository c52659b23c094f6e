"""libyaml reads every file as PyYAML's pure-Python parser does: the same data, the same
line for every key and item, the same error in the same words (start-up, #28)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from wayhome.adapters import yamlfile
from wayhome.adapters.yamlfile import InvalidFileError

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in ("src", "tests")
    for p in (ROOT / folder).rglob("*.yaml")
    if "snapshots" not in p.parts
)

needs_libyaml = pytest.mark.skipif(
    not getattr(yaml, "__with_libyaml__", False), reason="PyYAML was built without libyaml"
)


def _read(text: str, name: str, parser: object, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(yamlfile, "PARSER", parser)
    try:
        doc = yamlfile.parse(text, name)
    except InvalidFileError as e:
        return [str(x) for x in e.errors]
    return doc.data, doc.lines


@needs_libyaml
def test_it_reads_with_libyaml_by_default():
    assert yamlfile.PARSER is yaml.CBaseLoader


@needs_libyaml
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_reads_every_yaml_file_of_the_repository_alike_with_either_parser(path, monkeypatch):
    text = path.read_text(encoding="utf-8", errors="replace")
    name = str(path.relative_to(ROOT))
    assert _read(text, name, yaml.CBaseLoader, monkeypatch) == _read(
        text, name, yaml.BaseLoader, monkeypatch
    )


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("rules:\n  - id: r1\n    kind: [recent_practice\n", id="unclosed-flow"),
        pytest.param("a: 1\n b: 2\n", id="bad-indent"),
        pytest.param("a: 'open\n", id="unclosed-quote"),
        pytest.param("a:\n\t- b\n", id="tab"),
        pytest.param("- a\nb: c\n", id="list-then-map"),
    ],
)
def test_a_file_libyaml_refuses_is_refused_in_the_pure_parser_s_words(text, monkeypatch):
    with_c = _read(text, "bad.yaml", yaml.CBaseLoader, monkeypatch)
    assert isinstance(with_c, list) and with_c[0].startswith("bad.yaml:")
    assert with_c == _read(text, "bad.yaml", yaml.BaseLoader, monkeypatch)
