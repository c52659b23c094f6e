"""`wayhome vault import|check`, `wayhome backup` and `wayhome restore` as a user runs them."""

import pytest

from tests.helpers.cli import flatten, run, runner
from wayhome.cli.app import app

PDF = b"%PDF-1.4\nA letter.\n%%EOF\n"


@pytest.fixture
def data_dir(db, settings, tmp_path, monkeypatch):
    settings.DATA_DIR = tmp_path / "data"
    settings.DATA_DIR.mkdir()
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "correct horse battery staple")
    return settings.DATA_DIR


def test_import_reports_each_file_and_check_passes(data_dir, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.pdf").write_bytes(PDF)
    (docs / "again.pdf").write_bytes(PDF)
    (docs / "photos.zip").write_bytes(b"PK\x03\x04broken")
    out = flatten(run("vault", "import", str(docs)).output)
    assert "1 stored, 1 already there, 1 refused." in out
    checked = run("vault", "check")
    assert checked.exit_code == 0 and "Everything in the vault is whole." in checked.output


def test_check_exits_1_when_a_file_is_damaged(data_dir, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.pdf").write_bytes(PDF)
    run("vault", "import", str(docs))
    [stored] = [p for p in (data_dir / "vault" / "objects").rglob("*") if p.is_file()]
    stored.write_bytes(stored.read_bytes()[:-1] + b"\x00")
    result = run("vault", "check")
    assert result.exit_code == 1 and "Damaged: 1" in result.output


def test_a_wrong_passphrase_exits_2(data_dir, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    run("vault", "import", str(docs))
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "something else")
    result = run("vault", "check")
    assert result.exit_code == 2 and "does not open this vault" in result.output


def test_backup_writes_an_encrypted_file(data_dir, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.pdf").write_bytes(PDF)
    run("vault", "import", str(docs))
    result = run("backup", str(tmp_path / "all.wbk"))
    assert result.exit_code == 0 and "encrypted" in result.output
    assert (tmp_path / "all.wbk").read_bytes().startswith(b"WAYHOME-BACKUP\n")
    refused = run("restore", str(tmp_path / "all.wbk"))
    assert refused.exit_code == 2 and "not empty" in refused.output


def test_a_folder_holding_only_a_case_log_is_not_empty_for_a_restore(data_dir, tmp_path):
    from pathlib import Path

    from wayhome.adapters.db.models import ProcedureRecord

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.pdf").write_bytes(PDF)
    run("vault", "import", str(docs))
    run("backup", str(tmp_path / "all.wbk"))
    from wayhome.services import account
    from wayhome.services.source import local_owner

    account.delete_everything(local_owner())
    log = Path(__file__).parents[1] / "cv" / "files" / "acgme-surgery.csv"
    run("cases", "import", str(log))
    refused = run("restore", str(tmp_path / "all.wbk"))
    assert refused.exit_code == 2 and "not empty" in refused.output
    assert ProcedureRecord.objects.count() == 7  # nothing mixed in


def _one_file(data_dir, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "letter.pdf").write_bytes(PDF)
    run("vault", "import", str(docs))
    return data_dir / "vault"


def test_check_reports_a_damaged_keyring_as_a_finding(data_dir, tmp_path):
    vault = _one_file(data_dir, tmp_path)
    (vault / "keyring.json").write_text('{"format": "wayhome-keyring", "wra')
    result = run("vault", "check")
    out = flatten(result.output)
    assert result.exit_code == 1 and "Keyring: the vault's keyring" in out
    assert "is damaged: restore keyring.json from a backup" in out and "Traceback" not in out


def test_import_refuses_a_vault_whose_keyring_is_gone(data_dir, tmp_path):
    vault = _one_file(data_dir, tmp_path)
    (vault / "keyring.json").unlink()
    result = run("vault", "import", str(tmp_path / "docs"))
    assert result.exit_code == 2 and "Restore keyring.json from a backup" in flatten(result.output)
    assert not (vault / "keyring.json").exists()
    checked = run("vault", "check")
    assert checked.exit_code == 1 and "Keyring:" in checked.output


def test_repair_asks_then_removes_orphans_and_says_where_it_recorded_them(data_dir, tmp_path):
    vault = _one_file(data_dir, tmp_path)
    orphan = vault / "objects" / "ab" / ("ab" + "0" * 62)
    orphan.parent.mkdir(exist_ok=True)
    orphan.write_bytes(b"\x00" * 40)
    declined = runner.invoke(app, ["vault", "check", "--repair"], input="n\n")
    assert declined.exit_code == 1 and "Nothing was removed." in declined.output
    assert orphan.exists()
    done = runner.invoke(app, ["vault", "check", "--repair"], input="y\n")
    assert done.exit_code == 0, done.output
    assert "Removed 1 orphans; each is recorded in" in flatten(done.output)
    assert not orphan.exists() and orphan.name in (vault / "repairs.log").read_text()
    assert run("vault", "check").exit_code == 0


def test_backup_with_a_wrong_passphrase_exits_2_and_writes_nothing(data_dir, tmp_path, monkeypatch):
    _one_file(data_dir, tmp_path)
    monkeypatch.setenv("WAYHOME_PASSPHRASE", "not the vault's")
    result = run("backup", str(tmp_path / "all.wbk"))
    assert result.exit_code == 2 and "does not open your vault" in flatten(result.output)
    assert "not the vault's" not in result.output
    assert not (tmp_path / "all.wbk").exists()


def test_search_prints_each_hit_as_rich_would(data_dir, tmp_path):
    import io

    from rich.console import Console

    from tests.helpers.letters import text_pdf
    from wayhome.adapters.db import store
    from wayhome.cli.render import vault as show
    from wayhome.services import search
    from wayhome.services import vault as vault_service

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        lines = [f"Letter number {i}.", "Dr. Sam Example completed residency " * (i + 1)]
        (docs / f"letter-{i}.pdf").write_bytes(text_pdf(lines))
    assert run("vault", "import", str(docs)).exit_code == 0
    printed = run("vault", "search", "residency")
    assert printed.exit_code == 0
    found = search.search(
        store.local_account(),
        "residency",
        vault_service.open_vault("correct horse battery staple"),
    )
    assert len(found.hits) == 3
    rich = Console(highlight=False, file=io.StringIO(), width=120, no_color=True)
    show.render_search(found, rich)
    assert printed.output == rich.file.getvalue()
    assert "[text] letter-2.pdf" in printed.output
    assert run("vault", "search", "nowhere").output == "Nothing found for “nowhere”.\n"
