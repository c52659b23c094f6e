"""`python3 dev.py run` says the address `wayhome serve` will listen on (its --host and
--port passed through), and an install shows pip's progress instead of minutes of
silence. Nothing is installed here: pip is a stand-in script."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[1]


@pytest.fixture(scope="module")
def dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("args", "address"),
    [
        pytest.param([], "http://127.0.0.1:8765/", id="defaults"),
        pytest.param(["--port", "9000"], "http://127.0.0.1:9000/", id="port"),
        pytest.param(["--no-browser", "--port=9001"], "http://127.0.0.1:9001/", id="port-equals"),
        pytest.param(["--host", "::1", "--port", "80"], "http://[::1]:80/", id="ipv6"),
        pytest.param(
            ["--host=192.168.1.5", "--allow-remote"], "http://192.168.1.5:8765/", id="host"
        ),
        pytest.param(["--port"], None, id="port-without-a-value"),
        pytest.param(["--port", "web"], None, id="port-not-a-number"),
    ],
)
def test_run_says_the_address_serve_listens_on(dev, args, address):
    assert dev.served_address(args) == address


def test_run_passes_every_argument_to_serve_and_says_its_address(dev, monkeypatch, capsys):
    ran: list[tuple[object, ...]] = []
    monkeypatch.setattr(dev, "ensure_venv", lambda extra="": None)
    monkeypatch.setattr(dev, "sh", lambda *args, check=True: ran.append(args) or 0)
    monkeypatch.setattr(sys, "argv", ["dev.py", "run", "--port", "9000", "--no-browser"])
    dev.run()
    assert ran == [(dev.BIN / "wayhome", "serve", "--port", "9000", "--no-browser")]
    assert "starting the web app on http://127.0.0.1:9000/" in capsys.readouterr().out


@pytest.mark.skipif(os.name == "nt", reason="the stand-in for pip is a shell script")
def test_an_install_shows_pips_progress(dev, monkeypatch, tmp_path, capfd):
    fake = tmp_path / "bin" / "python"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "Collecting django (from wayhome==0.1.0)"\necho "$@"\n')
    fake.chmod(0o755)
    monkeypatch.setattr(dev, "VENV", tmp_path)
    monkeypatch.setattr(dev, "PY", fake)
    dev.ensure_venv()
    out = capfd.readouterr().out
    assert "the first time takes a few minutes; pip's progress follows" in out
    assert "Collecting django" in out  # pip's own lines reach the terminal
    assert "--quiet" not in out and "install" in out
    assert (tmp_path / ".installed").is_file()
    dev.ensure_venv()  # pyproject.toml unchanged: nothing to do
    assert capfd.readouterr().out == ""
