"""Every form of the web app, found from the code so that a new one is covered without a
list to keep (tests/hostile/test_web_forms.py posts hostile values through each).

A *route* is a URL and a form its view reads: the view of every URL pattern is read
(its function and the module's functions it calls), and each name it uses that is a
Django form class, or a mapping of actions to form classes (``CASE_ACTIONS``), is a form
it handles; a form the view builds from ``request.GET`` is sent by GET. The setup's
steps, which are not Django forms but bind their own (wayhome.web.forms.steps), are a
route each, on the setup and on the profile.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from django import forms
from django.urls import URLPattern

STEP_URLS = ("setup", "profile-step")  # the URLs that show a setup step (the `step` part)


@dataclass(frozen=True)
class Route:
    url_name: str  # the URL pattern's name in wayhome.web.urls
    form: type[forms.BaseForm] | None  # None for a setup step
    action: str | None = None  # the `action` posted, when the view picks by it
    method: str = "post"
    step: str | None = None  # a setup step's slug
    # What the view reads from the POST itself, beside the form (the contact a form is
    # about, a checklist item's key): sent with the form's fields.
    params: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        what = self.step or (self.form.__name__ if self.form else "?")
        return f"{self.url_name}:{what}" + (f":{self.action}" if self.action else "")


def _view(pattern: URLPattern) -> Any:
    view = pattern.callback
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view


def _functions(module: ModuleType) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(textwrap.dedent(inspect.getsource(module)))
    return {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}


def _reached(name: str, defs: Mapping[str, ast.FunctionDef]) -> list[ast.FunctionDef]:
    """The view's function and every function of its module it calls, transitively."""
    seen: dict[str, ast.FunctionDef] = {}
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in defs:
            continue
        seen[current] = defs[current]
        todo += [n.id for n in ast.walk(defs[current]) if isinstance(n, ast.Name)]
    return list(seen.values())


def _resolve(node: ast.AST, module: ModuleType) -> Any:
    if isinstance(node, ast.Name):
        return vars(module).get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return getattr(vars(module).get(node.value.id), node.attr, None)
    return None


def _is_form(value: Any) -> bool:
    """A form class of the app's or Django's own (not the bases every form has)."""
    return (
        isinstance(value, type)
        and issubclass(value, forms.BaseForm)
        and value not in (forms.BaseForm, forms.Form)
    )


def _from_get(function: ast.FunctionDef, form: type, module: ModuleType) -> bool:
    """Whether the function builds ``form`` from the query (``Form(request.GET)``)."""
    for call in ast.walk(function):
        if isinstance(call, ast.Call) and _resolve(call.func, module) is form and call.args:
            reads = ast.walk(call.args[0])  # request.GET, or `request.GET if ... else None`
            if any(isinstance(n, ast.Attribute) and n.attr == "GET" for n in reads):
                return True
    return False


def _posted_names(functions: list[ast.FunctionDef]) -> tuple[str, ...]:
    """The names a view reads from ``request.POST`` itself: ``.get("x")``, ``["x"]``,
    ``"x" in request.POST``."""

    def is_post(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "POST"

    found: set[str] = set()
    for function in functions:
        for n in ast.walk(function):
            key: ast.AST | None = None
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute):
                if n.func.attr == "get" and is_post(n.func.value) and n.args:
                    key = n.args[0]
            elif isinstance(n, ast.Subscript) and is_post(n.value):
                key = n.slice
            elif isinstance(n, ast.Compare) and any(is_post(c) for c in n.comparators):
                key = n.left
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                found.add(key.value)
    return tuple(sorted(found - {"action"}))


def _forms_of(function: ast.FunctionDef, module: ModuleType) -> Iterator[tuple[Any, str | None]]:
    for node in ast.walk(function):
        if not isinstance(node, ast.Name | ast.Attribute):
            continue
        value = _resolve(node, module)
        if _is_form(value):
            yield value, None
        elif isinstance(value, Mapping) and value and all(map(_is_form, value.values())):
            yield from ((form, action) for action, form in value.items())


def routes() -> list[Route]:
    """Every (URL, form) the web app answers, and each setup step on its two URLs."""
    from wayhome.web import urls
    from wayhome.web.forms.setup import STEPS

    found: dict[str, Route] = {}
    for pattern in urls.urlpatterns:
        view = _view(pattern)
        if "step" in pattern.pattern.converters:
            for step in STEPS:
                route = Route(pattern.name, None, step=step.slug)
                found[route.id] = route
            continue
        module = importlib.import_module(view.__module__)
        functions = _reached(view.__name__, _functions(module))
        params = _posted_names(functions)
        for function in functions:
            for form, action in _forms_of(function, module):
                if _abstract(form, action):
                    continue
                method = "get" if _from_get(function, form, module) else "post"
                route = Route(pattern.name, form, action, method, params=params)
                found.setdefault(route.id, route)
    # A form named both alone (shown unbound, or asked isinstance) and in the view's
    # actions is sent with its action: that is how its page posts it.
    with_action = {(r.url_name, r.form) for r in found.values() if r.action}
    kept = [r for r in found.values() if r.action or (r.url_name, r.form) not in with_action]
    return sorted(kept, key=lambda r: r.id)


def _abstract(form: type, action: str | None) -> bool:
    """A shared base named by the view only to ask what a form is (``isinstance``), not
    one it builds: an action form with subclasses and no action of its own."""
    from wayhome.web.forms.base import ActionForm

    return issubclass(form, ActionForm) and action is None and bool(form.__subclasses__())


def project_forms() -> set[type[forms.BaseForm]]:
    """Every form class defined in wayhome.web.forms (rows and steps' forms included)."""
    import wayhome.web.forms as package

    out: set[type[forms.BaseForm]] = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        out |= {
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if _is_form(c) and c.__module__ == module.__name__
        }
    return out


def step_forms() -> set[type[forms.BaseForm]]:
    """The forms the setup's steps bind (their main form and their rows)."""
    from wayhome.web.forms.setup import STEPS

    return {f for s in STEPS for f in (s.form, s.rows) if f is not None}
