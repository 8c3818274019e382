"""A real JupyterHub with the kit's deploy/jupyterhub/jupyterhub_config.py, on 127.0.0.1 at
free ports, in a temp folder: the dummy authenticator (any password), the local process
spawner, the given operators, and the kit's settings (ASC_DATABASE_URL...) from ``settings``.
``start_hub(folder, operators=[...], **settings)`` -> HubProcess (url, stop())."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
PROXY = ROOT / "deploy" / "jupyterhub" / "node_modules" / ".bin" / "configurable-http-proxy"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class HubProcess:
    url: str
    proc: subprocess.Popen
    log: Path
    folder: Path

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def start_hub(folder: Path, *, operators: list[str], timeout: float = 90,
              **settings: str) -> HubProcess:
    if not PROXY.exists():
        raise RuntimeError(f"no {PROXY}: run `make hub-proxy`")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {**os.environ,
           "ASC_HUB_BIND_URL": f"http://127.0.0.1:{port}",
           "ASC_HUB_API_PORT": str(free_port()),
           "ASC_HUB_PROXY_API_PORT": str(free_port()),
           "ASC_HUB_LANDING_PORT": str(free_port()),
           "ASC_HUB_SANDBOX_PORT": str(free_port()),
           "ASC_HUB_AUTHENTICATOR": "dummy",
           "ASC_HUB_OPERATORS": ",".join(operators),
           "ASC_HOME": str(folder / "asc-home"),
           "CONFIGPROXY_AUTH_TOKEN": "proxy-token-for-tests",
           **settings}
    for name in ("QUERY_STRING", "JUPYTERHUB_USER", "JUPYTERHUB_API_TOKEN",
                 "JUPYTERHUB_API_URL"):
        env.pop(name, None)
    log = folder / "hub.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    hub = HubProcess(f"http://127.0.0.1:{port}/", proc, log, folder)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"the Hub exited ({proc.returncode}):\n"
                               f"{log.read_text()[-4000:]}")
        try:
            if requests.get(f"{hub.url}hub/health", timeout=2).ok:
                return hub
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            hub.stop()
            raise TimeoutError(f"the Hub did not answer:\n{log.read_text()[-4000:]}")
        time.sleep(0.3)


def server_environment(hub: HubProcess, person: str) -> dict[str, str]:
    """The environment the Hub gave the person's running Jupyter server: JUPYTERHUB_USER, and
    the API URL and token the Hub issued to it (what the kit's core asks the Hub with)."""
    import psutil

    for proc in psutil.Process(hub.proc.pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "jupyterhub.singleuser" not in " ".join(proc.cmdline()):
                continue
            environ = proc.environ()
            if environ.get("JUPYTERHUB_USER") == person:
                return environ
    raise LookupError(f"no running Jupyter server of {person} under the Hub")
