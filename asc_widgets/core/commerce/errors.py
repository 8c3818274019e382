"""Errors of the Commerce REST client, and Magento's message placeholders filled in.

Every error carries a message key and its parameters, so the app can show it in the user's
language (`error.message("zh-CN")`); str(error) is the English text. Parameters never hold
credentials.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from asc_widgets.core.errors import AscError


class CommerceError(AscError):
    """Any failure of the Commerce client; the key says which."""


class CommerceConfigError(CommerceError, ValueError):
    """The environment does not describe a usable connection."""


class CommerceNetworkError(CommerceError):
    """No answer: connection refused, DNS failure, timeout (after the retries)."""


class CommerceHTTPError(CommerceError):
    """An error answer. status is the HTTP status, magento_message Magento's own message
    with its placeholders filled in."""

    def __init__(self, key: str, *, status: int, path: str, magento_message: str,
                 **params: object):
        self.status = status
        self.path = path
        self.magento_message = magento_message
        super().__init__(key, status=status, path=path, message=magento_message, **params)


class CommerceAuthError(CommerceHTTPError):
    """401: a missing permission or credentials the store does not accept."""


class CommerceResponseError(CommerceError):
    """An answer that is not the JSON expected."""


def fill_placeholders(message: str, parameters: Mapping[str, object] | Sequence[object] | None
                      ) -> str:
    """Magento's Phrase rendering: '%name' from a dict, '%1', '%2'... from a list (or from
    numeric keys counted from 0), longest placeholder first like PHP's strtr."""
    if not parameters or not isinstance(message, str):
        return message if isinstance(message, str) else ""
    if isinstance(parameters, Mapping):
        pairs = {f"%{int(k) + 1 if str(k).isdigit() else k}": v for k, v in parameters.items()}
    elif isinstance(parameters, Sequence) and not isinstance(parameters, str):
        pairs = {f"%{i + 1}": v for i, v in enumerate(parameters)}
    else:
        return message
    pattern = re.compile("|".join(re.escape(p) for p in sorted(pairs, key=len, reverse=True)))
    return pattern.sub(lambda match: _text(pairs[match.group(0)]), message)


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    return "" if value is None else str(value)
