"""Identifier profiler: which catalog attribute holds which Amazon product ID, and how well.

For every (attribute, ID type) pair: coverage (share of products with a value), validity
(share of those values passing the type's format and check digit), duplicates (valid values
used by more than one product) and a few bad values with the reason. Then the best attribute
per ID type and one overall suggestion.

The catalog is read in chunks (a DataFrame is sliced, a CatalogSource streams them), each
column checked by identifiers_vectorized. Duplicates are counted on uint64 keys, never on
strings, and a KeyCounter spills keys to disk past a fixed buffer, so memory stays bounded
however many products there are.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from asc_widgets.core.catalog.base import CatalogSource
from asc_widgets.core.i18n import list_text, t
from asc_widgets.core.identifiers import ID_TYPES, get_id_type
from asc_widgets.core.identifiers_vectorized import REASON_KEYS, VALID, CheckedColumn, check_column

EXAMPLE_LIMIT = 5
# How the tables read best: shares as percentages; reason_key is for code, reason for people.
PERCENT_COLUMNS = ("coverage", "validity", "valid_coverage")
HIDDEN_COLUMNS = ("reason_key",)
DEFAULT_CHUNK_SIZE = 65_536  # small enough for the byte matrices to stay in CPU cache


# --- counting duplicate keys in bounded memory ---------------------------------------------

class KeyCounter:
    """Counts uint64 keys occurring more than once, exactly. Keys are buffered in memory;
    past `buffer_keys` they are spilled to temporary files split by hash into partitions,
    each counted on its own at the end, so memory never exceeds the buffer plus one partition.
    """

    PARTITIONS = 64

    def __init__(self, buffer_keys: int = 1 << 20):
        self._buffer_keys = buffer_keys
        self._buffer: list[np.ndarray] = []
        self._buffered = 0
        self._spill: tempfile.TemporaryDirectory[str] | None = None
        self._result: tuple[int, int] | None = None

    def add(self, keys: np.ndarray) -> None:
        if not len(keys):
            return
        self._buffer.append(np.asarray(keys, dtype=np.uint64))
        self._buffered += len(keys)
        if self._buffered >= self._buffer_keys:
            self._spill_buffer()

    @property
    def spilled(self) -> bool:
        return self._spill is not None

    def repeated(self) -> tuple[int, int]:
        """(distinct keys seen more than once, occurrences of those keys)."""
        if self._result is None:
            if self._spill is None:
                self._result = _count_repeats(self._take_buffer())
            else:
                self._spill_buffer()
                totals = [_count_repeats(np.fromfile(path, dtype=np.uint64))
                          for path in sorted(Path(self._spill.name).iterdir())]
                self._spill.cleanup()
                self._result = (sum(v for v, _ in totals), sum(p for _, p in totals))
        return self._result

    def _take_buffer(self) -> np.ndarray:
        keys = np.concatenate(self._buffer) if self._buffer else np.empty(0, dtype=np.uint64)
        self._buffer, self._buffered = [], 0
        return keys

    def _spill_buffer(self) -> None:
        keys = self._take_buffer()
        if self._spill is None:
            self._spill = tempfile.TemporaryDirectory(prefix="asc-profile-")
        # Keys are structured (UPCs share leading digits), so partition on a mixed hash.
        # uint8 partitions: numpy sorts them by radix (linear), 10x faster than uint64's
        # merge sort, which took most of a 10,000,000-product profile's spilling time.
        partition = ((keys * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(58)).astype(np.uint8)
        order = np.argsort(partition, kind="stable")
        keys, partition = keys[order], partition[order]
        bounds = np.searchsorted(partition, np.arange(self.PARTITIONS + 1, dtype=np.uint8))
        for part in range(self.PARTITIONS):
            if bounds[part] < bounds[part + 1]:
                with open(os.path.join(self._spill.name, f"{part:02d}.u64"), "ab") as out:
                    keys[bounds[part]:bounds[part + 1]].tofile(out)


def _count_repeats(keys: np.ndarray) -> tuple[int, int]:
    if len(keys) < 2:
        return 0, 0
    keys = np.sort(keys)
    same = keys[1:] == keys[:-1]
    # A repeated value is a run of equal neighbours: count the runs and their members.
    run_starts = same & ~np.concatenate(([False], same[:-1]))
    values = int(run_starts.sum())
    return values, int(same.sum()) + values


# --- results -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Suggestion:
    """An (ID type, attribute) pair and how well the attribute serves as that ID type."""

    id_type: str
    attribute: str
    products: int
    valid: int
    duplicates: int

    @property
    def valid_coverage(self) -> float:
        return self.valid / self.products if self.products else 0.0

    def describe(self, lang: str = "en") -> str:
        text = t("profile.suggestion", lang, attribute=self.attribute, id_type=self.id_type,
                 valid=self.valid, products=self.products, share=f"{self.valid_coverage:.0%}")
        if self.duplicates:
            text += " " + t("profile.suggestion_duplicates", lang, duplicates=self.duplicates)
        return text


@dataclass(frozen=True)
class Profile:
    """The profile of a catalog, as DataFrames for analysts.

    table: one row per (attribute, id_type): products, present, coverage (present/products),
      valid, invalid, validity (valid/present), valid_coverage (valid/products), duplicates
      (valid values used by more than one product) and duplicate_products (products using them).
    recommendations: per ID type, the best attribute (most valid values net of invalid ones,
      then fewest duplicates; NA when no attribute has a valid value).
    examples: up to five bad values per pair: attribute, id_type, value, reason_key, reason
      (translated into lang).
    overall: the pair with the most valid values (valid coverage), or None.
    """

    products: int
    table: pd.DataFrame
    recommendations: pd.DataFrame
    examples: pd.DataFrame
    overall: Suggestion | None
    lang: str = "en"

    def best(self, id_type: str) -> Suggestion | None:
        code = get_id_type(id_type).code
        row = self.recommendations.set_index("id_type").loc[code]
        if pd.isna(row["attribute"]):
            return None
        return Suggestion(code, row["attribute"], self.products, int(row["valid"]),
                          int(row["duplicates"]))

    def summary(self) -> str:
        if self.overall:
            return self.overall.describe(self.lang)
        return t("profile.no_suggestion", self.lang, id_types=list_text(list(ID_TYPES), self.lang))

    def own_id_types(self) -> dict[str, str]:
        """Each attribute's own ID type: the one it is recommended for, else the one most of
        its values are valid as (attributes with no valid value of any type are left out)."""
        recommended = self.recommendations.dropna(subset=["attribute"])
        own = dict(recommended[["attribute", "id_type"]].drop_duplicates("attribute").values)
        valid = self.table[self.table["valid"] > 0]
        ranked = valid.sort_values("valid", ascending=False, kind="stable")
        for attribute, id_type in ranked.drop_duplicates("attribute")[["attribute",
                                                                        "id_type"]].values:
            own.setdefault(attribute, id_type)
        return own

    def bad_values(self) -> pd.DataFrame:
        """The bad values of each attribute checked as its own ID type (a UPC attribute as
        UPC, not as ASIN): what to correct in the catalog. attribute, id_type, value, reason."""
        own = self.own_id_types()
        mine = [own.get(a) == i for a, i in zip(self.examples["attribute"],
                                               self.examples["id_type"], strict=True)]
        frame = self.examples[mine].drop(columns=list(HIDDEN_COLUMNS))
        return frame.reset_index(drop=True)

    def recommendation_labels(self) -> pd.Series:
        """'UPC: upc' per ID type (the ID type and its recommended attribute), for charts."""
        rec = self.recommendations
        return rec["id_type"] + ": " + rec["attribute"].fillna("-")


# --- profiling -----------------------------------------------------------------------------

@dataclass
class _Tally:
    present: int = 0
    valid: int = 0
    keys: KeyCounter = field(default_factory=KeyCounter)
    examples: dict[str, int] = field(default_factory=dict)  # bad value -> reason code


class IdentifierProfiler:
    """Accumulates chunks of products (DataFrames with one column per attribute), then gives
    the Profile. Columns of a chunk are checked in parallel threads: numpy releases the GIL."""

    def __init__(self, attributes: Sequence[str], id_types: Iterable[str] | None = None, *,
                 workers: int | None = None, examples: int = EXAMPLE_LIMIT):
        self.attributes = list(dict.fromkeys(attributes))
        self.id_types = [get_id_type(c).code for c in (id_types or ID_TYPES)]
        self.products = 0
        self._examples = examples
        self._tallies = {(a, i): _Tally() for a in self.attributes for i in self.id_types}
        self._workers = max(1, min(workers or os.cpu_count() or 1, len(self.attributes)))
        self._pool: ThreadPoolExecutor | None = None

    def add(self, chunk: pd.DataFrame) -> None:
        missing = [a for a in self.attributes if a not in chunk.columns]
        if missing:
            raise KeyError(f"the chunk lacks the attribute column(s) {', '.join(missing)}")
        self.products += len(chunk)
        columns = [chunk[a] for a in self.attributes]
        if self._pool is None and self._workers > 1:
            self._pool = ThreadPoolExecutor(self._workers, thread_name_prefix="profiler")
        checked = (self._pool.map(self._check, columns) if self._pool
                   else map(self._check, columns))
        for attribute, column in zip(self.attributes, checked, strict=True):
            self._tally(attribute, column)

    def _check(self, column: pd.Series) -> CheckedColumn:
        return check_column(column, self.id_types)

    def _tally(self, attribute: str, column: CheckedColumn) -> None:
        present = int(column.present.sum())
        for id_type in self.id_types:
            tally = self._tallies[attribute, id_type]
            codes = column.codes[id_type]
            valid = codes == VALID
            tally.present += present
            tally.valid += int(valid.sum())
            tally.keys.add(column.keys[id_type][valid])
            if len(tally.examples) < self._examples and tally.present > tally.valid:
                for row in np.flatnonzero(column.present & ~valid):
                    tally.examples.setdefault(column.texts[row], int(codes[row]))
                    if len(tally.examples) >= self._examples:
                        break

    def close(self) -> None:
        """Stop the worker threads (result() does it too)."""
        if self._pool:
            self._pool.shutdown()
            self._pool = None

    def result(self, lang: str = "en") -> Profile:
        self.close()
        table = self._table()
        recommendations = self._recommendations(table)
        return Profile(products=self.products, table=table, recommendations=recommendations,
                       examples=self._example_frame(lang), overall=_overall(table, self.products),
                       lang=lang)

    def _table(self) -> pd.DataFrame:
        rows = []
        for (attribute, id_type), tally in self._tallies.items():
            duplicates, duplicate_products = tally.keys.repeated()
            rows.append({
                "attribute": attribute, "id_type": id_type, "products": self.products,
                "present": tally.present, "coverage": _share(tally.present, self.products),
                "valid": tally.valid, "invalid": tally.present - tally.valid,
                "validity": _share(tally.valid, tally.present),
                "valid_coverage": _share(tally.valid, self.products),
                "duplicates": duplicates, "duplicate_products": duplicate_products,
            })
        return pd.DataFrame(rows, columns=_TABLE_COLUMNS)

    def _recommendations(self, table: pd.DataFrame) -> pd.DataFrame:
        rows = []
        for id_type in self.id_types:
            best = _ranked(table[(table["id_type"] == id_type) & (table["valid"] > 0)],
                           by_net=True)
            if best is None:
                rows.append({"id_type": id_type, "attribute": pd.NA, "valid": 0,
                             "valid_coverage": 0.0, "coverage": 0.0, "validity": np.nan,
                             "duplicates": 0})
            else:
                rows.append({"id_type": id_type, **{c: best[c] for c in _RECOMMENDATION_COLUMNS
                                                    if c != "id_type"}})
        frame = pd.DataFrame(rows, columns=_RECOMMENDATION_COLUMNS)
        return frame.astype({"attribute": "string"})

    def _example_frame(self, lang: str) -> pd.DataFrame:
        rows = [{"attribute": attribute, "id_type": id_type, "value": value,
                 "reason_key": REASON_KEYS[code], "reason": t(REASON_KEYS[code], lang)}
                for (attribute, id_type), tally in self._tallies.items()
                for value, code in tally.examples.items()]
        return pd.DataFrame(rows, columns=["attribute", "id_type", "value", "reason_key", "reason"])


_TABLE_COLUMNS = ["attribute", "id_type", "products", "present", "coverage", "valid", "invalid",
                  "validity", "valid_coverage", "duplicates", "duplicate_products"]
_RECOMMENDATION_COLUMNS = ["id_type", "attribute", "valid", "valid_coverage", "coverage",
                           "validity", "duplicates"]


def _share(part: int, whole: int) -> float:
    return part / whole if whole else np.nan


def _ranked(rows: pd.DataFrame, by_net: bool) -> pd.Series | None:
    """The best row, or None. By net: most valid values minus invalid ones (an attribute whose
    values are mostly something else would send those to Amazon as errors); else most valid
    values. Then fewest duplicates; remaining ties keep table order."""
    if rows.empty:
        return None
    score = rows["valid"] - rows["invalid"] if by_net else rows["valid"]
    order = rows.assign(_score=score, _unique=-rows["duplicates"]).sort_values(
        ["_score", "_unique"], ascending=False, kind="stable")
    return order.iloc[0]


def _overall(table: pd.DataFrame, products: int) -> Suggestion | None:
    best = _ranked(table[table["valid"] > 0], by_net=False)
    if best is None:
        return None
    return Suggestion(best["id_type"], best["attribute"], products, int(best["valid"]),
                      int(best["duplicates"]))


def _chunks(catalog: pd.DataFrame | CatalogSource, attributes: list[str], chunk_size: int
            ) -> Iterator[pd.DataFrame]:
    if isinstance(catalog, pd.DataFrame):
        for start in range(0, len(catalog), chunk_size):
            yield catalog.iloc[start:start + chunk_size]
    else:
        yield from _read_ahead(catalog.iter_products(attributes, chunk_size=chunk_size))


def _read_ahead(chunks: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The chunks, the next one read in a thread while the caller checks this one: reading
    (Parquet decoding, a page of JSON) then overlaps the checks instead of adding to them."""
    end = object()
    with ThreadPoolExecutor(1, thread_name_prefix="profiler-read") as reader:
        upcoming = reader.submit(next, chunks, end)
        while True:
            chunk = upcoming.result()
            if chunk is end:
                return
            upcoming = reader.submit(next, chunks, end)
            yield chunk


def profile_catalog(catalog: pd.DataFrame | CatalogSource,
                    attributes: Sequence[str] | None = None, *,
                    id_types: Iterable[str] | None = None,
                    chunk_size: int = DEFAULT_CHUNK_SIZE, lang: str = "en",
                    workers: int | None = None) -> Profile:
    """Profile a catalog: a DataFrame (one column per attribute; all columns by default) or a
    CatalogSource (its mapping candidates by default), read chunk by chunk."""
    if attributes is None:
        attributes = (list(catalog.columns) if isinstance(catalog, pd.DataFrame)
                      else [a.code for a in catalog.mapping_candidates()])
    profiler = IdentifierProfiler(attributes, id_types, workers=workers)
    try:
        for chunk in _chunks(catalog, profiler.attributes, chunk_size):
            profiler.add(chunk)
        return profiler.result(lang)
    finally:
        profiler.close()


# --- one attribute, one ID type (the attribute mapper's quick check) -----------------------

@dataclass(frozen=True)
class AttributeCheck:
    attribute: str
    id_type: str
    products: int
    present: int
    valid: int
    samples: list[str]  # the first values found (stripped)
    problems: list[tuple[str, str]]  # (bad value, reason in the requested language)

    @property
    def coverage(self) -> float:
        return _share(self.present, self.products)

    @property
    def validity(self) -> float:
        return _share(self.valid, self.present)


def check_attribute(catalog: pd.DataFrame | CatalogSource, attribute: str, id_type: str, *,
                    samples: int = EXAMPLE_LIMIT, lang: str = "en",
                    chunk_size: int = DEFAULT_CHUNK_SIZE) -> AttributeCheck:
    """How many products have a value for the attribute, how many are valid IDs of the type,
    a few sample values and a few bad ones with the reason."""
    code = get_id_type(id_type).code
    products = present = valid = 0
    found: list[str] = []
    problems: dict[str, int] = {}
    for chunk in _chunks(catalog, [attribute], chunk_size):
        column = check_column(chunk[attribute], (code,))
        ok = column.valid(code)
        products += len(chunk)
        present += int(column.present.sum())
        valid += int(ok.sum())
        if len(found) < samples:
            rows = np.flatnonzero(column.present)[:samples - len(found)]
            found += [column.texts[i] for i in rows]
        for row in np.flatnonzero(column.present & ~ok)[:samples]:
            if len(problems) < samples:
                problems.setdefault(column.texts[row], int(column.codes[code][row]))
    return AttributeCheck(attribute, code, products, present, valid, found,
                          [(value, t(REASON_KEYS[c], lang)) for value, c in problems.items()])
