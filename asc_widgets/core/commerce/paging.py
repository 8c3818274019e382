"""Paging through a Commerce list endpoint (searchCriteria) safely.

- Pages are sorted by a stable field (entity_id) so they neither overlap nor skip.
- Past the last page, Commerce 2.4 answers `items: []`, older versions the last page again:
  stop when a page is short or `page * size >= total_count`, and drop items whose key
  (sku) was on the previous page (old repeats, or rows shifted by a concurrent delete).
  A page that brings nothing new also ends the walk.
- A server that ignores currentPage can answer earlier pages again (page 3 = page 1, ...):
  a page whose set of keys equals an earlier page's (not the one just before: that is the
  old versions' end) stops the walk with a clear error. Without total_count, at most
  max_pages pages are read, so a server listing new items forever cannot keep us either.
- With input limits on, a page size above the store's maximum is refused with 400
  "Maximum SearchCriteria pageSize is N": continue with N from the current position.
- workers > 1: once page 1 gives total_count, the next pages are fetched concurrently (in
  order of delivery), which suits stores where each page takes the server a while.
"""

from __future__ import annotations

import math
import re
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from asc_widgets.core.commerce.errors import CommerceHTTPError, CommerceResponseError

Fetch = Callable[[str, Mapping[str, str]], Any]
_PAGE_SIZE_LIMIT = re.compile(r"Maximum SearchCriteria pageSize is (\d+)")


@dataclass(frozen=True)
class ListQuery:
    path: str
    sort_field: str  # a unique, stable field: entity_id, attribute_id
    key: str  # the item field identifying an item (sku, attribute_code)
    fields: str = ""  # Magento's fields= projection, to trim responses
    filters: tuple[tuple[str, str, str], ...] = ()  # (field, condition_type, value), AND-ed
    direction: str = "ASC"

    def params(self, page: int, size: int) -> dict[str, str]:
        params = {
            "searchCriteria[currentPage]": str(page),
            "searchCriteria[pageSize]": str(size),
            "searchCriteria[sortOrders][0][field]": self.sort_field,
            "searchCriteria[sortOrders][0][direction]": self.direction,
        }
        for group, (field, condition, value) in enumerate(self.filters):
            prefix = f"searchCriteria[filterGroups][{group}][filters][0]"
            params[f"{prefix}[field]"] = field
            params[f"{prefix}[condition_type]"] = condition
            params[f"{prefix}[value]"] = value
        if self.fields:
            params["fields"] = self.fields
        return params


def page_size_limit(error: CommerceHTTPError) -> int | None:
    """N from Commerce's 400 'Maximum SearchCriteria pageSize is N', else None."""
    match = _PAGE_SIZE_LIMIT.search(error.magento_message) if error.status == 400 else None
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


class _Page:
    def __init__(self, query: ListQuery, number: int, size: int, body: Any):
        if not isinstance(body, dict) or not isinstance(body.get("items", []), list):
            raise CommerceResponseError("commerce.error.unexpected", path=query.path,
                                        detail="expected {items, total_count}")
        self.number, self.size = number, size
        self.items: list[dict[str, Any]] = [i for i in body.get("items") or []
                                            if isinstance(i, dict)]
        total = body.get("total_count")
        self.total = total if isinstance(total, int) else None

    @property
    def is_last(self) -> bool:
        return len(self.items) < self.size or (
            self.total is not None and self.number * self.size >= self.total)


def iter_pages(fetch: Fetch, query: ListQuery, page_size: int, *, workers: int = 1,
               max_pages: int = 10_000) -> Iterator[list[dict[str, Any]]]:
    """The items of every page, in order, each list holding only items not seen just before.
    Raises CommerceResponseError when the server repeats earlier pages, or lists more than
    max_pages pages without a total_count."""
    first = _first_page(fetch, query, page_size)
    seen = _Recent(query.key)
    earlier = _PageKeys(query)
    earlier.check(first)
    fresh = seen.admit(first.items)
    if fresh:
        yield fresh
    if first.is_last:
        return
    pages = (_concurrent_pages(fetch, query, first, workers)
             if workers > 1 and first.total is not None
             else _sequential_pages(fetch, query, first))
    try:
        for page in pages:
            fresh = seen.admit(page.items)
            if fresh:
                earlier.check(page)
                yield fresh
            if page.is_last or not fresh:
                return
            if page.total is None and page.number >= max_pages:
                raise CommerceResponseError("commerce.error.too_many_pages", path=query.path,
                                            max_pages=max_pages)
    finally:
        pages.close()  # cancels pages fetched ahead


class _PageKeys:
    """The key sets of the pages read so far (as hashes: memory grows by a number per page,
    not by the catalog), to notice a server answering an earlier page again."""

    def __init__(self, query: ListQuery):
        self._query = query
        self._pages: dict[int, int] = {}

    def check(self, page: _Page) -> None:
        digest = hash(frozenset(item.get(self._query.key) for item in page.items))
        earlier = self._pages.get(digest)
        if earlier is not None:
            raise CommerceResponseError("commerce.error.paging_loop", path=self._query.path,
                                        page=page.number, earlier=earlier)
        self._pages[digest] = page.number


def _first_page(fetch: Fetch, query: ListQuery, size: int) -> _Page:
    while True:
        try:
            return _Page(query, 1, size, fetch(query.path, query.params(1, size)))
        except CommerceHTTPError as error:
            limit = page_size_limit(error)
            if limit is None or limit >= size:
                raise
            size = limit


def _sequential_pages(fetch: Fetch, query: ListQuery, first: _Page) -> Iterator[_Page]:
    number, size = first.number, first.size
    while True:
        number += 1
        yield _Page(query, number, size, fetch(query.path, query.params(number, size)))


def _concurrent_pages(fetch: Fetch, query: ListQuery, first: _Page, workers: int
                      ) -> Iterator[_Page]:
    size = first.size
    last = max(first.number, math.ceil(first.total / size))
    with ThreadPoolExecutor(workers, thread_name_prefix="commerce-page") as pool:
        pending: deque[tuple[int, Future[Any]]] = deque()
        upcoming = iter(range(first.number + 1, last + 1))
        try:
            for number in upcoming:
                pending.append((number, pool.submit(fetch, query.path, query.params(number, size))))
                if len(pending) >= workers:
                    break
            while pending:
                number, future = pending.popleft()
                following = next(upcoming, None)
                if following is not None:
                    pending.append((following, pool.submit(fetch, query.path,
                                                           query.params(following, size))))
                yield _Page(query, number, size, future.result())
        finally:
            for _, future in pending:
                future.cancel()
    # Reached only when the last page's own total_count grew (products added meanwhile):
    # carry on one page at a time.
    yield from _sequential_pages(fetch, query, _Page(query, last, size, {"items": []}))


class _Recent:
    """Drops items whose key was on the previous page (or earlier on the same page): the only
    repeats offset paging over a stable sort produces. Memory is bounded by the page size,
    where remembering every sku of a large catalog would not be."""

    def __init__(self, key: str):
        self._key = key
        self._previous: set[object] = set()

    def admit(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        current: set[object] = set()
        fresh = []
        for item in items:
            key = item.get(self._key)
            if key not in self._previous and key not in current:
                fresh.append(item)
            current.add(key)
        self._previous = current
        return fresh
