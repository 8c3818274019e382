"""The HTTP session: pooled keep-alive connections, retries with backoff by urllib3."""

from __future__ import annotations

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

# Proxies and load balancers in front of Commerce answer these when busy; worth retrying.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
USER_AGENT = "asc-onboarding (Amazon Sales Channel onboarding kit)"


def build_session(*, retries: int, backoff: float, pool_size: int = 4,
                  retry_after_max: int = 60) -> requests.Session:
    """A Session whose adapter retries connection errors, read errors and RETRY_STATUSES
    (honouring Retry-After up to retry_after_max seconds), waiting backoff * 2**n between
    attempts. Only GET is retried: the client never writes."""
    retry = Retry(
        total=retries, connect=retries, read=retries, status=retries, other=0,
        backoff_factor=backoff, backoff_max=max(backoff * 2 ** retries, backoff),
        status_forcelist=RETRY_STATUSES, allowed_methods=frozenset({"GET"}),
        respect_retry_after_header=True, retry_after_max=retry_after_max,
        raise_on_status=False,  # hand back the last answer so its message can be shown
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=1, pool_maxsize=pool_size)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers.update({"Accept": "application/json", "User-Agent": USER_AGENT})
    return session
