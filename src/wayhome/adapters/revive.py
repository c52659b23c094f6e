"""A pydantic model made again from its own JSON dump, without validating it again.

The pack cache (:mod:`wayhome.adapters.pack_cache`) keeps each pack as
``model_dump(mode="json", by_alias=True, exclude_unset=True)`` of a pack that passed
every check; :func:`revive` turns that back into the same objects (equal, with the same
fields set) by following the model's annotations, so that a command never builds the
validators of the pack's models (start-up, #28). Each model's "after" validators run
again, as they did when the pack was read: they set what a model keeps privately (a
rule numbers its versions of unknown start).

Only the shapes the pack models use are known here: models, lists, dicts, optional
values, literals, enums, dates, plain JSON values, and unions a JSON value tells apart
(a mapping, a list, or a string that is a literal, an enum's value or a date) or that
name their discriminator. Anything else raises :class:`UnsupportedError`, and the caller
validates instead. tests/adapters/test_pack_cache.py checks that every bundled pack comes
back equal to the one read from its YAML.
"""

from __future__ import annotations

import copy
import datetime
import enum
import inspect
import types
from collections.abc import Callable
from typing import (
    Annotated,
    Any,
    ClassVar,
    Final,
    ForwardRef,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from pydantic import BaseModel, Discriminator, Tag
from pydantic.fields import FieldInfo

M = TypeVar("M", bound=BaseModel)
Convert = Callable[[Any], Any]
Default = Callable[[dict[str, Any]], Any]


class UnsupportedError(Exception):
    """A shape this module does not revive: validate the data instead."""


def revive(model: type[M], data: Any) -> M:
    """``model`` from ``data``, a JSON dump of a valid instance (by alias, set fields only)."""
    if not isinstance(data, dict):
        raise UnsupportedError(f"{model.__name__}: not a mapping")
    made: M = _Plan.of(model).make(data)
    return made


class _Plan:
    """How to make one model class: each field's key, converter and default."""

    _plans: ClassVar[dict[type[BaseModel], _Plan]] = {}

    def __init__(self, model: type[BaseModel]) -> None:
        if model.model_config.get("extra") == "allow" or model.__pydantic_root_model__:
            raise UnsupportedError(f"{model.__name__}: extra keys or a root model")
        self.model = model
        # Each field in the model's order: its key in the dump, its name, how to convert
        # its value, and its default (None: required).
        self.fields: list[tuple[str, str, Convert | None, Default | None]] = []
        hints: dict[str, Any] | None = None
        for name, info in model.model_fields.items():
            if isinstance(info.annotation, _UNRESOLVED):
                # A model that names a type defined after it (AllOf names Condition) keeps
                # its fields unresolved until it is built; read them as Python does.
                if hints is None:
                    hints = get_type_hints(model, include_extras=True)
                convert = _converter(hints[name])
            else:
                convert = _field_converter(info)
            default = None if info.is_required() else _default(info)
            self.fields.append((info.alias or name, name, convert, default))
        self.after: list[Callable[[Any], Any]] = []
        for dec in model.__pydantic_decorators__.model_validators.values():
            if dec.info.mode == "wrap":
                raise UnsupportedError(f"{model.__name__}: a wrap validator")
            if dec.info.mode == "after":
                if _parameter_count(dec.func) != 1:
                    raise UnsupportedError(f"{model.__name__}: a validator that takes info")
                self.after.append(dec.func)
        self.post_init = bool(model.__pydantic_post_init__)

    @classmethod
    def of(cls, model: type[BaseModel]) -> _Plan:
        plan = cls._plans.get(model)
        if plan is None:
            plan = cls._plans[model] = cls(model)
        return plan

    def make(self, data: dict[str, Any]) -> Any:
        # In the model's order, as validation leaves them (repr and iteration show it).
        values: dict[str, Any] = {}
        fields_set: set[str] = set()
        for key, name, convert, default in self.fields:
            if key in data:
                value = data[key]
                values[name] = value if convert is None else convert(value)
                fields_set.add(name)
            elif default is not None:
                values[name] = default(values)
            else:
                raise UnsupportedError(f"{self.model.__name__}: no {key}")
        if len(fields_set) != len(data):
            raise UnsupportedError(f"{self.model.__name__}: keys it does not have")
        # As pydantic's model_construct does, without its search through aliases.
        m = self.model.__new__(self.model)
        object.__setattr__(m, "__dict__", values)
        object.__setattr__(m, "__pydantic_fields_set__", fields_set)
        object.__setattr__(m, "__pydantic_extra__", None)
        object.__setattr__(m, "__pydantic_private__", None)
        if self.post_init:
            m.model_post_init(None)
        for validator in self.after:
            validator(m)
        return m


_UNRESOLVED: Final = (ForwardRef, str)


def _parameter_count(func: Callable[..., Any]) -> int:
    """How many parameters ``inspect.signature`` finds, read from a plain function's code
    without building its signature."""
    if (
        not isinstance(func, types.FunctionType)
        or type(func) is not types.FunctionType
        or hasattr(func, "__wrapped__")
        or hasattr(func, "__signature__")
    ):
        return len(inspect.signature(func).parameters)
    code = func.__code__
    starred = bool(code.co_flags & inspect.CO_VARARGS) + bool(
        code.co_flags & inspect.CO_VARKEYWORDS
    )
    return code.co_argcount + code.co_kwonlyargcount + starred


# Defaults shared as they are (pydantic copies the others, as _default does).
_IMMUTABLE: Final = (type(None), str, int, float, bool, enum.Enum, datetime.date)


def _default(info: FieldInfo) -> Default:
    """A field's default for an instance, given the values before it: what pydantic's
    ``FieldInfo.get_default`` gives, with the factory's signature read once, not per use."""
    factory = info.default_factory
    if factory is None:
        value = info.default
        if isinstance(value, _IMMUTABLE):
            return lambda _: value
        return lambda _: copy.deepcopy(value)
    if isinstance(factory, type) and issubclass(factory, BaseModel) and _all_defaults(factory):
        # The model made from nothing, as ``factory()`` validates it, without building
        # its validator (a procedure minimum's ``match``).
        return lambda _: _Plan.of(factory).make({})
    if _takes_data(factory):
        return factory  # type: ignore[return-value]
    return lambda _: factory()  # type: ignore[call-arg]


def _all_defaults(model: type[BaseModel]) -> bool:
    """Whether ``model()`` is its fields' defaults and its "after" validators: no field
    required or validated by default, no validator before or around the model's."""
    if model.model_config.get("validate_default"):
        return False
    modes = {d.info.mode for d in model.__pydantic_decorators__.model_validators.values()}
    return modes <= {"after"} and not any(
        f.is_required() or f.validate_default for f in model.model_fields.values()
    )


def _takes_data(factory: Callable[..., Any]) -> bool:
    """Whether pydantic passes the values validated so far to this default factory: it
    does when the factory takes exactly one positional parameter without a default.
    Answered once per factory (most fields share one, ``new_list``)."""
    try:
        return _TAKES_DATA[factory]
    except KeyError:
        found = _TAKES_DATA[factory] = _reads_data(factory)
        return found
    except TypeError:
        return _reads_data(factory)  # a factory that is not hashable: asked each time


_TAKES_DATA: dict[Any, bool] = {}


def _reads_data(factory: Callable[..., Any]) -> bool:
    if factory in (list, dict, set, frozenset, tuple):
        return False  # as inspect finds, without parsing their text signatures
    try:
        params = list(inspect.signature(factory).parameters.values())
    except (ValueError, TypeError):
        return False
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return (
        len(params) == 1
        and params[0].kind in positional
        and params[0].default is inspect.Parameter.empty
    )


def _field_converter(info: FieldInfo) -> Convert | None:
    if not info.metadata and not info.discriminator:
        return _converter(info.annotation)
    found = info.discriminator or next(
        (m for m in info.metadata if isinstance(m, Discriminator)), None
    )
    if found is not None:
        return _discriminated(info.annotation, found)
    return _converter(info.annotation)


def _model(model: type[BaseModel]) -> Convert:
    return lambda v: _Plan.of(model).make(v)


def _converter(tp: Any) -> Convert | None:
    """How to turn a JSON value into a ``tp``; None when it is already one. Made once per
    annotation (equal annotations get the same converter: it holds no state), as most
    recur across the models (``str | None``, a rule's condition)."""
    try:
        return _CONVERTERS[tp]
    except KeyError:
        pass
    except TypeError:
        return _make_converter(tp)  # an annotation that is not hashable: made each time
    found = _CONVERTERS[tp] = _make_converter(tp)
    return found


_CONVERTERS: dict[Any, Convert | None] = {}


def _make_converter(tp: Any) -> Convert | None:
    origin = get_origin(tp)
    if origin is Annotated:
        base, *meta = get_args(tp)
        for m in meta:
            found = m if isinstance(m, Discriminator) else getattr(m, "discriminator", None)
            if found is not None and isinstance(m, Discriminator | FieldInfo):
                return _discriminated(base, found)
        return _converter(base)  # constraints and validators held when it was dumped
    if origin is Union or origin is types.UnionType:
        return _union(get_args(tp))
    if origin is list:
        item = _converter(get_args(tp)[0])
        return None if item is None else (lambda v: [item(x) for x in v])
    if origin is dict:
        key, value = (_converter(a) for a in get_args(tp))
        if key is None and value is None:
            return None
        k, val = key or _same, value or _same
        return lambda v: {k(a): val(b) for a, b in v.items()}
    if origin is Literal or tp in (str, int, bool, Any):
        return None
    if tp is float:
        return float
    if tp is datetime.date:
        return datetime.date.fromisoformat
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return _model(tp)
    raise UnsupportedError(repr(tp))


def _same(v: Any) -> Any:
    return v


def _bare(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _discriminated(union: Any, found: str | Discriminator) -> Convert:
    members = get_args(_bare(union))
    if isinstance(found, Discriminator):
        pick = found.discriminator
        if isinstance(pick, str):
            return _discriminated(union, pick)
        tagged: dict[Any, type[BaseModel]] = {}
        for m in members:
            tag = next((t.tag for t in get_args(m)[1:] if isinstance(t, Tag)), None)
            if tag is None:
                raise UnsupportedError(repr(union))
            tagged[tag] = _bare(m)
        return lambda v: _Plan.of(tagged[pick(v)]).make(v)
    by_value: dict[Any, type[BaseModel]] = {}
    for m in map(_bare, members):
        for value in get_args(m.model_fields[found].annotation):
            by_value[value] = m
    return lambda v: _Plan.of(by_value[v[found]]).make(v)


def _union(args: tuple[Any, ...]) -> Convert | None:
    given = [a for a in args if a is not type(None)]
    if len(given) == 1:  # X | None: keep X's own annotations (a discriminator)
        one = _converter(given[0])
        return None if one is None else (lambda v: None if v is None else one(v))
    members = [_bare(a) for a in given]
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    lists = [m for m in members if get_origin(m) is list]
    literals = [x for m in members if get_origin(m) is Literal for x in get_args(m)]
    enums = [m for m in members if isinstance(m, type) and issubclass(m, enum.Enum)]
    strings = str in members
    dates = datetime.date in members
    known = len(models) + len(lists) + len(enums) + strings + dates
    known += sum(1 for m in members if get_origin(m) is Literal)
    if len(models) > 1 or len(lists) > 1 or known != len(members):
        raise UnsupportedError(repr(args))
    to_model = _model(models[0]) if models else None
    to_list = (_converter(lists[0]) or _same) if lists else None

    def convert(v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, dict) and to_model is not None:
            return to_model(v)
        if isinstance(v, list) and to_list is not None:
            return to_list(v)
        if isinstance(v, str):
            # As pydantic's smart union picks for text: an exact literal or str first.
            if v in literals or strings:
                return v
            for e in enums:
                try:
                    return e(v)
                except ValueError:
                    pass
            if dates:
                return datetime.date.fromisoformat(v)
        raise UnsupportedError(f"{v!r} for {args!r}")

    return convert
