"""Every runtime dependency's licence can be combined with AGPL-3.0-or-later."""

import re
from importlib import metadata

from packaging.requirements import Requirement

# Permissive licences and the GPL family (version 3 compatible) only.
ALLOWED = re.compile(
    r"\b(MIT|BSD|Apache|ISC|PSF|Python Software Foundation|MPL[- ]?2|Mozilla Public License 2"
    r"|LGPL|GNU Lesser|GPL-?3|AGPL|Unlicense|0BSD|Zlib"
    # The FSF lists the Zope Public License 2.x (waitress) as GPL-compatible.
    r"|ZPL 2|Zope Public License)",
    re.IGNORECASE,
)


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    parts = [meta.get("License-Expression") or "", meta.get("License") or ""]
    parts += [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return " | ".join(p for p in parts if p)


def _runtime_closure(root: str) -> dict[str, str]:
    seen: dict[str, str] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        dist = metadata.distribution(name)
        seen[key] = _licence(dist)
        for spec in dist.requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def test_every_runtime_dependency_has_a_compatible_licence():
    closure = _runtime_closure("wayhome")
    assert "pydantic" in closure and "typer" in closure
    bad = {
        name: lic for name, lic in closure.items() if name != "wayhome" and not ALLOWED.search(lic)
    }
    assert not bad, f"check these licences against AGPL-3.0-or-later: {bad}"


def test_wayhome_itself_is_agpl():
    assert "AGPL-3.0-or-later" in _licence(metadata.distribution("wayhome"))
