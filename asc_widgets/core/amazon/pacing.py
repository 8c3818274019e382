"""A token bucket that paces calls to Amazon's documented rate (requests/s, burst).

Amazon's own limiter is a token bucket too; pacing ourselves to it means 429s are rare and
the rate limit, not the kit, sets the speed. Start it with one token (``initial=1``) and
Amazon's other burst token stays spare: requests then leave on a fixed grid, a late one lets
the next catch up (the bucket holds the lost time), and network jitter that brings two
requests closer together than they left finds that spare token instead of a 429.
``follow(limit)`` adopts a lower rate Amazon
announces in ``x-amzn-RateLimit-Limit``; ``throttled()`` empties the bucket after a 429.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Cancelled(Exception):
    """The wait was cancelled (the caller's cancel event was set)."""


class TokenBucket:
    def __init__(self, rate: float, burst: int, *, initial: float | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.configured_rate = float(rate)
        self.rate = float(rate)
        self.burst = float(burst)
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(burst if initial is None else min(initial, burst))
        self._at = clock()
        self._lock = threading.Lock()

    def _fill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._at) * self.rate)
        self._at = now

    def acquire(self, cancel: threading.Event | None = None) -> float:
        """Take one token, waiting as long as needed; returns the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                self._fill()
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return waited
                delay = (1.0 - self._tokens) / self.rate
            waited += delay
            if cancel is not None:
                if cancel.wait(delay):
                    raise Cancelled()
            else:
                self._sleep(delay)

    def follow(self, limit: float | None) -> None:
        """Use Amazon's announced rate when it is below ours (never above the configured)."""
        if limit is None or limit <= 0:
            return
        with self._lock:
            self._fill()
            self.rate = min(self.configured_rate, float(limit))

    def throttled(self) -> None:
        """After a 429: start from an empty bucket, so the next call waits a full interval."""
        with self._lock:
            self._fill()
            self._tokens = min(self._tokens, 0.0)
