"""Charts for analysts (matplotlib, no widgets)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import RENEWAL_WARNING, authorization_state
from asc_widgets.core.status import STATUS_COLOURS
from asc_widgets.core.stores import Store


def expiry_timeline(stores: Sequence[Store], now: datetime, *, ax=None, lang: str = "en"):
    """A horizontal bar per connected store from authorization to expiry, coloured by state."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1 + 0.5 * max(1, len(stores))))
    connected = [s for s in stores if s.authorized_at and s.expires_at]
    if not connected:
        ax.text(0.5, 0.5, t("plot.expiry.none", lang), ha="center", va="center")
        ax.set_axis_off()
        return ax
    for row, store in enumerate(connected):
        state = authorization_state(store.status, store.expires_at, now)
        ax.barh(row, store.expires_at - store.authorized_at, left=store.authorized_at,
                color=STATUS_COLOURS[state.value], height=0.5)
        ax.axvline(store.expires_at - RENEWAL_WARNING, color="#ef6c00", linestyle=":",
                   linewidth=1, label=t("plot.expiry.warn", lang) if row == 0 else None)
    ax.axvline(now, color="black", linewidth=1, label=t("plot.expiry.today", lang))
    ax.set_yticks(range(len(connected)), [s.name for s in connected])
    ax.set_title(t("plot.expiry.title", lang))
    ax.legend(loc="lower right", fontsize="small")
    return ax
