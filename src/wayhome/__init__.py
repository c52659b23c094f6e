"""Wayhome: plan a physician's return home after US training.

The package is layered (see docs/architecture.md): ``wayhome.core`` holds the
domain in plain Python; ``wayhome.adapters`` read and write files;
``wayhome.services`` join the two; ``wayhome.cli`` is a thin shell.
"""

__version__ = "0.1.0"
