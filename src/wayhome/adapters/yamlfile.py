"""Read YAML into validated models, with every error located as file:line field.

Scalars are read the YAML 1.2 way, not PyYAML's 1.1 way: ``NO`` (Norway) and
``on`` stay strings, and every plain scalar except null is handed to the model
as text, so the model's own types decide (``2014-13-01`` is then reported as
"not a date" at its line, instead of failing inside the YAML parser).
Duplicate keys are errors. Nothing here writes anything.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args

import yaml
from pydantic import BaseModel, ValidationError

from wayhome.core.common.problems import Problem, dotted

M = TypeVar("M", bound=BaseModel)

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
LineMap = dict[tuple[str | int, ...], int]


@dataclass(frozen=True)
class Located:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InvalidFileError(Exception):
    """One or more located errors in a file the user gave us."""

    def __init__(self, errors: Sequence[Located]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: its data and the line of every key and item."""

    file: str
    data: Any
    lines: LineMap

    def locate(self, problems: Iterable[Problem]) -> InvalidFileError:
        return InvalidFileError([self.at(p.path, p.message) for p in problems])

    def at(self, loc: Sequence[Any], message: str, *, missing: bool = False) -> Located:
        path = self.real_path(loc, missing=missing)
        line = None
        for n in range(len(path), -1, -1):
            line = self.lines.get(tuple(path[:n]))
            if line is not None:
                break
        return Located(self.file, line, dotted(path), message)

    def real_path(self, loc: Sequence[Any], *, missing: bool = False) -> list[str | int]:
        """``loc`` as keys and indexes of the data, without union tags.

        A model error's location may name the member of a union it tried
        (``rules.0.max_age.versions``); those parts are not in the data and are
        dropped, except (with ``missing``) a last part naming a key that is missing.
        """
        node, out = self.data, []
        for i, part in enumerate(loc):
            in_dict = isinstance(node, dict) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if in_dict or in_list:
                node = node[part]
                out.append(part)
            elif missing and i == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
                out.append(part)
        return out


def read(path: Path, display: str | None = None) -> Document:
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidFileError([Located(name, None, "", "no such file")]) from None
    except UnicodeDecodeError as e:
        raise InvalidFileError([Located(name, None, "", f"not UTF-8 text ({e.reason})")]) from None
    except OSError as e:
        raise InvalidFileError([Located(name, None, "", e.strerror or str(e))]) from None
    return parse(text, name)


def parse(text: str, name: str) -> Document:
    try:
        root = yaml.compose(text, Loader=yaml.BaseLoader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        last = max(1, len(text.splitlines()))
        line = min(mark.line + 1, last) if mark else None
        message = f"not valid YAML: {e.problem}"
        if e.context and e.context_mark and e.context_mark is not mark:
            message += f" ({e.context} that starts at line {e.context_mark.line + 1})"
        raise InvalidFileError([Located(name, line, "", message)]) from None
    if root is None:
        raise InvalidFileError([Located(name, 1, "", "the file is empty")])
    lines: LineMap = {(): root.start_mark.line + 1}
    errors: list[Located] = []
    data = _build(root, (), lines, errors, name)
    if errors:
        raise InvalidFileError(errors)
    return Document(name, data, lines)


def _build(
    node: yaml.Node, path: tuple[str | int, ...], lines: LineMap, errors: list[Located], name: str
) -> Any:
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in first:
                errors.append(
                    Located(
                        name,
                        line,
                        dotted((*path, key)),
                        f"duplicate key (first at line {first[key]})",
                    )
                )
                continue
            first[key] = line
            lines[(*path, key)] = line
            out[key] = _build(value_node, (*path, key), lines, errors, name)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for i, item in enumerate(node.value):
            lines[(*path, i)] = item.start_mark.line + 1
            items.append(_build(item, (*path, i), lines, errors, name))
        return items
    assert isinstance(node, yaml.ScalarNode)
    if node.style is None and _NULL.match(node.value):
        return None
    return node.value


def validate(doc: Document, model: type[M]) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        raise InvalidFileError(located_errors(doc, e, _known_keys(model))) from None


def located_errors(
    doc: Document, e: ValidationError, known: Iterable[str] = (), prefix: Sequence[str | int] = ()
) -> list[Located]:
    out: list[Located] = []
    seen: set[tuple[str, str]] = set()
    for err in e.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, str(err["ctx"]["discriminator"]).strip("'"))
        located = doc.at(loc, _message(err, known), missing=err["type"] == "missing")
        if (located.field, located.message) not in seen:
            seen.add((located.field, located.message))
            out.append(located)
    return out


def _message(err: Any, known: Iterable[str]) -> str:
    kind, given = err["type"], err.get("input")
    shown = given if isinstance(given, str) else None
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        near = difflib.get_close_matches(key, list(known), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        return f"unknown field '{key}'{hint}; remove it or check the spelling"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{shown}' is not a date: write YYYY-MM-DD, e.g. 2014-06-30"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{shown}' is not a whole number"
    if kind in ("bool_parsing", "bool_type"):
        return f"'{shown}' is not true or false"
    if kind in ("enum", "literal_error"):
        return f"'{shown}' is not one of: {err['ctx'].get('expected', '')}"
    if kind == "union_tag_invalid":
        return (
            f"'{err['ctx']['tag']}' is not a known {err['ctx']['discriminator']}; "
            f"use one of: {err['ctx']['expected_tags']}"
        )
    if kind == "union_tag_not_found":
        return f"needs a '{err['ctx']['discriminator'].strip(chr(39))}'"
    if kind == "string_pattern_mismatch":
        return f"'{shown}' has the wrong form (expected {err['ctx']['pattern']})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a mapping of keys to values"
    if kind == "list_type":
        return "should be a list"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _known_keys(model: type[BaseModel]) -> set[str]:
    """Every key the model tree accepts, to suggest the nearest to a misspelt one."""
    keys: set[str] = set()
    todo: list[Any] = [model]
    done: set[int] = set()
    while todo:
        t = todo.pop()
        if id(t) in done:
            continue
        done.add(id(t))
        if isinstance(t, type) and issubclass(t, BaseModel):
            for name, f in t.model_fields.items():
                keys.add(f.alias or name)
                todo.append(f.annotation)
        else:
            todo.extend(get_args(t))
    return keys
