"""The asc-check-stores command as cron runs it: separate processes on one registry, against
the sandbox and a webhook server on loopback. Two runs at once, and a run killed half-way,
send nothing twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import timedelta
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from reminder_servers import WebhookServer
from sandbox_fixtures import APP_URL

from asc_widgets.core import Registry, StoreDraft
from asc_widgets.core.amazon import AmazonClient
from asc_widgets.core.authorization import Connector
from asc_widgets.core.registry import CheckLog
from asc_widgets.core.secrets import SecretBox

STORES = (("US", "base", "seller@example.com"), ("CA", "us_store", "seller@example.com"),
          ("UK", "uk_store", "uk-seller@example.com"))


@pytest.fixture
def home(tmp_path):
    return tmp_path / "home"


@pytest.fixture
def revoked_stores(home, catalog, sandbox_server, amazon_settings, amazon_transport):
    """Three connected stores (system clock, the command's key file), then revoked at Amazon:
    three revoked reminders are due."""
    registry = Registry(f"sqlite:///{home / 'registry.sqlite3'}", actor="tester")
    connector = Connector(registry, AmazonClient(amazon_settings, amazon_transport),
                          SecretBox.from_env(home, {}))
    sandbox = sandbox_server.sandbox
    for marketplace, website, login in STORES:
        store = registry.add_store(StoreDraft(website=website, email="ops@example.com",
                                              name=f"Store {marketplace}",
                                              marketplace=marketplace, id_type="UPC",
                                              attribute="upc"), catalog)
        state = parse_qs(urlsplit(connector.start(store.id)).query)["state"][0]
        code, seller = sandbox.grant_code(login, marketplace)
        connector.complete("?" + urlencode({"state": state, "selling_partner_id": seller,
                                            "spapi_oauth_code": code}))
        sandbox.revoke(seller)
    yield registry
    registry.close()


def command_env(home, sandbox_server, webhook) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASC_")}
    env.update({"ASC_HOME": str(home), "ASC_SANDBOX_URL": sandbox_server.urls.root,
                "ASC_APP_URL": APP_URL, "ASC_AMAZON_RETRIES": "1",
                "ASC_REMINDER_WEBHOOK_URL": webhook.url})
    return env


def start(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "asc_widgets.check_stores"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process, timeout=120) -> tuple[int, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def summaries(webhook) -> list[str]:
    return [p["summary"] for p in webhook.posts]


EXPECTED = sorted(f"Amazon authorization of 'Store {m}' was revoked" for m, _, _ in STORES)


def test_a_second_run_while_one_holds_the_lease_does_nothing(home, revoked_stores,
                                                             sandbox_server):
    with WebhookServer(hold=1) as webhook:
        env = command_env(home, sandbox_server, webhook)
        first = start(env)
        assert webhook.held.wait(120), finish(first)
        code, output = finish(start(env))  # while the first is blocked in its first post
        assert code == 0 and "holds the lease" in output, output
        webhook.release()
        code, output = finish(first)
        assert code == 0, output
        assert sorted(summaries(webhook)) == EXPECTED


def test_two_runs_started_together_send_each_reminder_once(home, revoked_stores,
                                                           sandbox_server):
    with WebhookServer() as webhook:
        env = command_env(home, sandbox_server, webhook)
        runs = [start(env), start(env)]
        results = [finish(p) for p in runs]
        assert all(code == 0 for code, _ in results), results
        assert any("Store UK: revoked (status Revoked)" in out for _, out in results), results
        assert sorted(summaries(webhook)) == EXPECTED
        code, output = finish(start(env))
        assert code == 0 and len(webhook.posts) == 3, output


def test_a_run_killed_while_sending_is_not_repeated_by_the_next(home, revoked_stores,
                                                               sandbox_server):
    with WebhookServer(hold=2) as webhook:
        env = command_env(home, sandbox_server, webhook)
        victim = start(env)
        assert webhook.held.wait(120), finish(victim)
        victim.send_signal(signal.SIGKILL)  # dies inside its second post
        victim.wait(30)
        webhook.release()
        code, output = finish(start(env))
        # The one in flight is reported, not sent again; the one never tried is sent now.
        assert code == 1 and "stopped while sending the revoked reminder" in output, output
        assert sorted(summaries(webhook)) == EXPECTED
        code, output = finish(start(env))
        assert code == 0 and len(webhook.posts) == 3, output
    statuses = sorted(e.status for e in CheckLog(revoked_stores).ledger())
    assert statuses == ["sent", "sent", "unknown"]


def test_an_expired_lease_of_a_vanished_host_is_taken_over(home, revoked_stores,
                                                           sandbox_server):
    log = CheckLog(revoked_stores)
    assert log.acquire_lease("unattended-check", "other-host:1:run",
                             timedelta(minutes=30)) is not None
    with WebhookServer() as webhook:
        env = command_env(home, sandbox_server, webhook)
        code, output = finish(start(env))
        assert code == 0 and "other-host:1:run" in output and webhook.posts == []
        # Only its expiry frees a lease held on another host.
        with revoked_stores.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE leases SET expires_at = '2000-01-01T00:00:00+00:00'")
        code, output = finish(start(env))
        assert code == 0 and sorted(summaries(webhook)) == EXPECTED, output


def test_wrong_settings_exit_2_naming_the_variable(home, sandbox_server):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASC_")}
    env.update({"ASC_HOME": str(home), "ASC_SMTP_HOST": "127.0.0.1"})
    code, output = finish(subprocess.Popen(
        [sys.executable, "-m", "asc_widgets.check_stores", "--lang", "zh-CN"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    assert code == 2 and "ASC_SMTP_FROM" in output and "请修正" in output
