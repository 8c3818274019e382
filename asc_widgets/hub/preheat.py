"""Preheated app kernels in each person's JupyterHub server.

``make app`` is standalone Voila, which keeps a pool of kernels that have already run the app
notebook (``--preheat_kernel``). In a hub the app is Voila's *server extension* inside the
person's Jupyter server, and Voila only pools kernels in its standalone app. This module gives
the Jupyter server the same pool:

- ``PreheatedKernels``: the server's kernel manager (``ServerApp.kernel_manager_class``), Voila's
  preheating manager with a ``VoilaHost`` as its parent: what that manager asks of standalone
  Voila (the notebook to pool, its template paths, the server's address), answered from the
  Jupyter server. Only the app notebook is pooled; analysts' notebooks in JupyterLab get plain
  kernels from the same manager, and pooled kernels are never culled.
- the server extension (this module, in ``ServerApp.jpserver_extensions``): the route a pooled
  kernel asks for its visitor's request (``<base_url>voila/query/<kernel id>``, as in
  standalone Voila), and the first fill of the pool once the server's web app exists.

Pool size and culling: ``ASC_KERNEL_POOL_SIZE`` and ``ASC_KERNEL_CULL_*`` (voila_config.py), set
by deploy/jupyterhub/jupyterhub_config.py (its ``single_user_config.py`` is the server's config).
"""

from __future__ import annotations

import os
from functools import cached_property

from jupyter_server.services.config import ConfigManager
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import url_path_join
from traitlets.config import LoggingConfigurable
from voila.configuration import VoilaConfiguration
from voila.paths import collect_template_paths
from voila.request_info_handler import RequestInfoSocketHandler
from voila.voila_kernel_manager import voila_kernel_manager_factory

from asc_widgets.voila_config import ServeSettings

APP_NOTEBOOK = "onboarding_app.ipynb"  # relative to the server's root (the kit's notebooks/)
KERNEL_ID = r"(?P<kernel_id>\w+-\w+-\w+-\w+-\w+)"


class VoilaHost(LoggingConfigurable):
    """What Voila's preheating kernel manager reads from its parent (standalone Voila's app),
    answered from a Jupyter server. Its config and log are the server's."""

    def __init__(self, server, notebook: str):
        super().__init__(parent=server, log=server.log)
        self.server = server
        self.notebook_path = os.path.join(server.root_dir, notebook)

    root_dir = property(lambda self: self.server.root_dir)
    base_url = property(lambda self: self.server.base_url)
    # Where a pooled kernel reaches the request-info route: the server itself, on loopback.
    server_url = property(lambda self: self.server.base_url)
    port = property(lambda self: self.server.port)
    app = property(lambda self: self.server.web_app)
    contents_manager = property(lambda self: self.server.contents_manager)
    kernel_spec_manager = property(lambda self: self.server.kernel_spec_manager)
    # A kernel's own manager logs its events through its parent's parent (here: the server).
    event_logger = property(lambda self: self.server.event_logger)

    @cached_property
    def voila_configuration(self) -> VoilaConfiguration:
        return VoilaConfiguration(parent=self.server)

    @cached_property
    def template_paths(self) -> list[str]:
        return collect_template_paths(["voila", "nbconvert"], self.voila_configuration.template)

    @cached_property
    def config_manager(self) -> ConfigManager:
        return self.server.web_app.settings["config_manager"]


def _pool_size() -> int:
    return ServeSettings.from_env({k: v for k, v in os.environ.items()
                                   if k.startswith("ASC_KERNEL_")}).pool_size


class PreheatedKernels(voila_kernel_manager_factory(AsyncMappingKernelManager, True,
                                                    _pool_size())):
    """The Jupyter server's kernel manager with a pool of app kernels (see the module)."""

    def __init__(self, **kwargs):
        server = kwargs["parent"]
        kwargs["parent"] = VoilaHost(server, APP_NOTEBOOK)
        # Voila's manager fills the pool as it is made; the pool's first kernels are started
        # by the server extension instead, once the web app they render with exists.
        self._filling = False
        super().__init__(**kwargs)
        self._filling = True

    def fill_if_needed(self, *args, **kwargs) -> None:
        if self._filling:
            super().fill_if_needed(*args, **kwargs)

    def start_pool(self) -> None:
        self.fill_if_needed(delay=0, notebook_name=self.notebook_path)


def _jupyter_server_extension_points():
    return [{"module": "asc_widgets.hub.preheat"}]


def _load_jupyter_server_extension(server_app) -> None:
    kernels = server_app.kernel_manager
    if not isinstance(kernels, PreheatedKernels):
        server_app.log.warning("asc_widgets.hub.preheat: the kernel manager is %s, not "
                               "PreheatedKernels: the app's kernels are not preheated",
                               type(kernels).__name__)
        return
    route = url_path_join(server_app.base_url, "/voila/query/" + KERNEL_ID)
    server_app.web_app.add_handlers(".*$", [(route, RequestInfoSocketHandler)])
    kernels.start_pool()
    server_app.log.info("asc_widgets.hub.preheat: %d preheated kernel(s) for %s",
                        kernels.get_pool_size(kernels.notebook_path), kernels.notebook_path)
