"""Where Amazon is and who the app is: the sandbox by default, Amazon with ASC_AMAZON=live.

Environment (read when asked, never at import time; ASC_AMAZON and the app's URL are parsed by
core/config.py, the one reader of the kit's general settings):
- ASC_AMAZON: ``sandbox`` (default: the local sandbox served at ``{app_url}amazon-sandbox/``,
  or at ASC_SANDBOX_URL) or ``live``.
- Live mode needs ASC_LWA_CLIENT_ID, ASC_LWA_CLIENT_SECRET, ASC_SPAPI_APP_ID, ASC_REDIRECT_URI
  and ASC_SPAPI_DRAFT (true while the app is a draft: consent URLs then carry version=beta).
  In sandbox mode they are optional and default to the sandbox's demo app.
- Overrides (both modes): ASC_LWA_TOKEN_URL; ASC_SPAPI_ENDPOINT (every region) or
  ASC_SPAPI_ENDPOINT_NA / _EU / _FE; ASC_SELLER_CENTRAL_URL (every marketplace) or
  ASC_SELLER_CENTRAL_URL_US / _CA / _MX / _UK; ASC_AMAZON_TIMEOUT (seconds to wait for an
  answer, default 20); ASC_AMAZON_RETRIES (default 3).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit, urlunsplit

from asc_widgets import __version__
from asc_widgets.core.amazon.errors import AmazonConfigError
from asc_widgets.core.config import Settings, SettingsError, amazon_mode
from asc_widgets.core.marketplaces import (
    MARKETPLACES,
    SPAPI_ENDPOINTS,
    Marketplace,
    get_marketplace,
)
from asc_widgets.core.secrets import SecretStr

LWA_TOKEN_URL = "https://api.amazon.com/auth/o2/token"

# The sandbox's demo app (asc_widgets.sandbox uses the same values by default).
SANDBOX_PREFIX = "/amazon-sandbox"
SANDBOX_CLIENT_ID = "amzn1.application-oa2-client.sandbox"
SANDBOX_CLIENT_SECRET = "amzn1.oa2-cs.v1.sandbox-demo-secret-0000000000000000"
SANDBOX_APP_ID = "amzn1.sellerapps.app.5a4db0c0-ffee-4e3b-9c1f-0123456789ab"

APP_ID_PATTERN = re.compile(
    r"^amzn1\.(sellerapps\.app|sp\.solution)\."
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class SandboxURLs:
    """The sandbox's URL layout under one root: one server plays every Amazon host."""

    root: str  # ends with "/", e.g. http://127.0.0.1:8866/amazon-sandbox/

    def seller_central(self, marketplace: str | Marketplace) -> str:
        code = marketplace.code if isinstance(marketplace, Marketplace) else \
            get_marketplace(marketplace).code
        return f"{self.root}sellercentral/{code}"

    def consent(self, marketplace: str | Marketplace) -> str:
        return f"{self.seller_central(marketplace)}/apps/authorize/consent"

    @property
    def token_url(self) -> str:
        return f"{self.root}auth/o2/token"

    def spapi(self, region: str) -> str:
        return f"{self.root}spapi/{region.lower()}"

    @property
    def control(self) -> str:
        return f"{self.root}_control"


def sandbox_urls(server_root: str, prefix: str = SANDBOX_PREFIX) -> SandboxURLs:
    """The sandbox URLs for a server root (``http://127.0.0.1:8866/``) and the mount prefix."""
    root = server_root.rstrip("/") + "/" + prefix.strip("/")
    return SandboxURLs(root=root.rstrip("/") + "/")


@dataclass(frozen=True)
class AmazonSettings:
    mode: str  # "sandbox" or "live"
    client_id: str
    client_secret: SecretStr = field(repr=False)
    app_id: str
    redirect_uri: str | None
    draft: bool
    token_url: str
    spapi_endpoints: Mapping[str, str]  # region -> base URL
    seller_central_urls: Mapping[str, str]  # marketplace code -> base URL
    timeout: tuple[float, float] = (5.0, 20.0)  # (connect, read) seconds
    retries: int = 3
    backoff_factor: float = 0.5
    user_agent: str = f"asc-onboarding/{__version__} (Language=Python)"

    def __post_init__(self):
        if not isinstance(self.client_secret, SecretStr):
            object.__setattr__(self, "client_secret", SecretStr(self.client_secret))

    def seller_central_url(self, marketplace: str | Marketplace) -> str:
        mp = marketplace if isinstance(marketplace, Marketplace) else get_marketplace(marketplace)
        return self.seller_central_urls.get(mp.code) or mp.seller_central_url

    def spapi_endpoint(self, region_or_marketplace: str | Marketplace) -> str:
        region = _region_of(region_or_marketplace)
        try:
            return self.spapi_endpoints[region]
        except KeyError:
            raise AmazonConfigError(f"ASC_SPAPI_ENDPOINT_{region}",
                                    f"no SP-API endpoint for region {region}") from None

    def with_(self, **changes) -> AmazonSettings:
        return replace(self, **changes)

    @classmethod
    def sandbox(cls, app_url: str, sandbox_root: str | None = None, **changes) -> AmazonSettings:
        """Settings for the sandbox mounted on the app's server (or served at sandbox_root)."""
        env = {"ASC_AMAZON": "sandbox"}
        if sandbox_root:
            env["ASC_SANDBOX_URL"] = sandbox_root
        settings = cls.from_env(env, app_url)
        return settings.with_(**changes) if changes else settings

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None,
                 app_url: str | None = None) -> AmazonSettings:
        """The settings ASC_AMAZON and the variables above describe; app_url: the app's own
        URL (default ASC_APP_URL, else the local app's)."""
        environ = os.environ if env is None else env
        get = _reader(environ)
        try:
            mode = amazon_mode(get("ASC_AMAZON"))
        except SettingsError:
            raise AmazonConfigError("ASC_AMAZON", "use 'sandbox' or 'live'") from None
        app_url = app_url or Settings.from_env(environ).app_url
        if not urlsplit(app_url).query and not app_url.endswith("/"):
            app_url += "/"
        base = _live_defaults(get) if mode == "live" else _sandbox_defaults(get, app_url)
        settings = cls(mode=mode, **_with_overrides(get, base))
        _check(settings)
        return settings


def _reader(environ: Mapping[str, str]):
    def get(name: str) -> str | None:
        value = environ.get(name)
        return value.strip() if value and value.strip() else None
    return get


def _live_defaults(get) -> dict:
    required = ["ASC_LWA_CLIENT_ID", "ASC_LWA_CLIENT_SECRET", "ASC_SPAPI_APP_ID",
                "ASC_REDIRECT_URI", "ASC_SPAPI_DRAFT"]
    missing = [name for name in required if not get(name)]
    if missing:
        raise AmazonConfigError(missing, "ASC_AMAZON=live needs these variables")
    return {"token_url": LWA_TOKEN_URL, "spapi_endpoints": dict(SPAPI_ENDPOINTS),
            "seller_central_urls": {c: m.seller_central_url for c, m in MARKETPLACES.items()},
            "client_id": "", "client_secret": "", "app_id": "", "redirect_uri": None,
            "draft": False}


def _sandbox_defaults(get, app_url: str) -> dict:
    """The sandbox mounted on the app's server root (no query), or at ASC_SANDBOX_URL."""
    parts = urlsplit(app_url)
    app_root = urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
    urls = (SandboxURLs(get("ASC_SANDBOX_URL").rstrip("/") + "/") if get("ASC_SANDBOX_URL")
            else sandbox_urls(app_root))
    return {"token_url": urls.token_url,
            "spapi_endpoints": {region: urls.spapi(region) for region in SPAPI_ENDPOINTS},
            "seller_central_urls": {code: urls.seller_central(code) for code in MARKETPLACES},
            "client_id": SANDBOX_CLIENT_ID, "client_secret": SANDBOX_CLIENT_SECRET,
            "app_id": SANDBOX_APP_ID, "redirect_uri": app_url, "draft": True}


def _with_overrides(get, base: dict) -> dict:
    """The mode's defaults with the variables that override them in either mode."""
    values = dict(base)
    for name, variable in (("client_id", "ASC_LWA_CLIENT_ID"),
                           ("client_secret", "ASC_LWA_CLIENT_SECRET"),
                           ("app_id", "ASC_SPAPI_APP_ID"), ("redirect_uri", "ASC_REDIRECT_URI"),
                           ("token_url", "ASC_LWA_TOKEN_URL")):
        values[name] = get(variable) or values[name]
    if get("ASC_SPAPI_DRAFT"):
        values["draft"] = _parse_bool("ASC_SPAPI_DRAFT", get("ASC_SPAPI_DRAFT"))
    spapi = values["spapi_endpoints"]
    for region in spapi:
        spapi[region] = (get(f"ASC_SPAPI_ENDPOINT_{region}") or get("ASC_SPAPI_ENDPOINT")
                         or spapi[region])
    central = values["seller_central_urls"]
    for code in central:
        named = (get(f"ASC_SELLER_CENTRAL_URL_{c}") for c in MARKETPLACES[code].codes)
        central[code] = next((url for url in named if url),
                             get("ASC_SELLER_CENTRAL_URL") or central[code])
    values["spapi_endpoints"] = {r: u.rstrip("/") for r, u in spapi.items()}
    values["seller_central_urls"] = {c: u.rstrip("/") for c, u in central.items()}
    read_timeout = _parse_float("ASC_AMAZON_TIMEOUT", get("ASC_AMAZON_TIMEOUT"), 20.0)
    values["timeout"] = (min(5.0, read_timeout), read_timeout)
    values["retries"] = max(0, int(_parse_float("ASC_AMAZON_RETRIES",
                                                get("ASC_AMAZON_RETRIES"), 3)))
    values["client_secret"] = SecretStr(values["client_secret"])
    return values


def _check(settings: AmazonSettings) -> None:
    if not APP_ID_PATTERN.match(settings.app_id):
        raise AmazonConfigError(
            "ASC_SPAPI_APP_ID",
            "expected amzn1.sellerapps.app.<uuid> or amzn1.sp.solution.<uuid>")
    if settings.redirect_uri:
        _check_url("ASC_REDIRECT_URI", settings.redirect_uri)
        if "#" in settings.redirect_uri:
            raise AmazonConfigError("ASC_REDIRECT_URI", "a redirect URI has no #fragment")
    _check_url("ASC_LWA_TOKEN_URL", settings.token_url)
    for region, url in settings.spapi_endpoints.items():
        _check_url(f"ASC_SPAPI_ENDPOINT_{region}", url)
    for code, url in settings.seller_central_urls.items():
        _check_url(f"ASC_SELLER_CENTRAL_URL_{code}", url)


def _region_of(value: str | Marketplace) -> str:
    if isinstance(value, Marketplace):
        return value.region
    key = value.strip().upper()
    if key in SPAPI_ENDPOINTS:
        return key
    return get_marketplace(key).region


def _parse_bool(name: str, value: str) -> bool:
    low = value.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise AmazonConfigError(name, "use true or false")


def _parse_float(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise AmazonConfigError(name, "expected a number") from None
    if number < 0:
        raise AmazonConfigError(name, "expected a positive number")
    return number


def _check_url(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AmazonConfigError(name, "expected an absolute http(s) URL")
