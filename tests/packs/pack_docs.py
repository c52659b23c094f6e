"""The README's table of packs and docs/packs.md, written from the one table of packs.

Both come from the rows of :mod:`wayhome.core.rules.catalogue` (via
``wayhome.services.packs.table``), the same rows ``wayhome packs list`` prints, so
they cannot say different things. ``python3 dev.py snapshots`` rewrites them
(``python -m tests.packs.scenarios --update`` calls :func:`update`), and
tests/test_docs.py fails when either is out of date.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from wayhome.core.common import dates
from wayhome.core.rules.catalogue import PackRow
from wayhome.services import packs as pack_service

ROOT: Final = Path(__file__).parents[2]
README: Final = ROOT / "README.md"
PACKS_DOC: Final = ROOT / "docs" / "packs.md"
TABLE_HEAD: Final = (
    "| Code | Jurisdiction | Pack version | Last reviewed | Oldest source "
    "| Sources: regulator / secondary / informal | Open questions | Scenario tests |"
)
GRADE_WORDS: Final = {
    "regulator": "the regulator's own",
    "secondary": "secondary",
    "informal": "informal",
}


def rows() -> list[PackRow]:
    """The bundled packs' rows, real packs first, then the fictional one."""
    return sorted(pack_service.table(), key=lambda r: (r.fictional, r.code))


def readme_table(table: list[PackRow] | None = None) -> str:
    """The table in the README's "Rule packs" section (and at the top of docs/packs.md)."""
    lines = [TABLE_HEAD, "|---|---|---|---|---|---|---|---|"]
    for r in rows() if table is None else table:
        name = r.name + (" — **fictional**, for trying Wayhome out" if r.fictional else "")
        oldest = dates.fmt(r.oldest_source) if r.oldest_source else "none dated"
        grades = " / ".join(str(n) for _, n in r.grades)
        tests = "none" if r.scenario_tests is None else str(r.scenario_tests)
        lines.append(
            f"| `{r.code}` | {name} | {r.version} | {dates.fmt(r.reviewed)} | {oldest} "
            f"| {grades} | {len(r.open_questions)} | {tests} |"
        )
    return "\n".join(lines)


def packs_page(table: list[PackRow] | None = None) -> str:
    """docs/packs.md: the table, then each pack with its sources and open questions."""
    table = rows() if table is None else table
    out = [
        "# The rule packs",
        "",
        "<!-- Written by `python3 dev.py snapshots` from the one table of packs",
        "(src/wayhome/core/rules/catalogue.py, the rows `wayhome packs list` prints);",
        "tests/test_docs.py fails when this page is out of date. Do not edit it by hand. -->",
        "",
        "Every bundled pack: who regulates, how old its oldest dated source is, how far its",
        "sources can be trusted (the regulator's own text, secondary reports, informal",
        "leads to confirm), what it cannot answer yet (each open question, to put to the",
        "regulator) and how many scenario tests guard it. The format of a pack is in",
        "[rule-packs.md](rule-packs.md), its tests in [pack-tests.md](pack-tests.md).",
        "",
        readme_table(table),
    ]
    for r in table:
        out += ["", *_pack_section(r)]
    return "\n".join(out) + "\n"


def _pack_section(r: PackRow) -> list[str]:
    grades = ", ".join(f"{n} {GRADE_WORDS[g]}" for g, n in r.grades if n)
    undated = f" ({r.undated_sources} show no date of their own)" if r.undated_sources else ""
    site = f" ({r.website})" if r.website else ""
    lines = [
        f"## `{r.code}` — {r.name}",
        "",
        f"- Regulator: {r.regulator}{site}.",
        f"- Pack {r.version}, reviewed {dates.fmt(r.reviewed)}: {r.rules} rules, "
        f"{r.sources} sources: {grades}{undated}.",
    ]
    if r.oldest_source is not None:
        lines.append(
            f"- Oldest dated source: {dates.fmt(r.oldest_source)}, {r.oldest_source_title}."
        )
    tests = "none" if r.scenario_tests is None else str(r.scenario_tests)
    lines += [f"- Scenario tests: {tests}.", ""]
    if not r.open_questions:
        return [*lines, "Open questions: none."]
    lines += [f"Open questions ({len(r.open_questions)}):", ""]
    for q in r.open_questions:
        where = f"`{q.rule}` ({q.since})" if q.rule else f"`{q.id}`"
        lines.append(f"- {where}: {q.question}")
    return lines


def update() -> None:
    """Rewrite the README's table and docs/packs.md when they differ from the packs."""
    table = rows()
    text = README.read_text(encoding="utf-8")
    start = text.index("| Code | Jurisdiction |")
    end = text.index("\n\n", start)
    new = text[:start] + readme_table(table) + text[end:]
    if new != text:
        README.write_text(new, encoding="utf-8")
        print(f"wrote {README} (the table of packs)")
    page = packs_page(table)
    if not PACKS_DOC.exists() or PACKS_DOC.read_text(encoding="utf-8") != page:
        PACKS_DOC.write_text(page, encoding="utf-8")
        print(f"wrote {PACKS_DOC}")
