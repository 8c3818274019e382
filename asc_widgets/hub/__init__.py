"""The kit's JupyterHub services (deploy/jupyterhub/jupyterhub_config.py starts them)."""
