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

import shutil
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asc_widgets.core.commerce.checkpoint import load_checkpoint, save_checkpoint, sync_lock
from asc_widgets.core.commerce.client import CommerceClient
from asc_widgets.core.commerce.errors import CatalogSnapshotError, CatalogSyncError, CommerceError
from asc_widgets.core.commerce.reader import (
    ID_PAGE_SIZE,
    IDS_PER_LOOKUP,
    PRODUCT_FIELDS,
    ProductReader,
    Progress,
    SyncProgress,
    stamps_array,
)
from asc_widgets.core.commerce.snapshot import BASE_COLUMNS, SnapshotInfo, SnapshotStore
from asc_widgets.core.i18n import t

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

__all__ = ["FLUSH_ROWS", "ID_PAGE_SIZE", "IDS_PER_LOOKUP", "PRODUCT_FIELDS", "CatalogSync",
           "Progress", "SyncProgress", "SyncResult"]

FLUSH_ROWS = 20_000  # rows per part file of a full sync: at most this much is re-read on resume


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



class CatalogSync:
    """One sync of `store` from `client`. attribute_codes: the product attributes to keep (one
    column each), normally every attribute the store lists; attributes: their definitions,
    kept in the snapshot so it can be profiled without the store. What is read from Commerce
    and how is ProductReader's job; this class decides what to read and writes the snapshot."""

    def __init__(self, client: CommerceClient, store: SnapshotStore,
                 attribute_codes: Iterable[str], *, progress: Progress | None = None,
                 page_size: int | None = None, id_page_size: int = ID_PAGE_SIZE,
                 attributes: Iterable[Mapping[str, Any]] = ()):
        self.client = client
        self.attributes = [dict(a) for a in attributes]
        self.store = store
        self.columns = list(dict.fromkeys([*BASE_COLUMNS, *(
            c for c in attribute_codes if c not in BASE_COLUMNS)]))
        self.reader = ProductReader(client, self.columns, progress=progress,
                                    page_size=page_size or client.config.page_size,
                                    id_page_size=id_page_size)

    @property
    def requests(self) -> int:
        return self.reader.requests

    # --- entry point ---------------------------------------------------------------------

    def run(self) -> SyncResult:
        reader = self.reader
        reader.started = time.perf_counter()
        try:
            self.store.folder.mkdir(parents=True, exist_ok=True)
            with sync_lock(self.store.folder):
                return self._run()
        except CatalogSyncError:
            raise
        except CommerceError as error:
            key = "sync.error.commerce" if reader.total else "sync.error.commerce_early"
            raise CatalogSyncError(key, cause=error, read=f"{reader.read:,}",
                                   total=f"{reader.total:,}", reason=str(error)) from error
        except OSError as error:
            raise CatalogSyncError("sync.error.disk", cause=error,
                                   path=str(error.filename or self.store.folder),
                                   reason=error.strerror or str(error)) from error

    def _run(self) -> SyncResult:
        try:
            info = self.store.info()
        except CatalogSnapshotError:  # another store's or unreadable: replaced by this sync
            info = None
        checkpoint = load_checkpoint(self.store.sync_folder)
        if (checkpoint is not None or info is None or info.watermark is None
                or not set(self.columns) <= set(info.columns)):
            return self._full(checkpoint)
        return self._incremental(info)

    # --- full sync -----------------------------------------------------------------------

    def _full(self, checkpoint: dict[str, Any] | None) -> SyncResult:
        reader = self.reader
        if checkpoint is None or checkpoint.get("columns") != self.columns:
            shutil.rmtree(self.store.sync_folder, ignore_errors=True)
            watermark, _ = reader.store_state()
            checkpoint = {"columns": self.columns, "watermark": watermark, "last_id": 0,
                          "read": 0, "parts": []}
        self.store.sync_folder.mkdir(parents=True, exist_ok=True)
        save_checkpoint(self.store.sync_folder, checkpoint)
        reader.read = reader.resumed_at = checkpoint["read"]
        rows: list[dict[str, Any]] = []
        last_id = checkpoint["last_id"]
        for items, remaining in reader.keyset_pages(PRODUCT_FIELDS, (), reader.page_size,
                                                    after=last_id):
            if not reader.total:
                reader.total = reader.read + remaining
            rows += (reader.row(item) for item in items)
            last_id = items[-1]["id"]
            reader.read += len(items)
            reader.report("full")
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
                          reader.elapsed, info)

    def _flush(self, checkpoint: dict[str, Any], rows: list[dict[str, Any]], last_id: int
               ) -> None:
        import pyarrow.parquet as pq

        from asc_widgets.core.commerce.snapshot import atomic_path

        if rows:
            name = f"part-{len(checkpoint['parts']) + 1:05d}.parquet"
            with atomic_path(self.store.sync_folder / name) as temporary:
                pq.write_table(self.reader.table(rows), temporary)
            checkpoint["parts"].append(name)
        checkpoint["last_id"], checkpoint["read"] = last_id, self.reader.read
        save_checkpoint(self.store.sync_folder, checkpoint)

    def _read_parts(self, parts: list[str]) -> pa.Table:
        import pyarrow as pa
        import pyarrow.parquet as pq

        tables = [pq.read_table(self.store.sync_folder / name) for name in parts]
        return pa.concat_tables(tables) if tables else self.reader.table([])

    # --- incremental sync ----------------------------------------------------------------

    def _incremental(self, info: SnapshotInfo) -> SyncResult:
        import pyarrow.compute as pc

        reader = self.reader
        watermark, count = reader.store_state()
        changed_rows: list[dict[str, Any]] = []
        filters = (("updated_at", "gteq", info.watermark),)
        for items, remaining in reader.keyset_pages(PRODUCT_FIELDS, filters, reader.page_size):
            reader.total = max(reader.total, reader.read + remaining)
            changed_rows += (reader.row(item) for item in items)
            reader.read += len(items)
            reader.report("changes")
        old = self.store.read_table(self.columns)
        changed = reader.table(changed_rows)
        replaced = pc.is_in(old["id"], value_set=changed["id"])
        unchanged = _count_unchanged(old.filter(replaced), changed)
        merged = _concat(old.filter(pc.invert(replaced)), changed)
        merged, deleted, refetched = self._reconcile(merged, expected=count)
        new_info = self.store.write(merged, watermark=watermark or info.watermark,
                                    attributes=self.attributes)
        return SyncResult("incremental", new_info.products,
                          len(changed_rows) - unchanged + refetched, deleted, self.requests,
                          reader.elapsed, new_info)

    # --- reconciling with the id-only listing ---------------------------------------------

    def _reconcile(self, table: pa.Table, expected: int | None) -> tuple[pa.Table, int, int]:
        """Drop products the store no longer lists, fetch listed ones the table lacks or has
        older. Skipped when the store's count (expected; asked for when None) matches."""
        import numpy as np
        import pyarrow.compute as pc

        if expected is None:
            _, expected = self.reader.store_state()
        if expected == table.num_rows:
            return _sorted(table), 0, 0
        listed_ids, listed_stamps = self.reader.list_ids()
        ids = table["id"].to_numpy()
        stamps = stamps_array(table["updated_at"].to_numpy(zero_copy_only=False))
        deleted = ~np.isin(ids, listed_ids)
        # Each listed id's row in the table (if any), to compare updated_at.
        order = np.argsort(ids, kind="stable")
        at = np.minimum(np.searchsorted(ids[order], listed_ids), max(len(ids) - 1, 0))
        known = (ids[order][at] == listed_ids) if len(ids) else np.zeros(len(listed_ids), bool)
        newer = known & (listed_stamps > stamps[order][at] if len(ids) else known)
        wanted = listed_ids[~known | newer].tolist()
        fetched = self.reader.table(self.reader.fetch_ids(wanted))
        drop = np.isin(ids, fetched["id"].to_numpy()) | deleted
        table = _concat(table.filter(pc.invert(_mask(drop))), fetched)
        return _sorted(table), int(deleted.sum()), fetched.num_rows


def _concat(first: pa.Table, second: pa.Table) -> pa.Table:
    import pyarrow as pa

    return pa.concat_tables([first, second.select(first.column_names).cast(first.schema)])


def _count_unchanged(before: pa.Table, after: pa.Table) -> int:
    """Rows of `after` equal to their row in `before` (read again as updated_at has whole
    seconds, not changed)."""
    old = {row["id"]: row for row in before.to_pylist()}
    return sum(1 for row in after.select(before.column_names).to_pylist()
               if old.get(row["id"]) == row)


def _sorted(table: pa.Table) -> pa.Table:
    return table.sort_by("id")


def _mask(values: np.ndarray) -> pa.Array:
    import pyarrow as pa

    return pa.array(values, type=pa.bool_())
