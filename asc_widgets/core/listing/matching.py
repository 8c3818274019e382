"""The dry run against Amazon's catalog: which products would find an ASIN.

For the codes of the products that pass the rule, ask ``searchCatalogItems`` with the mapped
identifier type, 20 unique codes per request, paced by a token bucket at Amazon's rate
(following a lower ``x-amzn-RateLimit-Limit``), waiting out 429 ``QuotaExceeded`` and
repeating the same request so nothing is lost. Answers map back by normalised code and are
cached in the registry per (marketplace, type, code), so known codes cost no request next time.
Progress is reported after each request; a cancel or a failure keeps what was matched.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import timedelta

from asc_widgets.core.amazon.catalog import (
    MAX_IDENTIFIERS,
    CatalogItem,
    build_search_request,
    parse_search_response,
    rate_limit_of,
)
from asc_widgets.core.amazon.client import Transport, _transport
from asc_widgets.core.amazon.errors import AmazonError, RateLimited
from asc_widgets.core.amazon.pacing import Cancelled, TokenBucket
from asc_widgets.core.amazon.settings import AmazonSettings
from asc_widgets.core.amazon.tokens import TokenSet
from asc_widgets.core.clock import Clock
from asc_widgets.core.i18n import t
from asc_widgets.core.listing.codes import normal_form, search_type
from asc_widgets.core.marketplaces import Marketplace, get_marketplace
from asc_widgets.core.secrets import SecretStr

log = logging.getLogger(__name__)

MATCHED, MULTIPLE, HAS_VARIANTS, NOT_FOUND = "matched", "multiple", "has_variants", "not_found"
OUTCOMES = (MATCHED, MULTIPLE, HAS_VARIANTS, NOT_FOUND)
DEFAULT_RATE = 2.0  # searchCatalogItems: 2 requests per second,
DEFAULT_BURST = 2  # burst 2 (our bucket starts with one token: see pacing.py)
DEFAULT_MAX_AGE = timedelta(days=7)


class CatalogRateLimited(RateLimited):
    """Amazon kept answering 429 after the matcher's patient retries."""

    key = "amazon.error.catalog_rate_limited"


@dataclass(frozen=True)
class Match:
    key: str  # the normalised code
    outcome: str
    asins: tuple[str, ...]
    title: str | None = None
    cached: bool = False


@dataclass(frozen=True)
class MatchProgress:
    done: int  # codes answered (cache included)
    total: int
    requests: int
    throttled: int
    elapsed: float

    @property
    def eta(self) -> float | None:
        """Seconds left, from the pace so far (None before the first answer)."""
        if self.done >= self.total:
            return 0.0
        asked = self.done
        return self.elapsed / asked * (self.total - asked) if asked and self.elapsed else None

    def message(self, lang: str = "en") -> str:
        eta = self.eta
        left = (t("match.eta_unknown", lang) if eta is None
                else t("match.eta", lang, minutes=int(eta // 60), seconds=int(eta % 60)))
        return t("match.progress", lang, done=self.done, total=self.total,
                 requests=self.requests, left=left)


@dataclass
class MatchReport:
    matches: dict[str, Match] = field(default_factory=dict)
    total: int = 0
    requests: int = 0
    minimum_requests: int = 0  # ceil(unique codes not in the cache / 20)
    throttled: int = 0
    extra_pages: int = 0  # follow-up pages when 20 codes found more than 20 items
    from_cache: int = 0
    seconds: float = 0.0
    cancelled: bool = False
    error: AmazonError | None = None

    @property
    def complete(self) -> bool:
        return len(self.matches) == self.total

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(OUTCOMES, 0)
        for match in self.matches.values():
            found[match.outcome] += 1
        return found

    def message(self, lang: str = "en") -> str:
        text = t("match.summary", lang, checked=len(self.matches), total=self.total,
                 requests=self.requests, cached=self.from_cache)
        if self.cancelled:
            text += " " + t("match.cancelled", lang)
        if self.error is not None:
            text += " " + self.error.message(lang) + " " + t("match.kept", lang)
        return text


class AccessTokens:
    """The store's access token from its refresh token, reused until it expires."""

    def __init__(self, refresh_token: str | SecretStr, refresher: Callable[[SecretStr],
                                                                           TokenSet],
                 clock: Clock | None = None):
        self._refresh_token = SecretStr(refresh_token)
        self._refresher = refresher
        self._clock = clock or Clock()
        self._tokens: TokenSet | None = None
        self.refreshes = 0

    def __call__(self) -> SecretStr:
        if self._tokens is None or self._tokens.is_expired(self._clock.now()):
            self._tokens = self._refresher(self._refresh_token)
            self.refreshes += 1
        return self._tokens.access_token

    def __repr__(self) -> str:
        return f"AccessTokens(refreshes={self.refreshes}, token=<hidden>)"


def decide(key: str, items: Iterable[CatalogItem]) -> Match:
    """The outcome for one code from the items found for it."""
    found = list({item.asin: item for item in items}.values())
    if not found:
        return Match(key, NOT_FOUND, ())
    asins = tuple(item.asin for item in found)
    if len(found) > 1:
        return Match(key, MULTIPLE, asins)
    item = found[0]
    if item.is_parent:
        return Match(key, HAS_VARIANTS, asins, item.title)
    return Match(key, MATCHED, asins, item.title)


class CatalogMatcher:
    """Matches codes against the catalog of one marketplace through one authorization."""

    def __init__(self, settings: AmazonSettings, transport: Transport | None = None, *,
                 rate: float = DEFAULT_RATE, burst: int = DEFAULT_BURST, cache=None,
                 max_age: timedelta | None = DEFAULT_MAX_AGE, max_throttle_retries: int = 8,
                 bucket: TokenBucket | None = None, workers: int = 2):
        self.settings = settings
        self.transport = _transport(settings, transport)
        self.bucket = bucket or TokenBucket(rate, burst, initial=1)
        self.cache = cache  # a ListingRepository, or None
        self.max_age = max_age
        self.max_throttle_retries = max_throttle_retries
        self.workers = max(1, workers)
        self._token_lock = threading.Lock()  # one refresh at a time

    def match(self, codes: Mapping[str, str], marketplace: str | Marketplace, id_type: str,
              access_token: Callable[[], str | SecretStr], *,
              progress: Callable[[MatchProgress], None] | None = None,
              cancel: threading.Event | None = None) -> MatchReport:
        """Match {normalised key: code to send}. Never raises for Amazon trouble or a
        cancel: the report carries the error (or cancelled) and every match made before."""
        mp = marketplace if isinstance(marketplace, Marketplace) else get_marketplace(marketplace)
        identifiers_type = search_type(id_type)
        if identifiers_type is None:
            raise ValueError(f"{id_type} cannot be searched in Amazon's catalog")
        started = time.monotonic()
        report = self._cached_report(codes, mp, identifiers_type)
        todo = [(k, c) for k, c in codes.items() if k not in report.matches]
        report.minimum_requests = math.ceil(len(todo) / MAX_IDENTIFIERS)

        def tell() -> None:
            report.seconds = time.monotonic() - started
            if progress is not None:
                progress(MatchProgress(len(report.matches), report.total, report.requests,
                                       report.throttled, report.seconds))

        tell()
        self._match_batches(todo, mp, identifiers_type, access_token, report, tell, cancel)
        report.seconds = time.monotonic() - started
        return report

    def _cached_report(self, codes: Mapping[str, str], mp: Marketplace,
                       identifiers_type: str) -> MatchReport:
        """A new report holding the fresh enough matches the cache already has."""
        report = MatchReport(total=len(codes))
        if self.cache is not None:
            for key, hit in self.cache.cached_matches(mp.marketplace_id, identifiers_type,
                                                      codes, self.max_age).items():
                report.matches[key] = Match(key, hit.outcome, hit.asins, hit.title, True)
        report.from_cache = len(report.matches)
        return report

    def _match_batches(self, todo: list[tuple[str, str]], mp: Marketplace,
                       identifiers_type: str, access_token, report: MatchReport,
                       tell: Callable[[], None], cancel: threading.Event | None) -> None:
        """Search todo in batches of MAX_IDENTIFIERS, adding each batch's matches to report
        (and the cache) as it comes; a cancel or an Amazon error stops further requests."""
        batches = [dict(todo[i:i + MAX_IDENTIFIERS]) for i in range(0, len(todo),
                                                                    MAX_IDENTIFIERS)]
        stop = threading.Event()  # set on a cancel or a failure: no further request starts
        counters = threading.Lock()

        def work(batch: dict[str, str]) -> dict[str, Match]:
            if stop.is_set() or (cancel is not None and cancel.is_set()):
                raise Cancelled()
            items = self._search(batch, mp, identifiers_type, access_token, report, counters,
                                 stop, cancel)
            return self._assign(batch, items, identifiers_type)

        # A few requests in flight, so Amazon's answer time does not eat into the rate; the
        # bucket alone decides when each one leaves.
        with ThreadPoolExecutor(self.workers, thread_name_prefix="catalog-match") as pool:
            futures = [pool.submit(work, batch) for batch in batches]
            for future in as_completed(futures):
                try:
                    found = future.result()
                except Cancelled:
                    report.cancelled = report.error is None
                    stop.set()
                    continue
                except AmazonError as exc:
                    if report.error is None:
                        log.info("catalog matching stopped: %s", exc)
                        report.error = exc
                    report.cancelled = False
                    stop.set()
                    continue
                report.matches.update(found)
                if self.cache is not None:
                    self.cache.put_matches(mp.marketplace_id, identifiers_type, [
                        (m.key, m.outcome, m.asins, m.title) for m in found.values()])
                tell()

    def _search(self, batch: Mapping[str, str], mp: Marketplace, identifiers_type: str,
                access_token, report: MatchReport, counters: threading.Lock,
                stop: threading.Event, cancel) -> list[CatalogItem]:
        items: list[CatalogItem] = []
        page_token: str | None = None
        throttles = 0
        while True:
            self.bucket.acquire(cancel)
            if stop.is_set():
                raise Cancelled()
            with self._token_lock:
                token = access_token()
            request = build_search_request(token, mp, identifiers_type, list(batch.values()),
                                           self.settings, page_token=page_token)
            response = self.transport.send(request)
            with counters:
                report.requests += 1
            self.bucket.follow(rate_limit_of(response))
            try:
                page = parse_search_response(response, mp.marketplace_id)
            except RateLimited:
                with counters:
                    report.throttled += 1
                throttles += 1
                self.bucket.throttled()
                if throttles > self.max_throttle_retries:
                    raise CatalogRateLimited(status=429, code="QuotaExceeded",
                                             operation="searchCatalogItems") from None
                continue  # the same request again, after the bucket's wait
            items.extend(page.items)
            if not page.next_token:
                return items
            page_token = page.next_token
            with counters:
                report.extra_pages += 1

    @staticmethod
    def _assign(batch: Mapping[str, str], items: list[CatalogItem],
                identifiers_type: str) -> dict[str, Match]:
        per_key: dict[str, list[CatalogItem]] = {key: [] for key in batch}
        for item in items:
            keys = {item.asin.upper()} if identifiers_type == "ASIN" else {
                normal_form(kind, value) for kind, value in item.identifiers}
            for key in keys & per_key.keys():
                per_key[key].append(item)
        return {key: decide(key, found) for key, found in per_key.items()}
