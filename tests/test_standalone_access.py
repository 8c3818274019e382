"""Standalone `make app`: 127.0.0.1 without sign-in; another address only with a sign-in token
(jupyter-server's token login), which then guards the pages."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from helpers import stop_process

from asc_widgets.voila_config import ServeSettingError, ServeSettings, voila_arguments, voila_config

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "a-long-random-sign-in-token-for-tests"


def test_by_default_the_app_listens_on_this_machine_only_without_sign_in(tmp_path):
    settings = ServeSettings.from_env({})
    assert (settings.listen_address, settings.token) == ("127.0.0.1", None)
    assert "--Voila.ip=127.0.0.1" in voila_arguments(settings, 8866, tmp_path / "a.ipynb")
    assert "token" not in voila_config(settings).Voila


@pytest.mark.parametrize("address", ["0.0.0.0", "192.168.1.20", "::", "shop-pc.example.com"])
def test_another_address_without_a_token_is_refused_saying_what_to_do(address):
    with pytest.raises(ServeSettingError) as refused:
        ServeSettings.from_env({"ASC_LISTEN_ADDRESS": address})
    message = refused.value.message("en") + refused.value.message("zh-CN")
    assert f"ASC_LISTEN_ADDRESS={address!r}" in message and "ASC_APP_TOKEN" in message
    assert "JupyterHub" in message and "登录令牌" in message


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_loopback_addresses_need_no_token(address):
    assert ServeSettings.from_env({"ASC_LISTEN_ADDRESS": address}).listen_address == address


def test_with_a_token_another_address_is_served_with_token_login(tmp_path):
    settings = ServeSettings.from_env({"ASC_LISTEN_ADDRESS": "0.0.0.0", "ASC_APP_TOKEN": TOKEN})
    arguments = voila_arguments(settings, 8866, tmp_path / "a.ipynb")
    assert "--Voila.ip=0.0.0.0" in arguments
    assert not [a for a in arguments if TOKEN in a]  # not in the process listing
    assert voila_config(settings).Voila.token == TOKEN
    assert TOKEN not in repr(settings)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(tmp_path, **settings: str) -> tuple[subprocess.Popen, str, Path]:
    port = _free_port()
    env = {**os.environ, "ASC_PORT": str(port), "ASC_HOME": str(tmp_path / "home"),
           "ASC_KERNEL_POOL_SIZE": "0", **settings}
    env.pop("QUERY_STRING", None)
    log = tmp_path / "server.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.serve"], cwd=ROOT, env=env,
                                stdout=out, stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}/", log


def test_the_server_refuses_to_start_on_another_address_without_a_token(tmp_path):
    proc, _url, log = _serve(tmp_path, ASC_LISTEN_ADDRESS="0.0.0.0")
    try:
        assert proc.wait(timeout=60) != 0
    finally:
        if proc.poll() is None:
            stop_process(proc)
    output = log.read_text()
    assert "ASC_LISTEN_ADDRESS='0.0.0.0'" in output and "ASC_APP_TOKEN" in output
    assert "Amazon Sales Channel onboarding: http" not in output  # it never started serving


def test_a_configured_token_is_required_to_open_the_app(tmp_path):
    # On loopback here (tests never listen beyond it); the same login guards any address.
    proc, url, log = _serve(tmp_path, ASC_APP_TOKEN=TOKEN)
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, log.read_text()[-3000:]
            try:
                anonymous = requests.get(url, allow_redirects=False, timeout=5)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.25)
        assert anonymous.status_code in (302, 403), anonymous.status_code
        if anonymous.status_code == 302:
            assert "/login" in anonymous.headers["Location"]
        session = requests.Session()
        signed_in = session.get(f"{url}?token={TOKEN}", timeout=120)
        assert signed_in.status_code == 200
        assert "Amazon Sales Channel" in signed_in.text or "voila" in signed_in.text.lower()
        # The login cookie keeps the person signed in without the token in the address.
        assert any(cookie.name.startswith("username-") for cookie in session.cookies)
        again = session.get(url, allow_redirects=False, timeout=120)
        assert again.status_code == 200
        wrong = requests.get(f"{url}?token=wrong", allow_redirects=False, timeout=30)
        assert wrong.status_code in (302, 403)
    finally:
        stop_process(proc)
    assert TOKEN not in log.read_text()
