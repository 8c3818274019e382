"""The HTTP transport: a requests Session per retry policy, with urllib3 Retry and timeouts.

- GET (idempotent): urllib3 ``Retry`` repeats network errors, read timeouts and 500/502/503/504
  with exponential backoff.
- Token POSTs: urllib3 never repeats a POST by default, so the policy is explicit. Connection
  failures (nothing was sent) are retried by ``Retry`` for every POST; read timeouts and dropped
  connections only for the refresh (repeating it is harmless), not for the code exchange (the
  single-use code may already be spent). Answers worth another try (5xx, ``server_error``,
  ``temporarily_unavailable``) are retried here, since ``Retry`` cannot read the JSON body.
- 429 is never retried: it maps to RateLimited ("try later").
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.util.retry import Retry

from asc_widgets.core.amazon.errors import AmazonTimeout, AmazonUnavailable, is_retryable_lwa
from asc_widgets.core.amazon.http import (
    IDEMPOTENT,
    POLICIES,
    POST_ONCE_SENT,
    POST_RETRY_READ,
    HttpRequest,
    HttpResponse,
)

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({500, 502, 503, 504})


class RequestsTransport:
    """Sends HttpRequests with requests; reusable and thread-safe enough for one app process."""

    def __init__(self, *, timeout: tuple[float, float] | float = (5.0, 20.0), retries: int = 3,
                 backoff_factor: float = 0.5, backoff_max: float = 10.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.backoff_factor = backoff_factor
        self.backoff_max = backoff_max
        self._sleep = sleep
        self._sessions = {policy: self._session(policy) for policy in POLICIES}

    @classmethod
    def from_settings(cls, settings, **overrides) -> RequestsTransport:
        options = {"timeout": settings.timeout, "retries": settings.retries,
                   "backoff_factor": settings.backoff_factor}
        options.update(overrides)
        return cls(**options)

    def retry_policy(self, policy: str) -> Retry:
        n = self.retries
        common = {"total": n, "connect": n, "redirect": 0, "other": 0,
                  "backoff_factor": self.backoff_factor, "backoff_max": self.backoff_max,
                  "raise_on_status": False, "raise_on_redirect": False,
                  "respect_retry_after_header": True}
        if policy == IDEMPOTENT:
            return Retry(read=n, status=n, status_forcelist=RETRY_STATUSES,
                         allowed_methods=frozenset({"GET", "HEAD"}), **common)
        if policy == POST_RETRY_READ:
            return Retry(read=n, status=0, allowed_methods=frozenset({"POST"}), **common)
        if policy == POST_ONCE_SENT:
            # POST is not in allowed_methods: a read error is raised at once, while connection
            # errors (the request never left) are still retried. (An empty collection would
            # mean "any method" in urllib3 2.)
            return Retry(read=0, status=0, allowed_methods=frozenset({"GET", "HEAD"}), **common)
        raise ValueError(f"unknown retry policy {policy!r}")

    def _session(self, policy: str) -> requests.Session:
        session = requests.Session()
        session.trust_env = True  # proxies from the environment still apply
        adapter = HTTPAdapter(max_retries=self.retry_policy(policy))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        return session

    def close(self) -> None:
        for session in self._sessions.values():
            session.close()

    def __enter__(self) -> RequestsTransport:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def backoff(self, attempt: int, retry_after: str | None = None) -> float:
        delay = min(self.backoff_max, self.backoff_factor * (2 ** (attempt - 1)))
        if retry_after:
            with contextlib.suppress(ValueError):
                delay = max(delay, min(self.backoff_max, float(retry_after)))
        return delay

    def send(self, request: HttpRequest) -> HttpResponse:
        attempt = 0
        while True:
            response = self._send_once(request)
            if (request.method == "POST" and request.api == "lwa" and attempt < self.retries
                    and is_retryable_lwa(response.status, response.json())):
                attempt += 1
                delay = self.backoff(attempt, response.header("Retry-After"))
                log.info("%s %s: HTTP %s, retry %d/%d in %.2fs", request.operation,
                         request.url, response.status, attempt, self.retries, delay)
                self._sleep(delay)
                continue
            return response

    def _send_once(self, request: HttpRequest) -> HttpResponse:
        session = self._sessions[request.policy]
        started = time.monotonic()
        try:
            r = session.request(request.method, request.url, headers=dict(request.headers),
                                data=dict(request.form) if request.form is not None else None,
                                timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            timed_out = _is_timeout(exc)
            log.warning("%s %s failed after %.2fs: %s", request.operation, request.url,
                        time.monotonic() - started,
                        "timeout" if timed_out else type(exc).__name__)
            cls = AmazonTimeout if timed_out else AmazonUnavailable
            raise cls(code="timeout" if timed_out else "network_error",
                      description=type(exc).__name__, operation=request.operation) from exc
        response = HttpResponse(status=r.status_code, headers=dict(r.headers), body=r.content)
        log.info("%s %s -> HTTP %s in %.2fs (request id %s)", request.operation, request.url,
                 r.status_code, time.monotonic() - started, response.request_id)
        return response


def _is_timeout(exc: BaseException) -> bool:
    if isinstance(exc, requests.Timeout):
        return True
    for arg in getattr(exc, "args", ()):
        reason = arg.reason if isinstance(arg, MaxRetryError) else arg
        # NewConnectionError subclasses ConnectTimeoutError in urllib3, yet it is a refusal.
        if isinstance(reason, ReadTimeoutError | ConnectTimeoutError) and not isinstance(
                reason, NewConnectionError):
            return True
    return False
