"""The sandbox's test controls (HTTP and Python), its state file and its mounting."""

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import time

import pytest
import requests
import tornado.web
from sandbox_fixtures import APP_URL, authorize

from asc_widgets.core.amazon import (
    AmazonSettings,
    CodeExpired,
    RequestsTransport,
    Revoked,
    exchange_code,
    parse_callback,
    refresh,
)
from asc_widgets.sandbox import Sandbox, SandboxConfig, SandboxServer, sandbox_handlers
from asc_widgets.sandbox.server import make_app


def _control(server, action, **body):
    response = requests.post(f"{server.urls.control}/{action}", json=body, timeout=5)
    assert response.status_code == 200, response.text
    return response.json()


def test_http_controls_fail_advance_revoke_and_state(sandbox_server, amazon_settings,
                                                     amazon_transport, sandbox_clock):
    callback = parse_callback(authorize(amazon_settings, state="s")).require("s")
    tokens = exchange_code(callback.code, amazon_settings, amazon_transport)

    state = _control(sandbox_server, "fail", count=2, kind="server_error", target="token")
    assert state["faults"] == [{"kind": "server_error", "target": "token", "remaining": 2,
                                "delay": 30.0}]
    direct = requests.post(amazon_settings.token_url, data={"grant_type": "refresh_token"},
                           timeout=5)
    assert direct.status_code == 500 and direct.json()["error"] == "server_error"
    _control(sandbox_server, "clear-faults")
    assert requests.get(f"{sandbox_server.urls.control}/state", timeout=5).json()["faults"] == []

    moved = _control(sandbox_server, "advance", seconds=90)
    assert moved["now"] == "2026-03-01T12:01:30+00:00"
    assert sandbox_server.sandbox.now().isoformat() == moved["now"]

    assert _control(sandbox_server, "revoke", seller="A1SBXDEMONA0001") == {"revoked": 1}
    with pytest.raises(Revoked):
        refresh(tokens.refresh_token, amazon_settings, amazon_transport)

    granted = _control(sandbox_server, "grant", seller="uk-seller@example.com",
                       marketplace="UK", redirect_uri=APP_URL)
    assert granted["selling_partner_id"] == "A1SBXDEMOUK0001"
    assert exchange_code(granted["spapi_oauth_code"], amazon_settings, amazon_transport)

    summary = _control(sandbox_server, "reset")
    assert summary["refresh_tokens"] == 0 and summary["clock_offset"] == 0
    assert summary["now"] == sandbox_clock.now().isoformat()


def test_bad_control_requests(sandbox_server):
    base = sandbox_server.urls.control
    assert requests.post(f"{base}/fail", json={"kind": "boom"}, timeout=5).status_code == 400
    assert requests.post(f"{base}/fail", data="not json", timeout=5).status_code == 400
    assert requests.post(f"{base}/nope", json={}, timeout=5).status_code == 404
    assert requests.post(f"{base}/revoke", json={}, timeout=5).status_code == 400


def test_controls_can_be_disabled(tmp_path):
    with SandboxServer(tmp_path / "s.json", config=SandboxConfig(controls=False)) as server:
        response = requests.get(f"{server.urls.control}/state", timeout=5)
        assert response.status_code == 403


def test_python_fail_next_counts_down(sandbox_server, amazon_settings):
    box = sandbox_server.sandbox
    box.fail_next(2, "unavailable", "spapi")
    url = amazon_settings.spapi_endpoint("NA") + "/sellers/v1/marketplaceParticipations"
    statuses = [requests.get(url, timeout=5).status_code for _ in range(3)]
    assert statuses == [503, 503, 403]  # then the real answer (no token)
    assert box.calls("spapi") == 3
    with pytest.raises(ValueError):
        box.fail_next(1, "explode")
    with pytest.raises(ValueError):
        box.fail_next(0)


def test_state_file_is_json_with_hashes_only(sandbox_server, amazon_settings,
                                             amazon_transport, sandbox_state_path):
    callback = parse_callback(authorize(amazon_settings, state="s")).require("s")
    tokens = exchange_code(callback.code, amazon_settings, amazon_transport)
    text = sandbox_state_path.read_text()
    data = json.loads(text)
    assert len(data["refresh_tokens"]) == 1 and len(data["codes"]) == 1
    for secret in (callback.code.reveal(), tokens.refresh_token.reveal(),
                   tokens.access_token.reveal(), "Atzr|", "Atza|"):
        assert secret not in text
    assert stat.S_IMODE(os.stat(sandbox_state_path).st_mode) & 0o077 == 0
    leftovers = [p.name for p in sandbox_state_path.parent.iterdir()
                 if p.name.endswith(".tmp")]
    assert leftovers == []


def test_concurrent_requests_keep_the_state_consistent(sandbox_server, amazon_settings):
    box = sandbox_server.sandbox
    codes = [box.grant_code(redirect_uri=APP_URL)[0] for _ in range(6)]
    results, errors = [], []

    def worker(code):
        try:
            with RequestsTransport.from_settings(amazon_settings) as transport:
                tokens = exchange_code(code, amazon_settings, transport)
                for _ in range(3):
                    refresh(tokens.refresh_token, amazon_settings, transport)
                results.append(tokens)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(c,)) for c in codes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(results) == 6
    data = json.loads(box.store.path.read_text())
    assert len(data["refresh_tokens"]) == 6
    assert len(data["access_tokens"]) == 6 * 4
    assert box.calls("token") == 6 * 4
    for code in codes:
        with pytest.raises(CodeExpired):
            exchange_code(code, amazon_settings)


def test_two_sandbox_objects_share_one_state_file(tmp_path, sandbox_clock):
    path = tmp_path / "shared.json"
    first, second = Sandbox(path, clock=sandbox_clock), Sandbox(path, clock=sandbox_clock)
    first.advance(minutes=3)
    assert (second.now() - sandbox_clock.now()).total_seconds() == 180
    code, _ = first.grant_code()
    reply = second.token({"grant_type": "authorization_code", "code": code,
                          "client_id": second.config.client_id,
                          "client_secret": second.config.client_secret})
    assert reply.status == 200 and reply.body["refresh_token"].startswith("Atzr|")


def test_a_damaged_state_file_starts_fresh(tmp_path):
    path = tmp_path / "s.json"
    path.write_text("{not json")
    box = Sandbox(path)
    assert box.summary()["refresh_tokens"] == 0
    assert (tmp_path / "s.json.damaged").read_text() == "{not json"
    path.write_text(json.dumps({"version": 999}))
    assert box.summary()["refresh_tokens"] == 0


def test_handlers_mount_under_any_prefix_on_a_tornado_app(tmp_path):
    rules = sandbox_handlers(tmp_path / "s.json", prefix="/base/amazon-sandbox/")
    patterns = [rule[0] for rule in rules]
    assert all(p.startswith(r"/base/amazon\-sandbox") for p in patterns)
    assert all(isinstance(rule[2]["sandbox"], Sandbox) for rule in rules)
    assert len({id(rule[2]["sandbox"]) for rule in rules}) == 1
    app = tornado.web.Application(rules)
    assert app.find_handler  # builds without error
    assert isinstance(make_app(Sandbox(tmp_path / "t.json")), tornado.web.Application)


def test_sandbox_server_binds_loopback_only(tmp_path):
    with pytest.raises(ValueError):
        SandboxServer(tmp_path / "s.json", host="0.0.0.0")
    with SandboxServer(tmp_path / "s.json") as server:
        assert server.root.startswith("http://127.0.0.1:") and server.port > 0
        assert requests.get(server.urls.root, timeout=5).status_code == 200
    with pytest.raises(requests.ConnectionError):
        requests.get(server.urls.root, timeout=1)


def test_standalone_runner_serves_on_loopback(tmp_path):
    port = _free_port()
    state = tmp_path / "cli-state.json"
    proc = subprocess.Popen([sys.executable, "-m", "asc_widgets.sandbox", "--port", str(port),
                             "--state", str(state)], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        root = f"http://127.0.0.1:{port}/amazon-sandbox/"
        deadline = time.monotonic() + 20
        while True:
            try:
                if requests.get(root, timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline and proc.poll() is None, "runner did not start"
            time.sleep(0.1)
        settings = AmazonSettings.sandbox("http://127.0.0.1:9/app/", sandbox_root=root)
        code = requests.post(root + "_control/grant", json={"redirect_uri": APP_URL},
                             timeout=5).json()["spapi_oauth_code"]
        assert exchange_code(code, settings).refresh_token
        assert json.loads(state.read_text())["refresh_tokens"]
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/amazon-sandbox/" in out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_core_amazon_never_imports_widgets():
    code = ("import sys, asc_widgets.core.amazon, asc_widgets.core.secrets, "
            "asc_widgets.sandbox; "
            "bad = [m for m in ('ipywidgets', 'IPython') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
