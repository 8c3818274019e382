"""The lean first view in the real app: the widget states a page fetches before it is usable
hold the home view only (no form, checklist or overlay), and a person clicking Add Amazon
Store the moment it shows still gets the form (or the checklist first while no store exists)."""

from __future__ import annotations

import contextlib

import pytest
from helpers import fill_form, kernel_message, seed

pytestmark = pytest.mark.browser

PAGE_READY_MS = 90_000
HIDDEN_CLASSES = {"asc-store-form", "asc-field-name", "asc-form-modal", "asc-checklist-modal",
                  "asc-first-checklist", "asc-connect-modal", "asc-confirm-dialog"}


def open_watching_states(new_page, app_url) -> tuple[object, list[dict]]:
    """A page opened on the app, and the widget states the kernel sent it in bulk before Add
    Amazon Store showed (each update_states answer: model id -> state)."""
    page = new_page()
    answers: list[dict] = []

    def received(payload) -> None:
        with contextlib.suppress(ValueError, IndexError, KeyError):
            kind, content = kernel_message(payload)
            data = content.get("data", {})
            if kind == "comm_msg" and data.get("method") == "update_states":
                answers.append(data["states"])
    page.on("websocket", lambda socket: socket.on("framereceived", received))
    page.goto(app_url)
    page.wait_for_selector(".asc-add-store", timeout=PAGE_READY_MS)
    return page, list(answers)


def classes_in(answers: list[dict]) -> set[str]:
    return {c for states in answers for model in states.values()
            for c in model["state"].get("_dom_classes", ())}


def test_the_first_view_holds_the_home_view_and_the_first_click_opens_the_form(
        new_page, app_url, registry, catalog):
    seed(registry, catalog)
    page, answers = open_watching_states(new_page, app_url)
    sent = classes_in(answers)
    assert {"asc-add-store", "asc-store-card", "asc-nav-stores"} <= sent
    assert not sent & HIDDEN_CLASSES
    page.click(".asc-add-store")  # at once, as soon as it shows
    page.wait_for_selector(".asc-store-form", state="visible")
    fill_form(page, website="uk_store", email="ops@example.com", name="Amazon Store UK",
              marketplace="UK", id_type="UPC", attribute="UPC (upc)")
    page.wait_for_selector(".asc-connect:not([disabled])")
    page.click(".asc-connect")
    page.locator(".asc-card-name", has_text="Amazon Store UK").wait_for()
    assert registry.find_store("Amazon Store UK").marketplace == "UK"


def test_with_no_store_the_first_click_opens_the_checklist_then_the_form(new_page, app_url):
    page, answers = open_watching_states(new_page, app_url)
    sent = classes_in(answers)
    assert {"asc-add-store", "asc-nav-learning"} <= sent
    assert not sent & HIDDEN_CLASSES
    page.click(".asc-add-store")
    page.click(".asc-checklist-modal .asc-checklist-continue")
    page.wait_for_selector(".asc-store-form .asc-field-name input", state="visible")
    page.fill(".asc-store-form .asc-field-name input", "Amazon Store USA")
    assert page.locator(".asc-checklist-modal").is_hidden()
