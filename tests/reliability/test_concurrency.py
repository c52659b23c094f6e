"""Several Wayhome processes on one data folder at once, as a second window or a
command beside the web app would run: nothing lost, no "database is locked".

Each test starts real processes (tests/helpers/child.py) on a fresh data folder.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import procs
from tests.helpers.child import ris


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n" + text.encode() + b"\n%%EOF\n"


def folder(tmp_path, name: str, files: dict[str, bytes]):
    path = tmp_path / name
    path.mkdir()
    for file_name, data in files.items():
        (path / file_name).write_bytes(data)
    return path


def test_first_imports_at_once_make_one_keyring_and_every_file_opens(tmp_path):
    # The real Argon2id cost: the time it takes is the window two first runs race in.
    data = tmp_path / "data"
    shared = {"shared.pdf": pdf("in every folder")}
    folders = [
        folder(
            tmp_path, f"docs-{n}", {**shared, **{f"{n}-{i}.pdf": pdf(f"{n} {i}") for i in range(5)}}
        )
        for n in range(4)
    ]
    runs = procs.at_once(
        data, [["cli-real-cost", "vault", "import", str(f), "--no-read"] for f in folders]
    )
    assert [r.code for r in runs] == [0, 0, 0, 0], [r.err[-500:] for r in runs]
    checked = procs.run(data, "cli", "vault", "check")
    assert checked.code == 0 and "Everything in the vault is whole." in checked.out, checked.out
    assert procs.run(data, "counts").json()["files"] == 21
    assert [p.name for p in (data / "vault").glob("keyring*")] == ["keyring.json"]


def test_concurrent_imports_whose_records_fail_lose_no_file(tmp_path):
    # A record that fails removes the file its import just wrote; without the vault's
    # lock, that could be a file another import had found there and recorded meanwhile.
    data = tmp_path / "data"
    assert procs.run(data, "prepare").code == 0
    docs = folder(tmp_path, "docs", {f"{i}.pdf": pdf(f"letter {i}") for i in range(24)})
    runs = procs.at_once(
        data, [["import-flaky", str(seed), "0.25", str(docs)] for seed in (1, 2, 3, 4)]
    )
    assert all(r.code == 0 and r.json()["failed"] for r in runs), [r.err[-500:] for r in runs]
    checked = procs.run(data, "cli", "vault", "check")
    assert checked.code == 0, checked.out  # every recorded file is there and opens
    again = procs.run(data, "cli", "vault", "import", str(docs), "--no-read")
    assert again.code == 0 and procs.run(data, "counts").json()["files"] == 24


@pytest.mark.parametrize("web_processes", [2])
def test_the_web_app_and_commands_write_at_once_without_an_error_or_a_lost_write(
    tmp_path, web_processes
):
    data = tmp_path / "data"
    assert procs.run(data, "prepare").code == 0
    commands = []
    for c in range(2):
        batch = []
        for i in range(5):
            export = tmp_path / f"cli-{c}-{i}.ris"
            export.write_bytes(ris(f"Paper by command {c} {i}"))
            batch.append(["pubs", "import", str(export)])
            batch.append(
                [
                    "cases",
                    "add",
                    "--date",
                    "2026-03-02",
                    "--role",
                    "performed",
                    "--description",
                    f"Procedure {c} {i}",
                ]
            )
        commands.append(["cli-many", json.dumps(batch)])
    web = [["web-pubs", f"w{w}", "3", "4"] for w in range(web_processes)]
    runs = procs.at_once(data, web + commands)
    assert all(r.code == 0 for r in runs), [r.err[-800:] for r in runs]
    for r in runs[:web_processes]:
        result = r.json()
        assert result["errors"] == [] and set(result["statuses"]) <= {200, 302}, result
    for r in runs[web_processes:]:
        assert [(c["code"], c["error"]) for c in r.json()] == [(0, "")] * 10
    counted = procs.run(data, "counts").json()
    assert counted["publications"] == web_processes * 3 * 4 + 2 * 5
    assert counted["procedures"] == 2 * 5
