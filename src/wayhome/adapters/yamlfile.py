"""Read YAML into validated models, with every error located as file:line field.

Scalars are read the YAML 1.2 way, not PyYAML's 1.1 way: ``NO`` (Norway) and
``on`` stay strings, and every plain scalar except null is handed to the model
as text, so the model's own types decide (``2014-13-01`` is then reported as
"not a date" at its line, instead of failing inside the YAML parser).
Duplicate keys are errors. Nothing here writes anything.

Hostile files are refused in words, at their line, never with a hang or a
traceback: a file over ``MAX_BYTES``, a character YAML does not allow (a NUL
byte), nesting deeper than ``MAX_DEPTH``, more than ``MAX_ALIASES`` aliases,
aliases that would expand the data past ``MAX_NODES`` values (a "billion laughs"
file), or a value longer than ``MAX_TEXT`` or holding a NUL written escaped in
quotes (named with its field). The data is built here from the parser's event
stream, without recursion and without expanding an alias before its cost is
counted, so the limits hold with whichever parser ``PARSER`` names (PyYAML's
pure-Python one, or libyaml's ``yaml.CBaseLoader``; tests/hostile/test_yaml_limits.py
runs both).

libyaml reads a rule pack some ten times faster, so it is the parser wherever PyYAML
was built with it; its events carry the same line marks (tests/adapters/test_yaml_parsers.py
checks every YAML file in the repository). It words syntax errors its own way, so a file
it refuses is read again by the pure-Python parser, whose words and line are the ones
Wayhome has always given.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, get_args

import yaml
from msgspec import Struct, field
from pydantic import BaseModel, ValidationError

from wayhome.core.common.problems import Problem, dotted

M = TypeVar("M", bound=BaseModel)

_NULL = re.compile(r"^(~|null|Null|NULL|)$")
LineMap = dict[tuple[str | int, ...], int]
Path_ = tuple[str | int, ...]

# The parser: libyaml's where PyYAML has it (about 10x faster), else PyYAML's own (pure
# Python), which also words every syntax error (see parse). The limits below do not
# depend on it.
PURE_PARSER: Final[Any] = yaml.BaseLoader
PARSER: Final[Any] = getattr(yaml, "CBaseLoader", PURE_PARSER)
# A rule pack is about 40 KB, 1,300 values and 10 levels deep, with no aliases; these
# leave room for far bigger files and stop only what no real one needs.
MAX_BYTES: Final = 2_000_000
MAX_DEPTH: Final = 40
MAX_ALIASES: Final = 100
MAX_NODES: Final = 200_000
MAX_TEXT: Final = 10_000  # characters in one value: a pack's longest note is under 1,000
# What YAML allows in a file (YAML 1.1 §5.1, as PyYAML's reader checks it); a NUL byte
# or another control character means the file is not plain text.
NOT_ALLOWED: Final = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


class Located(Struct, frozen=True):
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        if not self.file:  # a refusal of what was just typed, not of a place in a file
            return self.message
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where} {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class InvalidFileError(Exception):
    """One or more located errors in a file the user gave us."""

    def __init__(self, errors: Sequence[Located]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


class Document(Struct, frozen=True):
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
    return from_bytes(read_bytes(path, name), name)


def read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, up to one past ``MAX_BYTES``; InvalidFileError in words for a
    file that cannot be read (``name`` is how the file is called in the error)."""
    if path.exists() and not path.is_file() and not path.is_dir():
        # A pipe would block the read for ever: said, never opened.
        raise InvalidFileError([Located(name, None, "", "this is not a regular file")])
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # never more than the limit into memory
    except FileNotFoundError:
        raise InvalidFileError([Located(name, None, "", "no such file")]) from None
    except IsADirectoryError:
        raise InvalidFileError([Located(name, None, "", "this is a folder, not a file")]) from None
    except OSError as e:
        raise InvalidFileError([Located(name, None, "", e.strerror or str(e))]) from None
    return raw


def from_bytes(raw: bytes, name: str) -> Document:
    """A file's bytes (as :func:`read_bytes` gives them) as a Document."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        if len(raw) > MAX_BYTES and e.start >= len(raw) - 4:
            text = raw[: e.start].decode("utf-8")  # the limit fell inside a character
        else:
            at = raw.count(b"\n", 0, e.start) + 1
            raise InvalidFileError(
                [Located(name, at, "", f"not UTF-8 text ({e.reason}): save it as UTF-8")]
            ) from None
    return parse(text, name)


def parse(text: str, name: str) -> Document:
    """The YAML in ``text`` as plain data (dicts, lists, strings, None) with the line of
    every key and item; InvalidFileError with file:line for anything wrong or too big."""
    if len(text) > MAX_BYTES:
        raise InvalidFileError(
            [
                Located(
                    name,
                    text.count("\n", 0, MAX_BYTES) + 1,
                    "",
                    f"the file goes on past {_size(MAX_BYTES)} here; a profile or a "
                    "rule pack is far smaller: check that this is the right file",
                )
            ]
        )
    bad = NOT_ALLOWED.search(text)
    if bad:
        raise InvalidFileError(
            [
                Located(
                    name,
                    text.count("\n", 0, bad.start()) + 1,
                    "",
                    f"a character YAML does not allow ({_char_name(bad.group())}): the file is "
                    "not plain text; remove it, or save the file again as plain text (UTF-8)",
                )
            ]
        )
    try:
        built = _built(text, name)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        last = max(1, len(text.splitlines()))
        line = min(mark.line + 1, last) if mark else None
        message = f"not valid YAML: {e.problem}"
        if e.context and e.context_mark and e.context_mark is not mark:
            message += f" ({e.context} that starts at line {e.context_mark.line + 1})"
        raise InvalidFileError([Located(name, line, "", message)]) from None
    except yaml.YAMLError as e:  # the reader's errors carry a position, not a mark
        at = getattr(e, "position", None)
        line = text.count("\n", 0, at) + 1 if isinstance(at, int) else None
        raise InvalidFileError([Located(name, line, "", f"not valid YAML: {e}")]) from None
    if built is None:
        raise InvalidFileError([Located(name, 1, "", "the file is empty")])
    data, lines, errors = built
    if errors:
        raise InvalidFileError(errors)
    return Document(name, data, lines)


def _built(text: str, name: str) -> tuple[Any, LineMap, list[Located]] | None:
    """The file's data from ``PARSER``'s events; when it finds the YAML itself wrong, the
    pure-Python parser's error, in the words and at the line Wayhome has always said."""
    try:
        return _Builder(name).build(yaml.parse(text, Loader=PARSER))
    except yaml.YAMLError:
        if PARSER is PURE_PARSER:
            raise
    return _Builder(name).build(yaml.parse(text, Loader=PURE_PARSER))


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB" if n >= 1_000_000 else f"{n:,} bytes"


def _char_name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (", a NUL byte" if ch == "\x00" else "")


class _LimitError(Exception):
    """A limit crossed, or an alias that cannot be, while building: said at its line."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


class _Frame(Struct):
    """A mapping or a sequence being built, and what its anchor needs when it ends."""

    value: dict[str, Any] | list[Any]
    path: Path_
    line: int
    anchor: str | None
    nodes_before: int  # the count of values when it started: its anchor's size
    lines_before: int  # where its entries start in the builder's lines
    key: str | None = None  # a mapping's key waiting for its value
    key_line: int = 0
    duplicate: bool = False  # the waiting key was seen before: its value is dropped
    keys: dict[str, int] = field(default_factory=dict)  # each key and its first line
    depth: int = 0  # levels below it, for its anchor


class _Anchored(Struct, frozen=True):
    value: Any
    lines: list[tuple[Path_, int]]  # paths from the anchored value down
    nodes: int
    depth: int  # levels, itself included (0 for a scalar)


class _Builder:
    """Plain data from the parser's events, one event at a time (no recursion). Each
    limit is counted as it goes; an alias adds its anchor's size before it is copied."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stack: list[_Frame] = []
        self.lines: list[tuple[Path_, int]] = []
        self.errors: list[Located] = []
        self.anchors: dict[str, _Anchored] = {}
        self.open: set[str] = set()  # anchors of collections not closed yet
        self.nodes = self.aliases = self.documents = 0
        self.root: Any = None
        self.root_line = 1

    def build(self, events: Iterable[yaml.Event]) -> tuple[Any, LineMap, list[Located]] | None:
        try:
            for event in events:
                self._event(event)
        except _LimitError as e:
            raise InvalidFileError([Located(self.name, e.line, "", e.message)]) from None
        if not self.documents:
            return None
        lines: LineMap = {(): self.root_line}
        lines.update(self.lines)
        return self.root, lines, self.errors

    def _event(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _LimitError(
                    line, "not valid YAML: a second document starts here; a file holds one"
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._count(line, event.anchor)
            top = self.stack[-1] if self.stack else None
            is_key = top is not None and isinstance(top.value, dict) and top.key is None
            plain = event.style in (None, "")  # libyaml says "" where PyYAML says None
            value = None if plain and not is_key and _NULL.match(event.value) else event.value
            too_long = len(event.value) > MAX_TEXT
            if too_long or "\x00" in event.value:  # a NUL escaped in quotes ("\0", "\x00")
                where = top.path if top is not None and is_key else self._next_path()
                what = "a key here" if is_key else "this value"
                said = (
                    f"{what} is {len(event.value):,} characters long; Wayhome reads up "
                    f"to {MAX_TEXT:,}: check that this is the right file"
                    if too_long
                    else f"{what} holds a NUL character (a zero byte, written \\0, \\x00 or "
                    "\\u0000 in quotes), which Wayhome cannot keep: remove it"
                )
                self.errors.append(Located(self.name, line, dotted(where), said))
                value = "" if is_key else None
            if event.anchor is not None:
                self.anchors[event.anchor] = _Anchored(value, [], 1, 0)
            self._place(value, line)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            self._count(line, event.anchor)
            if len(self.stack) >= MAX_DEPTH:
                raise _LimitError(
                    line,
                    f"nested deeper than {MAX_DEPTH} levels (a profile or a rule pack needs "
                    "about 10): check the indentation and the brackets",
                )
            top = self.stack[-1] if self.stack else None
            if top is not None and isinstance(top.value, dict) and top.key is None:
                raise _LimitError(line, "a key must be plain text, not a list or a mapping")
            if event.anchor is not None:
                self.open.add(event.anchor)
            self.stack.append(
                _Frame(
                    {} if isinstance(event, yaml.MappingStartEvent) else [],
                    self._next_path(),
                    line,
                    event.anchor,
                    self.nodes - 1,
                    len(self.lines),
                )
            )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self._close()
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event.anchor or "", line)

    def _count(self, line: int, anchor: str | None) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _LimitError(line, f"more than {MAX_NODES:,} values: this is not a file to read")
        if anchor is not None and (anchor in self.anchors or anchor in self.open):
            raise _LimitError(line, f"not valid YAML: the anchor &{anchor} is defined twice")

    def _close(self) -> None:
        frame = self.stack.pop()
        if self.stack:
            self.stack[-1].depth = max(self.stack[-1].depth, frame.depth + 1)
        if frame.anchor is not None:
            self.open.discard(frame.anchor)
            cut = len(frame.path)
            self.anchors[frame.anchor] = _Anchored(
                frame.value,
                [(p[cut:], n) for p, n in self.lines[frame.lines_before :]],
                self.nodes - frame.nodes_before,
                frame.depth + 1,
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.duplicate:
            del self.lines[frame.lines_before :]  # the dropped value's lines go too
        self._place(frame.value, frame.line)

    def _alias(self, anchor: str, line: int) -> None:
        if anchor in self.open:
            raise _LimitError(
                line, f"the alias *{anchor} is inside its own anchor: it would never end"
            )
        found = self.anchors.get(anchor)
        if found is None:
            raise _LimitError(line, f"not valid YAML: the alias *{anchor} has no anchor before it")
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise _LimitError(
                line, f"more than {MAX_ALIASES} aliases (*name): write the values out instead"
            )
        self.nodes += found.nodes
        if self.nodes > MAX_NODES:
            raise _LimitError(
                line,
                f"the aliases up to here expand to more than {MAX_NODES:,} values: "
                "this is not a file to read",
            )
        if len(self.stack) + found.depth > MAX_DEPTH:
            raise _LimitError(
                line, f"the alias *{anchor} nests the data deeper than {MAX_DEPTH} levels"
            )
        if self.stack:
            self.stack[-1].depth = max(self.stack[-1].depth, found.depth)
        path = self._next_path()
        # Each use is data of its own, as if written out; its size was counted above.
        self._place(copy.deepcopy(found.value), line, [((*path, *p), n) for p, n in found.lines])

    def _next_path(self) -> Path_:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, dict):
            return (*top.path, top.key or "")
        return (*top.path, len(top.value))

    def _place(self, value: Any, line: int, inner: list[tuple[Path_, int]] | None = None) -> None:
        """Put a finished value where it goes: the root, the next item, a key, or the value
        of the waiting key (``inner``: the lines below an alias's copy)."""
        if not self.stack:
            self.root, self.root_line = value, line
            self.lines.extend(inner or [])
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            self.lines.append(((*top.path, len(top.value)), line))
            self.lines.extend(inner or [])
            top.value.append(value)
        elif top.key is None:
            if isinstance(value, dict | list):
                raise _LimitError(line, "a key must be plain text, not a list or a mapping")
            key = str(value)
            top.key, top.key_line, top.duplicate = key, line, key in top.keys
            if top.duplicate:
                self.errors.append(
                    Located(
                        self.name,
                        line,
                        dotted((*top.path, key)),
                        f"duplicate key (first at line {top.keys[key]})",
                    )
                )
            else:
                top.keys[key] = line
        else:
            key, top.key = top.key, None
            if not top.duplicate:
                top.value[key] = value
                self.lines.append(((*top.path, key), top.key_line))
                self.lines.extend(inner or [])
            top.duplicate = False


def validate(doc: Document, model: type[M]) -> M:
    try:
        return model.model_validate(doc.data)
    except ValidationError as e:
        raise InvalidFileError(located_errors(doc, e, model)) from None


def located_errors(
    doc: Document,
    e: ValidationError,
    model: type[BaseModel] | None = None,
    prefix: Sequence[str | int] = (),
) -> list[Located]:
    """Each error of ``e`` at its line; an unknown key with the nearest key ``model``
    accepts in that place, when one is near."""
    out: list[Located] = []
    seen: set[tuple[str, str]] = set()
    for err in e.errors(include_url=False):
        loc = (*prefix, *err["loc"])
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, str(err["ctx"]["discriminator"]).strip("'"))
        located = doc.at(loc, _message(err, model), missing=err["type"] == "missing")
        if (located.field, located.message) not in seen:
            seen.add((located.field, located.message))
            out.append(located)
    return out


def _message(err: Any, model: type[BaseModel] | None) -> str:
    kind, given = err["type"], err.get("input")
    shown = given if isinstance(given, str) else None
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        import difflib  # only for a suggestion: most runs never need it (#28, start-up)

        known = _keys_at(model, err["loc"][:-1]) if model is not None else set()
        near = difflib.get_close_matches(key, sorted(known), n=1)
        hint = f" (did you mean '{near[0]}'?)" if near else ""
        return f"unknown field '{key}'{hint}; remove it or check the spelling"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"'{shown}' is not a date: write YYYY-MM-DD, e.g. `2014-06-30`"
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
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type"):
        return f"'{shown}' is not a number"
    bound = _bound(kind, err.get("ctx") or {}, given)
    if bound:
        return bound
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "should be a mapping of keys to values"
    if kind == "list_type":
        return "should be a list"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _bound(kind: str, ctx: dict[str, Any], given: Any) -> str | None:
    """A number, a text or a list outside its bounds, in words (the field is named
    beside it)."""
    words = {
        "greater_than": ("gt", "is too small: it must be more than {}"),
        "greater_than_equal": ("ge", "is too small: it must be {} or more"),
        "less_than": ("lt", "is too large: it must be less than {}"),
        "less_than_equal": ("le", "is too large: it must be {} at most"),
    }
    if kind in words:
        key, said = words[kind]
        limit = ctx.get(key)
        return f"{given} {said.format(f'{limit:g}' if isinstance(limit, float) else limit)}"
    if kind == "string_too_short":
        return "is empty: write it, or leave the field out"
    if kind == "string_too_long":
        return f"is longer than {ctx.get('max_length'):,} characters: shorten it"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries"
    if kind == "too_long":
        return f"has more than {ctx.get('max_length'):,} entries"
    return None


def _keys_at(model: type[BaseModel], path: Sequence[str | int]) -> set[str]:
    """The keys accepted at ``path`` in the model tree (a list's item is its position; a
    kind of rule is its tag): those a misspelt key there may have meant. None where the
    path leads to no model (a mapping's own keys)."""
    models = [model]
    for step in path:
        if isinstance(step, int):
            continue  # a list's item: the models the list holds
        found = [f for m in models for n, f in m.model_fields.items() if step in (n, f.alias)]
        if found:
            models = [m for f in found for m in _models_in(f.annotation)]
        else:  # a tagged union's tag: the members whose tag it is
            models = [
                m
                for m in models
                if any(step in get_args(f.annotation) for f in m.model_fields.values())
            ]
        if not models:
            return set()
    return {f.alias or n for m in models for n, f in m.model_fields.items()}


def _fields(model: type[BaseModel]) -> Iterable[Any]:
    return model.model_fields.values()


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field may hold: itself, or inside an optional, a list or a union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]
