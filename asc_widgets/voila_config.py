"""How Voila serves the app: preheated kernels, culling, the kit's template, read once at start.

Environment (read by ``ServeSettings.from_env``, when the server starts):
- ASC_KERNEL_POOL_SIZE: how many kernels run the app notebook before anyone asks (default 2,
  small enough for 2 cores; 0 turns preheating off: every visitor then waits for a new kernel).
- ASC_KERNEL_CULL_IDLE_SECONDS: stop a visitor's kernel idle this long with no page open on it
  (default 900). Kernels waiting in the pool are never culled; the pool refills after each visit.
- ASC_KERNEL_CULL_INTERVAL_SECONDS: how often to look for idle kernels (default 60).
- ASC_CELL_TIMEOUT_SECONDS: longest run of one notebook cell (default 120); the cell waiting
  for the page's request has no limit (a preheated kernel may wait for hours).
- ASC_LISTEN_ADDRESS: the address the app listens on (default 127.0.0.1: this machine only,
  no sign-in). Any other address (0.0.0.0, a LAN address) is refused unless ASC_APP_TOKEN is
  set: then jupyter-server's token login guards every page (open /?token=<token> once; a
  cookie keeps the person signed in). For a team, serve the app through JupyterHub instead
  (deploy/jupyterhub/).
- ASC_APP_TOKEN: the sign-in token of the standalone app (optional on 127.0.0.1).

The kit's template (``asc``, in ``voila_share/``) is Voila's lab template without the links to a
public CDN: every asset comes from the kit's own server.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from traitlets.config import Config

from asc_widgets.core.env_numbers import whole_number
from asc_widgets.core.errors import AscError

TEMPLATE_NAME = "asc"
# A Jupyter data folder (voila/templates/asc/...): put first on JUPYTER_PATH by the server.
SHARE_DIR = Path(__file__).resolve().parent / "voila_share"
# The app notebook's cell that blocks until Voila hands a preheated kernel its request.
WAIT_FOR_REQUEST_TAG = "asc-wait-for-request"
# After a cell finishes, how long to wait for its last outputs. nbclient's default (4 s) is
# too short when many kernels start at once on 2 cores: the output that displays the app
# is then dropped and the page stays empty.
IOPUB_TIMEOUT_SECONDS = 60
# Front-end extensions the app's pages do not need (syntax colours for code cells, which Voila
# never shows): not downloaded.
UNUSED_EXTENSIONS = ("jupyterlab_pygments",)


class ServeSettingError(AscError, ValueError):
    """A serving setting in the environment is not a whole number in its range."""


@dataclass(frozen=True)
class ServeSettings:
    pool_size: int = 2
    cull_idle_seconds: int = 900
    cull_interval_seconds: int = 60
    cell_timeout_seconds: int = 120
    listen_address: str = "127.0.0.1"
    token: str | None = field(default=None, repr=False)  # a secret: never printed

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ServeSettings:
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            pool_size=_whole(env, "ASC_KERNEL_POOL_SIZE", defaults.pool_size, minimum=0),
            cull_idle_seconds=_whole(env, "ASC_KERNEL_CULL_IDLE_SECONDS",
                                     defaults.cull_idle_seconds, minimum=1),
            cull_interval_seconds=_whole(env, "ASC_KERNEL_CULL_INTERVAL_SECONDS",
                                         defaults.cull_interval_seconds, minimum=1),
            cell_timeout_seconds=_whole(env, "ASC_CELL_TIMEOUT_SECONDS",
                                        defaults.cell_timeout_seconds, minimum=1),
            **_listening(env),
        )

    @property
    def preheat(self) -> bool:
        return self.pool_size > 0


def is_loopback(address: str) -> bool:
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may reach other machines


def _listening(env: Mapping[str, str]) -> dict:
    """ASC_LISTEN_ADDRESS and ASC_APP_TOKEN: anything beyond this machine needs a token."""
    address = (env.get("ASC_LISTEN_ADDRESS") or "").strip() or "127.0.0.1"
    token = (env.get("ASC_APP_TOKEN") or "").strip() or None
    if not is_loopback(address) and token is None:
        raise ServeSettingError("error.serve_listen_address", address=repr(address))
    return {"listen_address": address, "token": token}


def _whole(env: Mapping[str, str], name: str, default: int, *, minimum: int) -> int:
    raw = (env.get(name) or "").strip()
    return whole_number(raw, default, low=minimum, refuse=lambda: ServeSettingError(
        "error.serve_whole_number", name=name, value=repr(raw), minimum=minimum,
        default=default))


def voila_arguments(settings: ServeSettings, port: int, notebook: Path) -> list[str]:
    """Command-line options of the app's standalone Voila server (the rest: voila_config)."""
    arguments = [
        str(notebook),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={settings.listen_address}",
        "--Voila.port_retries=0",
    ]
    if settings.preheat:
        arguments += ["--preheat_kernel=True", f"--pool_size={settings.pool_size}"]
    return arguments


def serving_config(settings: ServeSettings) -> Config:
    """How the app is served wherever Voila runs it (``make app``, a hub person's server):
    the kit's template, no tracebacks, the per-cell timeouts, the extension deny list and the
    culling of idle visitors' kernels."""
    config = Config()
    config.VoilaConfiguration.template = TEMPLATE_NAME
    config.VoilaConfiguration.show_tracebacks = False
    config.VoilaConfiguration.extension_denylist = list(UNUSED_EXTENSIONS)
    config.VoilaExecutor.timeout_func = CellTimeout(settings.cell_timeout_seconds)
    config.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT_SECONDS
    config.MappingKernelManager.cull_idle_timeout = settings.cull_idle_seconds
    config.MappingKernelManager.cull_interval = settings.cull_interval_seconds
    return config


def voila_config(settings: ServeSettings) -> Config:
    """The standalone app's config: serving_config and its sign-in token."""
    config = serving_config(settings)
    if settings.token:
        # In the config, not on the command line: a process listing would show it there.
        config.Voila.token = settings.token
    return config


def hub_server_config(settings: ServeSettings) -> Config:
    """A JupyterHub person's Jupyter server (Voila as its extension) served like ``make app``
    (serving_config) from a pool of preheated app kernels (asc_widgets/hub/preheat.py).
    Loaded by deploy/jupyterhub/single_user_config.py."""
    config = serving_config(settings)
    if settings.preheat:
        config.ServerApp.kernel_manager_class = "asc_widgets.hub.preheat.PreheatedKernels"
        config.ServerApp.jpserver_extensions = {"asc_widgets.hub.preheat": True}
    return config


class CellTimeout:
    """nbclient's timeout_func: the configured limit for every cell but the one waiting for the
    page's request (tagged ``asc-wait-for-request``), which may wait as long as it takes."""

    def __init__(self, seconds: int):
        self.seconds = seconds

    def __call__(self, cell) -> int | None:
        tags = (cell.get("metadata") or {}).get("tags") or ()
        return None if WAIT_FOR_REQUEST_TAG in tags else self.seconds


def use_kit_templates(environ: dict[str, str] | None = None) -> None:
    """Put the kit's Jupyter data folder first on JUPYTER_PATH so Voila finds the template."""
    env = os.environ if environ is None else environ
    paths = [p for p in (env.get("JUPYTER_PATH") or "").split(os.pathsep) if p]
    if str(SHARE_DIR) not in paths:
        env["JUPYTER_PATH"] = os.pathsep.join([str(SHARE_DIR), *paths])
