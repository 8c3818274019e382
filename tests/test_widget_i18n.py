"""Every user-facing string comes from the message catalog, in English and Simplified Chinese:
completeness of the catalog, the seed's English labels verbatim, and a scan of every screen of
the Chinese UI for English left untranslated."""

from __future__ import annotations

import string
from datetime import timedelta

import pytest
from helpers import english_words, widget_texts

import asc_widgets.widgets  # noqa: F401  (the widgets add their labels to the catalog)
from asc_widgets.app import OnboardingApp
from asc_widgets.core import DemoCatalog, FixedClock, Registry, StoreDraft
from asc_widgets.core.i18n import LANGUAGES, catalog, t
from asc_widgets.widgets.language import language_from_query

WIDGET_PREFIXES = ("ui.", "checklist.", "event.")
SAME_IN_BOTH = {"ui.dash.none"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_every_language_with_the_same_placeholders():
    problems = []
    for key, texts in catalog().items():
        for lang in LANGUAGES:
            if not (texts.get(lang) or "").strip():
                problems.append(f"{key}: no {lang} text")
        if placeholders(texts.get("en", "")) != placeholders(texts.get("zh-CN", "")):
            problems.append(f"{key}: placeholders differ")
    assert problems == []


def test_widget_messages_are_really_translated():
    untranslated = [key for key, texts in catalog().items()
                    if key.startswith(WIDGET_PREFIXES) and key not in SAME_IN_BOTH
                    and texts["en"] == texts["zh-CN"]]
    assert untranslated == []


def test_the_seeds_labels_are_used_verbatim_in_english():
    assert t("ui.add_store") == "Add Amazon Store"
    assert t("ui.nav.stores") == "Amazon Stores"
    assert t("ui.nav.learning") == "Learning and Preparation"
    assert t("ui.card.connect") == "Connect store"
    assert t("ui.card.view") == "View Store"
    assert (t("ui.card.activate"), t("ui.card.deactivate"), t("ui.card.delete")) == (
        "Activate", "Deactivate", "Delete")
    assert t("ui.form.mapping_section") == "Map your Magento attributes to Amazon"
    assert (t("ui.form.cancel"), t("ui.form.connect")) == ("Cancel", "Connect")
    assert t("ui.banner.title") == "Sell products in the Amazon marketplace"
    assert t("ui.dash.next") == "Continue to create listing rules"


@pytest.mark.parametrize(("query", "lang"), [
    ("lang=zh-CN", "zh-CN"), ("lang=zh", "zh-CN"), ("a=1&lang=zh_CN", "zh-CN"),
    ("lang=en", "en"), ("", "en"), ("lang=fr", "en"),
])
def test_language_from_the_query_string(query, lang):
    assert language_from_query(query) == lang


# ---- the scan --------------------------------------------------------------------------------
@pytest.fixture
def zh_app(tmp_path):
    registry = Registry(f"sqlite:///{tmp_path / 'registry.sqlite3'}",
                        clock=FixedClock("2025-03-01T12:00:00+00:00"), actor="tester")
    demo = DemoCatalog(product_count=200)
    usa = registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                        name="Amazon Store USA", marketplace="US",
                                        id_type="UPC", attribute="upc"), demo)
    uk = registry.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                       name="Amazon Store UK", marketplace="UK",
                                       id_type="EAN", attribute="ean"), demo)
    now = registry.clock.now()
    registry.transition(uk.id, "connect", seller_id="A3SELLER0UK", authorized_at=now,
                        expires_at=now + timedelta(days=10))
    registry.edit_store(uk.id, demo, email="team@example.com")
    app = OnboardingApp(registry, demo, lang="zh-CN")
    data = {"Amazon Store USA", "Amazon Store UK", "ops@example.com", "uk@example.com",
            "team@example.com", "A3SELLER0UK", "tester", usa.website, uk.website}
    data |= {site.display for site in demo.websites()} | {s.code for s in demo.websites()}
    data |= {f"{a.label} ({a.code})" for a in demo.attributes()} | {a.code for a in
                                                                    demo.attributes()}
    data |= {"US", "UK", "UPC", "EAN"}
    yield app, data
    registry.close()


def visit_every_screen(app: OnboardingApp):
    """Show each screen of the app in turn, yielding after each."""
    yield "stores"
    card = app.stores.card_for("Amazon Store USA")
    card.action_button.click()
    card.activate_button.click()  # refused: core's transition message
    yield "stores with an error message"
    card.delete_button.click()
    yield "delete confirmation"
    app.stores.confirm.keep_button.click()
    app.show_learning()
    yield "learning"
    app.first_checklist.refresh()
    app.checklist_modal.open(app.first_checklist.widget)
    yield "first-time checklist"
    app.open_form()
    app.form.fill(name="Amazon Store USA", attribute="upc", id_type="UPC", website="base")
    app.form.fill(email="")  # required
    app.form.submit()
    yield "form with errors"
    app.data.add(", ".join(app.form.mapper.profile().samples))
    yield "form with samples"
    app.close_form()
    app.open_dashboard(app.registry.find_store("Amazon Store UK").id)
    app.dashboard.blocks["name"].control.value = "Amazon Store USA"
    app.dashboard.save_button.click()
    yield "dashboard with a settings error"
    app.show_status()
    yield "status"


def test_the_chinese_ui_has_no_untranslated_english(zh_app):
    app, data = zh_app
    app.data = data
    leftovers = {}
    for screen in visit_every_screen(app):
        words = english_words(widget_texts(app.widget), data | app.data)
        if words:
            leftovers[screen] = sorted(words)
    assert leftovers == {}


def test_the_scan_would_catch_an_english_literal(zh_app):
    app, data = zh_app
    app.add_button.description = "Add Amazon Store"
    assert english_words(widget_texts(app.widget), data) == {"Add", "Store"}


def test_the_email_problem_is_fully_chinese(zh_app):
    app, data = zh_app
    app.open_form()
    app.form.fill(email="not-an-email")
    examples = {"not-an-email", "name@example.com", "example.com"}  # addresses, not English
    assert english_words([app.form.errors["email"]], data | examples) == set()
