"""Item 5 of #24: the web app answers this computer only, unless `wayhome serve
--allow-remote` says otherwise, and then it says what that means.

The in-process tests use Django's test client with REMOTE_ADDR; one test runs the real
`wayhome serve` in a subprocess bound to 127.0.0.1, for what only a real server shows.
Nothing goes beyond 127.0.0.0/8.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import Client

from tests.helpers.cli import run
from wayhome.adapters.db import store
from wayhome.services import serve

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize(
    ("address", "loopback"),
    [
        pytest.param("127.0.0.1", True, id="ipv4"),
        pytest.param("127.8.9.10", True, id="ipv4-block"),
        pytest.param("::1", True, id="ipv6"),
        pytest.param("[::1]", True, id="ipv6-bracketed"),
        pytest.param("::ffff:127.0.0.1", True, id="ipv4-mapped"),
        pytest.param("localhost", True, id="name"),
        pytest.param("0.0.0.0", False, id="every-ipv4"),
        pytest.param("::", False, id="every-ipv6"),
        pytest.param("192.168.1.20", False, id="lan"),
        pytest.param("", False, id="none"),
        pytest.param("evil.example", False, id="other-name"),
    ],
)
def test_it_knows_the_loopback(address, loopback):
    assert serve.is_loopback(address) is loopback


def test_a_forged_host_from_a_remote_address_is_refused(db):
    client = Client(REMOTE_ADDR="192.0.2.10")
    for host in ("127.0.0.1", "localhost"):
        response = client.get("/signin/", HTTP_HOST=host)
        assert response.status_code == 403
        assert b"answers only the computer it runs on" in response.content
    # A sign-in link is no way in either.
    token = store.new_sign_in_token(store.local_account())
    assert client.get(f"/signin/token/?token={token}").status_code == 403


def test_a_loopback_caller_gets_in_as_before(db):
    for address in ("127.0.0.1", "::1"):
        assert Client(REMOTE_ADDR=address).get("/signin/").status_code == 200


def test_with_allow_remote_a_remote_caller_reaches_the_sign_in_page(db, settings):
    settings.ALLOW_REMOTE = True
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert client.get("/signin/").status_code == 200
    assert client.get("/").status_code == 302  # and no further without signing in
    # The Host header is still checked: rebinding a name to the computer does not work.
    assert client.get("/signin/", HTTP_HOST="evil.example").status_code == 400


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20"])
def test_serve_beyond_the_loopback_without_allow_remote_exits_2_before_starting(host, monkeypatch):
    monkeypatch.setattr(serve, "prepare", lambda *a: pytest.fail("it started"))
    result = run("serve", "--host", host, "--no-browser")
    assert result.exit_code == 2
    assert f"--host {host} listens beyond this computer" in result.output
    assert "add --allow-remote" in result.output


def test_allow_remote_warns_and_prints_the_link_here(monkeypatch):
    import waitress

    monkeypatch.setattr(serve, "prepare", lambda host, allow: (object(), "tok"))
    monkeypatch.setattr(serve, "data_dir", lambda: "/data")
    monkeypatch.setattr(serve.background, "start_worker", lambda: None)
    started = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: started.update(kw))
    said: list[str] = []
    warned: list[str] = []
    serve.run("0.0.0.0", 9001, False, said.append, allow_remote=True, warn=warned.append)
    assert started["host"] == "0.0.0.0"
    [warning] = warned
    assert "listening on 0.0.0.0:9001, beyond this computer" in warning
    assert "Anyone who can reach port 9001 sees the sign-in page" in warning
    assert "printed only here, on this computer" in warning
    assert any("http://127.0.0.1:9001/signin/token/?token=tok" in s for s in said)


def test_on_the_loopback_there_is_no_warning(monkeypatch):
    import waitress

    monkeypatch.setattr(serve, "prepare", lambda host, allow: (object(), "tok"))
    monkeypatch.setattr(serve, "data_dir", lambda: "/data")
    monkeypatch.setattr(serve.background, "start_worker", lambda: None)
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: None)
    warned: list[str] = []
    serve.run("127.0.0.1", 9001, False, lambda _: None, warn=warned.append)
    assert warned == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b""):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def _post_too_much(port: int, size: int) -> bytes:
    """The status line the server answers a body of ``size`` bytes with: it may stop
    reading (and close) before the body is all sent."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(
            b"POST /signin/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
            + f"Content-Length: {size}\r\n\r\n".encode()
        )
        try:
            for _ in range(size // 65536):
                s.sendall(b"x" * 65536)
        except OSError:
            pass  # it stopped reading: what it answered is waiting
        return s.recv(200)


def test_the_real_server_on_the_loopback(tmp_path):
    """`wayhome serve` as a person starts it: it prints the link, answers with the
    security headers, refuses another Host, and reads no body past the upload limit."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("WAYHOME_DATABASE_URL",)}
    env.update(
        WAYHOME_DATA_DIR=str(tmp_path / "data"),
        WAYHOME_VAULT_MAX_MB="1",
        NO_COLOR="1",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)  # serve chooses the web app's own
    proc = subprocess.Popen(
        [sys.executable, "-m", "wayhome.cli.app", "serve", "--port", str(port), "--no-browser"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            try:
                status, headers, _ = _request(port, "GET", "/signin/", {"Host": "127.0.0.1"})
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start in 60 s"
                time.sleep(0.2)
        assert status == 200
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        status, _, _ = _request(port, "GET", "/signin/", {"Host": "evil.example"})
        assert status == 400
        assert _post_too_much(port, 3 * 1024 * 1024).startswith(b"HTTP/1.1 413")
    finally:
        proc.terminate()
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert f"http://127.0.0.1:{port}/signin/token/?token=" in out
    assert "Warning" not in out + err
