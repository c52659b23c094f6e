"""The bundled folders (packs, examples, the guide template) are found from the package's
own file, not with ``importlib.resources.files`` (which imports ``zipfile``: #28,
start-up). They are the folders importlib.resources names, here and in a copy of the
package installed as a wheel installs it (its data files in the package's folder)."""

import json
import shutil
import subprocess
import sys
from importlib import resources
from pathlib import Path

import wayhome
from wayhome.adapters import packs, plans, profiles


def test_they_are_the_folders_importlib_resources_names():
    package = Path(str(resources.files("wayhome")))
    assert packs.bundled_dir() == package / "packs"
    assert profiles.examples_dir() == package / "examples"
    assert plans.guide_path() == package / "plans" / "guide.yaml"
    assert packs.bundled_dir().is_dir()
    assert profiles.example_names()
    assert plans.guide_path().is_file()


# As a command runs: pydantic's plugin loader (importlib.metadata, zipfile) left out.
FIND = """
import json, sys
from wayhome.cli import app
app._no_plugin_search()
from wayhome.adapters import packs, plans, profiles
print(json.dumps({
    "file": __import__("wayhome").__file__,
    "packs": [f.name for f in packs.pack_folders(packs.bundled_dir())],
    "examples": profiles.example_names(),
    "guide": len(plans.guide_template().tasks),
    "zipfile": "zipfile" in sys.modules,
}))
"""


def test_they_are_found_in_a_package_installed_elsewhere(tmp_path):
    site = tmp_path / "site-packages"
    shutil.copytree(
        Path(wayhome.__file__).parent,
        site / "wayhome",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "web"),
    )
    done = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(site)!r})\n{FIND}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = json.loads(done.stdout)
    assert Path(found["file"]).parent == site / "wayhome"
    assert found["packs"] == [f.name for f in packs.pack_folders(packs.bundled_dir())]
    assert found["examples"] == profiles.example_names()
    assert found["guide"] == len(plans.guide_template().tasks)
    assert found["zipfile"] is False
