"""No model of the core has a builtin (list, tuple, set) as a field's default factory:
pydantic reads a default factory's signature when it builds a model's validator, and a
builtin's is parsed from its text by the tokenizer (its patterns compiled for it, some
2 ms of every command's start, #28). ``new_list`` (core/common/strict.py) is the list's.
"""

from __future__ import annotations

import importlib
import pkgutil

from pydantic import BaseModel

import wayhome.core
from wayhome.core.common.strict import new_list


def _models() -> list[type[BaseModel]]:
    for info in pkgutil.walk_packages(wayhome.core.__path__, "wayhome.core."):
        importlib.import_module(info.name)
    found: list[type[BaseModel]] = []
    todo = [BaseModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("wayhome.core."):
                found.append(sub)
    return found


def test_no_core_model_has_a_builtin_default_factory():
    models = _models()
    assert len(models) > 80  # every module of the core was imported
    builtin = [
        f"{m.__module__}.{m.__qualname__}.{name}"
        for m in models
        for name, info in m.model_fields.items()
        if info.default_factory in (list, tuple, set, frozenset)
    ]
    assert builtin == []


def test_the_list_factory_makes_a_new_list_each_time():
    first, second = new_list(), new_list()
    assert first == second == [] and first is not second
