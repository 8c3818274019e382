"""The onboarding app driven as a person would, in Chromium, against the real Voila server."""

from __future__ import annotations

import pytest
from helpers import card, fill_form, seed

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
def open_form(page) -> None:
    page.click(".asc-add-store")
    page.wait_for_selector(".asc-store-form", state="visible")


def test_the_first_store_checklist_form_card_and_confirmation(open_app, registry,
                                                              screenshot_dir):
    page = open_app()
    assert "asc-nav-active" in page.locator(".asc-nav-learning").get_attribute("class")
    page.click(".asc-add-store")
    modal = page.locator(".asc-checklist-modal")
    modal.wait_for(state="visible")
    modal.locator(".asc-check-cron input").check()
    modal.locator(".asc-checklist-progress", has_text="1 of 8 done").wait_for()
    page.screenshot(path=screenshot_dir / "checklist-first-store.png")
    assert registry.checklist()["cron"].checked
    page.click(".asc-checklist-continue")
    page.wait_for_selector(".asc-store-form", state="visible")
    assert page.locator(".asc-connect").is_disabled()
    assert page.locator(".asc-store-form .asc-error:visible").count() == 0  # not all red
    fill_form(page, website="base", email="ops@example.com", name="Amazon Store USA",
              marketplace="US", id_type="UPC", attribute="UPC (upc)")
    page.locator(".asc-mapper-info", has_text="valid UPC codes").wait_for()
    page.wait_for_selector(".asc-connect:not([disabled])")
    page.click(".asc-connect")
    card(page, "Amazon Store USA").wait_for()
    assert page.locator(".asc-store-form").is_hidden()
    assert "was added" in page.locator(".asc-message").inner_text()
    assert "Not connected" in card(page, "Amazon Store USA").inner_text()
    assert registry.find_store("Amazon Store USA").website == "base"


def test_duplicate_name_and_invalid_email_show_their_messages(open_app, registry, catalog,
                                                              screenshot_dir):
    seed(registry, catalog)
    page = open_app()
    open_form(page)
    fill_form(page, website="base", email="ops@", name=" amazon store usa ", marketplace="CA",
              attribute="EAN (ean)")
    page.locator(".asc-error-name", has_text="already exists").wait_for()
    page.locator(".asc-error-email", has_text="not a valid email address").wait_for()
    page.locator(".asc-error-website", has_text="already backs the store").wait_for()
    assert page.locator(".asc-connect").is_disabled()
    page.locator(".asc-mapper-info", has_text="Choose the Product ID type").wait_for()
    page.screenshot(path=screenshot_dir / "form-errors.png")
    fill_form(page, website="us_store", email="ops@example.com", name="Amazon Store Canada",
              id_type="EAN")
    page.wait_for_selector(".asc-connect:not([disabled])")
    assert page.locator(".asc-store-form .asc-error:visible").count() == 0
    page.click(".asc-cancel")
    page.locator(".asc-store-form").wait_for(state="hidden")
    assert registry.find_store("Amazon Store Canada") is None


def test_a_script_in_a_store_name_shows_literally_and_runs_nothing(open_app, registry):
    page = open_app()
    page.click(".asc-add-store")
    page.click(".asc-checklist-continue")
    fill_form(page, website="us_store", email="x@example.com", name=XSS, marketplace="US",
              id_type="UPC", attribute="UPC (upc)")
    page.wait_for_selector(".asc-connect:not([disabled])")
    page.click(".asc-connect")
    card(page, XSS).wait_for()
    assert card(page, XSS).locator(".asc-card-name").inner_text() == XSS
    assert XSS in page.locator(".asc-message").inner_text()
    page.reload()
    page.wait_for_selector(".asc-add-store", timeout=90_000)
    card(page, XSS).wait_for()
    page.click(".asc-nav-status")
    page.locator(".asc-status-stores td", has_text=XSS).wait_for()
    assert page.locator("img[src='x']").count() == 0
    assert page.dialogs == []
    assert registry.find_store(XSS) is not None


def test_delete_asks_for_confirmation_and_connect_opens_the_panel(open_app, registry, catalog):
    seed(registry, catalog)
    page = open_app()
    usa = card(page, "Amazon Store USA")
    usa.locator(".asc-connect-store").click()
    panel = page.locator(".asc-connect-panel")
    panel.wait_for(state="visible")
    assert "/apps/authorize/consent?" in panel.locator("a.asc-consent-link").get_attribute("href")
    page.click(".asc-connect-close")
    panel.wait_for(state="hidden")
    usa.locator(".asc-action").click()
    usa.locator(".asc-activate").click()
    page.locator(".asc-message", has_text="Cannot activate the store").wait_for()
    usa.locator(".asc-action").click()
    usa.locator(".asc-delete").click()
    dialog = page.locator(".asc-confirm-dialog")
    dialog.wait_for(state="visible")
    assert "cannot be undone" in dialog.inner_text()
    page.click(".asc-cancel-delete")
    dialog.wait_for(state="hidden")
    assert registry.find_store("Amazon Store USA") is not None
    usa.locator(".asc-action").click()
    usa.locator(".asc-delete").click()
    page.click(".asc-confirm-delete")
    usa.wait_for(state="detached")
    page.locator(".asc-message", has_text="was deleted").wait_for()
    assert registry.list_stores() == []


def test_chinese_by_the_selector_and_by_the_url(open_app, registry, catalog, screenshot_dir):
    seed(registry, catalog)
    seed(registry, catalog, name="Amazon Store UK", website="uk_store", marketplace="UK",
         connected=True)
    page = open_app()
    page.select_option(".asc-lang select", label="简体中文")
    page.locator(".asc-add-store", has_text="添加 Amazon 商店").wait_for()
    card(page, "Amazon Store USA").locator(".asc-connect-store", has_text="连接商店").wait_for()
    zh = open_app("lang=zh-CN")
    assert zh.locator(".asc-add-store").inner_text() == "添加 Amazon 商店"
    assert zh.locator(".asc-nav-learning").inner_text() == "学习与准备"
    assert "已启用" in card(zh, "Amazon Store UK").inner_text()
    zh.screenshot(path=screenshot_dir / "home-zh.png")


def test_two_pages_two_kernels_see_each_others_stores(open_app, registry):
    first, second = open_app(), open_app()
    first.click(".asc-add-store")
    first.click(".asc-checklist-continue")
    fill_form(first, website="uk_store", email="uk@example.com", name="Amazon Store UK",
              marketplace="UK", id_type="EAN", attribute="EAN (ean)")
    first.wait_for_selector(".asc-connect:not([disabled])")
    first.click(".asc-connect")
    card(first, "Amazon Store UK").wait_for()
    second.click(".asc-nav-stores")  # an action re-reads the registry
    card(second, "Amazon Store UK").wait_for()
    uk = card(second, "Amazon Store UK")
    uk.locator(".asc-action").click()
    uk.locator(".asc-delete").click()
    second.click(".asc-confirm-delete")
    uk.wait_for(state="detached")
    first.reload()
    first.wait_for_selector(".asc-add-store", timeout=90_000)
    assert card(first, "Amazon Store UK").count() == 0
    assert registry.list_stores() == []


def test_dashboard_settings_and_status(open_app, registry, catalog, screenshot_dir):
    seed(registry, catalog)
    seed(registry, catalog, name="Amazon Store UK", website="uk_store", marketplace="UK",
         connected=True)
    page = open_app()
    card(page, "Amazon Store UK").wait_for()
    page.screenshot(path=screenshot_dir / "home-cards.png")
    card(page, "Amazon Store UK").locator(".asc-view-store").click()
    dashboard = page.locator(".asc-dashboard")
    dashboard.wait_for(state="visible")
    assert "A3SELLER0UK" in page.locator(".asc-dash-auth").inner_text()
    assert "Continue to create listing rules" in page.locator(".asc-next-step").inner_text()
    page.set_viewport_size({"width": 1280, "height": 1250})
    page.screenshot(path=screenshot_dir / "dashboard.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.locator(".asc-settings-field-name input").fill("Amazon Store USA")
    page.click(".asc-settings-save")
    page.locator(".asc-settings-error-name", has_text="already exists").wait_for()
    page.locator(".asc-settings-field-name input").fill("Amazon Store Britain")
    page.click(".asc-settings-save")
    page.locator(".asc-message", has_text="were saved").wait_for()
    page.locator(".asc-dash-history", has_text="Amazon Store Britain").wait_for()
    assert registry.find_store("Amazon Store Britain") is not None
    page.click(".asc-nav-status")
    page.locator(".asc-status-auth td", has_text="A3SELLER0UK").wait_for()
    assert "Amazon Store Britain" in page.locator(".asc-status-stores").inner_text()
    page.screenshot(path=screenshot_dir / "status.png")
