"""Settings from the environment, read when asked (never at import time).

Switching an embedded default for the real part is configuration only:
- ASC_HOME: folder for the SQLite registry, the secret key file and the sandbox state
  (default .asc-data in the project folder when the kit runs from its checkout, so the app and
  notebooks opened from notebooks/ share one registry; else ./.asc-data).
- ASC_DATABASE_URL: a SQLAlchemy URL for the registry (default sqlite:///$ASC_HOME/registry.sqlite3).
- ASC_PORT: the app's port (default 8866); ASC_APP_URL: the app's public URL.
- ASC_COMMERCE_URL (+ credentials): use the Adobe Commerce REST API instead of the demo catalog;
  its products are read from a local snapshot under ASC_HOME/catalog-snapshots (Sync catalog).
- ASC_AMAZON=live (+ LWA credentials): use Amazon instead of the local sandbox.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from asc_widgets.core.catalog import CatalogSource, DemoCatalog


def default_home() -> Path:
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "notebooks").is_dir():
        return checkout / ".asc-data"
    return Path(".asc-data")


@dataclass(frozen=True)
class Settings:
    home: Path
    database_url: str
    port: int
    app_url: str

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env.get("ASC_HOME") or default_home()).expanduser().resolve()
        port = int(env.get("ASC_PORT") or 8866)
        database_url = env.get("ASC_DATABASE_URL") or f"sqlite:///{home / 'registry.sqlite3'}"
        app_url = env.get("ASC_APP_URL") or f"http://127.0.0.1:{port}/"
        return cls(home=home, database_url=database_url, port=port, app_url=app_url)


def catalog_from_env(environ: Mapping[str, str] | None = None) -> CatalogSource:
    """The Commerce catalog when ASC_COMMERCE_URL is set (products from its local snapshot
    under ASC_HOME, kept fresh by its sync()), else the bundled demo catalog."""
    env = os.environ if environ is None else environ
    if env.get("ASC_COMMERCE_URL"):
        from asc_widgets.core.commerce import SnapshotCatalog

        return SnapshotCatalog.from_env(env)
    return DemoCatalog()
