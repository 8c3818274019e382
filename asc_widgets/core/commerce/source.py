"""CommerceCatalog: the CatalogSource backed by the Adobe Commerce REST API."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from asc_widgets.core.catalog.base import Attribute, CatalogSource, Website
from asc_widgets.core.commerce.client import CommerceClient
from asc_widgets.core.commerce.config import CommerceConfig
from asc_widgets.core.commerce.errors import (
    CatalogSnapshotError,
    CatalogSyncError,
    CommerceError,
    CommerceHTTPError,
    CommerceResponseError,
    trimmed,
)
from asc_widgets.core.commerce.snapshot import SnapshotInfo, SnapshotStore
from asc_widgets.core.commerce.sync import CatalogSync, Progress, SyncResult


@dataclass(frozen=True)
class StoreView:
    id: int
    code: str
    name: str
    website_id: int
    is_active: bool


class CommerceCatalog(CatalogSource):
    """Websites, attributes and products of a Commerce store, read over REST. Websites and
    attributes are cached (call refresh() to re-read); products are streamed every time."""

    def __init__(self, client: CommerceClient):
        self.client = client
        self._websites: list[Website] | None = None
        self._attributes: list[Attribute] | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object
                 ) -> CommerceCatalog:
        """From ASC_COMMERCE_* variables (see config.py); CommerceConfigError names what is
        missing. overrides: other CommerceConfig fields (timeout, retries, backoff...)."""
        return cls(CommerceClient(CommerceConfig.from_env(environ, **overrides)))

    @classmethod
    def from_config(cls, config: CommerceConfig) -> CommerceCatalog:
        return cls(CommerceClient(config))

    def __repr__(self) -> str:
        return f"CommerceCatalog({self.client!r})"

    def refresh(self) -> None:
        self._websites = self._attributes = None

    def close(self) -> None:
        self.client.close()

    def websites(self) -> list[Website]:
        if self._websites is None:
            self._websites = [Website(record_id(w, "store/websites"), str(w.get("code", "")),
                                      str(w.get("name", "")))
                              for w in self.client.websites()]
        return list(self._websites)

    def store_views(self) -> list[StoreView]:
        return [StoreView(record_id(s, "store/storeViews"), str(s.get("code", "")),
                          str(s.get("name", "")),
                          int(s.get("website_id") or 0), bool(s.get("is_active")))
                for s in self.client.store_views()]

    def attributes(self) -> list[Attribute]:
        if self._attributes is None:
            found = [_attribute(a) for a in self.client.product_attributes()
                     if a.get("attribute_code")]
            if not any(a.code == "sku" for a in found):  # always offered, even if not listed
                found.insert(0, Attribute("sku", "SKU", "text", "static", is_user_defined=False))
            self._attributes = found
        return list(self._attributes)

    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        """Products as DataFrames of about chunk_size rows (whole pages): 'sku' plus one
        "string" column per requested attribute, NA where a product has no value."""
        columns = ["sku"] + [c for c in dict.fromkeys(attribute_codes) if c != "sku"]
        rows: list[dict[str, Any]] = []
        for page in self.client.product_pages(columns):
            rows += page
            if len(rows) >= chunk_size:
                yield _frame(rows, columns)
                rows = []
        if rows:
            yield _frame(rows, columns)

    def sample_values(self, attribute_code: str, limit: int = 5) -> list[str]:
        """A few values of the attribute: one small request for products that have one."""
        found: list[str] = []
        only_with = None if attribute_code == "sku" else attribute_code
        try:
            for page in self.client.product_pages([attribute_code], page_size=max(limit, 1),
                                                   only_with=only_with):
                found += [str(row[attribute_code]) for row in page if row.get(attribute_code)]
                if len(found) >= limit:
                    break
        except CommerceHTTPError as error:
            if error.status != 400:  # 400: the store cannot filter on it; read products instead
                raise
            return super().sample_values(attribute_code, limit)
        return found[:limit]


class SnapshotCatalog(CommerceCatalog):
    """A Commerce catalog whose products come from the local snapshot (snapshot.py), never
    from the network: profiles, attribute checks and previews read the Parquet file. Websites
    and attributes are still asked of the store (small, cached). sync() brings the snapshot up
    to date: the first time everything, later only what changed (sync.py)."""

    def __init__(self, client: CommerceClient, snapshot_root: Path):
        super().__init__(client)
        self.snapshot = SnapshotStore(snapshot_root, client.config.base_url,
                                      client.config.store_code)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object
                 ) -> SnapshotCatalog:
        """From ASC_COMMERCE_* variables; the snapshot lives under ASC_HOME."""
        from asc_widgets.core.config import Settings

        env = os.environ if environ is None else environ
        return cls(CommerceClient(CommerceConfig.from_env(env, **overrides)),
                   snapshot_root(Settings.from_env(env).home))

    def __repr__(self) -> str:
        return f"SnapshotCatalog({self.client!r}, {self.snapshot.path})"

    def snapshot_info(self) -> SnapshotInfo | None:
        """The snapshot's size and age, or None before the first sync."""
        return self.snapshot.info()

    def sync(self, progress: Progress | None = None) -> SyncResult:
        """Bring the snapshot up to date; CatalogSyncError says what went wrong (the last good
        snapshot stays) and that running it again continues."""
        self.refresh()  # the store's attributes now, not as the snapshot saw them
        try:
            attributes = super().attributes()
        except CommerceError as error:
            raise CatalogSyncError("sync.error.commerce_early", cause=error, reason=str(error),
                                   read="0", total="0") from error
        result = CatalogSync(self.client, self.snapshot, [a.code for a in attributes],
                             progress=progress, attributes=map(asdict, attributes)).run()
        return result

    def attributes(self) -> list[Attribute]:
        """The attributes as of the last sync (so profiling needs no network), else the
        store's."""
        try:
            info = self.snapshot.info()
        except CatalogSnapshotError:  # not this store's: its attributes are not either
            info = None
        if info is not None and info.attributes:
            return [Attribute(**definition) for definition in info.attributes]
        return super().attributes()

    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        """Products from the snapshot (CatalogSnapshotError when there is none yet)."""
        yield from self.snapshot.iter_frames(list(attribute_codes), chunk_size)

    def sample_values(self, attribute_code: str, limit: int = 5) -> list[str]:
        return CatalogSource.sample_values(self, attribute_code, limit)


def snapshot_root(home: Path) -> Path:
    return Path(home) / "catalog-snapshots"


def _attribute(data: Mapping[str, Any]) -> Attribute:
    code = str(data["attribute_code"])
    return Attribute(code=code, label=str(data.get("default_frontend_label") or code),
                     frontend_input=str(data.get("frontend_input") or ""),
                     backend_type=str(data.get("backend_type") or ""),
                     is_user_defined=bool(data.get("is_user_defined")))


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame.from_records(rows, columns=columns).astype("string")


def record_id(record: dict, path: str, field: str = "id") -> int:
    """A record's numeric id, or CommerceResponseError naming the malformed record."""
    value = record.get(field) if isinstance(record, dict) else None
    try:
        if isinstance(value, bool):
            raise TypeError
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CommerceResponseError("commerce.error.malformed_record", path=path, field=field,
                                    record=trimmed(json.dumps(record, default=str,
                                                              ensure_ascii=False), 120)
                                    ) from None
