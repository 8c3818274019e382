"""Whole-number settings read from the environment: one rule for every part of the kit."""

from __future__ import annotations

from collections.abc import Callable


def whole_number(text: str | None, default: int, *, low: int, high: int | None = None,
                 refuse: Callable[[], Exception]) -> int:
    """The setting's value: ``default`` when unset or blank; raises ``refuse()`` (the caller's
    error, naming the variable and the fix) when it is not a whole number in [low, high]."""
    text = (text or "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise refuse() from None
    if value < low or (high is not None and value > high):
        raise refuse()
    return value
