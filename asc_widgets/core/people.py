"""Who acts, and whether they may change stores.

In a JupyterHub the person is the Hub's (``JUPYTERHUB_USER``) and their groups come from the
Hub API (``GET $JUPYTERHUB_API_URL/users/<name>`` with ``JUPYTERHUB_API_TOKEN``); members of
the operators group (``ASC_OPERATORS_GROUP``, default ``asc-operators``) may change stores,
everyone else reads. Outside a hub (``make app``, notebooks, scripts) the person is the
operating-system user (or ``ASC_USER``) and is an operator.

The Registry takes the acting person and refuses a viewer's every write (NotPermitted): the
rule lives here and in the Registry, the widgets only show it.
"""

from __future__ import annotations

import getpass
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote

from asc_widgets.core.errors import AscError

DEFAULT_OPERATORS_GROUP = "asc-operators"
HUB_TIMEOUT_SECONDS = 5

log = logging.getLogger("asc_widgets.people")


class NotPermitted(AscError, PermissionError):
    """A viewer asked for a change only operators may make; nothing was changed."""

    key = "error.not_permitted"

    def __init__(self, person: str, group: str):
        self.person, self.group = person, group
        super().__init__(None, person=person, group=group)


@dataclass(frozen=True)
class Person:
    """The acting person: a name (what the event log records), their groups, and whether
    they may change stores (``operator``)."""

    name: str
    groups: frozenset[str] = field(default_factory=frozenset)
    operator: bool = True
    operators_group: str = DEFAULT_OPERATORS_GROUP

    def read_only_reason(self, lang: str = "en") -> str | None:
        """Why this person cannot change stores (None for an operator), in lang."""
        if self.operator:
            return None
        from asc_widgets.core.i18n import t

        return t("role.read_only", lang, person=self.name, group=self.operators_group)

    def require_operator(self) -> None:
        """Raise NotPermitted unless this person may change stores."""
        if not self.operator:
            raise NotPermitted(self.name, self.operators_group)


def os_user(environ: Mapping[str, str] | None = None) -> str:
    """ASC_USER, else the operating-system user."""
    env = os.environ if environ is None else environ
    try:
        return env.get("ASC_USER") or getpass.getuser()
    except OSError:
        return "unknown"


def operators_group(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return (env.get("ASC_OPERATORS_GROUP") or "").strip() or DEFAULT_OPERATORS_GROUP


def hub_groups(name: str, environ: Mapping[str, str]) -> frozenset[str]:
    """The person's groups as the Hub knows them. A Hub that cannot be asked (down, or the
    server's token lacks the read:users:groups scope) yields no groups: read-only, logged."""
    import requests

    api = environ.get("JUPYTERHUB_API_URL", "").rstrip("/")
    token = environ.get("JUPYTERHUB_API_TOKEN", "")
    if not api or not token:
        log.warning("JUPYTERHUB_API_URL or JUPYTERHUB_API_TOKEN missing: %s reads only", name)
        return frozenset()
    try:
        answer = requests.get(f"{api}/users/{quote(name, safe='')}",
                              headers={"Authorization": f"token {token}"},
                              timeout=HUB_TIMEOUT_SECONDS)
        answer.raise_for_status()
        return frozenset(answer.json().get("groups") or ())
    except (requests.RequestException, ValueError) as exc:
        log.warning("The Hub did not say %s's groups (%s): %s reads only", name, exc, name)
        return frozenset()


def acting_person(environ: Mapping[str, str] | None = None, *,
                  group: str | None = None) -> Person:
    """The person this process acts for (see the module's docstring)."""
    env = os.environ if environ is None else environ
    group = group or operators_group(env)
    hub_user = env.get("JUPYTERHUB_USER")
    if not hub_user:
        return Person(os_user(env), operator=True, operators_group=group)
    groups = hub_groups(hub_user, env)
    return Person(hub_user, groups, operator=group in groups, operators_group=group)
