"""Listing rules, previews and the Amazon dry run for the stores of one registry.

    service = ListingService(registry, catalog, connector)   # connector: None = rules only
    problems = service.validate(store.id, rule)
    service.save_rule(store.id, rule)                         # logged with the actor
    preview = service.preview(store.id, rule)                 # tabs, flags, export
    report = service.match(preview, progress=print)           # asks Amazon, fills outcomes
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta

import pandas as pd

from asc_widgets.core.authorization import REFRESH_TOKEN, ConnectError
from asc_widgets.core.catalog.base import CatalogSource
from asc_widgets.core.listing.attributes import RuleAttribute, rule_attributes
from asc_widgets.core.listing.evaluate import describe_rule, evaluate
from asc_widgets.core.listing.matching import (
    DEFAULT_BURST,
    DEFAULT_MAX_AGE,
    DEFAULT_RATE,
    AccessTokens,
    CatalogMatcher,
    MatchProgress,
    MatchReport,
)
from asc_widgets.core.listing.preview import ListingPreview, StoreMapping
from asc_widgets.core.listing.products import listing_products
from asc_widgets.core.listing.rules import ListingRule, RuleProblem, check_rule, validate_rule
from asc_widgets.core.registry import Registry
from asc_widgets.core.registry.listing import ListingRepository
from asc_widgets.core.stores import Store


class ListingService:
    def __init__(self, registry: Registry, catalog: CatalogSource, connector=None, *,
                 rate: float = DEFAULT_RATE, burst: int = DEFAULT_BURST,
                 max_age: timedelta | None = DEFAULT_MAX_AGE, transport=None):
        self.registry = registry
        self.catalog = catalog
        self.connector = connector  # core.authorization.Connector (client + secret box)
        self.repository = ListingRepository(registry)
        self.rate, self.burst, self.max_age = rate, burst, max_age
        self.transport = transport
        self._attributes: dict[str, RuleAttribute] | None = None
        self._products: dict[tuple[str, str], pd.DataFrame] = {}
        self._tokens: dict[int, AccessTokens] = {}

    @classmethod
    def from_settings(cls, registry: Registry, catalog: CatalogSource, search,
                      connector=None) -> ListingService:
        """search: the kit's CatalogSearchSettings (pace and cache age from the environment)."""
        return cls(registry, catalog, connector, rate=search.rate, burst=search.burst,
                   max_age=search.max_age)

    # ---- rules ----------------------------------------------------------------------------
    def attributes(self) -> dict[str, RuleAttribute]:
        if self._attributes is None:
            self._attributes = rule_attributes(self.catalog)
        return self._attributes

    def rule(self, store_id: int) -> ListingRule:
        """The saved rule, or the empty rule (every product of the store's website)."""
        store = self.registry.get_store(store_id)
        saved = self.repository.rule(store_id)
        return ListingRule.from_dict(saved.rule) if saved else ListingRule(store.website)

    def has_rule(self, store_id: int) -> bool:
        return self.repository.rule(store_id) is not None

    def validate(self, store_id: int, rule: ListingRule) -> list[RuleProblem]:
        store = self.registry.get_store(store_id)
        return validate_rule(rule, self.attributes(), [store.website])

    def save_rule(self, store_id: int, rule: ListingRule) -> ListingRule:
        """Check the rule (RuleValidationError names each bad field), then keep it. A viewer
        is refused (NotPermitted) first."""
        self.registry.require_operator()
        store = self.registry.get_store(store_id)
        check_rule(rule, self.attributes(), [store.website])
        saved = self.repository.rule(store_id)
        before = describe_rule(ListingRule.from_dict(saved.rule), self.attributes()) \
            if saved else None
        self.repository.save_rule(store_id, rule.to_dict(), before=before,
                                  after=describe_rule(rule, self.attributes()))
        return rule

    # ---- preview --------------------------------------------------------------------------
    def products(self, store: Store) -> pd.DataFrame:
        key = (store.website, store.attribute)
        if key not in self._products:
            self._products[key] = listing_products(self.catalog, store.website,
                                                   [store.attribute])
        return self._products[key]

    def preview(self, store_id: int, rule: ListingRule | None = None) -> ListingPreview:
        """The preview of rule (default: the saved one) against the saved rule's listings."""
        store = self.registry.get_store(store_id)
        rule = check_rule(rule or self.rule(store_id), self.attributes(), [store.website])
        products = self.products(store)
        saved = self.repository.rule(store_id)
        listed = evaluate(ListingRule.from_dict(saved.rule), products, self.attributes()) \
            if saved else None
        mapping = StoreMapping(store.website, store.id_type, store.attribute, store.marketplace)
        return ListingPreview(products, rule, mapping, listed=listed,
                              attributes=self.attributes())

    # ---- the Amazon dry run ----------------------------------------------------------------
    def matcher(self) -> CatalogMatcher:
        if self.connector is None:
            raise ConnectError("listing.no_amazon")
        client = self.connector.client
        return CatalogMatcher(client.settings, self.transport or client.transport,
                              rate=self.rate, burst=self.burst, cache=self.repository,
                              max_age=self.max_age)

    def access_tokens(self, store: Store) -> AccessTokens:
        """The store's access tokens, refreshed from its saved authorization when needed."""
        if self.connector is None:
            raise ConnectError("listing.no_amazon")
        ciphertext = self.registry.get_secret(store.id, REFRESH_TOKEN)
        if ciphertext is None:
            raise ConnectError("auth.not_connected", name=store.name)
        if store.id not in self._tokens:
            box, client = self.connector.box, self.connector.client
            self._tokens[store.id] = AccessTokens(box.decrypt_secret(ciphertext), client.refresh,
                                                  self.registry.clock)
        return self._tokens[store.id]

    def match(self, preview: ListingPreview, store_id: int | None = None, *,
              progress: Callable[[MatchProgress], None] | None = None,
              cancel: threading.Event | None = None) -> MatchReport:
        """Ask Amazon about the preview's listable codes and put the outcomes on it. Amazon
        trouble is in report.error (what was matched is kept); a store that is not connected
        raises ConnectError."""
        store = self._store_of(preview, store_id)
        tokens = self.access_tokens(store)
        report = self.matcher().match(preview.codes_to_match(), store.marketplace,
                                      store.id_type, tokens, progress=progress, cancel=cancel)
        preview.apply(report)
        return report

    def _store_of(self, preview: ListingPreview, store_id: int | None) -> Store:
        if store_id is not None:
            return self.registry.get_store(store_id)
        for store in self.registry.list_stores():
            if store.website == preview.mapping.website:
                return store
        raise LookupError("no store backs the preview's website")
