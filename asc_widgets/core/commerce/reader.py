"""Reading products from Commerce for a catalog sync: the store's state, keyset pages, the
id-only listing and lookups by id, each product as one row of the snapshot's columns. Counts
the requests made and reports progress (products read of the total)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asc_widgets.core.commerce.client import CommerceClient, product_values
from asc_widgets.core.commerce.errors import (
    CatalogSyncError,
    CommerceHTTPError,
    CommerceResponseError,
)
from asc_widgets.core.commerce.paging import ListQuery, page_size_limit
from asc_widgets.core.i18n import t

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

ID_PAGE_SIZE = 20_000  # ids per request of the id-only listing (the store may cap it lower)
IDS_PER_LOOKUP = 200  # ids per `entity_id in (...)` request, keeping URLs short
PRODUCT_FIELDS = ("items[id,sku,name,type_id,attribute_set_id,visibility,status,updated_at,"
                  "created_at,price,weight,extension_attributes[website_ids],custom_attributes],"
                  "total_count")


@dataclass(frozen=True)
class SyncProgress:
    phase: str  # "full", "changes" or "check"
    read: int
    total: int
    elapsed: float  # seconds since this run started
    resumed_at: int = 0  # products already read before this run (a continued sync)

    @property
    def remaining_seconds(self) -> float | None:
        if self.total <= self.read:
            return 0.0
        done_now = self.read - self.resumed_at
        return self.elapsed / done_now * (self.total - self.read) if done_now > 0 else None

    def describe(self, lang: str = "en") -> str:
        from asc_widgets.core.commerce.snapshot import format_duration

        remaining = self.remaining_seconds
        return t("sync.progress", lang, phase=t(f"sync.phase.{self.phase}", lang),
                 read=f"{self.read:,}", total=f"{self.total:,}",
                 remaining="?" if remaining is None else format_duration(remaining, lang))


Progress = Callable[[SyncProgress], None]


class ProductReader:
    """Reads `columns` of the store's products through `client`. `read`, `total` and
    `resumed_at` count products for the progress of the phase under way."""

    def __init__(self, client: CommerceClient, columns: list[str], *,
                 progress: Progress | None = None, page_size: int, id_page_size: int):
        self.client = client
        self.columns = columns
        self._attribute_codes = [c for c in columns if c not in ("id", "website_ids")]
        self._progress = progress
        self.page_size = page_size
        self.id_page_size = id_page_size
        self.requests = 0
        self.started = time.perf_counter()
        self.read = self.total = self.resumed_at = 0

    @property
    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    # --- requests ------------------------------------------------------------------------

    def _get(self, query: ListQuery, size: int) -> dict[str, Any]:
        self.requests += 1
        body = self.client.get(query.path, query.params(1, size))
        if not isinstance(body, dict) or not isinstance(body.get("items") or [], list):
            raise CommerceResponseError("commerce.error.unexpected", path=query.path,
                                        detail="expected {items, total_count}")
        return body

    def store_state(self) -> tuple[str | None, int]:
        """(the newest updated_at, the number of products), from one one-product request."""
        query = ListQuery("products", sort_field="updated_at", key="id", direction="DESC",
                          fields="items[id,updated_at],total_count")
        body = self._get(query, 1)
        items = [i for i in body.get("items") or [] if isinstance(i, dict)]
        total = body.get("total_count")
        return (items[0].get("updated_at") if items else None,
                total if isinstance(total, int) else 0)

    def keyset_pages(self, fields: str, filters: tuple[tuple[str, str, str], ...], size: int,
                     *, after: int = 0) -> Iterator[tuple[list[dict[str, Any]], int]]:
        """(items, total_count of this request) per page of products with entity_id > after,
        each asked for as the first page of `entity_id > the last id read`."""
        last_id = after
        while True:
            query = ListQuery("products", sort_field="entity_id", key="id", fields=fields,
                              filters=(*filters, ("entity_id", "gt", str(last_id))))
            try:
                body = self._get(query, size)
            except CommerceHTTPError as error:
                limit = page_size_limit(error)
                if limit is None or limit >= size:
                    raise
                size = limit
                continue
            items = [i for i in body.get("items") or []
                     if isinstance(i, dict) and isinstance(i.get("id"), int)]
            total = body.get("total_count") if isinstance(body.get("total_count"), int) \
                else len(items)
            fresh = [i for i in items if i["id"] > last_id]
            if any(a["id"] >= b["id"] for a, b in zip(fresh, fresh[1:], strict=False)):
                # Not in the order asked for: sort, dropping repeated ids.
                fresh = sorted({i["id"]: i for i in fresh}.values(), key=lambda i: i["id"])
            if items and not fresh:
                raise CatalogSyncError("sync.error.repeated_page", read=f"{self.read:,}",
                                       total=f"{self.total:,}", last_id=last_id)
            if fresh:
                yield fresh, total
                last_id = fresh[-1]["id"]
            if len(items) < size or total <= len(items):
                return

    def list_ids(self) -> tuple[np.ndarray, np.ndarray]:
        """Every product's id and updated_at (as numpy arrays), by the id-only listing."""
        import numpy as np

        ids: list[int] = []
        stamps: list[str | None] = []
        self.read = self.total = self.resumed_at = 0
        for items, remaining in self.keyset_pages("items[id,updated_at],total_count", (),
                                                  self.id_page_size):
            self.total = max(self.total, self.read + remaining)
            ids += (item["id"] for item in items)
            stamps += (item.get("updated_at") for item in items)
            self.read += len(items)
            self.report("check")
        return np.array(ids, dtype=np.int64), stamps_array(stamps)

    def fetch_ids(self, ids: list[int]) -> list[dict[str, Any]]:
        rows = []
        for start in range(0, len(ids), IDS_PER_LOOKUP):
            batch = ids[start:start + IDS_PER_LOOKUP]
            filters = (("entity_id", "in", ",".join(map(str, batch))),)
            for items, _ in self.keyset_pages(PRODUCT_FIELDS, filters, IDS_PER_LOOKUP):
                rows += (self.row(item) for item in items)
        return rows

    # --- rows ----------------------------------------------------------------------------

    def row(self, item: Mapping[str, Any]) -> dict[str, Any]:
        row = product_values(item, self._attribute_codes)
        row["id"] = item["id"]
        websites = (item.get("extension_attributes") or {}).get("website_ids")
        row["website_ids"] = ",".join(str(w) for w in websites) if isinstance(
            websites, list) else None
        return row

    def table(self, rows: list[dict[str, Any]]) -> pa.Table:
        import pyarrow as pa

        schema = pa.schema([(c, pa.int64() if c == "id" else pa.string()) for c in self.columns])
        return pa.Table.from_pylist(rows, schema=schema)

    def report(self, phase: str) -> None:
        if self._progress:
            self._progress(SyncProgress(phase, self.read, max(self.total, self.read),
                                        self.elapsed, self.resumed_at))


def stamps_array(values: Iterable[str | None]) -> np.ndarray:
    """updated_at values as a fixed-width text array ('' for none), compared element-wise."""
    import numpy as np

    return np.array([v or "" for v in values], dtype="U32")
