"""Read a profile from YAML, and find the bundled example profiles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from wayhome.adapters import yamlfile
from wayhome.core.profile import Profile


def examples_dir() -> Path:
    return Path(str(resources.files("wayhome") / "examples"))


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
