"""Benchmark: registry throughput on SQLite and on a real PostgreSQL server, in one run.

    .venv/bin/python benchmarks/bench_registry_backends.py [--adds N] [--stores N]

For each backend: stores added per second through Registry.add_store (every add validated
against the saved stores, logged, one transaction) from 1 process and from 8 processes at once,
into an empty registry; and the time to list 10,000 stores (Registry.list_stores, best of 3).
PostgreSQL runs from a temporary data folder on 127.0.0.1 with its default durability (each
commit is flushed to disk); SQLite runs as the kit configures it (WAL, synchronous=NORMAL: a
commit is flushed at checkpoints). The last line printed is a one-line JSON summary with the
ratio PostgreSQL/SQLite of each number (adds: > 1 means PostgreSQL is faster; listing: > 1
means PostgreSQL is slower).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from postgres_server import PostgresServer  # noqa: E402
from sqlalchemy import insert  # noqa: E402

from asc_widgets.core import DemoCatalog, Registry, StoreDraft  # noqa: E402
from asc_widgets.core.catalog import Website  # noqa: E402
from asc_widgets.core.registry import schema  # noqa: E402

PROCESSES = 8


class ManyWebsitesCatalog(DemoCatalog):
    """The demo catalog with enough websites for thousands of stores (one store per website)."""

    def __init__(self, count: int):
        super().__init__()
        self._websites = [Website(i, f"site_{i}", f"Site {i}") for i in range(count)]
        self._by_code = {w.code: w for w in self._websites}

    def websites(self) -> list[Website]:
        return list(self._websites)

    def website(self, code: str) -> Website | None:
        return self._by_code.get(code)


def _draft(n: int) -> StoreDraft:
    return StoreDraft(website=f"site_{n}", email="ops@example.com", name=f"Store {n}",
                      marketplace="US", id_type="UPC", attribute="upc")


def _adder(url: str, first: int, count: int, websites: int, ready, start, done) -> None:
    registry, catalog = Registry(url, actor=f"bench-{first}"), ManyWebsitesCatalog(websites)
    registry.list_stores()  # connected and warm
    ready.put(first)
    start.wait()
    for n in range(first, first + count):
        registry.add_store(_draft(n), catalog)
    registry.close()
    done.put(count)


def adds_per_second(url: str, processes: int, adds: int) -> float:
    Registry(url).close()
    ctx = mp.get_context("spawn")
    ready, start, done = ctx.Queue(), ctx.Event(), ctx.Queue()
    each = adds // processes
    procs = [ctx.Process(target=_adder, args=(url, p * each, each, adds, ready, start, done))
             for p in range(processes)]
    for p in procs:
        p.start()
    for _ in procs:  # the clock starts when every process has imported and connected
        ready.get(timeout=300)
    started = time.perf_counter()
    start.set()
    total = sum(done.get(timeout=600) for _ in procs)
    seconds = time.perf_counter() - started
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    registry = Registry(url)
    assert len(registry.list_stores()) == total == each * processes
    registry.close()
    return total / seconds


def list_seconds(url: str, stores: int) -> float:
    registry = Registry(url)
    at = datetime.now(UTC)
    rows = [dict(name=f"Store {n}", name_key=f"store {n}", website=f"site_{n}",
                 email="ops@example.com", marketplace="US", id_type="UPC", attribute="upc",
                 status="not_connected", created_at=at, updated_at=at) for n in range(stores)]
    with registry.engine.begin() as conn:
        conn.execute(insert(schema.stores), rows)
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        listed = registry.list_stores()
        timings.append(time.perf_counter() - started)
        assert len(listed) == stores
    registry.close()
    return min(timings)


def measure(new_url, adds: int, stores: int) -> dict:
    return {
        "adds_per_s_1_process": round(adds_per_second(new_url(), 1, adds), 1),
        f"adds_per_s_{PROCESSES}_processes": round(adds_per_second(new_url(), PROCESSES, adds), 1),
        f"list_{stores}_stores_s": round(list_seconds(new_url(), stores), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--adds", type=int, default=400, help="stores added per measurement")
    parser.add_argument("--stores", type=int, default=10_000, help="stores to list")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, PostgresServer(durable=True) as server:
        files = iter(range(100))
        results = {
            "sqlite": measure(lambda: f"sqlite:///{folder}/r{next(files)}.sqlite3",
                              args.adds, args.stores),
            "postgresql": measure(server.new_database, args.adds, args.stores),
        }
    for backend, numbers in results.items():
        for name, value in numbers.items():
            print(f"{backend:>10}  {name:<26} {value}")
    ratio = {name: round(results["postgresql"][name] / results["sqlite"][name], 2)
             for name in results["sqlite"]}
    print(json.dumps({"benchmark": "registry_backends", "adds": args.adds, **results,
                      "ratio_postgresql_over_sqlite": ratio}))


if __name__ == "__main__":
    main()
