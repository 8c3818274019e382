"""Benchmark: a full catalog sync against an incremental one, from the fake Commerce store
answering each products page after a realistic delay (a production store spends one to
several seconds on a page; the fake's default here is 0.3 s).

    .venv/bin/python benchmarks/bench_catalog_sync.py [--products N] [--latency S]
        [--page-size P] [--id-page-size I]

1. Full sync of N products (default 100,000) into an empty snapshot.
2. 1% of the products change (a new UPC) and 0.1% are deleted, at random.
3. Incremental sync: products with a newer updated_at, then the id-only listing to find the
   deleted ones. The snapshot is checked against the store afterwards.
Page size: P = 500 products per page (the kit's default is 200; larger pages keep this run
short, and a smaller P only makes the full sync costlier, so the ratio lower); the id-only
listing uses I = 20,000 ids per page (the sync's default). Target: the incremental sync costs
<= 0.05 of the full one, in requests and in seconds.
The fake runs in its own process (as a store's work is not the client's); its latency is a
sleep, so it costs no CPU. The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from commerce_fake import TOKEN  # noqa: E402

from asc_widgets.core.commerce import CatalogSync, SnapshotCatalog  # noqa: E402
from asc_widgets.core.commerce.config import DEFAULT_PAGE_SIZE  # noqa: E402
from asc_widgets.core.commerce.sync import ID_PAGE_SIZE  # noqa: E402


class FakeProcess:
    """tests/commerce_fake.py served by a child process, changed through its stdin."""

    def __init__(self, products: int, latency: float):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests" / "commerce_fake.py"), "--products",
             str(products), "--max-page-size", "0", "--page-latency", str(latency)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()
        if not self.url.startswith("http"):
            self.process.kill()
            raise RuntimeError("the fake Commerce server did not start")

    def send(self, command: dict) -> None:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "ok"

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def run_sync(catalog: SnapshotCatalog, page_size: int, id_page_size: int):
    codes = [a.code for a in catalog.attributes()]
    sync = CatalogSync(catalog.client, catalog.snapshot, codes, page_size=page_size,
                       id_page_size=id_page_size)
    return sync.run()


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark full vs incremental catalog sync.")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per products page")
    parser.add_argument("--page-size", type=int, default=DEFAULT_PAGE_SIZE,
                        help="products per page (default: the kit's own, ASC_COMMERCE_PAGE_SIZE)")
    parser.add_argument("--id-page-size", type=int, default=ID_PAGE_SIZE)
    args = parser.parse_args()

    rng = random.Random(14)
    fake = FakeProcess(args.products, args.latency)
    try:
        with tempfile.TemporaryDirectory(prefix="asc-bench-sync-") as home:
            catalog = SnapshotCatalog.from_env({"ASC_COMMERCE_URL": fake.url,
                                                "ASC_COMMERCE_TOKEN": TOKEN, "ASC_HOME": home})
            full = run_sync(catalog, args.page_size, args.id_page_size)
            print(f"full sync: {full.products:,} products, {full.requests} requests, "
                  f"{full.seconds:.1f} s")

            ids = list(range(1, args.products + 1))  # make_products numbers them from 1
            changed = rng.sample(ids, args.products // 100)
            deleted = rng.sample(sorted(set(ids) - set(changed)), args.products // 1000)
            fake.send({"change": changed, "attributes": {"upc": "036000291452"}})
            fake.send({"delete": deleted})
            incremental = run_sync(catalog, args.page_size, args.id_page_size)
            print(f"incremental sync: {incremental.changed:,} changed, "
                  f"{incremental.deleted:,} deleted, {incremental.requests} requests, "
                  f"{incremental.seconds:.1f} s")

            frame = catalog.products(["upc"])
            assert len(frame) == args.products - len(deleted) == incremental.products
            assert incremental.changed == len(changed)
            assert incremental.deleted == len(deleted)
            changed_skus = {f"SKU-{i:06d}" for i in changed}
            assert (frame[frame["sku"].isin(changed_skus)]["upc"] == "036000291452").all()
            catalog.close()
    finally:
        fake.close()

    request_ratio = incremental.requests / full.requests
    seconds_ratio = incremental.seconds / full.seconds
    summary = {
        "benchmark": "catalog_sync",
        "products": args.products,
        "page_latency_seconds": args.latency,
        "page_size": args.page_size,
        "id_page_size": args.id_page_size,
        "full_requests": full.requests,
        "full_seconds": round(full.seconds, 2),
        "changed": len(changed),
        "deleted": len(deleted),
        "incremental_requests": incremental.requests,
        "incremental_seconds": round(incremental.seconds, 2),
        "request_ratio": round(request_ratio, 3),
        "seconds_ratio": round(seconds_ratio, 3),
        "meets_targets": bool(request_ratio <= 0.05 and seconds_ratio <= 0.05),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
