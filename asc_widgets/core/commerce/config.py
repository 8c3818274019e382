"""Connection settings for the Commerce REST API, from the environment or given directly.

- ASC_COMMERCE_URL: the store's base URL (https://shop.example.com; a trailing /rest,
  /rest/V1 or /rest/<store code>/V1 is accepted and dropped, the store code kept).
- ASC_COMMERCE_TOKEN: an integration access token, sent as a bearer token; or
  ASC_COMMERCE_CONSUMER_KEY, ASC_COMMERCE_CONSUMER_SECRET, ASC_COMMERCE_ACCESS_TOKEN and
  ASC_COMMERCE_ACCESS_TOKEN_SECRET: the integration's four credentials, for OAuth 1.0a
  (used whenever any of the four is set, as it works whatever the bearer setting).
- ASC_COMMERCE_STORE_CODE (optional): read values of that store view (/rest/<code>/V1).
- ASC_COMMERCE_PAGE_SIZE (optional, default 200): products per request.
- ASC_COMMERCE_WORKERS (optional, default 1): requests in flight while paging.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from asc_widgets.core.commerce.auth import BearerToken, Credentials, OAuth1Credentials
from asc_widgets.core.commerce.errors import CommerceConfigError
from asc_widgets.core.env_numbers import whole_number
from asc_widgets.core.messages.commerce import OAUTH_VARIABLES

DEFAULT_PAGE_SIZE = 200
# Pages read at most from a list that gives no total_count (200 x 10,000 = 2 million items).
DEFAULT_MAX_PAGES = 10_000
MAX_PAGE_SIZE = 1000  # the store may cap it lower (input limits: 300); the client adapts
_REST_SUFFIX = re.compile(r"(/rest(/[^/]+)?/V1|/rest)?/*$", re.IGNORECASE)


@dataclass(frozen=True)
class CommerceConfig:
    base_url: str
    credentials: Credentials = field(repr=False)
    store_code: str | None = None
    page_size: int = DEFAULT_PAGE_SIZE
    workers: int = 1
    max_pages: int = DEFAULT_MAX_PAGES
    timeout: tuple[float, float] = (10.0, 60.0)  # (connect, read) seconds
    retries: int = 4
    backoff: float = 0.5  # seconds; doubles with each retry
    retry_after_max: int = 60  # never wait longer than this for a Retry-After header

    def __post_init__(self) -> None:
        base_url, url_store_code = split_base_url(self.base_url)
        object.__setattr__(self, "base_url", base_url)
        if not self.store_code and url_store_code:
            object.__setattr__(self, "store_code", url_store_code)

    @property
    def auth_kind(self) -> str:
        return self.credentials.kind

    def rest_url(self, path: str) -> str:
        """The URL of a V1 endpoint path such as 'products' or 'store/websites'."""
        scope = f"/{quote(self.store_code, safe='')}" if self.store_code else ""
        return f"{self.base_url}/rest{scope}/V1/{path.lstrip('/')}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object
                 ) -> CommerceConfig:
        env = os.environ if environ is None else environ
        url = (env.get("ASC_COMMERCE_URL") or "").strip()
        if not url:
            raise CommerceConfigError("commerce.config.missing_url")
        settings: dict[str, object] = {
            "base_url": url,
            "credentials": _credentials(env),
            "store_code": (env.get("ASC_COMMERCE_STORE_CODE") or "").strip() or None,
            "page_size": _number(env, "ASC_COMMERCE_PAGE_SIZE", DEFAULT_PAGE_SIZE,
                                 1, MAX_PAGE_SIZE),
            "workers": _number(env, "ASC_COMMERCE_WORKERS", 1, 1, 16),
            "max_pages": _number(env, "ASC_COMMERCE_MAX_PAGES", DEFAULT_MAX_PAGES, 1,
                                 10_000_000),
        }
        settings.update(overrides)
        return cls(**settings)  # type: ignore[arg-type]


def split_base_url(url: str) -> tuple[str, str | None]:
    """The store's base URL without any /rest[/<store code>]/V1 suffix, and that store code."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommerceConfigError("commerce.config.bad_url", value=url)
    match = _REST_SUFFIX.search(url)
    store_code = match.group(2)[1:] if match and match.group(2) else None
    return url[:match.start()] if match else url, store_code


def _credentials(env: Mapping[str, str]) -> Credentials:
    oauth = {name: (env.get(name) or "").strip() for name in OAUTH_VARIABLES}
    if any(oauth.values()):
        missing = [name for name, value in oauth.items() if not value]
        if missing:
            raise CommerceConfigError("commerce.config.missing_oauth",
                                      variables=", ".join(missing))
        return OAuth1Credentials(*oauth.values())
    token = (env.get("ASC_COMMERCE_TOKEN") or "").strip()
    if not token:
        raise CommerceConfigError("commerce.config.missing_credentials")
    return BearerToken(token)


def _number(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    text = env.get(name)
    return whole_number(text, default, low=low, high=high, refuse=lambda: CommerceConfigError(
        "commerce.config.bad_number", variable=name, low=low, high=high,
        value=(text or "").strip()))
