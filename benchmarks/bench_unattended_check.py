"""Benchmark: the unattended check over 500 connected stores against the Amazon sandbox.

    .venv/bin/python benchmarks/bench_unattended_check.py [--stores N]

The sandbox runs in its own process (its own interpreter lock) with one seller per store,
each under Amazon's Sellers API limit (burst 15, then one call a minute per seller). Setting
up connects every store through core (code exchange + verification); then one run of
UnattendedCheck is timed. Counted from the sandbox's own request counters: token refreshes and
Sellers API calls per store (target: exactly one of each). Amazon's per-seller limits are the
only pacing a real run needs: one call per seller per run stays inside the burst, so the run
takes as long as the kit and the network need. The last line printed is a one-line JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from asc_widgets.core import DemoCatalog, Registry, StoreDraft  # noqa: E402
from asc_widgets.core.amazon import AmazonClient, AmazonSettings  # noqa: E402
from asc_widgets.core.authorization import Connector  # noqa: E402
from asc_widgets.core.catalog.base import Website  # noqa: E402
from asc_widgets.core.reminders import ReminderSettings, UnattendedCheck  # noqa: E402
from asc_widgets.core.secrets import SecretBox, generate_key  # noqa: E402
from asc_widgets.sandbox.config import DEMO_PASSWORD, SandboxConfig, SandboxSeller  # noqa: E402

APP_URL = "http://127.0.0.1:9/app/"


def sellers(count: int) -> tuple[SandboxSeller, ...]:
    return tuple(SandboxSeller(seller_id=f"A1BENCH{i:07d}", email=f"seller{i}@example.com",
                               phone=f"+1 555 {i:07d}", password=DEMO_PASSWORD, otp=None,
                               store_name=f"Bench {i}", marketplaces=("US",))
                 for i in range(count))


class ManyWebsites(DemoCatalog):
    """The demo catalog with one website per store (each website backs one store)."""

    def __init__(self, count: int):
        super().__init__(product_count=10)
        self._websites = [Website(i + 10, f"site_{i}", f"Site {i}") for i in range(count)]

    def websites(self) -> list[Website]:
        return list(self._websites)


def serve_sandbox(state_path: str, count: int) -> None:
    """Child process: the sandbox with `count` sellers; prints its URL root, runs until stdin
    closes."""
    from asc_widgets.sandbox import SandboxServer

    with SandboxServer(state_path, config=SandboxConfig(sellers=sellers(count))) as server:
        print(server.urls.root, flush=True)
        sys.stdin.read()


def start_sandbox(state_path: Path, count: int) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen([sys.executable, __file__, "--serve-sandbox", str(state_path),
                                "--stores", str(count)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    root = process.stdout.readline().strip() if process.stdout else ""
    if not root.startswith("http"):
        process.kill()
        raise RuntimeError("the sandbox did not start")
    return process, root


def calls(state_path: Path) -> dict[str, int]:
    return dict(json.loads(state_path.read_text())["calls"])


class TimedTransport:
    """The client's transport, timing the HTTP round trips (the sandbox's share of a run)."""

    def __init__(self, inner):
        self.inner, self.seconds = inner, 0.0

    def send(self, request):
        started = time.perf_counter()
        try:
            return self.inner.send(request)
        finally:
            self.seconds += time.perf_counter() - started


def connect_all(connector: Connector, registry: Registry, catalog, count: int,
                sandbox_root: str) -> None:
    import requests

    drafts = [StoreDraft(website=f"site_{i}", email=f"owner{i}@example.com", name=f"Store {i}",
                         marketplace="US", id_type="UPC", attribute="upc")
              for i in range(count)]
    stores = registry.add_stores(drafts, catalog)
    control = f"{sandbox_root}_control"
    for i, store in enumerate(stores):
        state = parse_qs(urlsplit(connector.start(store.id)).query)["state"][0]
        granted = requests.post(f"{control}/grant", json={
            "seller": f"seller{i}@example.com", "marketplace": "US"}, timeout=10).json()
        connector.complete("?" + urlencode({
            "state": state, "selling_partner_id": granted["selling_partner_id"],
            "spapi_oauth_code": granted["spapi_oauth_code"]}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--serve-sandbox", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_sandbox:
        serve_sandbox(args.serve_sandbox, args.stores)
        return
    with tempfile.TemporaryDirectory() as folder:
        state_path = Path(folder) / "sandbox.json"
        process, root = start_sandbox(state_path, args.stores)
        try:
            settings = AmazonSettings.sandbox(APP_URL, sandbox_root=root)
            registry = Registry(f"sqlite:///{folder}/registry.sqlite3", actor="bench")
            connector = Connector(registry, AmazonClient(settings, clock=registry.clock),
                                  SecretBox(generate_key()))
            started = time.perf_counter()
            connect_all(connector, registry, ManyWebsites(args.stores), args.stores, root)
            setup = time.perf_counter() - started
            before = calls(state_path)
            timed = TimedTransport(connector.client.transport)
            connector.client.transport = timed
            check = UnattendedCheck(connector, ReminderSettings.from_env({}, app_url=APP_URL))
            started = time.perf_counter()
            report = check.run()
            seconds = time.perf_counter() - started
            after = calls(state_path)
            registry.close()
        finally:
            if process.stdin:
                process.stdin.close()
            process.wait(30)
    token = after.get("token", 0) - before.get("token", 0)
    spapi = after.get("spapi", 0) - before.get("spapi", 0)
    summary = {
        "benchmark": "unattended_check",
        "stores": args.stores,
        "passed": report.results("ok"),
        "seconds": round(seconds, 2),
        "ms_per_store": round(1000 * seconds / args.stores, 1),
        "http_seconds": round(timed.seconds, 2),  # waiting for the sandbox's answers
        "kit_ms_per_store": round(1000 * (seconds - timed.seconds) / args.stores, 1),
        "token_requests_per_store": round(token / args.stores, 3),
        "sellers_requests_per_store": round(spapi / args.stores, 3),
        "target_requests_per_store": {"token": 1, "sellers": 1},
        "sellers_calls_per_seller_per_run": round(spapi / args.stores, 3),
        "amazon_sellers_burst": 15,
        "setup_seconds": round(setup, 2),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),
    }
    print(f"{args.stores} stores checked in {seconds:.1f}s "
          f"({summary['ms_per_store']} ms/store); per store: {summary['token_requests_per_store']}"
          f" token refresh(es), {summary['sellers_requests_per_store']} Sellers call(s)")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
