"""Benchmark: page 100,000 products out of the fake Commerce server over local HTTP.

    .venv/bin/python benchmarks/bench_rest_paging.py [--products N] [--workers W]

The fake (tests/commerce_fake.py) runs in its own process, so client and server do not share
one interpreter lock. Measured twice: sequentially (workers=1) and with W requests in flight.
Products per second include JSON decoding and building the DataFrame chunks. A local fake
answers in milliseconds; a real store spends far longer per page, where concurrency pays more.
The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from commerce_fake import TOKEN  # noqa: E402

from asc_widgets.core.commerce import CommerceCatalog  # noqa: E402

PAGE_SIZE = 300
ATTRIBUTES = ["upc", "ean", "description"]


def start_fake(products: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "commerce_fake.py"), "--products", str(products)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    url = process.stdout.readline().strip() if process.stdout else ""
    if not url.startswith("http"):
        process.kill()
        raise RuntimeError("the fake Commerce server did not start")
    return process, url


def page_through(url: str, workers: int, expected: int) -> float:
    catalog = CommerceCatalog.from_env({
        "ASC_COMMERCE_URL": url, "ASC_COMMERCE_TOKEN": TOKEN,
        "ASC_COMMERCE_PAGE_SIZE": str(PAGE_SIZE), "ASC_COMMERCE_WORKERS": str(workers)})
    started = time.perf_counter()
    count = 0
    last_sku = ""
    for chunk in catalog.iter_products(ATTRIBUTES, chunk_size=10_000):
        count += len(chunk)
        assert chunk["sku"].is_monotonic_increasing and chunk["sku"].iloc[0] > last_sku
        last_sku = chunk["sku"].iloc[-1]
    seconds = time.perf_counter() - started
    catalog.close()
    assert count == expected, (count, expected)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark REST paging from the fake store.")
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    process, url = start_fake(args.products)
    try:
        page_through(url, 1, args.products)  # warm-up: the server sorts and caches once
        sequential = page_through(url, 1, args.products)
        concurrent = page_through(url, args.workers, args.products)
    finally:
        if process.stdin:
            process.stdin.close()
        process.wait(timeout=10)

    summary = {
        "benchmark": "rest_paging",
        "products": args.products,
        "page_size": PAGE_SIZE,
        "requests": -(-args.products // PAGE_SIZE),
        "sequential_seconds": round(sequential, 2),
        "sequential_products_per_second": round(args.products / sequential),
        "workers": args.workers,
        "concurrent_seconds": round(concurrent, 2),
        "concurrent_products_per_second": round(args.products / concurrent),
        "speedup": round(sequential / concurrent, 2),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(f"sequential: {summary['sequential_products_per_second']:,} products/s; "
          f"{args.workers} workers: {summary['concurrent_products_per_second']:,} products/s")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
