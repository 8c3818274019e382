"""Signing in through JupyterHub to a usable app, and what each signed-in person costs.

The shipped deploy/jupyterhub/jupyterhub_config.py on 127.0.0.1 (dummy authenticator, local
process spawner, the registry on a throwaway PostgreSQL server, one store saved first), in
Chromium. For each of N people:
1. first visit: the login form submitted -> the app's Add Amazon Store button visible (the
   person's Jupyter server starts, then a kernel runs the app notebook);
2. second visit, the server running: a new tab on the person's app -> the button visible
   (served by the kernel the person's server preheated, ASC_KERNEL_POOL_SIZE, default 1).
The server start (the Hub's own "took N seconds to start") is reported beside the first visit.
Then the memory (RSS) of each person's server plus its kernels (two open pages and the pooled
one), and of the shared parts (the Hub, its proxy and the two services). No target yet:
measured and reported.
Plain script: prints a readable report, then a one-line JSON summary as its LAST line.
    .venv/bin/python benchmarks/bench_hub.py [--people N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from hub_server import start_hub  # noqa: E402
from postgres_server import PostgresServer  # noqa: E402

CHROMIUM = os.environ.get("ASC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
READY_MS = 240_000


def seed(database_url: str) -> None:
    from asc_widgets.core import DemoCatalog, Registry, StoreDraft

    registry = Registry(database_url, actor="bench")
    registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                  name="Amazon Store USA", marketplace="US", id_type="UPC",
                                  attribute="upc"), DemoCatalog())
    registry.close()


def rss_mb(processes) -> float:
    total = 0
    for proc in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += proc.memory_info().rss
    return round(total / 2**20, 1)


def person_processes(hub_folder: Path, name: str) -> list[psutil.Process]:
    """The person's Jupyter server (started in their folder) and its kernels."""
    home = str(hub_folder / "people" / name)
    for proc in psutil.process_iter(["cmdline", "cwd"]):
        cmdline = " ".join(proc.info["cmdline"] or ())
        if "jupyterhub.singleuser" in cmdline and proc.info["cwd"] == home:
            return [proc, *proc.children(recursive=True)]
    return []


def server_start_seconds(log: Path, name: str) -> float | None:
    """What the Hub logged as the person's server start ("User <name> took N seconds")."""
    found = re.search(rf"User {re.escape(name)} took ([0-9.]+) seconds to start",
                      log.read_text(errors="replace"))
    return float(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    names = [f"person{i}" for i in range(args.people)]
    with tempfile.TemporaryDirectory() as folder, PostgresServer() as server:
        database_url = server.new_database()
        seed(database_url)
        hub = start_hub(Path(folder) / "hub", operators=names[:1],
                        ASC_DATABASE_URL=database_url)
        first, second, memory, servers, kernels, starts = {}, {}, {}, {}, {}, {}
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for name in names:
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{hub.url}hub/login")
                    page.fill("#username_input", name)
                    page.fill("#password_input", "any-password")
                    start = time.perf_counter()
                    page.click("#login_submit")
                    page.wait_for_selector(".asc-add-store", timeout=READY_MS)
                    first[name] = time.perf_counter() - start
                    again = context.new_page()
                    start = time.perf_counter()
                    again.goto(f"{hub.url}user/{name}/")
                    again.wait_for_selector(".asc-add-store", timeout=READY_MS)
                    second[name] = time.perf_counter() - start
                    time.sleep(2)  # the kernels settle
                    processes = person_processes(hub.folder, name)
                    memory[name] = rss_mb(processes)
                    servers[name] = rss_mb(processes[:1])
                    kernels[name] = len(processes) - 1
                    starts[name] = server_start_seconds(hub.log, name)
                    print(f"{name}: first visit {first[name]:.1f} s (server start "
                          f"{starts[name]} s), second visit "
                          f"{second[name]:.1f} s, server {servers[name]} MB + "
                          f"{len(processes) - 1} kernel(s) "
                          f"{round(memory[name] - servers[name], 1)} MB", flush=True)
                    context.close()
                hub_proc = psutil.Process(hub.proc.pid)
                shared = rss_mb([hub_proc, *[c for c in hub_proc.children(recursive=True)
                                             if "singleuser" not in " ".join(c.cmdline())
                                             and c.ppid() == hub.proc.pid]])
                browser.close()
        finally:
            hub.stop()
    summary = {
        "people": args.people,
        "first_visit_s_median": round(statistics.median(first.values()), 2),
        "first_visit_s_max": round(max(first.values()), 2),
        "server_start_s_median": round(statistics.median(
            v for v in starts.values() if v is not None), 2) if any(starts.values()) else None,
        "second_visit_s_median": round(statistics.median(second.values()), 2),
        "kernels_per_person": statistics.median(kernels.values()),
        "memory_per_person_mb_median": round(statistics.median(memory.values()), 1),
        "server_mb_median": round(statistics.median(servers.values()), 1),
        "shared_hub_proxy_services_mb": shared,
        "load_1min": round(os.getloadavg()[0], 2),
    }
    print(f"shared (Hub, proxy, landing and sandbox services): {shared} MB")
    if summary["server_start_s_median"] is not None:
        print(f"First visit: the person's Jupyter server starts in "
              f"{summary['server_start_s_median']} s (median) of "
              f"{summary['first_visit_s_median']} s; the rest is the app's kernel, started "
              f"with the server, finishing the app notebook, and the Hub's sign-in redirects.")
    print("Memory: each open page holds a kernel running the app, and one more waits "
          "preheated for the next page.")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
