"""Every registry behaviour, on SQLite and on a real PostgreSQL server (one set of tests)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError, StatementError

from asc_widgets.core import (
    AuthStateError,
    Clock,
    Registry,
    SellerAlreadyConnected,
    StoreDraft,
    StoreNotFound,
    StoreStatus,
    TransitionError,
    ValidationError,
)
from asc_widgets.core.registry import schema

pytestmark = pytest.mark.both_backends


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


def test_the_database_itself_refuses_duplicates(registry, catalog, draft):
    registry.add_store(draft, catalog)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    row = dict(name="X", name_key="amazon store usa", website="us_store", email="a@b.co",
               marketplace="US", id_type="UPC", attribute="upc", status="not_connected",
               created_at=at, updated_at=at)
    # Straight to the tables, past every check of the registry: the constraints alone refuse.
    for clash, constraint in [({}, "name_key"), ({"name_key": "other", "website": "base"},
                                                 "website")]:
        with pytest.raises(IntegrityError, match=constraint), registry.engine.begin() as conn:
            conn.execute(insert(schema.stores).values(**{**row, **clash}))
    assert len(registry.list_stores()) == 1


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
    with registry.engine.connect() as conn:
        raw = conn.execute(select(schema.auth_states)).all()
    assert raw and "plain-state-value" not in str(raw)


def test_each_backend_is_set_up_for_several_writers(registry):
    with registry.engine.connect() as conn:
        if registry.engine.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000
        else:
            assert registry.engine.dialect.driver == "psycopg"
            assert conn.exec_driver_sql("SHOW timezone").scalar() == "UTC"
    assert registry.schema_version == schema.LATEST_VERSION


def test_times_are_stored_in_utc_and_read_back_aware(registry, catalog, draft):
    class ShanghaiClock(Clock):
        def now(self):
            return datetime(2025, 3, 1, 20, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Shanghai"))

    registry.clock = ShanghaiClock()
    store = registry.add_store(draft, catalog)
    registry.save_auth_state(store.id, "s")
    registry.set_checked("cron", True)
    with registry.engine.connect() as conn:
        if registry.engine.dialect.name == "postgresql":  # a session in another zone
            conn.exec_driver_sql("SET TIME ZONE 'America/New_York'")
        raw = conn.execute(select(schema.stores.c.created_at)).scalar_one()
    for at in [raw, registry.get_store(store.id).created_at, registry.events()[0].at,
               registry.checklist()["cron"].at, registry.consume_auth_state("s").created_at]:
        assert at == datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
        assert at.tzinfo is UTC
    with pytest.raises(StatementError, match="naive datetime"):
        registry.transition(store.id, "connect", seller_id="A1",
                            authorized_at=datetime(2025, 3, 1))
    assert registry.get_store(store.id).status is StoreStatus.NOT_CONNECTED
