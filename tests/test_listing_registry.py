"""Listing rules and cached catalog matches in the registry (schema version 5)."""

from __future__ import annotations

from datetime import timedelta

from asc_widgets.core import Registry
from asc_widgets.core.registry import schema
from asc_widgets.core.registry.engine import make_engine
from asc_widgets.core.registry.listing import ListingRepository


def test_version_4_database_gains_listing_tables_keeping_its_stores(database_url, catalog,
                                                                     draft):
    engine = make_engine(database_url)
    with engine.begin() as conn:
        assert schema.upgrade(conn, target=4) == 4
    engine.dispose()
    old = Registry(database_url)
    assert old.schema_version == schema.LATEST_VERSION == 5
    old.close()
    engine = make_engine(database_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE listing_rules")
        conn.exec_driver_sql("DROP TABLE catalog_matches")
        conn.exec_driver_sql("UPDATE asc_schema SET version = 4")
        conn.exec_driver_sql(
            "INSERT INTO stores (name, name_key, website, email, marketplace, id_type, "
            "attribute, status, created_at, updated_at) VALUES ('Old', 'old', 'base', "
            "'a@example.com', 'US', 'UPC', 'upc', 'not_connected', "
            "'2025-01-01T00:00:00+00:00', '2025-01-01T00:00:00+00:00')")
    engine.dispose()
    registry = Registry(database_url, actor="ops")
    [store] = registry.list_stores()
    rules = ListingRepository(registry)
    rules.save_rule(store.id, {"website": "base", "conditions": {}}, before=None, after="all")
    assert rules.rule(store.id).actor == "ops"


def test_saving_a_rule_logs_who_changed_what(registry, catalog, draft):
    store = registry.add_store(draft, catalog)
    rules = ListingRepository(registry)
    assert rules.rule(store.id) is None
    rules.save_rule(store.id, {"website": "base", "conditions": {"type": "combine"}},
                    before=None, after="every product")
    rules.save_rule(store.id, {"website": "base", "conditions": {"type": "combine",
                                                                  "aggregator": "any"}},
                    before="every product", after="1. Price equals or greater than 20")
    saved = rules.rule(store.id)
    assert saved.rule["conditions"]["aggregator"] == "any" and saved.actor == "tester"
    events = [e for e in registry.events(store.id) if e.kind.startswith("rule")]
    assert [(e.kind, e.actor, e.details["before"], e.details["after"]) for e in events] == [
        ("rule_saved", "tester", None, "every product"),
        ("rule_saved", "tester", "every product", "1. Price equals or greater than 20")]
    assert rules.delete_rule(store.id, before="x")
    assert rules.rule(store.id) is None
    assert registry.events(store.id)[-1].kind == "rule_deleted"
    registry.delete_store(store.id)  # the rule goes with the store (foreign key cascade)


def test_match_cache_per_marketplace_type_and_code_with_an_age(registry, clock):
    cache = ListingRepository(registry)
    cache.put_matches("ATVPDKIKX0DER", "UPC", [("00012345678905", "matched", ["B0A"], "T"),
                                               ("00000000000017", "not_found", [], None)])
    found = cache.cached_matches("ATVPDKIKX0DER", "UPC", ["00012345678905", "00000000000017",
                                                          "00099999999999"])
    assert {c: (m.outcome, m.asins) for c, m in found.items()} == {
        "00012345678905": ("matched", ("B0A",)), "00000000000017": ("not_found", ())}
    assert cache.cached_matches("A1F83G8C2ARO7P", "UPC", ["00012345678905"]) == {}
    clock.advance(days=8)
    assert cache.cached_matches("ATVPDKIKX0DER", "UPC", ["00012345678905"],
                                max_age=timedelta(days=7)) == {}
    cache.put_matches("ATVPDKIKX0DER", "UPC", [("00012345678905", "multiple", ["B0A", "B0B"],
                                               None)])
    fresh = cache.cached_matches("ATVPDKIKX0DER", "UPC", ["00012345678905"],
                                 max_age=timedelta(days=7))
    assert fresh["00012345678905"].asins == ("B0A", "B0B")
