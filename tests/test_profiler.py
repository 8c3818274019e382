"""The identifier profiler: coverage, validity, duplicates, examples, recommendations."""

from __future__ import annotations

import os
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterable, Iterator

import numpy as np
import pandas as pd
import pytest

from asc_widgets.core.catalog import Attribute, CatalogSource, DemoCatalog, Website
from asc_widgets.core.catalog.demo_data import demo_products
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.core.profiler import (
    IdentifierProfiler,
    KeyCounter,
    check_attribute,
    profile_catalog,
)

SMALL = pd.DataFrame({
    "sku": ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6"],
    "upc": ["036000291452", "036000291452", "036000291453", None, "012345678905", " "],
    "isbn": ["978-0-306-40615-7", "0306406152", "9780306406158", "abc", None, None],
}, dtype="string")


def row(profile, attribute: str, id_type: str) -> pd.Series:
    table = profile.table
    return table[(table["attribute"] == attribute) & (table["id_type"] == id_type)].iloc[0]


def test_small_catalog_counts() -> None:
    profile = profile_catalog(SMALL, ["upc", "isbn"])
    assert profile.products == 6
    upc = row(profile, "upc", "UPC")
    assert (upc["present"], upc["valid"], upc["invalid"]) == (4, 3, 1)
    assert upc["coverage"] == pytest.approx(4 / 6)
    assert upc["validity"] == pytest.approx(3 / 4)
    assert upc["valid_coverage"] == pytest.approx(3 / 6)
    assert (upc["duplicates"], upc["duplicate_products"]) == (1, 2)  # 036000291452 twice
    isbn = row(profile, "isbn", "ISBN")
    assert (isbn["present"], isbn["valid"]) == (4, 2)
    # 978-0-306-40615-7 and 0306406152 are the same book.
    assert (isbn["duplicates"], isbn["duplicate_products"]) == (1, 2)
    assert row(profile, "upc", "EAN")["valid"] == 0
    assert len(profile.table) == 2 * len(ID_TYPES)


def test_examples_carry_translated_reasons() -> None:
    english = profile_catalog(SMALL, ["upc", "isbn"]).examples
    bad_upc = english[(english.attribute == "upc") & (english.id_type == "UPC")]
    assert bad_upc[["value", "reason_key", "reason"]].values.tolist() == [
        ["036000291453", "id.reason.check_digit", "check digit is wrong"]]
    chinese = profile_catalog(SMALL, ["upc", "isbn"], lang="zh-CN").examples
    bad_isbn = chinese[(chinese.attribute == "isbn") & (chinese.id_type == "ISBN")]
    assert dict(zip(bad_isbn.value, bad_isbn.reason, strict=True)) == {
        "9780306406158": "校验位错误", "abc": "长度错误"}
    sku = english[(english.attribute == "upc") & (english.id_type == "ASIN")]
    assert len(sku) <= 5


def test_bad_values_are_each_attributes_own_id_type_failures() -> None:
    """A UPC attribute's bad values checked as UPC (check digits), not as ASIN (formats)."""
    profile = profile_catalog(DemoCatalog(product_count=400))
    own = profile.own_id_types()
    assert own["upc"] == "UPC" and own["ean"] == "EAN" and own["isbn"] == "ISBN"
    assert "sku" not in own  # no valid ID of any type
    bad = profile.bad_values()
    assert list(bad.columns) == ["attribute", "id_type", "value", "reason"]
    assert set(zip(bad["attribute"], bad["id_type"], strict=True)) <= set(own.items())
    upc = bad[bad["attribute"] == "upc"]
    assert len(upc) and set(upc["reason"]) == {"check digit is wrong"}
    assert profile.recommendation_labels().tolist()[-1] == "UPC: upc"


def test_recommendations_and_overall() -> None:
    profile = profile_catalog(SMALL, ["sku", "upc", "isbn"])
    recs = profile.recommendations.set_index("id_type")
    assert recs.loc["UPC", "attribute"] == "upc"
    assert recs.loc["ISBN", "attribute"] == "isbn"
    assert pd.isna(recs.loc["GCID", "attribute"]) and recs.loc["GCID", "valid"] == 0
    assert profile.overall is not None
    assert (profile.overall.id_type, profile.overall.attribute, profile.overall.valid) == (
        "UPC", "upc", 3)
    assert profile.best("upc").attribute == "upc"
    assert profile.best("GCID") is None
    text = profile.summary()
    assert "'upc' as UPC: 3 of 6 products (50%)" in text and "1 of these values" in text
    chinese = profile_catalog(SMALL, ["upc"], lang="zh-CN").summary()
    assert "将属性“upc”映射为 UPC" in chinese


def test_recommendation_prefers_an_attribute_that_is_mostly_that_type() -> None:
    # 'mixed' holds 3 valid ISBN-10s among 7 B0 ASINs; 'isbn' 2 valid ISBNs and nothing else.
    frame = pd.DataFrame({
        "mixed": ["0306406152", "0131103628", "0201633612"]
        + [f"B0000000{i:02d}" for i in range(7)],
        "isbn": ["9780306406157", "9780131103627"] + [None] * 8,
    }, dtype="string")
    profile = profile_catalog(frame)
    assert profile.best("ISBN").attribute == "isbn"
    assert profile.overall.attribute == "mixed" and profile.overall.id_type == "ASIN"


def test_empty_and_hopeless_catalogs() -> None:
    empty = profile_catalog(SMALL.iloc[:0], ["upc"])
    assert empty.products == 0 and empty.overall is None
    assert empty.table["coverage"].isna().all()
    hopeless = profile_catalog(pd.DataFrame({"name": ["Blue mug", "Red mug"]}, dtype="string"))
    assert hopeless.overall is None
    assert hopeless.recommendations["attribute"].isna().all()
    assert "No attribute holds valid Amazon product IDs" in hopeless.summary()


def scalar_truth(frame: pd.DataFrame, attributes: Iterable[str]) -> dict[tuple[str, str], tuple]:
    """(present, valid, duplicated valid values) per pair, by the one-value validators."""
    truth = {}
    for attribute in attributes:
        for code, id_type in ID_TYPES.items():
            present = valid = 0
            seen: Counter[str] = Counter()
            for value in frame[attribute]:
                reason = "id.reason.missing" if pd.isna(value) else id_type.reason(value)
                present += reason != "id.reason.missing"
                if reason is None:
                    valid += 1
                    seen[str(value).strip()] += 1
            truth[attribute, code] = (present, valid, sum(1 for c in seen.values() if c > 1))
    return truth


def test_demo_catalog_matches_the_one_value_validators() -> None:
    attributes = ["sku", "upc", "ean", "isbn", "amazon_asin", "gcid"]
    profile = profile_catalog(DemoCatalog(), attributes, chunk_size=700)
    truth = scalar_truth(demo_products(), attributes)
    got = {(r.attribute, r.id_type): (r.present, r.valid, r.duplicates)
           for r in profile.table.itertuples()}
    assert got == truth
    assert profile.products == 3000
    recs = profile.recommendations.set_index("id_type")["attribute"].to_dict()
    assert recs == {"ASIN": "amazon_asin", "EAN": "ean", "GCID": "gcid", "ISBN": "isbn",
                    "UPC": "upc"}


def test_default_attributes_of_a_source_are_its_mapping_candidates() -> None:
    profile = profile_catalog(DemoCatalog())
    assert set(profile.table["attribute"]) == {
        a.code for a in DemoCatalog().mapping_candidates()}


def duplicated_frame(count: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    from stdnum import ean
    bodies = rng.integers(0, 10**11, count)
    upcs = [f"{b:011d}" + ean.calc_check_digit(f"{b:011d}") for b in bodies]
    # Copy values across the whole range, so duplicates straddle chunk boundaries.
    sources, targets = rng.integers(0, count, (2, count // 10))
    for source, target in zip(sources, targets, strict=True):
        upcs[target] = upcs[source]
    return pd.DataFrame({"upc": upcs}, dtype="string")


def test_chunking_and_threads_do_not_change_the_result() -> None:
    frame = duplicated_frame(5000)
    whole = profile_catalog(frame, chunk_size=10_000, workers=1).table
    expected = Counter(frame["upc"])
    row_upc = whole[whole.id_type == "UPC"].iloc[0]
    assert row_upc["duplicates"] == sum(1 for c in expected.values() if c > 1)
    assert row_upc["duplicate_products"] == sum(c for c in expected.values() if c > 1)
    for chunk_size, workers in ((37, 1), (999, 2), (4096, 3)):
        pd.testing.assert_frame_equal(
            profile_catalog(frame, chunk_size=chunk_size, workers=workers).table, whole)


def test_key_counter_spills_to_disk_and_counts_exactly() -> None:
    rng = np.random.default_rng(1)
    keys = rng.integers(0, 50_000, 200_000).astype(np.uint64)
    counts = Counter(keys.tolist())
    expected = (sum(1 for c in counts.values() if c > 1), sum(c for c in counts.values() if c > 1))
    in_memory, spilling = KeyCounter(), KeyCounter(buffer_keys=10_000)
    for part in np.array_split(keys, 37):
        in_memory.add(part)
        spilling.add(part)
    assert spilling.spilled and not in_memory.spilled
    assert in_memory.repeated() == spilling.repeated() == expected
    assert spilling.repeated() == expected  # idempotent; the spill files are gone by now


class StreamingCatalog(CatalogSource):
    """Products generated chunk by chunk, never all in memory at once."""

    def __init__(self, count: int):
        self.count = count

    def websites(self) -> list[Website]:
        return []

    def attributes(self) -> list[Attribute]:
        return [Attribute("upc", "UPC", "text"), Attribute("ean", "EAN", "text")]

    def iter_products(self, attribute_codes: Iterable[str], *, chunk_size: int = 10_000
                      ) -> Iterator[pd.DataFrame]:
        for start in range(0, self.count, chunk_size):
            size = min(chunk_size, self.count - start)
            numbers = np.arange(start, start + size)
            upc = pd.Series(numbers % 7_000_000, dtype="int64").map("{:012d}".format)
            yield pd.DataFrame({"sku": [f"S{n}" for n in numbers], "upc": upc,
                                "ean": upc.str.slice(0, 8)}, dtype="string")


def peak_bytes(count: int) -> tuple[int, int]:
    tracemalloc.start()
    try:
        profile = profile_catalog(StreamingCatalog(count), ["upc", "ean"], chunk_size=5_000,
                                  workers=1)
        return tracemalloc.get_traced_memory()[1], profile.products
    finally:
        tracemalloc.stop()


def test_streaming_memory_is_bounded_by_the_chunk_not_the_catalog() -> None:
    small, small_count = peak_bytes(10_000)
    large, large_count = peak_bytes(100_000)
    assert (small_count, large_count) == (10_000, 100_000)
    # Ten times the products: one chunk's strings dominate; keys add ~8 bytes per product.
    assert large < small * 1.5 + 8 * 100_000, (small, large)
    assert large < 16 * 2**20


def test_check_attribute_for_the_mapper() -> None:
    demo = demo_products()
    started = time.perf_counter()
    check = check_attribute(DemoCatalog(), "upc", "upc", lang="zh-CN")
    elapsed = time.perf_counter() - started
    truth = scalar_truth(demo, ["upc"])["upc", "UPC"]
    assert (check.products, check.present, check.valid) == (3000, truth[0], truth[1])
    assert check.samples == demo["upc"].dropna().head(5).tolist()
    assert len(check.problems) == 5 and {reason for _, reason in check.problems} == {"校验位错误"}
    assert check.coverage == pytest.approx(truth[0] / 3000)
    assert check.validity == pytest.approx(truth[1] / truth[0])
    # Generous bound for a loaded CI machine; typically a few milliseconds.
    assert elapsed < float(os.environ.get("ASC_MAPPER_CHECK_MAX_SECONDS", "1.0"))


def test_check_attribute_on_a_data_frame_without_values() -> None:
    check = check_attribute(SMALL, "isbn", "GCID")
    assert (check.products, check.present, check.valid) == (6, 4, 0)
    assert check.problems[0] == ("978-0-306-40615-7", "must be 16 hexadecimal characters")


def test_profiler_rejects_chunks_without_the_columns() -> None:
    profiler = IdentifierProfiler(["upc", "ean"])
    with pytest.raises(KeyError, match="ean"):
        profiler.add(SMALL)
