"""Read a profile from YAML, and find the bundled example profiles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import wayhome
from wayhome.adapters import yamlfile
from wayhome.core.profile.model import Profile


def examples_dir() -> Path:
    """The bundled examples, a folder of the package (as
    :func:`wayhome.adapters.packs.bundled_dir`)."""
    return Path(wayhome.__file__).parent / "examples"


def example_names() -> list[str]:
    return sorted(p.stem for p in examples_dir().glob("*.yaml"))


def example_path(name: str) -> Path:
    path = examples_dir() / f"{name}.yaml"
    if not path.is_file():
        raise yamlfile.InvalidFileError(
            [
                yamlfile.Located(
                    name,
                    None,
                    "",
                    f"no example called '{name}'; examples: {', '.join(example_names())}",
                )
            ]
        )
    return path


def load_profile(path: Path, display: str | None = None) -> tuple[Profile, yamlfile.Document]:
    """The profile and its parsed document (to place later errors at their line)."""
    doc = yamlfile.read(path, display)
    return yamlfile.validate(doc, Profile), doc


def to_data(profile: Profile) -> dict[str, Any]:
    """The profile as plain data (what its YAML holds), for storage and export."""
    data: dict[str, Any] = profile.model_dump(
        mode="json", by_alias=True, exclude_none=True, exclude_defaults=True
    )
    data["id"] = str(profile.profile_id)  # always kept: calendar UIDs derive from it
    return data


def from_data(data: dict[str, Any], name: str = "stored profile") -> Profile:
    """A profile from stored data; errors name the field (there are no lines)."""
    return yamlfile.validate(yamlfile.Document(name, data, {}), Profile)


def to_yaml(profile: Profile) -> str:
    header = (
        "# Your Wayhome profile (docs/profile.md). Exported "
        "from Wayhome; import it again with `wayhome profile import`.\n"
    )
    return header + yaml.safe_dump(to_data(profile), sort_keys=False, allow_unicode=True)
