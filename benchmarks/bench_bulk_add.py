"""Benchmark: bulk-add 10,000 stores from CSV text into a registry that already holds 10,000,
with a catalog of 20,000 websites.

    .venv/bin/python benchmarks/bench_bulk_add.py [--rows N]

Each row is validated once, against one snapshot of the saved stores plus the rows accepted
before it, so the time grows linearly with the rows; the rows are then saved in one short
write transaction, whose length (how long other writers wait) is reported on its own.
The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asc_widgets.core import DemoCatalog, Registry  # noqa: E402
from asc_widgets.core.bulk import bulk_add  # noqa: E402
from asc_widgets.core.catalog.base import Website  # noqa: E402

HEADER = "website,email,name,marketplace,id_type,attribute\n"
MARKETS = ("US", "CA", "MX", "UK")


class LargeCatalog(DemoCatalog):
    """The demo catalog's attributes and products, with many websites."""

    def __init__(self, websites: int):
        super().__init__()
        self._sites = [Website(i + 1, f"site_{i:06d}", f"Site {i}") for i in range(websites)]

    def websites(self) -> list[Website]:
        return list(self._sites)


class TimedRegistry(Registry):
    """Records how long each save of a batch (its write transaction) takes."""

    saves: list[float]

    def insert_stores(self, drafts):
        started = time.perf_counter()
        try:
            return super().insert_stores(drafts)
        finally:
            self.saves.append(time.perf_counter() - started)


def rows(first: int, count: int) -> str:
    return HEADER + "".join(
        f"site_{i:06d},ops{i}@example.com,Amazon Store {i},{MARKETS[i % 4]},UPC,upc\n"
        for i in range(first, first + count))


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark bulk onboarding.")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    n = args.rows
    catalog = LargeCatalog(2 * n)
    with tempfile.TemporaryDirectory(prefix="asc-bench-bulk-") as home:
        registry = TimedRegistry(f"sqlite:///{home}/registry.sqlite3", actor="bench")
        registry.saves = []
        started = time.perf_counter()
        first = bulk_add(rows(0, n), catalog, registry)
        into_empty = time.perf_counter() - started
        started = time.perf_counter()
        second = bulk_add(rows(n, n), catalog, registry)
        into_full = time.perf_counter() - started
        started = time.perf_counter()
        rerun = bulk_add(rows(n, n), catalog, registry)
        rerun_seconds = time.perf_counter() - started
        saved = len(registry.list_stores())
        registry.close()
    assert first.ok and second.ok and len(first.added) == len(second.added) == n
    assert rerun.ok and not rerun.added and len(rerun.already_present) == n
    assert saved == 2 * n
    summary = {
        "benchmark": "bulk_add",
        "rows": n,
        "catalog_websites": 2 * n,
        "into_empty_seconds": round(into_empty, 2),
        "into_full_seconds": round(into_full, 2),
        "saved_before_second_batch": n,
        "rerun_seconds": round(rerun_seconds, 2),
        "rows_per_second": round(n / into_full),
        "longest_write_transaction_seconds": round(max(registry.saves), 3),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(f"{n:,} rows into {n:,} saved stores: {into_full:.2f} s "
          f"(write transaction {max(registry.saves):.3f} s)")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
