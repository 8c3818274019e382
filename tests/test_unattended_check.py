"""The unattended check against real parts: the Amazon sandbox over HTTP (its clock moved to
30/7/1 days before expiry and past, sellers revoked, checks failing), a real SMTP server
(aiosmtpd) and a real webhook server on loopback. Exactly the expected reminders, once each,
in the right language, with no token or secret in them."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from reminder_servers import SMTP_PASSWORD, SMTP_USER, SmtpServer, WebhookServer
from sandbox_fixtures import APP_URL

from asc_widgets.core import StoreDraft, StoreStatus
from asc_widgets.core.registry import CheckLog
from asc_widgets.core.reminders import (
    EXIT_DELIVERY_FAILED,
    EXIT_OK,
    ReminderConfigError,
    ReminderSettings,
    UnattendedCheck,
)

TEAM = "team@example.com"
SITES = {"US": "base", "CA": "us_store", "UK": "uk_store"}
LOGINS = {"US": "seller@example.com", "CA": "seller@example.com",
          "UK": "uk-seller@example.com"}


@pytest.fixture
def clock(sandbox_clock):
    return sandbox_clock


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def webhook():
    with WebhookServer() as server:
        yield server


def add_connected(connector, registry, catalog, sandbox, marketplace, *, lang=None,
                  email=None):
    store = registry.add_store(StoreDraft(
        website=SITES[marketplace], email=email or f"owner-{marketplace.lower()}@example.com",
        name=f"Store {marketplace}", marketplace=marketplace, id_type="UPC",
        attribute="upc"), catalog)
    return reconnect(connector, sandbox, store, lang=lang)


def reconnect(connector, sandbox, store, *, lang=None):
    from urllib.parse import parse_qs, urlsplit

    state = parse_qs(urlsplit(connector.start(store.id, lang=lang)).query)["state"][0]
    code, seller = sandbox.grant_code(LOGINS[store.marketplace], store.marketplace)
    return connector.complete("?" + urlencode({"state": state, "selling_partner_id": seller,
                                               "spapi_oauth_code": code})).store


def settings(smtp=None, webhook=None, **env):
    values = {"ASC_REMINDER_TEAM_EMAIL": TEAM}
    if smtp is not None:
        values.update(smtp.env())
    if webhook is not None:
        values["ASC_REMINDER_WEBHOOK_URL"] = webhook.url
    values.update(env)
    return ReminderSettings.from_env(values, app_url=APP_URL)


def run(connector, reminder_settings):
    report = UnattendedCheck(connector, reminder_settings).run()
    return report


def secrets_of(connector, issued, webhook=None):
    found = [*issued, connector.client.settings.client_secret.reveal(), SMTP_PASSWORD]
    if webhook is not None:
        found.append(webhook.url)
        found.append(webhook.url.rsplit("/", 1)[1])
    return [s for s in found if s]


def assert_no_secret(texts, secrets):
    for text in texts:
        for secret in secrets:
            assert secret not in text, secret[:8]


def mail_summary(mails):
    return sorted((m.recipients[0], m.subject) for m in mails)


def test_expiry_reminders_at_30_7_1_days_and_past_once_each_in_each_language(
        connector, registry, catalog, sandbox_server, sandbox_clock, smtp, webhook, issued):
    sandbox = sandbox_server.sandbox
    us = add_connected(connector, registry, catalog, sandbox, "US", lang="zh-CN")
    uk = add_connected(connector, registry, catalog, sandbox, "UK", lang="en")
    config = settings(smtp, webhook)

    first = run(connector, config)  # a year ahead: all passes, nothing to say
    assert first.exit_code == EXIT_OK and smtp.mails == [] and webhook.posts == []
    assert [(o.name, o.result) for o in first.outcomes] == [("Store US", "ok"),
                                                            ("Store UK", "ok")]
    assert first.lines() == ["Checked 2 store(s): 2 passed, 0 revoked, 0 failed. Reminders: 0 "
                             "sent, 0 failed (retried next run), 0 unknown."]
    assert first.lines("zh-CN", every_store=True)[:2] == ["Store US：通过（状态：已启用）",
                                                          "Store UK：通过（状态：已启用）"]
    expected_days = {335: 30, 358: 7, 364: 1}
    for day, days in expected_days.items():
        sandbox_clock.advance(days=day - (registry.clock.now() - us.authorized_at).days)
        before = len(smtp.mails)
        report = run(connector, config)
        assert report.exit_code == EXIT_OK, report.lines()
        new = smtp.mails[before:]
        # Each store's contact in the language it was connected in; the team in English.
        assert mail_summary(new) == sorted([
            ("owner-us@example.com", f"商店“Store US”的 Amazon 授权将在 {days} 天后到期"),
            ("owner-uk@example.com", f"Amazon authorization of 'Store UK' expires in {days} "
                                     "day(s)"),
            (TEAM, f"Amazon authorization of 'Store US' expires in {days} day(s)"),
            (TEAM, f"Amazon authorization of 'Store UK' expires in {days} day(s)"),
        ])
        chinese = next(m for m in new if m.recipients == ["owner-us@example.com"])
        assert "续期授权" in chinese.body
        assert f"{APP_URL}?store={us.id}&lang=zh-CN" in chinese.body
        # Run again the same day: nothing new.
        run(connector, config)
        assert len(smtp.mails) == before + 4
    assert len(webhook.posts) == 6
    assert all(p["text"].startswith("*Amazon authorization of") for p in webhook.posts)

    sandbox_clock.advance(days=2)  # past expiry: the sandbox refuses the refresh token
    report = run(connector, config)
    assert {o.name: (o.result, o.status) for o in report.outcomes} == {
        "Store US": ("revoked", StoreStatus.REVOKED), "Store UK": ("revoked",
                                                                   StoreStatus.REVOKED)}
    expired = smtp.mails[12:]
    assert mail_summary(expired) == sorted([
        ("owner-us@example.com", "商店“Store US”的 Amazon 授权已过期"),
        ("owner-uk@example.com", "Amazon authorization of 'Store UK' has expired"),
        (TEAM, "Amazon authorization of 'Store US' has expired"),
        (TEAM, "Amazon authorization of 'Store UK' has expired")])
    run(connector, config)
    run(connector, config)
    assert len(smtp.mails) == 16 and len(webhook.posts) == 8
    texts = [m.raw for m in smtp.mails] + [str(p) for p in webhook.posts] + report.lines()
    assert_no_secret(texts, secrets_of(connector, issued, webhook))
    assert uk.id != us.id


def test_revoked_is_told_once_and_the_recovery_once(connector, registry, catalog,
                                                    sandbox_server, webhook, issued):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    config = settings(webhook=webhook, ASC_REMINDER_TEAM_LANGUAGE="zh-CN")
    sandbox.revoke(store.seller_id)
    report = run(connector, config)
    assert report.outcomes[0].result == "revoked"
    assert registry.get_store(store.id).status is StoreStatus.REVOKED
    assert registry.events(store.id)[-1].kind == "revoked"  # recorded as Check connection does
    run(connector, config)
    assert [p["summary"] for p in webhook.posts] == ["商店“Store US”的 Amazon 授权已被撤销"]
    reconnect(connector, sandbox, registry.get_store(store.id))
    run(connector, config)
    run(connector, config)
    assert [p["summary"] for p in webhook.posts][1:] == ["商店“Store US”的 Amazon 连接已恢复"]
    assert "商店状态为“已启用”" in webhook.posts[1]["text"]
    assert_no_secret([str(p) for p in webhook.posts], secrets_of(connector, issued))


def test_failing_checks_page_after_the_configured_count_then_recover(
        connector, registry, catalog, sandbox_server, smtp, issued):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    config = settings(smtp, ASC_CHECK_FAILURES_BEFORE_REMINDER="3",
                      ASC_REMINDER_STORE_CONTACTS="no")
    sandbox.fail_next(1000, kind="unavailable", target="token")
    for attempt in (1, 2):
        report = run(connector, config)
        assert report.outcomes[0].result == "unavailable" and smtp.mails == [], attempt
    report = run(connector, config)
    assert [m.subject for m in smtp.mails] == [
        "Amazon connection check of 'Store US' failed 3 times in a row"]
    assert "Last problem: Amazon could not be reached or had a temporary problem." in \
        smtp.mails[0].body
    assert smtp.mails[0].recipients == [TEAM]
    run(connector, config)
    assert len(smtp.mails) == 1
    sandbox.clear_faults()
    report = run(connector, config)
    assert report.outcomes[0].result == "ok"
    run(connector, config)
    assert [m.subject for m in smtp.mails][1:] == ["Amazon connection of 'Store US' works again"]
    assert CheckLog(registry).checks()[store.id].failures_in_row == 0
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE


def test_a_lasting_failure_marks_the_store_error_and_a_pass_restores_it(
        connector, registry, catalog, sandbox_server, webhook):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    sandbox.block_app(True)  # unauthorized_client: a lasting failure
    config = settings(webhook=webhook, ASC_CHECK_FAILURES_BEFORE_REMINDER="1")
    report = run(connector, config)
    assert report.outcomes[0].result == "error"
    assert registry.get_store(store.id).status is StoreStatus.ERROR
    assert [e.kind for e in registry.events(store.id)][-1] == "failed"
    assert [p["summary"] for p in webhook.posts] == [
        "Amazon connection check of 'Store US' failed 1 times in a row"]
    sandbox.block_app(False)
    run(connector, config)
    assert registry.get_store(store.id).status is StoreStatus.ACTIVE
    assert registry.events(store.id)[-1].kind == "restored"
    assert webhook.posts[-1]["summary"] == "Amazon connection of 'Store US' works again"


def test_a_failed_channel_is_retried_next_run_and_never_blocks_the_checks(
        connector, registry, catalog, sandbox_server, smtp, issued):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    sandbox.revoke(store.seller_id)
    with WebhookServer(status=[500]) as broken:
        config = settings(smtp, broken, ASC_SMTP_PORT="1")  # SMTP: nothing listens there
        report = run(connector, config)
        assert report.outcomes[0].result == "revoked"  # the check ran and was recorded
        assert report.exit_code == EXIT_DELIVERY_FAILED
        lines = "\n".join(report.lines())
        assert "Could not send the revoked reminder for the store 'Store US' by webhook" in lines
        assert "HTTP 500" in lines and "ConnectionRefusedError" in lines
        assert "0 sent, 3 failed" in lines
        assert len(broken.posts) == 3  # urllib3 Retry: the first try and two retries
        zh = "\n".join(report.lines("zh-CN"))
        assert "无法通过Webhook" in zh
        assert_no_secret([lines, zh], [broken.url, "XyZsecret", SMTP_PASSWORD])
    with WebhookServer() as webhook:
        report = run(connector, settings(smtp, webhook))
        assert report.exit_code == EXIT_OK, report.lines()
        assert len(webhook.posts) == 1 and len(smtp.mails) == 2
        run(connector, settings(smtp, webhook))
        assert len(webhook.posts) == 1 and len(smtp.mails) == 2
    ledger = CheckLog(registry).ledger(store.id)
    # The mail server refused the first mail, so the run did not wait for it again: the second
    # mail was first tried on the next run.
    assert sorted((e.reminder.channel, e.status, e.attempts) for e in ledger) == [
        ("email", "sent", 1), ("email", "sent", 2), ("webhook", "sent", 2)]


def test_reminders_queued_for_a_store_deleted_since_are_never_sent(
        connector, registry, catalog, sandbox_server, smtp, issued):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    kept = add_connected(connector, registry, catalog, sandbox, "UK")
    sandbox.revoke(store.seller_id)
    sandbox.revoke(kept.seller_id)
    report = run(connector, settings(smtp, ASC_SMTP_PORT="1"))  # SMTP down: both queued
    assert report.exit_code == EXIT_DELIVERY_FAILED and smtp.mails == []
    registry.delete_store(store.id)
    report = run(connector, settings(smtp))
    assert report.exit_code == EXIT_OK, report.lines()
    assert smtp.mails and all("'Store UK'" in mail.subject for mail in smtp.mails)
    assert not any("Store US" in mail.subject + mail.body for mail in smtp.mails)
    assert {e.status for e in CheckLog(registry).ledger(store.id)} == {"dropped"}


def test_email_over_starttls_and_over_ssl_with_login(connector, registry, catalog,
                                                     sandbox_server, tmp_path):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    sandbox.revoke(store.seller_id)
    for security in ("starttls", "ssl"):
        folder = tmp_path / security
        folder.mkdir()
        with SmtpServer(security, folder, login=True) as server:
            env = {**server.env(), "ASC_SMTP_USER": SMTP_USER,
                   "ASC_SMTP_PASSWORD": SMTP_PASSWORD,
                   "ASC_REMINDER_TEAM_EMAIL": f"{security}@example.com",
                   "ASC_REMINDER_STORE_CONTACTS": "no"}
            report = run(connector, ReminderSettings.from_env(env, app_url=APP_URL))
            assert report.exit_code == EXIT_OK, report.lines()
            assert server.box.logins == [SMTP_USER]
            assert [m.recipients for m in server.mails] == [[f"{security}@example.com"]]


def test_a_wrong_smtp_password_is_a_failed_delivery_without_the_password(
        connector, registry, catalog, sandbox_server, tmp_path):
    sandbox = sandbox_server.sandbox
    store = add_connected(connector, registry, catalog, sandbox, "US")
    sandbox.revoke(store.seller_id)
    with SmtpServer("starttls", tmp_path, login=True) as server:
        env = {**server.env(), "ASC_SMTP_USER": SMTP_USER, "ASC_SMTP_PASSWORD": "wrong-pw-77",
               "ASC_REMINDER_STORE_CONTACTS": "no", "ASC_REMINDER_TEAM_EMAIL": TEAM}
        report = run(connector, ReminderSettings.from_env(env, app_url=APP_URL))
    assert report.exit_code == EXIT_DELIVERY_FAILED and server.mails == []
    lines = "\n".join(report.lines() + report.lines("zh-CN"))
    assert "SMTP 535" in lines and "wrong-pw-77" not in lines


def test_the_lws_secret_rotation_is_reminded_to_the_team_only(connector, registry, catalog,
                                                              sandbox_server, sandbox_clock,
                                                              smtp, webhook):
    add_connected(connector, registry, catalog, sandbox_server.sandbox, "US")
    set_on = (sandbox_clock.now().date()).replace(day=1)
    config = settings(smtp, webhook, ASC_LWA_SECRET_SET_ON=set_on.isoformat())
    run(connector, config)
    assert smtp.mails == []
    sandbox_clock.advance(days=(set_on.toordinal() + 180 - 7) - sandbox_clock.now().toordinal())
    run(connector, config)
    run(connector, config)
    assert [(m.recipients, m.subject) for m in smtp.mails] == [
        ([TEAM], "The app's LWA client secret must be rotated in 7 day(s)")]
    assert webhook.posts[-1]["summary"] == smtp.mails[0].subject
    assert "ASC_LWA_CLIENT_SECRET" in smtp.mails[0].body


def test_no_channel_configured_reports_what_is_due(connector, registry, catalog,
                                                   sandbox_server):
    store = add_connected(connector, registry, catalog, sandbox_server.sandbox, "US")
    sandbox_server.sandbox.revoke(store.seller_id)
    report = run(connector, ReminderSettings.from_env({}, app_url=APP_URL))
    assert report.exit_code == EXIT_OK
    assert "1 reminder(s) are due but no channel is configured" in "\n".join(report.lines())


@pytest.mark.parametrize(("env", "name"), [
    ({"ASC_SMTP_HOST": "mail.example.com"}, "ASC_SMTP_FROM"),
    ({"ASC_SMTP_HOST": "m", "ASC_SMTP_FROM": "a@example.com", "ASC_SMTP_SECURITY": "tls"},
     "ASC_SMTP_SECURITY"),
    ({"ASC_SMTP_HOST": "m", "ASC_SMTP_FROM": "a@example.com", "ASC_SMTP_USER": "u"},
     "ASC_SMTP_PASSWORD"),
    ({"ASC_REMINDER_WEBHOOK_URL": "hooks.slack.com/services/T/B/secretpart"},
     "ASC_REMINDER_WEBHOOK_URL"),
    ({"ASC_CHECK_FAILURES_BEFORE_REMINDER": "zero"}, "ASC_CHECK_FAILURES_BEFORE_REMINDER"),
    ({"ASC_LWA_SECRET_SET_ON": "31/01/2026"}, "ASC_LWA_SECRET_SET_ON"),
    ({"ASC_REMINDER_TEAM_EMAIL": "team-at-example"}, "ASC_REMINDER_TEAM_EMAIL"),
    ({"ASC_REMINDER_TEAM_LANGUAGE": "fr"}, "ASC_REMINDER_TEAM_LANGUAGE"),
])
def test_wrong_settings_name_the_variable_in_both_languages(env, name):
    with pytest.raises(ReminderConfigError) as info:
        ReminderSettings.from_env(env)
    assert name in info.value.message("en") and name in info.value.message("zh-CN")
    assert "Fix it" in info.value.message("en") and "请修正" in info.value.message("zh-CN")
    assert "secretpart" not in info.value.message("en")


def test_settings_repr_hides_the_webhook_and_password(smtp, webhook):
    config = settings(smtp, webhook, ASC_SMTP_USER="u", ASC_SMTP_PASSWORD="pw-Secret-1")
    assert "XyZsecret" not in repr(config) and "pw-Secret-1" not in repr(config)


def test_a_run_that_loses_its_lease_stops_and_says_so(connector, registry, catalog,
                                                      sandbox_server, sandbox_clock, webhook):
    from asc_widgets.core.reminders.channels import WebhookChannel

    sandbox = sandbox_server.sandbox
    for marketplace in ("US", "UK"):
        store = add_connected(connector, registry, catalog, sandbox, marketplace)
        sandbox.revoke(store.seller_id)
    config = settings(webhook=webhook)
    real = WebhookChannel(config.webhook_url)

    class SlowChannel:
        """Sends for real, then takes longer than the lease: another run takes it over."""

        def send(self, recipient, text):
            real.send(recipient, text)
            sandbox_clock.advance(minutes=31)
            assert CheckLog(registry).acquire_lease("unattended-check", "other:1:run",
                                                    config.lease)

    report = UnattendedCheck(connector, config, {"webhook": SlowChannel()}).run()
    assert report.lease_lost and report.exit_code == EXIT_DELIVERY_FAILED
    assert len(webhook.posts) == 1  # the second reminder is left to the run holding the lease
    assert "took over this run's lease" in "\n".join(report.lines())
    assert CheckLog(registry).lease("unattended-check").holder == "other:1:run"


def test_a_store_deleted_in_the_app_during_a_run_is_skipped(connector, registry, catalog,
                                                            sandbox_server, webhook):
    sandbox = sandbox_server.sandbox
    first = add_connected(connector, registry, catalog, sandbox, "US")
    second = add_connected(connector, registry, catalog, sandbox, "UK")
    real_check = connector.check

    def check_while_someone_deletes(store_id):
        if store_id == first.id:
            registry.delete_store(second.id)  # another user, in the app, at that moment
        return real_check(store_id)

    connector.check = check_while_someone_deletes
    report = run(connector, settings(webhook=webhook))
    assert [o.name for o in report.outcomes] == ["Store US"] and report.exit_code == EXIT_OK
