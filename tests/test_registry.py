import sqlite3
from datetime import timedelta

import pytest

from asc_widgets.core import (
    AuthStateError,
    Registry,
    SellerAlreadyConnected,
    StoreDraft,
    StoreNotFound,
    StoreStatus,
    TransitionError,
    ValidationError,
)
from asc_widgets.core.registry import schema


def sqlite_path(url: str) -> str:
    return url.removeprefix("sqlite:///")


def test_a_new_store_is_saved_not_connected_and_logged(registry, catalog, draft, clock):
    store = registry.add_store(StoreDraft(**{**draft.__dict__, "name": "  Amazon Store USA  ",
                                             "marketplace": "us"}), catalog)
    assert (store.name, store.marketplace, store.status) == ("Amazon Store USA", "US",
                                                             StoreStatus.NOT_CONNECTED)
    assert store.created_at == clock.now() and store.created_at.tzinfo is not None
    assert registry.list_stores() == [store]
    [event] = registry.events(store.id)
    assert (event.kind, event.actor, event.store_name) == ("created", "tester", "Amazon Store USA")
    assert event.details["website"] == "base"


def test_a_failed_add_leaves_nothing_behind(registry, catalog, draft):
    with pytest.raises(ValidationError) as info:
        registry.add_store(StoreDraft(**{**draft.__dict__, "email": "nope"}), catalog)
    assert set(info.value.by_field()) == {"email"}
    assert registry.list_stores() == [] and registry.events() == []


def test_the_database_itself_refuses_duplicates(registry, catalog, draft, database_url):
    registry.add_store(draft, catalog)
    conn = sqlite3.connect(sqlite_path(database_url))
    insert = ("INSERT INTO stores (name, name_key, website, email, marketplace, id_type, "
              "attribute, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)")
    row = ["X", "amazon store usa", "us_store", "a@b.co", "US", "UPC", "upc", "not_connected",
           "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00+00:00"]
    with pytest.raises(sqlite3.IntegrityError, match="name_key"):
        conn.execute(insert, row)
    with pytest.raises(sqlite3.IntegrityError, match="website"):
        conn.execute(insert, [*row[:1], "other", "base", *row[3:]])
    conn.close()


def test_a_constraint_violation_becomes_the_fields_message(registry, catalog, draft, monkeypatch):
    registry.add_store(draft, catalog)
    # Pretend the other writer committed after this process validated: only the constraint
    # stands between them (the first check sees nothing; the check after the clash is real).
    from asc_widgets.core.registry import repository
    real, calls = repository.validate_draft, []

    def blind_first_check(*args, **kwargs):
        calls.append(1)
        return [] if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(repository, "validate_draft", blind_first_check)
    with pytest.raises(ValidationError) as info:
        registry.add_store(StoreDraft(**{**draft.__dict__, "website": "uk_store"}), catalog)
    assert info.value.by_field() == {
        "name": "New Store Name: a store named 'Amazon Store USA' already exists. "
                "Choose a different name."}
    assert len(registry.list_stores()) == 1


def test_edit_changes_email_and_name_only(registry, catalog, draft, clock):
    store = registry.add_store(draft, catalog)
    clock.advance(hours=2)
    edited = registry.edit_store(store.id, catalog, email="team@example.com", name="US Store")
    assert (edited.email, edited.name, edited.updated_at) == ("team@example.com", "US Store",
                                                              clock.now())
    assert registry.events(store.id)[-1].details == {
        "email": {"from": "ops@example.com", "to": "team@example.com"},
        "name": {"from": "Amazon Store USA", "to": "US Store"}}
    with pytest.raises(ValidationError, match="cannot be changed") as info:
        registry.edit_store(store.id, catalog, website="us_store", marketplace="CA")
    assert set(info.value.by_field()) == {"website", "marketplace"}
    with pytest.raises(ValidationError, match="not a valid email"):
        registry.edit_store(store.id, catalog, email="broken")
    assert registry.get_store(store.id).email == "team@example.com"


def test_edit_refuses_another_stores_name_but_allows_its_own(registry, catalog, draft):
    first = registry.add_store(draft, catalog)
    second = registry.add_store(StoreDraft(**{**draft.__dict__, "website": "uk_store",
                                              "name": "UK", "marketplace": "UK"}), catalog)
    with pytest.raises(ValidationError, match="already exists"):
        registry.edit_store(second.id, catalog, name="amazon store usa")
    assert registry.edit_store(first.id, catalog, name="AMAZON STORE USA").name == \
        "AMAZON STORE USA"


def test_transitions_are_applied_logged_and_refused(registry, catalog, draft, clock):
    store = registry.add_store(draft, catalog)
    with pytest.raises(TransitionError, match="Cannot activate"):
        registry.transition(store.id, "activate")
    connected = registry.transition(store.id, "connect", seller_id="A2SELLER",
                                    authorized_at=clock.now(),
                                    expires_at=clock.now() + timedelta(days=365),
                                    details={"seller_id": "A2SELLER",
                                             "refresh_token": "Atzr|leak"})
    assert connected.status is StoreStatus.ACTIVE and connected.seller_id == "A2SELLER"
    assert registry.transition(store.id, "deactivate").status is StoreStatus.INACTIVE
    assert registry.transition(store.id, "activate").status is StoreStatus.ACTIVE
    kinds = [e.kind for e in registry.events(store.id)]
    assert kinds == ["created", "connected", "paused", "activated"]
    assert registry.events(store.id)[1].details == {"seller_id": "A2SELLER"}  # no token kept
    with pytest.raises(ValueError, match="cannot set"):
        registry.transition(store.id, "deactivate", status="active")


def test_one_seller_connects_to_a_marketplace_once(registry, catalog, draft):
    first = registry.add_store(draft, catalog)
    second = registry.add_store(StoreDraft(**{**draft.__dict__, "website": "us_store",
                                              "name": "Second"}), catalog)
    registry.transition(first.id, "connect", seller_id="A2SELLER")
    with pytest.raises(SellerAlreadyConnected) as info:
        registry.transition(second.id, "connect", seller_id="A2SELLER")
    assert info.value.message() == (
        "The Amazon seller account A2SELLER is already connected to the store "
        "'Amazon Store USA' for United States. Use that store, or sign in with another "
        "seller account.")
    assert registry.get_store(second.id).status is StoreStatus.NOT_CONNECTED


def test_delete_removes_store_and_secrets_but_keeps_history(registry, catalog, draft):
    store = registry.add_store(draft, catalog)
    registry.put_secret(store.id, "refresh_token", b"ciphertext")
    assert registry.get_secret(store.id, "refresh_token") == b"ciphertext"
    registry.delete_store(store.id)
    assert registry.list_stores() == []
    assert registry.get_secret(store.id, "refresh_token") is None
    assert [e.kind for e in registry.events(store.id)] == ["created", "deleted"]
    with pytest.raises(StoreNotFound, match="no longer exists"):
        registry.delete_store(store.id)
    # The name and website are free again; the new store gets a new id and no old history.
    again = registry.add_store(draft, catalog)
    assert again.name == "Amazon Store USA" and again.id != store.id
    assert [e.kind for e in registry.events(again.id)] == ["created"]


def test_disconnect_forgets_the_secret(registry, catalog, draft):
    store = registry.add_store(draft, catalog)
    registry.transition(store.id, "connect", seller_id="A2SELLER")
    registry.put_secret(store.id, "refresh_token", b"x")
    registry.transition(store.id, "disconnect", seller_id=None, authorized_at=None,
                        expires_at=None)
    assert registry.get_secret(store.id, "refresh_token") is None
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED


def test_checklist_ticks_persist_across_processes_views(registry, database_url):
    registry.set_checked("cron", True)
    registry.set_checked("vat", True)
    registry.set_checked("vat", False)
    other = Registry(database_url)
    ticks = other.checklist()
    assert {k: v.checked for k, v in ticks.items()} == {"cron": True, "vat": False}
    assert ticks["cron"].actor == "tester"
    other.close()


def test_auth_states_are_single_use_bound_and_expiring(registry, catalog, draft, clock):
    store = registry.add_store(draft, catalog)
    other = registry.add_store(StoreDraft(**{**draft.__dict__, "website": "us_store",
                                             "name": "Other"}), catalog)
    registry.save_auth_state(store.id, "state-1")
    with pytest.raises(AuthStateError) as info:
        registry.consume_auth_state("state-1", store_id=other.id)
    assert info.value.reason == "other_store"
    assert registry.consume_auth_state("state-1").store_id == store.id
    for state, reason in [("state-1", "reused"), ("never-issued", "unknown")]:
        with pytest.raises(AuthStateError) as info:
            registry.consume_auth_state(state)
        assert info.value.reason == reason
    registry.save_auth_state(store.id, "state-2")
    clock.advance(minutes=10)
    with pytest.raises(AuthStateError) as info:
        registry.consume_auth_state("state-2")
    assert info.value.reason == "expired"


def test_auth_states_are_stored_hashed(registry, catalog, draft, database_url):
    store = registry.add_store(draft, catalog)
    registry.save_auth_state(store.id, "plain-state-value")
    raw = sqlite3.connect(sqlite_path(database_url)).execute(
        "SELECT state_hash FROM auth_states").fetchall()
    assert raw and "plain-state-value" not in str(raw)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(registry):
    with registry.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
    assert registry.schema_version == schema.LATEST_VERSION
