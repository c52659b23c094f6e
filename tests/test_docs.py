"""The README and docs/ stay in step with the code."""

import re
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from tests.packs import pack_docs
from wayhome.adapters.packs import bundled_packs
from wayhome.cli.app import app
from wayhome.core.common import dates
from wayhome.core.money.forecast import Money
from wayhome.core.planner.template import Offset, TaskTemplate
from wayhome.core.profile.model import Profile
from wayhome.core.rules.conditions import FACTS

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _doc(name: str) -> str:
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def _field_paths(
    model: type[BaseModel], prefix: str = "", stop: tuple[type, ...] = ()
) -> list[str]:
    paths = []
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        paths.append(path)
        outer = field.annotation
        is_list = typing.get_origin(outer) is list
        candidates = [outer, *typing.get_args(outer)]
        candidates += [a for c in typing.get_args(outer) for a in typing.get_args(c)]
        for c in candidates:
            if isinstance(c, type) and issubclass(c, BaseModel) and not issubclass(c, stop):
                paths += _field_paths(c, path + ("[]." if is_list else "."), stop)
                break
    return paths


@pytest.mark.parametrize("path", _field_paths(Profile, stop=(TaskTemplate, Money)))
def test_every_profile_field_is_documented(path):
    assert f"| `{path}` |" in _doc("profile.md")


@pytest.mark.parametrize("path", _field_paths(Money, prefix="money."))
def test_every_money_field_is_documented(path):
    assert f"| `{path}` |" in _doc("profile.md")


@pytest.mark.parametrize("path", _field_paths(TaskTemplate, stop=(Offset,)))
def test_every_task_field_is_documented(path):
    assert f"| `{path}` |" in _doc("planner.md")


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_every_condition_fact_is_documented(fact):
    assert f"| `{fact}` |" in _doc("rule-packs.md")


def test_the_quick_start_has_exactly_the_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["python3 dev.py run", "python3 dev.py test"]


def test_ci_runs_the_readmes_test_command():
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]  # type: ignore[union-attr]
    for group in app.registered_groups:
        sub = group.typer_instance
        names += [
            f"{group.name} {c.name or c.callback.__name__}"  # type: ignore[union-attr]
            for c in sub.registered_commands
        ]
    assert "packs check" in names
    for name in names:
        assert f"`wayhome {name}" in README, name


def test_the_readme_table_of_packs_is_current():
    assert pack_docs.readme_table() in README, "run python3 dev.py snapshots to rewrite it"


def test_docs_packs_md_is_current():
    assert _doc("packs.md") == pack_docs.packs_page(), "run python3 dev.py snapshots to rewrite it"


def test_the_readme_links_the_page_of_packs():
    assert "(docs/packs.md)" in README.split("## Documentation", 1)[1]


def test_the_readme_lists_every_bundled_pack_with_its_version_and_review_date():
    for pack in bundled_packs():
        row = next(
            (line for line in README.splitlines() if line.startswith(f"| `{pack.code}` |")), None
        )
        assert row is not None, f"README has no row for {pack.code}"
        assert f"| {pack.version} |" in row
        assert f"| {dates.fmt(pack.reviewed)} |" in row


def test_every_linked_doc_exists():
    for link in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / link).is_file(), link
