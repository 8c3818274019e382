"""Syncing the local catalog snapshot with Commerce: everything once, then only what changed.

Full sync (no snapshot yet, a new attribute, or an unfinished full sync to continue):
  1. note the store's newest updated_at (W) and product count: one small request;
  2. read products by keyset pages (`entity_id > last id read`, sorted by entity_id), so
     products deleted or added meanwhile cannot shift a page; every FLUSH_ROWS rows go to a
     part file and a checkpoint (the last id read), so an interrupted sync continues there;
  3. check the count; when it differs, reconcile with the id-only listing (below);
  4. join the parts into a new snapshot, replaced atomically.
Incremental sync:
  1. W and the count, as above;
  2. products with updated_at >= the previous W (Commerce's searchCriteria filter; >= since
     updated_at has whole seconds), keyset-paged: changed and new products;
  3. if the count differs from the snapshot's (after step 2), list ids only
     (`fields=items[id,updated_at]`, large pages): ids gone are deleted products, ids unknown
     or with a newer updated_at (a page skipped, a change during the sync) are fetched by id;
  4. write the merged snapshot atomically.
Changes made during a sync are picked up by the next one, as W is noted before reading.
Every failure raises CatalogSyncError and leaves the last good snapshot as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asc_widgets.core.commerce.client import CommerceClient, product_values
from asc_widgets.core.commerce.errors import (
    CatalogSnapshotError,
    CatalogSyncError,
    CommerceError,
    CommerceHTTPError,
    CommerceResponseError,
)
from asc_widgets.core.commerce.paging import ListQuery, page_size_limit
from asc_widgets.core.commerce.snapshot import (
    BASE_COLUMNS,
    SnapshotInfo,
    SnapshotStore,
    write_json_atomically,
)
from asc_widgets.core.i18n import t

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

FLUSH_ROWS = 20_000  # rows per part file of a full sync: at most this much is re-read on resume
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


@dataclass(frozen=True)
class SyncResult:
    kind: str  # "full" or "incremental"
    products: int
    changed: int  # products read (all of them in a full sync)
    deleted: int
    requests: int
    seconds: float
    snapshot: SnapshotInfo

    def describe(self, lang: str = "en") -> str:
        if self.kind == "full":
            return t("sync.done_full", lang, products=f"{self.products:,}",
                     seconds=f"{self.seconds:.1f}", requests=self.requests)
        return t("sync.done_incremental", lang, changed=f"{self.changed:,}",
                 deleted=f"{self.deleted:,}", products=f"{self.products:,}",
                 requests=self.requests, seconds=f"{self.seconds:.1f}")


Progress = Callable[[SyncProgress], None]


class CatalogSync:
    """One sync of `store` from `client`. attribute_codes: the product attributes to keep (one
    column each), normally every attribute the store lists; attributes: their definitions,
    kept in the snapshot so it can be profiled without the store."""

    def __init__(self, client: CommerceClient, store: SnapshotStore,
                 attribute_codes: Iterable[str], *, progress: Progress | None = None,
                 page_size: int | None = None, id_page_size: int = ID_PAGE_SIZE,
                 attributes: Iterable[Mapping[str, Any]] = ()):
        self.client = client
        self.attributes = [dict(a) for a in attributes]
        self.store = store
        self.columns = list(dict.fromkeys([*BASE_COLUMNS, *(
            c for c in attribute_codes if c not in BASE_COLUMNS)]))
        self._attribute_codes = [c for c in self.columns if c not in ("id", "website_ids")]
        self._progress = progress
        self.page_size = page_size or client.config.page_size
        self.id_page_size = id_page_size
        self.requests = 0
        self._started = 0.0
        self._read = self._total = self._resumed_at = 0
        self._checkpoint_path = store.sync_folder / "checkpoint.json"

    # --- entry point ---------------------------------------------------------------------

    def run(self) -> SyncResult:
        self._started = time.perf_counter()
        try:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            with self._lock():
                return self._run()
        except CatalogSyncError:
            raise
        except CommerceError as error:
            key = "sync.error.commerce" if self._total else "sync.error.commerce_early"
            raise CatalogSyncError(key, cause=error, read=f"{self._read:,}",
                                   total=f"{self._total:,}", reason=str(error)) from error
        except OSError as error:
            raise CatalogSyncError("sync.error.disk", cause=error,
                                   path=str(error.filename or self.store.folder),
                                   reason=error.strerror or str(error)) from error

    def _run(self) -> SyncResult:
        try:
            info = self.store.info()
        except CatalogSnapshotError:  # another store's or unreadable: replaced by this sync
            info = None
        checkpoint = self._load_checkpoint()
        if (checkpoint is not None or info is None or info.watermark is None
                or not set(self.columns) <= set(info.columns)):
            return self._full(checkpoint)
        return self._incremental(info)

    # --- full sync -----------------------------------------------------------------------

    def _full(self, checkpoint: dict[str, Any] | None) -> SyncResult:
        if checkpoint is None or checkpoint.get("columns") != self.columns:
            shutil.rmtree(self.store.sync_folder, ignore_errors=True)
            watermark, _ = self._store_state()
            checkpoint = {"columns": self.columns, "watermark": watermark, "last_id": 0,
                          "read": 0, "parts": []}
        self.store.sync_folder.mkdir(parents=True, exist_ok=True)
        self._save_checkpoint(checkpoint)
        self._read = self._resumed_at = checkpoint["read"]
        rows: list[dict[str, Any]] = []
        last_id = checkpoint["last_id"]
        for items, remaining in self._keyset_pages(PRODUCT_FIELDS, (), self.page_size,
                                                   after=last_id):
            if not self._total:
                self._total = self._read + remaining
            rows += (self._row(item) for item in items)
            last_id = items[-1]["id"]
            self._read += len(items)
            self._report("full")
            if len(rows) >= FLUSH_ROWS:
                self._flush(checkpoint, rows, last_id)
                rows = []
        self._flush(checkpoint, rows, last_id)
        table = self._read_parts(checkpoint["parts"])
        table, deleted, _ = self._reconcile(table, expected=None)
        info = self.store.write(table, watermark=checkpoint["watermark"],
                                attributes=self.attributes)
        shutil.rmtree(self.store.sync_folder, ignore_errors=True)
        return SyncResult("full", info.products, info.products, deleted, self.requests,
                          time.perf_counter() - self._started, info)

    def _flush(self, checkpoint: dict[str, Any], rows: list[dict[str, Any]], last_id: int
               ) -> None:
        import pyarrow.parquet as pq

        from asc_widgets.core.commerce.snapshot import atomic_path

        if rows:
            name = f"part-{len(checkpoint['parts']) + 1:05d}.parquet"
            with atomic_path(self.store.sync_folder / name) as temporary:
                pq.write_table(self._table(rows), temporary)
            checkpoint["parts"].append(name)
        checkpoint["last_id"], checkpoint["read"] = last_id, self._read
        self._save_checkpoint(checkpoint)

    def _read_parts(self, parts: list[str]) -> pa.Table:
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = [pq.read_table(self.store.sync_folder / name) for name in parts]
        return pa.concat_tables(tables) if tables else self._table([])

    # --- incremental sync ----------------------------------------------------------------

    def _incremental(self, info: SnapshotInfo) -> SyncResult:
        import pyarrow.compute as pc

        watermark, count = self._store_state()
        changed_rows: list[dict[str, Any]] = []
        filters = (("updated_at", "gteq", info.watermark),)
        for items, remaining in self._keyset_pages(PRODUCT_FIELDS, filters, self.page_size):
            self._total = max(self._total, self._read + remaining)
            changed_rows += (self._row(item) for item in items)
            self._read += len(items)
            self._report("changes")
        old = self.store.read_table(self.columns)
        changed = self._table(changed_rows)
        replaced = pc.is_in(old["id"], value_set=changed["id"])
        unchanged = _count_unchanged(old.filter(replaced), changed)
        merged = _concat(old.filter(pc.invert(replaced)), changed)
        merged, deleted, refetched = self._reconcile(merged, expected=count)
        new_info = self.store.write(merged, watermark=watermark or info.watermark,
                                    attributes=self.attributes)
        return SyncResult("incremental", new_info.products,
                          len(changed_rows) - unchanged + refetched, deleted, self.requests,
                          time.perf_counter() - self._started, new_info)

    # --- reconciling with the id-only listing ---------------------------------------------

    def _reconcile(self, table: pa.Table, expected: int | None) -> tuple[pa.Table, int, int]:
        """Drop products the store no longer lists, fetch listed ones the table lacks or has
        older. Skipped when the store's count (expected; asked for when None) matches."""
        import numpy as np
        import pyarrow.compute as pc

        if expected is None:
            _, expected = self._store_state()
        if expected == table.num_rows:
            return _sorted(table), 0, 0
        listed_ids, listed_stamps = self._list_ids()
        ids = table["id"].to_numpy()
        stamps = _stamps(table["updated_at"].to_numpy(zero_copy_only=False))
        deleted = ~np.isin(ids, listed_ids)
        # Each listed id's row in the table (if any), to compare updated_at.
        order = np.argsort(ids, kind="stable")
        at = np.minimum(np.searchsorted(ids[order], listed_ids), max(len(ids) - 1, 0))
        known = (ids[order][at] == listed_ids) if len(ids) else np.zeros(len(listed_ids), bool)
        newer = known & (listed_stamps > stamps[order][at] if len(ids) else known)
        wanted = listed_ids[~known | newer].tolist()
        fetched = self._table(self._fetch_ids(wanted))
        drop = np.isin(ids, fetched["id"].to_numpy()) | deleted
        table = _concat(table.filter(pc.invert(_mask(drop))), fetched)
        return _sorted(table), int(deleted.sum()), fetched.num_rows

    def _list_ids(self) -> tuple[np.ndarray, np.ndarray]:
        """Every product's id and updated_at (as numpy arrays), by the id-only listing."""
        import numpy as np

        ids: list[int] = []
        stamps: list[str | None] = []
        self._read = self._total = self._resumed_at = 0
        for items, remaining in self._keyset_pages("items[id,updated_at],total_count", (),
                                                   self.id_page_size):
            self._total = max(self._total, self._read + remaining)
            ids += (item["id"] for item in items)
            stamps += (item.get("updated_at") for item in items)
            self._read += len(items)
            self._report("check")
        return np.array(ids, dtype=np.int64), _stamps(stamps)

    def _fetch_ids(self, ids: list[int]) -> list[dict[str, Any]]:
        rows = []
        for start in range(0, len(ids), IDS_PER_LOOKUP):
            batch = ids[start:start + IDS_PER_LOOKUP]
            filters = (("entity_id", "in", ",".join(map(str, batch))),)
            for items, _ in self._keyset_pages(PRODUCT_FIELDS, filters, IDS_PER_LOOKUP):
                rows += (self._row(item) for item in items)
        return rows

    # --- requests ------------------------------------------------------------------------

    def _get(self, query: ListQuery, size: int) -> dict[str, Any]:
        self.requests += 1
        body = self.client.get(query.path, query.params(1, size))
        if not isinstance(body, dict) or not isinstance(body.get("items") or [], list):
            raise CommerceResponseError("commerce.error.unexpected", path=query.path,
                                        detail="expected {items, total_count}")
        return body

    def _store_state(self) -> tuple[str | None, int]:
        """(the newest updated_at, the number of products), from one one-product request."""
        query = ListQuery("products", sort_field="updated_at", key="id", direction="DESC",
                          fields="items[id,updated_at],total_count")
        body = self._get(query, 1)
        items = [i for i in body.get("items") or [] if isinstance(i, dict)]
        total = body.get("total_count")
        return (items[0].get("updated_at") if items else None,
                total if isinstance(total, int) else 0)

    def _keyset_pages(self, fields: str, filters: tuple[tuple[str, str, str], ...], size: int,
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
                raise CatalogSyncError("sync.error.repeated_page", read=f"{self._read:,}",
                                       total=f"{self._total:,}", last_id=last_id)
            if fresh:
                yield fresh, total
                last_id = fresh[-1]["id"]
            if len(items) < size or total <= len(items):
                return

    # --- rows ----------------------------------------------------------------------------

    def _row(self, item: Mapping[str, Any]) -> dict[str, Any]:
        row = product_values(item, self._attribute_codes)
        row["id"] = item["id"]
        websites = (item.get("extension_attributes") or {}).get("website_ids")
        row["website_ids"] = ",".join(str(w) for w in websites) if isinstance(
            websites, list) else None
        return row

    def _table(self, rows: list[dict[str, Any]]) -> pa.Table:
        import pyarrow as pa

        schema = pa.schema([(c, pa.int64() if c == "id" else pa.string()) for c in self.columns])
        return pa.Table.from_pylist(rows, schema=schema)

    def _report(self, phase: str) -> None:
        if self._progress:
            self._progress(SyncProgress(phase, self._read, max(self._total, self._read),
                                        time.perf_counter() - self._started, self._resumed_at))

    # --- checkpoint and lock -------------------------------------------------------------

    def _load_checkpoint(self) -> dict[str, Any] | None:
        try:
            checkpoint = json.loads(self._checkpoint_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        parts_present = all((self.store.sync_folder / p).is_file()
                            for p in checkpoint.get("parts", []))
        return checkpoint if isinstance(checkpoint, dict) and parts_present else None

    def _save_checkpoint(self, checkpoint: dict[str, Any]) -> None:
        write_json_atomically(self._checkpoint_path, checkpoint)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        path = self.store.folder / "sync.lock"
        with open(path, "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise CatalogSyncError("sync.error.busy", path=str(path)) from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _concat(first: pa.Table, second: pa.Table) -> pa.Table:
    import pyarrow as pa

    return pa.concat_tables([first, second.select(first.column_names).cast(first.schema)])


def _count_unchanged(before: pa.Table, after: pa.Table) -> int:
    """Rows of `after` equal to their row in `before` (read again as updated_at has whole
    seconds, not changed)."""
    old = {row["id"]: row for row in before.to_pylist()}
    return sum(1 for row in after.select(before.column_names).to_pylist()
               if old.get(row["id"]) == row)


def _stamps(values: Iterable[str | None]) -> np.ndarray:
    """updated_at values as a fixed-width text array ('' for none), compared element-wise."""
    import numpy as np

    return np.array([v or "" for v in values], dtype="U32")


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by("id")


def _mask(values: np.ndarray) -> pa.Array:
    import pyarrow as pa

    return pa.array(values, type=pa.bool_())
