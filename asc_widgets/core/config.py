"""Settings from the environment: read once, here, when the kit starts (never at import
time), and passed down to the parts that need them (the app, the notebooks' Kit, serve.py,
the sandbox's command line, the Amazon settings).

Switching an embedded default for the real part is configuration only:
- ASC_HOME: folder for the SQLite registry, the secret key file and the sandbox state
  (default .asc-data in the project folder when the kit runs from its checkout, so the app and
  notebooks opened from notebooks/ share one registry; else ./.asc-data).
- ASC_DATABASE_URL: a SQLAlchemy URL for the registry (default sqlite:///$ASC_HOME/registry.sqlite3).
- ASC_PORT: the app's port (default 8866); ASC_APP_URL: the app's public URL.
- ASC_COMMERCE_URL (+ credentials): use the Adobe Commerce REST API instead of the demo catalog;
  its products are read from a local snapshot under ASC_HOME/catalog-snapshots (Sync catalog).
- ASC_OPERATORS_GROUP: in a JupyterHub, the Hub group whose members may change stores (default
  asc-operators); everyone else signed in reads only (core/people.py).
- ASC_AMAZON=live (+ LWA credentials): use Amazon instead of the local sandbox (default
  sandbox, whose state is $ASC_HOME/amazon-sandbox.json).
- ASC_CATALOG_SEARCH_RATE, ASC_CATALOG_SEARCH_BURST, ASC_CATALOG_CACHE_DAYS: how the Listing
  Preview asks Amazon's catalog (searchCatalogItems: 2 requests per second, burst 2, answers
  reused for 7 days by default).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from asc_widgets.core.catalog import CatalogSource, DemoCatalog
from asc_widgets.core.env_numbers import whole_number
from asc_widgets.core.errors import AscError
from asc_widgets.core.people import operators_group

DEFAULT_PORT = 8866
AMAZON_MODES = ("sandbox", "live")
SANDBOX_STATE_FILE = "amazon-sandbox.json"


class SettingsError(AscError, ValueError):
    """An environment variable with a value the kit does not know."""

    key = "error.settings"

    def __init__(self, name: str, value: str, choices: tuple[str, ...]):
        self.name = name
        super().__init__(None, name=name, value=value, choices=choices)


class SettingNumberError(AscError, ValueError):
    """A numeric setting that is not a number in its range."""

    key = "error.setting_whole"

    def __init__(self, key: str, name: str, value: str, **bounds: object):
        self.name = name
        super().__init__(key, name=name, value=value, **bounds)


@dataclass(frozen=True)
class CatalogSearchSettings:
    """How the Listing Preview asks Amazon's catalog (searchCatalogItems): the pace in
    requests per second and burst (Amazon's documented 2 and 2; lower it if Amazon lowers
    yours), and how many days an answer is reused before asking again."""

    rate: float = 2.0
    burst: int = 2
    cache_days: int = 7

    @property
    def max_age(self) -> timedelta:
        return timedelta(days=self.cache_days)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> CatalogSearchSettings:
        defaults = cls()
        return cls(rate=_positive_number(env, "ASC_CATALOG_SEARCH_RATE", defaults.rate),
                   burst=_whole(env, "ASC_CATALOG_SEARCH_BURST", defaults.burst, low=1),
                   cache_days=_whole(env, "ASC_CATALOG_CACHE_DAYS", defaults.cache_days,
                                     low=0))


def _whole(env: Mapping[str, str], name: str, default: int, *, low: int) -> int:
    text = env.get(name)
    return whole_number(text, default, low=low, refuse=lambda: SettingNumberError(
        "error.setting_whole", name, (text or "").strip(), low=low))


def _positive_number(env: Mapping[str, str], name: str, default: float) -> float:
    text = (env.get(name) or "").strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0 or value != value or value == float("inf"):
        raise SettingNumberError("error.setting_positive", name, text)
    return value


def amazon_mode(value: str | None) -> str:
    """ASC_AMAZON: 'sandbox' (the default) or 'live'."""
    mode = (value or "").strip().lower() or AMAZON_MODES[0]
    if mode not in AMAZON_MODES:
        raise SettingsError("ASC_AMAZON", value or "", AMAZON_MODES)
    return mode


def local_app_url(port: int | str | None) -> str:
    return f"http://127.0.0.1:{port or DEFAULT_PORT}/"


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
    amazon: str = AMAZON_MODES[0]  # ASC_AMAZON: sandbox or live
    operators_group: str = "asc-operators"  # ASC_OPERATORS_GROUP: who may change stores
    catalog_search: CatalogSearchSettings = field(default_factory=CatalogSearchSettings)

    @property
    def sandbox_state(self) -> Path:
        """The local Amazon sandbox's state file (codes, tokens, revocations, its clock)."""
        return self.home / SANDBOX_STATE_FILE

    @property
    def uses_sandbox(self) -> bool:
        return self.amazon == "sandbox"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env.get("ASC_HOME") or default_home()).expanduser().resolve()
        port = int(env.get("ASC_PORT") or DEFAULT_PORT)
        database_url = env.get("ASC_DATABASE_URL") or f"sqlite:///{home / 'registry.sqlite3'}"
        app_url = env.get("ASC_APP_URL") or local_app_url(port)
        return cls(home=home, database_url=database_url, port=port, app_url=app_url,
                   amazon=amazon_mode(env.get("ASC_AMAZON")),
                   operators_group=operators_group(env),
                   catalog_search=CatalogSearchSettings.from_env(env))


def catalog_from_env(environ: Mapping[str, str] | None = None) -> CatalogSource:
    """The Commerce catalog when ASC_COMMERCE_URL is set (products from its local snapshot
    under ASC_HOME, kept fresh by its sync()), else the bundled demo catalog."""
    env = os.environ if environ is None else environ
    if env.get("ASC_COMMERCE_URL"):
        from asc_widgets.core.commerce import SnapshotCatalog

        return SnapshotCatalog.from_env(env)
    return DemoCatalog()
