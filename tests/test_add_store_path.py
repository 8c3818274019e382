"""Adding one store takes one path: one snapshot of the saved stores, one validation, one
insert, and the app shows the store the registry returned. Hostile names are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from asc_widgets.app import OnboardingApp
from asc_widgets.core import DemoCatalog, StoreDraft, ValidationError
from asc_widgets.widgets.common import text_of

VALID = {"website": "base", "email": "ops@example.com", "name": "Amazon Store USA",
         "marketplace": "US", "id_type": "UPC", "attribute": "upc"}


class StatementLog:
    """The SQL statements an engine runs while recording."""

    def __init__(self, engine):
        self.statements: list[str] = []
        event.listen(engine, "before_cursor_execute", self._record)
        self.engine = engine

    def _record(self, _conn, _cursor, statement, _params, _context, _many):
        self.statements.append(" ".join(statement.split()).upper())

    def reads_of_stores(self) -> list[str]:
        return [s for s in self.statements if s.startswith("SELECT") and "FROM STORES" in s]

    def inserts_into(self, table: str) -> list[str]:
        return [s for s in self.statements if s.startswith(f"INSERT INTO {table.upper()}")]

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def test_the_form_saves_with_one_read_one_insert_and_the_list_shows_the_returned_store(
        registry):
    registry.add_store(StoreDraft(**{**VALID, "website": "uk_store", "name": "Amazon Store UK",
                                     "marketplace": "UK"}), DemoCatalog())
    app = OnboardingApp(registry, DemoCatalog(product_count=50))
    app.add_button.click()
    app.form.fill(**VALID)
    log = StatementLog(registry.engine)
    try:
        app.form.connect_button.click()
    finally:
        log.close()
    assert len(log.reads_of_stores()) == 1, log.reads_of_stores()
    assert len(log.inserts_into("stores")) == 1 and len(log.inserts_into("events")) == 1
    assert app.view == "stores" and not app.form_modal.is_open
    assert [s.name for s in app.stores.stores] == ["Amazon Store UK", "Amazon Store USA"]
    assert "Amazon Store USA" in text_of(app.stores.card_for("Amazon Store USA").widget
                                         .children[0])
    assert app.feedback.kind == "success"
    assert [s.name for s in registry.list_stores()] == ["Amazon Store UK", "Amazon Store USA"]


def test_a_clash_saved_meanwhile_is_shown_beside_the_field_and_nothing_is_saved(registry):
    app = OnboardingApp(registry, DemoCatalog(product_count=50))
    app.add_button.click()
    app.continue_button.click()
    app.form.fill(**VALID)
    # Another kernel saves a store with the same website before Connect is clicked.
    other = registry.add_store(StoreDraft(**{**VALID, "name": "Someone else"}), DemoCatalog())
    app.form.connect_button.click()
    assert app.form_modal.is_open and app.feedback.kind == "error"
    assert "already backs the store 'Someone else'" in app.form.errors["website"]
    assert registry.list_stores() == [other]


def test_add_store_returns_the_saved_store(registry, catalog, draft):
    store = registry.add_store(draft, catalog)
    assert store == registry.get_store(store.id)
    assert [e.kind for e in registry.events(store.id)] == ["created"]


@pytest.mark.parametrize("name, position", [
    ("Amazon\rStore", 7), ("Amazon\nStore", 7), ("Amazon\x00Store", 7), ("A\x85B", 2),
    ("Tab\there", 4), ("Bad \udc80", 5)])
def test_names_with_control_characters_are_refused(registry, catalog, draft, name, position):
    saved = registry.add_store(draft, catalog)
    hostile = StoreDraft(**{**VALID, "website": "uk_store", "marketplace": "UK", "name": name})
    with pytest.raises(ValidationError) as caught:
        registry.add_store(hostile, catalog)
    assert caught.value.by_field() == {"name": (
        "New Store Name contains a control character (a line break, tab or similar) or an "
        f"invalid character at position {position}: remove it and type the text again.")}
    assert caught.value.by_field("zh-CN")["name"].startswith(f"新商店名称在第 {position} 个字符处")
    assert registry.list_stores() == [saved]


def test_the_form_refuses_a_control_character_beside_the_name(registry):
    app = OnboardingApp(registry, DemoCatalog(product_count=50))
    app.add_button.click()
    app.continue_button.click()
    app.form.fill(**{**VALID, "name": "Line\nbreak"})
    assert "contains a control character" in app.form.errors["name"]
    assert app.form.connect_button.disabled
    assert app.form.submit() is None and registry.list_stores() == []
