"""Jupyter server config of each person's server in the kit's JupyterHub (``--config`` of
``jupyterhub.singleuser``, set by jupyterhub_config.py beside it): the app served as
``make app`` serves it, from preheated kernels (asc_widgets/voila_config.py)."""

from asc_widgets.voila_config import ServeSettings, hub_server_config

c = get_config()  # noqa: F821 (the Jupyter config loader provides it)
c.merge(hub_server_config(ServeSettings.from_env()))
