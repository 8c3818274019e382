"""A registry that is busy, read-only, full or cannot be created: a clear message naming the
folder and the fix, in both languages, and nothing already saved is lost."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from asc_widgets.app import app_page, build_page
from asc_widgets.core import Registry, StoreDraft
from asc_widgets.core.registry import RegistryBusy, RegistryUnavailable
from asc_widgets.core.registry.engine import make_engine
from asc_widgets.widgets.common import text_of

UK = StoreDraft(website="uk_store", email="uk@example.com", name="Amazon Store UK",
                marketplace="UK", id_type="EAN", attribute="ean")


@pytest.fixture
def saved(registry, catalog, draft):
    return registry.add_store(draft, catalog)


def test_opening_and_reading_a_busy_registry_works_and_a_write_says_busy(registry, saved,
                                                                          catalog, tmp_path):
    path = tmp_path / "registry.sqlite3"
    other_writer = sqlite3.connect(path, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")  # another process in a long write
    try:
        engine = make_engine(f"sqlite:///{path}", busy_timeout_ms=200)
        second = Registry(engine)  # opening needs no write lock
        assert second.list_stores() == [saved]
        with pytest.raises(RegistryBusy) as caught:
            second.add_store(UK, catalog)
        assert caught.value.message() == (
            f"The registry in {tmp_path} is busy: another person or process is saving. "
            "Nothing was changed; try again in a moment.")
        assert caught.value.message("zh-CN").startswith(f"{tmp_path} 中的登记库正忙")
    finally:
        other_writer.rollback()
        other_writer.close()
    assert second.list_stores() == [saved]
    assert second.add_store(UK, catalog).name == "Amazon Store UK"  # free again: it works
    second.close()


def test_a_home_that_is_a_file_is_named(tmp_path):
    home = tmp_path / "not-a-folder"
    home.write_text("a file where the folder should be")
    with pytest.raises(RegistryUnavailable) as caught:
        Registry(f"sqlite:///{home / 'registry.sqlite3'}")
    assert caught.value.key == "registry.error.not_a_folder"
    assert f"The registry folder {home} cannot be created: part of that path is a file" in \
        caught.value.message()
    assert home.read_text() == "a file where the folder should be"


def test_a_read_only_registry_refuses_writes_clearly(registry, saved, catalog, tmp_path):
    path = tmp_path / "registry.sqlite3"
    read_only = Registry(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert read_only.list_stores() == [saved]
    with pytest.raises(RegistryUnavailable) as caught:
        read_only.add_store(UK, catalog)
    assert caught.value.message() == (
        f"The registry folder {tmp_path} cannot be written (read-only or no permission). "
        "Give this user write access to it, or set ASC_HOME to a folder you can write.")
    read_only.close()
    assert registry.list_stores() == [saved]


def test_a_full_disk_is_named_and_the_failed_write_leaves_nothing(registry, saved, tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite3'}")

    @event.listens_for(engine, "connect")
    def no_room_to_grow(dbapi_connection, _record):
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    full = Registry(engine)
    with pytest.raises(RegistryUnavailable) as caught:
        for _ in range(100):  # each note needs new pages: the disk "fills" within a few
            full.log_event(None, "note", {"text": "x" * 5000})
    assert caught.value.key == "registry.error.full"
    assert f"The disk holding the registry folder {tmp_path} is full" in caught.value.message()
    full.close()
    assert registry.list_stores() == [saved]


def test_the_app_page_shows_the_message_instead_of_a_traceback(tmp_path):
    home = tmp_path / "not-a-folder"
    home.write_text("x")
    page = app_page({"ASC_HOME": str(home)}, query="")
    shown = " ".join(text_of(child) for child in page.children if hasattr(child, "value"))
    assert f"The registry folder {home} cannot be created" in shown
    assert "Traceback" not in shown
    zh = app_page({"ASC_HOME": str(home)}, query="lang=zh-CN")
    assert "无法创建登记库文件夹" in " ".join(text_of(c) for c in zh.children
                                      if hasattr(c, "value"))


def test_the_form_says_busy_keeps_the_input_and_saves_nothing(registry, saved, tmp_path):
    from asc_widgets.app import OnboardingApp
    from asc_widgets.core import DemoCatalog

    path = tmp_path / "registry.sqlite3"
    app = OnboardingApp(Registry(make_engine(f"sqlite:///{path}", busy_timeout_ms=200)),
                        DemoCatalog(product_count=20))
    app.add_button.click()
    app.form.fill(**{k: getattr(UK, k) for k in ("website", "email", "name", "marketplace",
                                                  "id_type", "attribute")})
    other_writer = sqlite3.connect(path, isolation_level=None)
    other_writer.execute("BEGIN IMMEDIATE")
    try:
        app.form.connect_button.click()
    finally:
        other_writer.rollback()
        other_writer.close()
    assert app.feedback.kind == "error"
    assert app.feedback.text.startswith(f"The registry in {tmp_path} is busy")
    assert app.form_modal.is_open and app.form.draft().name == "Amazon Store UK"
    assert registry.list_stores() == [saved]
    app.form.connect_button.click()  # free again: the same click now saves
    assert [s.name for s in registry.list_stores()] == ["Amazon Store USA", "Amazon Store UK"]


def test_a_preheated_unavailable_page_answers_in_the_request_language(tmp_path):
    home = tmp_path / "not-a-folder"
    home.write_text("a file where ASC_HOME should be")
    page = build_page({"ASC_HOME": str(home)}, query="")
    assert "asc-app-unavailable" in page.widget._dom_classes
    english = page.feedback.text
    page.apply_request("lang=zh-CN")
    assert page.feedback.text != english and str(home) in page.feedback.text
    assert "asc-lang-zh-CN" in page.widget._dom_classes
