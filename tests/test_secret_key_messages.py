"""The secret key's own troubles reach the person as their registered messages, never as
"Something went wrong": a wrong key, a malformed key, and a lost key file (which is not
silently replaced while tokens encrypted with it are stored)."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from asc_widgets.app import build_app
from asc_widgets.core import DemoCatalog, Registry, StoreDraft
from asc_widgets.core.authorization import REFRESH_TOKEN
from asc_widgets.core.config import Settings
from asc_widgets.core.i18n import t
from asc_widgets.core.secrets import (
    KEY_FILE_NAME,
    KeyFileLost,
    SecretBox,
    generate_key,
)
from asc_widgets.core.secrets import main as secrets_main

SELLER = "A1SBXDEMONA0001"


@pytest.fixture
def home(tmp_path):
    return tmp_path / "asc-home"


@pytest.fixture(autouse=True)
def app_log_handlers():
    """build_app adds a log file handler under ASC_HOME: remove it after each test."""
    logger = logging.getLogger("asc_widgets")
    before = list(logger.handlers)
    yield
    for handler in set(logger.handlers) - set(before):
        logger.removeHandler(handler)
        handler.close()


def env_for(home, **extra) -> dict[str, str]:
    return {"ASC_HOME": str(home), "QUERY_STRING": "", **extra}


def connect_store(home, box: SecretBox):
    """A connected store whose refresh token is encrypted with box's key."""
    registry = Registry.from_settings(Settings.from_env(env_for(home)))
    store = registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                          name="Amazon Store USA", marketplace="US",
                                          id_type="UPC", attribute="upc"),
                               DemoCatalog(product_count=20))
    now = registry.clock.now()
    store = registry.transition(store.id, "connect", seller_id=SELLER, authorized_at=now,
                                expires_at=now + timedelta(days=365),
                                secret=(REFRESH_TOKEN, box.encrypt("Atzr|refresh-token")))
    registry.close()
    return store


def test_a_wrong_key_shows_the_decrypt_message_and_changes_nothing(home):
    store = connect_store(home, SecretBox(generate_key()))
    app = build_app(env_for(home, ASC_SECRET_KEY=generate_key()))
    app.open_dashboard(store.id)
    app.dashboard.check_button.click()
    assert app.feedback.kind == "error"
    assert app.feedback.text == t("secrets.error.decrypt", "en")
    assert app.feedback.text != t("ui.error.unexpected", "en")
    app.set_language("zh-CN")
    app.dashboard.check_button.click()
    assert app.feedback.text == t("secrets.error.decrypt", "zh-CN")
    assert app.registry.get_store(store.id) == store


def test_a_malformed_key_shows_the_bad_key_message_naming_its_source(home):
    store = connect_store(home, SecretBox(generate_key()))
    app = build_app(env_for(home, ASC_SECRET_KEY="not-a-fernet-key"))
    app.stores.card_for("Amazon Store USA").renew_button.click()
    assert app.feedback.kind == "error"
    assert app.feedback.text == t("secrets.error.bad_key", "en", source="ASC_SECRET_KEY")
    assert "not-a-fernet-key" not in app.feedback.text
    assert app.registry.get_store(store.id) == store


def test_a_lost_key_file_is_not_replaced_while_tokens_need_it(home, capsys, monkeypatch):
    box = SecretBox.from_env(home, {})  # the key file, as the app makes it
    store = connect_store(home, box)
    (home / KEY_FILE_NAME).unlink()

    app = build_app(env_for(home))
    app.stores.card_for("Amazon Store USA").renew_button.click()
    key_file = home / KEY_FILE_NAME
    assert app.feedback.kind == "error"
    assert app.feedback.text == t("secrets.error.key_lost", "en", source=str(key_file))
    assert "Restore the file from a backup (or set ASC_SECRET_KEY to the key)" in \
        app.feedback.text
    assert not key_file.exists()  # no new key was made
    assert app.registry.get_secret(store.id, REFRESH_TOKEN) is not None  # the token is kept

    with pytest.raises(KeyFileLost):
        SecretBox.from_env(home, {}, secrets_stored=True)

    # Lost for good: the person starts over on purpose, then reconnects.
    monkeypatch.setenv("ASC_HOME", str(home))
    assert secrets_main(["new-key"]) == 0
    assert "Connect each store again" in capsys.readouterr().out
    assert key_file.exists()
    assert secrets_main(["new-key"]) == 1  # never over an existing key
    fresh = build_app(env_for(home))
    fresh.stores.card_for("Amazon Store USA").renew_button.click()
    assert fresh.feedback.kind != "error" and fresh.connect_modal.is_open


def test_without_stored_tokens_a_missing_key_file_is_simply_made(home):
    box = SecretBox.from_env(home, {}, secrets_stored=False)
    assert (home / KEY_FILE_NAME).exists() and box.decrypt(box.encrypt("x")) == "x"
