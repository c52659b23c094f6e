"""The vault's passphrase on the command line (cli/commands/keyring.py): the policy the
web app uses (typed twice, zxcvbn 3 of 4, the reason said), the recovery code printed
once and on request, a vault made with an empty passphrase given a new one, and a new
passphrase set with the old one or the recovery code."""

import re

import pytest

from tests.helpers import keyrings
from tests.helpers.cli import flatten, runner
from wayhome.adapters.vault import keys
from wayhome.cli.app import app
from wayhome.services import passphrase

STRONG = "correct horse battery staple"
NEW = "lighthouse orbit cactus marmalade"
CODE = re.compile(r"\b(?:[A-Z2-7]{4}-){5}[A-Z2-7]{4}\b")


@pytest.fixture
def docs(data_dir, tmp_path, monkeypatch):
    monkeypatch.delenv("WAYHOME_PASSPHRASE", raising=False)
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "letter.pdf").write_bytes(b"%PDF-1.4\nA letter.\n%%EOF\n")
    return folder


def _run(*args: str, typed: str = "", env: dict[str, str] | None = None):
    return runner.invoke(
        app, list(args), input=typed, env={"COLUMNS": "120", "NO_COLOR": "1", **(env or {})}
    )


def test_a_new_vault_asks_twice_says_why_a_passphrase_is_refused_and_prints_its_code(
    docs, data_dir
):
    typed = "password123\npassword123\n" + f"{STRONG}\n{STRONG}x\n" + f"{STRONG}\n{STRONG}\n"
    result = _run("vault", "import", str(docs), "--no-read", typed=typed)
    out = flatten(result.output)
    assert result.exit_code == 0, result.output
    assert flatten(passphrase.LOST_WARNING) in out
    assert "That passphrase is too easy to guess: it scores 0 of 4, and 3 is needed." in out
    assert "The two entered values do not match." in out  # typer's confirmation
    [code] = CODE.findall(out)
    assert "opens the vault on its own" in out and "1 stored" in out
    folder = data_dir / "vault"
    assert keys.unlock_with_code(folder, code) == keys.unlock(folder, STRONG)
    again = _run("vault", "recovery-code", env={"WAYHOME_PASSPHRASE": STRONG})
    assert CODE.findall(again.output) == [code]


def test_three_weak_passphrases_exit_2_and_make_no_vault(docs, data_dir):
    result = _run("vault", "import", str(docs), typed="abc\nabc\n" * 3)
    assert result.exit_code == 2 and "No passphrase was taken after 3 tries" in result.output
    assert not keys.exists(data_dir / "vault")


def test_a_weak_passphrase_from_the_environment_exits_2_with_the_reason(docs, data_dir):
    result = _run("vault", "import", str(docs), env={"WAYHOME_PASSPHRASE": "something else"})
    assert result.exit_code == 2 and "scores 2 of 4, and 3 is needed" in flatten(result.output)
    assert not keys.exists(data_dir / "vault")


def test_a_backup_with_no_vault_yet_takes_only_a_strong_passphrase(docs, tmp_path):
    weak = _run("backup", str(tmp_path / "all.wbk"), env={"WAYHOME_PASSPHRASE": "abc"})
    assert weak.exit_code == 2 and "too easy to guess" in weak.output
    assert not (tmp_path / "all.wbk").exists()


def test_a_vault_made_with_an_empty_passphrase_asks_for_a_new_one_first(docs, data_dir):
    folder = data_dir / "vault"
    old = keyrings.version_1(folder, "")
    result = _run("vault", "check", typed=f"{STRONG}\n{STRONG}\n")
    out = flatten(result.output)
    assert result.exit_code == 0, result.output
    assert "Your vault was made without a passphrase" in out and "no file is re-encrypted" in out
    [code] = CODE.findall(out)
    assert keys.unlock(folder, STRONG) == old == keys.unlock_with_code(folder, code)
    assert (
        "Your vault was made without a passphrase"
        not in _run("vault", "check", env={"WAYHOME_PASSPHRASE": STRONG}).output
    )


def test_a_keyring_made_before_recovery_codes_opens_and_is_given_one(docs, data_dir):
    folder = data_dir / "vault"
    old = keyrings.version_1(folder, "an old weak one")
    env = {"WAYHOME_PASSPHRASE": "an old weak one"}
    assert _run("vault", "check", env=env).exit_code == 0  # it keeps opening
    [code] = CODE.findall(_run("vault", "recovery-code", env=env).output)
    assert keys.unlock_with_code(folder, code) == old == keys.unlock(folder, "an old weak one")


def test_a_new_passphrase_with_the_old_one_or_the_recovery_code(docs, data_dir):
    folder = data_dir / "vault"
    made = _run("vault", "import", str(docs), "--no-read", env={"WAYHOME_PASSPHRASE": STRONG})
    [code] = CODE.findall(made.output)
    wrong = _run("vault", "passphrase", typed=f"not it\n{NEW}\n{NEW}\n")
    assert wrong.exit_code == 2 and "does not open this vault" in wrong.output
    changed = _run("vault", "passphrase", typed=f"{STRONG}\n{NEW}\n{NEW}\n")
    assert changed.exit_code == 0 and "recovery code stays the same" in flatten(changed.output)
    assert keys.unlock(folder, NEW)
    lost = _run(
        "vault", "passphrase", "--recovery-code", typed=f"{code.lower()}\n{STRONG}\n{STRONG}\n"
    )
    assert lost.exit_code == 0, lost.output
    assert keys.unlock(folder, STRONG) == keys.unlock_with_code(folder, code)
    with pytest.raises(keys.WrongPassphraseError):
        keys.unlock(folder, NEW)


def test_a_vault_made_by_another_command_a_moment_ago_is_opened_not_refused(
    docs, data_dir, monkeypatch
):
    # Two first imports at once: both find no vault, the other one makes it first.
    # The same passphrase then opens the one that was made (CI saw this exit 2).
    from wayhome.services import vault as vault_service

    assert (
        _run("vault", "import", str(docs), "--no-read", typed=f"{STRONG}\n{STRONG}\n").exit_code
        == 0
    )
    real, asked = vault_service.is_set_up, []

    def not_yet() -> bool:  # the command looked before the other one made it
        asked.append(True)
        return len(asked) > 1 and real()

    monkeypatch.setattr(vault_service, "is_set_up", not_yet)
    (docs / "second.pdf").write_bytes(b"%PDF-1.4\nAnother letter.\n%%EOF\n")
    result = _run("vault", "import", str(docs), "--no-read", typed=f"{STRONG}\n{STRONG}\n")
    assert result.exit_code == 0, result.output
    assert "1 stored" in flatten(result.output) and not CODE.findall(result.output)
