"""Item 9: YAML that would hang the loader, blow its stack or crash its reader is refused
at its line, with whichever parser reads it (PyYAML's pure-Python one or libyaml's)."""

from __future__ import annotations

import time

import pytest
import yaml

from wayhome.adapters import yamlfile
from wayhome.adapters.profiles import load_profile
from wayhome.adapters.yamlfile import InvalidFileError

PARSERS = [pytest.param(yaml.BaseLoader, id="pure-python")]
if getattr(yaml, "__with_libyaml__", False):
    PARSERS.append(pytest.param(yaml.CBaseLoader, id="libyaml"))


@pytest.fixture(params=PARSERS, autouse=True)
def parser(request, monkeypatch):
    monkeypatch.setattr(yamlfile, "PARSER", request.param)
    return request.param


def errors_of(text: str) -> list[str]:
    started = time.perf_counter()
    with pytest.raises(InvalidFileError) as caught:
        yamlfile.parse(text, "hostile.yaml")
    assert time.perf_counter() - started < 5, "refused, but only after a long wait"
    return [str(e) for e in caught.value.errors]


def billion_laughs(levels: int = 30) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, levels):
        refs = ", ".join([f"*a{n - 1}"] * 9)
        lines.append(f"a{n}: &a{n} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_the_alias_that_crosses_the_limit():
    # Nine times more at every level: 9**30 strings if expanded.
    [error] = errors_of(billion_laughs())
    assert error.startswith("hostile.yaml:")
    line = int(error.split(":")[1].split()[0])
    assert 2 <= line <= 10
    assert "aliases" in error and "expand to more than" in error


def test_too_many_aliases_are_refused_even_when_each_is_small():
    text = "a: &a x\nb: [" + ", ".join(["*a"] * (yamlfile.MAX_ALIASES + 1)) + "]\n"
    assert errors_of(text) == [
        f"hostile.yaml:2: more than {yamlfile.MAX_ALIASES} aliases (*name): "
        "write the values out instead"
    ]


def test_an_alias_inside_its_own_anchor_is_refused_not_followed_forever():
    assert errors_of("a: &a [1, *a]\n") == [
        "hostile.yaml:1: the alias *a is inside its own anchor: it would never end"
    ]


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deep_nesting_is_refused_at_its_line_not_a_recursion_error(style):
    depth = 900  # under libyaml's own limit (1000), so ours is the one that speaks
    text = (
        "[" * depth + "]" * depth + "\n"
        if style == "flow"
        else "".join(" " * n + "- \n" for n in range(0, 2 * 200, 2))
    )
    [error] = errors_of(text)
    assert "nested deeper than 40 levels" in error
    assert error.startswith("hostile.yaml:1:" if style == "flow" else "hostile.yaml:41:")


def test_an_alias_cannot_nest_the_data_past_the_limit_either():
    deep = "[" * 30 + "]" * 30
    text = f"a: &a {deep}\nb: &b [[[[[[[[[[[[*a]]]]]]]]]]]]\n"
    [error] = errors_of(text)
    assert error == "hostile.yaml:2: the alias *a nests the data deeper than 40 levels"


@pytest.mark.parametrize(
    ("char", "shown"),
    [
        pytest.param("\x00", "U+0000, a NUL byte", id="nul"),
        pytest.param("\x1b", "U+001B", id="escape"),
        pytest.param("\x7f", "U+007F", id="delete"),
    ],
)
def test_a_control_character_is_named_at_its_line(char, shown):
    assert errors_of(f"person:\n  name: A{char}B\n") == [
        f"hostile.yaml:2: a character YAML does not allow ({shown}): the file is not plain "
        "text; remove it, or save the file again as plain text (UTF-8)"
    ]


@pytest.mark.parametrize("escaped", ["\\0", "\\x00", "\\u0000"])
def test_a_nul_written_escaped_in_quotes_is_named_at_its_field(escaped):
    """Allowed as YAML, but PostgreSQL cannot store it (SQLite kept it unseen)."""
    said = (
        "holds a NUL character (a zero byte, written \\0, \\x00 or \\u0000 in quotes), "
        "which Wayhome cannot keep: remove it"
    )
    assert errors_of(f'person:\n  name: "A{escaped}B"\n  "k{escaped}": 1\n') == [
        f"hostile.yaml:2 person.name: this value {said}",
        f"hostile.yaml:3 person: a key here {said}",
    ]


def test_a_file_past_the_size_limit_is_refused_where_the_limit_falls(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    path = tmp_path / "big.yaml"
    path.write_text("".join(f"k{n}: {'x' * 40}\n" for n in range(100)), encoding="utf-8")
    with pytest.raises(InvalidFileError) as caught:
        yamlfile.read(path, "big.yaml")
    [error] = [str(e) for e in caught.value.errors]
    assert error.startswith("big.yaml:22: the file goes on past 1,000 bytes here")


def test_a_second_document_is_refused_at_its_line():
    assert errors_of("a: 1\n---\nb: 2\n") == [
        "hostile.yaml:2: not valid YAML: a second document starts here; a file holds one"
    ]


def test_a_profile_file_with_a_nul_byte_is_refused_in_words(tmp_path):
    path = tmp_path / "me.yaml"
    path.write_bytes(b"person:\n  name: Dr. A\x00\n")
    with pytest.raises(InvalidFileError, match=r"me\.yaml:2: a character YAML does not allow"):
        load_profile(path)


def test_aliases_within_the_limits_still_read_as_written_out():
    doc = yamlfile.parse("a: &a {x: [1, 2]}\nb: *a\nc: [*a]\n", "ok.yaml")
    assert doc.data == {"a": {"x": ["1", "2"]}, "b": {"x": ["1", "2"]}, "c": [{"x": ["1", "2"]}]}
    assert doc.data["b"] is not doc.data["a"]
    assert doc.lines[("b", "x", 1)] == 1 and doc.lines[("c", 0)] == 3


def test_plain_nulls_read_the_same_with_either_parser():
    doc = yamlfile.parse("a: ~\nb: null\nc: ''\nd:\ne: 'null'\n", "ok.yaml")
    assert doc.data == {"a": None, "b": None, "c": "", "d": None, "e": "null"}
