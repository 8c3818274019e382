"""What the app's components share: the language and the current store, as traitlets that
components observe (the way ipywidgets link widgets), and the registry of lazily built parts.

``Parts`` maps a name to a function building a component; a part is built on first use and
from then on follows the shared language (its ``set_language`` observes ``state.lang``), so
adding a part or a view to the app is one entry, not one more line in every fan-out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import traitlets

from asc_widgets.core.i18n import DEFAULT_LANGUAGE, normalize_language


class AppState(traitlets.HasTraits):
    """The language every component speaks and the store the dashboard shows."""

    lang = traitlets.Unicode(DEFAULT_LANGUAGE)
    store_id = traitlets.Int(None, allow_none=True)

    @traitlets.validate("lang")
    def _normalized(self, proposal) -> str:
        return normalize_language(proposal["value"])


def follow_language(state: AppState, part: Any) -> None:
    """Let part's set_language follow state.lang from now on."""
    state.observe(lambda change: part.set_language(change["new"]), names="lang")


class Parts:
    """name -> component, each built when first asked for and then following the language."""

    def __init__(self, state: AppState, builders: Mapping[str, Callable[[], Any]]):
        self.state = state
        self._builders = dict(builders)
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            part = self._builders[name]()
            self._built[name] = part
            follow_language(self.state, part)
        return self._built[name]

    def built(self, name: str) -> Any | None:
        """The part when it has been built, else None (nothing is built by asking)."""
        return self._built.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._builders)
