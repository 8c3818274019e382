"""Listing rules and the Amazon catalog match cache in the registry (schema version 4).

Saving or deleting a rule writes the event log in the same transaction: who changed the rule
of which store, and the rule before and after, in words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, select

from asc_widgets.core.registry import schema
from asc_widgets.core.registry.repository import Registry

_IN_CHUNK = 500  # codes per IN (...) list: well under every database's parameter limit


@dataclass(frozen=True)
class SavedRule:
    store_id: int
    rule: dict  # ListingRule.to_dict()
    actor: str
    updated_at: datetime


@dataclass(frozen=True)
class CachedMatch:
    code: str
    outcome: str
    asins: tuple[str, ...]
    title: str | None
    checked_at: datetime


class ListingRepository:
    """Reads and writes of rules and cached matches, through one Registry."""

    def __init__(self, registry: Registry):
        self.registry = registry

    # ---- rules ----------------------------------------------------------------------------
    def rule(self, store_id: int) -> SavedRule | None:
        table = schema.listing_rules
        with self.registry.reading() as conn:
            row = conn.execute(select(table).where(table.c.store_id == store_id)).first()
        return SavedRule(row.store_id, json.loads(row.rule), row.actor, row.updated_at) \
            if row else None

    def save_rule(self, store_id: int, rule: dict, *, before: str | None, after: str) -> None:
        """Keep the store's rule (replacing the old one) and log who changed it and how."""
        table = schema.listing_rules
        reg = self.registry
        with reg._write() as conn:
            store = reg._get(conn, store_id)
            conn.execute(delete(table).where(table.c.store_id == store_id))
            conn.execute(insert(table).values(
                store_id=store_id, rule=json.dumps(rule, ensure_ascii=False), actor=reg.actor,
                updated_at=reg.clock.now()))
            reg._log(conn, store_id, store.name, "rule_saved",
                     {"website": rule.get("website"), "before": before, "after": after})

    def delete_rule(self, store_id: int, *, before: str | None) -> bool:
        table = schema.listing_rules
        reg = self.registry
        with reg._write() as conn:
            store = reg._get(conn, store_id)
            gone = conn.execute(delete(table).where(table.c.store_id == store_id)).rowcount
            if gone:
                reg._log(conn, store_id, store.name, "rule_deleted", {"before": before})
        return bool(gone)

    # ---- catalog match cache ---------------------------------------------------------------
    def cached_matches(self, marketplace_id: str, id_type: str, codes: Iterable[str],
                       max_age: timedelta | None = None) -> dict[str, CachedMatch]:
        """Cached answers for codes, younger than max_age (None: any age)."""
        table = schema.catalog_matches
        oldest = self.registry.clock.now() - max_age if max_age is not None else None
        found: dict[str, CachedMatch] = {}
        wanted = list(dict.fromkeys(codes))
        with self.registry.reading() as conn:
            for start in range(0, len(wanted), _IN_CHUNK):
                query = select(table).where(
                    (table.c.marketplace_id == marketplace_id) & (table.c.id_type == id_type)
                    & table.c.code.in_(wanted[start:start + _IN_CHUNK]))
                for row in conn.execute(query):
                    if oldest is None or row.checked_at >= oldest:
                        found[row.code] = CachedMatch(row.code, row.outcome,
                                                      tuple(json.loads(row.asins)), row.title,
                                                      row.checked_at)
        return found

    def put_matches(self, marketplace_id: str, id_type: str,
                    matches: Sequence[tuple[str, str, Sequence[str], str | None]]) -> None:
        """Store (code, outcome, asins, title) answers, replacing older ones for those codes."""
        if not matches:
            return
        table = schema.catalog_matches
        now = self.registry.clock.now()
        with self.registry._write() as conn:
            codes = [m[0] for m in matches]
            for start in range(0, len(codes), _IN_CHUNK):
                conn.execute(delete(table).where(
                    (table.c.marketplace_id == marketplace_id) & (table.c.id_type == id_type)
                    & table.c.code.in_(codes[start:start + _IN_CHUNK])))
            conn.execute(insert(table), [
                {"marketplace_id": marketplace_id, "id_type": id_type, "code": code,
                 "outcome": outcome, "asins": json.dumps(list(asins)), "title": title,
                 "checked_at": now} for code, outcome, asins, title in matches])

    def clear_matches(self) -> int:
        with self.registry._write() as conn:
            return conn.execute(delete(schema.catalog_matches)).rowcount
