"""How fast the onboarding app opens and adds a store, in a real browser.

1. Page open -> the Add Amazon Store form usable, for the app, against page open -> the button
   of a one-button Voila notebook served the same way (same Voila subclass and options);
   target ratio <= 1.5.
2. Clicking Connect on a valid form -> the new store's card visible; target median < 300 ms.

Both servers run from temporary folders; the app's registry gets one store first, so Add
Amazon Store opens the form (with no store it shows the pre-setup checklist first).
Plain script: prints a readable report, then a one-line JSON summary as its LAST line.
    .venv/bin/python benchmarks/bench_app_startup.py [--runs N] [--adds N]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHROMIUM = os.environ.get("ASC_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
RATIO_TARGET = 1.5
CONNECT_TARGET_MS = 300.0

ONE_BUTTON_NOTEBOOK = {
    "cells": [{
        "cell_type": "code", "execution_count": None, "id": "one-button", "metadata": {},
        "outputs": [],
        "source": ["import ipywidgets as widgets\n",
                   "widgets.Button(description='Go').add_class('bench-ready')"],
    }],
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                "name": "python3"}},
    "nbformat": 4, "nbformat_minor": 5,
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "asc-probe-404", timeout=2):
                pass
        except urllib.error.HTTPError:
            return  # the server answers (404 for this probe is fine)
        except OSError:
            time.sleep(0.2)
            continue
        return
    raise TimeoutError(f"{url} did not answer within {timeout} s")


@contextlib.contextmanager
def serve(notebook: Path | None, home: Path):
    port = free_port()
    env = {**os.environ, "ASC_PORT": str(port), "ASC_HOME": str(home)}
    args = [PYTHON, "-m", "asc_widgets.serve"] + ([str(notebook)] if notebook else [])
    log = open(home / "server.log", "w")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def seed_registry(home: Path) -> None:
    env = {"ASC_HOME": str(home)}
    from asc_widgets.core import DemoCatalog, Registry, Settings, StoreDraft

    registry = Registry.from_settings(Settings.from_env(env))
    registry.add_store(StoreDraft(website="uk_store", email="uk@example.com",
                                  name="Amazon Store UK", marketplace="UK", id_type="EAN",
                                  attribute="ean"), DemoCatalog())
    registry.close()


def leave(page) -> None:
    """Leave like a person closing the tab: Voila shuts the page's kernel down on unload."""
    with contextlib.suppress(Exception):
        page.goto("about:blank")
    page.close()


def time_baseline(browser, url: str) -> float:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".bench-ready", timeout=120_000)
    elapsed = time.perf_counter() - start
    leave(page)
    return elapsed


def time_app(browser, url: str) -> tuple[float, float]:
    page = browser.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".asc-add-store", timeout=120_000)
    home = time.perf_counter() - start
    page.click(".asc-add-store")
    page.wait_for_selector(".asc-store-form .asc-field-name input", state="visible")
    form = time.perf_counter() - start
    leave(page)
    return home, form


def time_adds(browser, url: str, adds: int) -> list[float]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_selector(".asc-add-store", timeout=120_000)
    times = []
    for i in range(adds):
        name = f"Benchmark Store {i + 1}"
        page.click(".asc-add-store")
        page.wait_for_selector(".asc-store-form", state="visible")
        page.select_option(".asc-field-website select", label="US Store (us_store)")
        page.fill(".asc-field-email input", "bench@example.com")
        page.fill(".asc-field-name input", name)
        page.select_option(".asc-field-marketplace select", label="🇺🇸 United States")
        page.select_option(".asc-field-id-type select", label="UPC")
        page.select_option(".asc-field-attribute select", label="UPC (upc)")
        page.wait_for_selector(".asc-connect:not([disabled])")
        start = time.perf_counter()
        page.click(".asc-connect")
        page.wait_for_selector(f".asc-card-name:text-is('{name}')", state="visible")
        times.append(time.perf_counter() - start)
        # Delete it again through the UI (untimed) so the website is free for the next add.
        card = page.locator(f".asc-store-card:has(.asc-card-name:text-is('{name}'))")
        card.locator(".asc-action").click()
        card.locator(".asc-delete").click()
        page.click(".asc-confirm-delete")
        page.wait_for_selector(f".asc-card-name:text-is('{name}')", state="detached")
    leave(page)
    return times


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="page opens per notebook")
    parser.add_argument("--adds", type=int, default=7, help="stores added for the timing")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="asc-bench-") as tmp:
        tmp_path = Path(tmp)
        app_home, base_home = tmp_path / "app", tmp_path / "baseline"
        app_home.mkdir()
        base_home.mkdir()
        notebook = base_home / "one_button.ipynb"
        notebook.write_text(json.dumps(ONE_BUTTON_NOTEBOOK))
        seed_registry(app_home)
        with serve(None, app_home) as app_url, serve(notebook, base_home) as base_url, \
                sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            # One untimed open each: first-time imports and disk caches are not the subject.
            time_baseline(browser, base_url)
            time_app(browser, app_url)
            baseline, home, form = [], [], []
            for _ in range(args.runs):
                baseline.append(time_baseline(browser, base_url))
                h, f = time_app(browser, app_url)
                home.append(h)
                form.append(f)
            adds = time_adds(browser, app_url, args.adds)
            browser.close()

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    ratio = round(statistics.median(form) / statistics.median(baseline), 2)
    connect_ms = round(statistics.median(adds) * 1000, 1)
    print(f"one-button notebook, page open -> button:   {med(baseline):.2f} s "
          f"(runs {', '.join(f'{v:.2f}' for v in baseline)})")
    print(f"app, page open -> Add Amazon Store button:  {med(home):.2f} s")
    print(f"app, page open -> form usable:              {med(form):.2f} s "
          f"(runs {', '.join(f'{v:.2f}' for v in form)})")
    print(f"ratio app form / one-button: {ratio} (target <= {RATIO_TARGET}: "
          f"{'met' if ratio <= RATIO_TARGET else 'NOT met'})")
    print(f"Connect -> new card visible: median {connect_ms} ms over {len(adds)} adds "
          f"(runs {', '.join(f'{v * 1000:.0f}' for v in adds)} ms; target < "
          f"{CONNECT_TARGET_MS:.0f} ms: {'met' if connect_ms < CONNECT_TARGET_MS else 'NOT met'})")
    summary = {
        "benchmark": "app_startup",
        "baseline_ready_s": med(baseline),
        "app_home_ready_s": med(home),
        "app_form_ready_s": med(form),
        "ratio": ratio,
        "ratio_target": RATIO_TARGET,
        "ratio_met": ratio <= RATIO_TARGET,
        "connect_to_card_ms": connect_ms,
        "connect_target_ms": CONNECT_TARGET_MS,
        "connect_met": connect_ms < CONNECT_TARGET_MS,
        "runs": args.runs,
        "adds": len(adds),
        "cpus": os.cpu_count(),
    }
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
