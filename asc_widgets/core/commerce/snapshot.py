"""The local snapshot of a Commerce catalog: one Parquet file per Commerce URL + store code.

    $ASC_HOME/catalog-snapshots/<key>/products.parquet   the last good snapshot
    $ASC_HOME/catalog-snapshots/<key>/sync/              an unfinished full sync (checkpoint)

Parquet (pyarrow) because analysts open it with `pandas.read_parquet`, it is columnar (a
profile reads only the identifier columns) and compressed. What the snapshot describes (URL,
store code, when synced, the store's newest updated_at) lives in the file's own schema
metadata, so the data and its description are replaced together by one atomic rename: nothing
half-written ever becomes the snapshot.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asc_widgets.core.clock import ensure_utc, utc_now
from asc_widgets.core.commerce.errors import CatalogSnapshotError
from asc_widgets.core.i18n import t

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMAT_VERSION = 1
ROW_GROUP_ROWS = 131_072  # rows decoded at once when reading: bounds a reader's memory
METADATA_KEY = b"asc_snapshot"
# Product fields every snapshot holds, besides one column per product attribute.
BASE_COLUMNS = ("id", "sku", "name", "type_id", "attribute_set_id", "visibility", "status",
                "website_ids", "updated_at")


def snapshot_key(base_url: str, store_code: str | None) -> str:
    """A folder name for one Commerce URL + store code (the same store seen through another
    store view gets another snapshot)."""
    digest = hashlib.sha256(f"{base_url}\n{store_code or ''}".encode()).hexdigest()
    return digest[:20]


def describe_store(base_url: str, store_code: str | None) -> str:
    return f"{base_url} (store view {store_code})" if store_code else base_url


@dataclass(frozen=True)
class SnapshotInfo:
    """What a snapshot holds and when it was taken."""

    base_url: str
    store_code: str | None
    products: int
    synced_at: datetime
    watermark: str | None  # the store's newest updated_at when the sync started
    columns: tuple[str, ...]
    path: Path
    attributes: tuple[dict[str, Any], ...] = ()  # the store's attribute definitions then

    def age_seconds(self, now: datetime | None = None) -> float:
        return max(0.0, ((now or utc_now()) - self.synced_at).total_seconds())

    def describe(self, lang: str = "en", now: datetime | None = None) -> str:
        return t("snapshot.age", lang, products=f"{self.products:,}",
                 age=format_duration(self.age_seconds(now), lang),
                 synced_at=self.synced_at.strftime("%Y-%m-%d %H:%M"))


def format_duration(seconds: float, lang: str = "en") -> str:
    """'40 s', '12 min', '3 h', '2 days' (rounded down)."""
    seconds = max(0, int(seconds))
    for unit, size in (("days", 86_400), ("hours", 3_600), ("minutes", 60)):
        if seconds >= size:
            return t(f"snapshot.unit.{unit}", lang, n=seconds // size)
    return t("snapshot.unit.seconds", lang, n=seconds)


class SnapshotStore:
    """The snapshot folder of one Commerce URL + store code."""

    def __init__(self, root: Path, base_url: str, store_code: str | None):
        self.base_url = base_url
        self.store_code = store_code or None
        self.folder = Path(root) / snapshot_key(base_url, self.store_code)
        self.path = self.folder / "products.parquet"
        self.sync_folder = self.folder / "sync"

    def __repr__(self) -> str:
        return f"SnapshotStore({self.path})"

    @property
    def store(self) -> str:
        return describe_store(self.base_url, self.store_code)

    def exists(self) -> bool:
        return self.path.is_file()

    def info(self) -> SnapshotInfo | None:
        """The snapshot's description, or None when there is none yet. Raises
        CatalogSnapshotError for a snapshot of another store or an unreadable file."""
        if not self.exists():
            return None
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(self.path)
            meta = json.loads((parquet.schema_arrow.metadata or {})[METADATA_KEY])
            rows = parquet.metadata.num_rows
        except (OSError, KeyError, ValueError) as exc:
            raise CatalogSnapshotError("snapshot.unreadable", path=str(self.path),
                                       reason=str(exc) or type(exc).__name__) from exc
        found = (meta.get("base_url"), meta.get("store_code") or None)
        if found != (self.base_url, self.store_code):
            raise CatalogSnapshotError("snapshot.other_store", path=str(self.path),
                                       found=describe_store(*found), expected=self.store)
        return SnapshotInfo(base_url=self.base_url, store_code=self.store_code, products=rows,
                            synced_at=ensure_utc(datetime.fromisoformat(meta["synced_at"])),
                            watermark=meta.get("watermark"), columns=tuple(meta["columns"]),
                            path=self.path, attributes=tuple(meta.get("attributes") or ()))

    def require(self) -> SnapshotInfo:
        info = self.info()
        if info is None:
            raise CatalogSnapshotError("snapshot.missing", url=self.store)
        return info

    def read_table(self, columns: list[str] | None = None) -> pa.Table:
        import pyarrow.parquet as pq

        self.require()
        return pq.read_table(self.path, columns=columns)

    def iter_frames(self, attribute_codes: list[str], chunk_size: int) -> Iterator[pd.DataFrame]:
        """'sku' plus the requested columns as "string" DataFrames of up to chunk_size rows;
        a code the snapshot lacks comes back as an all-NA column."""
        import pandas as pd
        import pyarrow.parquet as pq

        info = self.require()
        columns = ["sku"] + [c for c in dict.fromkeys(attribute_codes) if c != "sku"]
        stored = [c for c in columns if c in info.columns]
        parquet = pq.ParquetFile(self.path)
        for batch in parquet.iter_batches(batch_size=chunk_size, columns=stored):
            frame = batch.to_pandas(types_mapper=_string_types)
            for code in columns:
                if code not in frame.columns:
                    frame[code] = pd.Series(pd.NA, index=frame.index, dtype="string")
            yield frame[columns]

    def write(self, table: pa.Table, *, watermark: str | None, synced_at: datetime | None = None,
              attributes: Iterable[Mapping[str, Any]] = ()) -> SnapshotInfo:
        """Make `table` the snapshot: written to a temporary file, flushed to disk, then renamed
        over the old one. OSError (disk full...) leaves the old snapshot as it was.
        attributes: the store's attribute definitions, kept with the products."""
        return self.write_batches([table], watermark=watermark, synced_at=synced_at,
                                  attributes=attributes)

    def write_batches(self, tables: Iterable[pa.Table], *, watermark: str | None,
                      synced_at: datetime | None = None,
                      attributes: Iterable[Mapping[str, Any]] = ()) -> SnapshotInfo:
        """write(), from tables of one schema arriving one after another (bounded memory)."""
        import pyarrow.parquet as pq

        self.folder.mkdir(parents=True, exist_ok=True)
        writer = None
        with atomic_path(self.path) as temporary:
            try:
                for table in tables:
                    if writer is None:
                        meta = {"format": FORMAT_VERSION, "base_url": self.base_url,
                                "store_code": self.store_code, "watermark": watermark,
                                "synced_at": (synced_at or utc_now()).isoformat(),
                                "columns": list(table.column_names),
                                "attributes": [dict(a) for a in attributes]}
                        schema = table.schema.with_metadata(
                            {METADATA_KEY: json.dumps(meta).encode()})
                        writer = pq.ParquetWriter(temporary, schema, compression="zstd")
                    writer.write_table(table.replace_schema_metadata(schema.metadata),
                                       row_group_size=ROW_GROUP_ROWS)
            finally:
                if writer is not None:
                    writer.close()
            if writer is None:
                raise ValueError("write_batches needs at least one table")
        return self.require()


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path next to target; renamed over target (after an fsync) when the block
    ends normally, removed when it raises."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def write_json_atomically(target: Path, data: Any) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(json.dumps(data), encoding="utf-8")


def _string_types(arrow_type: Any) -> Any:
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return pd.StringDtype()
    return None
