"""Charts for analysts (matplotlib, no widgets)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import RENEWAL_WARNING, AuthState, authorization_state, days_left
from asc_widgets.core.status import STATUS_COLOURS
from asc_widgets.core.stores import Store

ROW_INCHES = 0.38  # height per store: names stay readable with one store or twenty
TODAY_COLOUR = "#1473e6"
WARNING_COLOUR = "#ef6c00"


def plain_text(text: str) -> str:
    """User text as matplotlib draws it literally: '$' would otherwise start mathtext, and a
    store name like '$\\foo{$' would break the drawing."""
    return str(text).replace("$", r"\$")


def expiry_timeline(stores: Sequence[Store], now: datetime, *, ax=None, lang: str = "en"):
    """A horizontal bar per connected store from authorization to expiry, coloured by state,
    days left at its end, the start of renewal warnings ticked on it, and today as a line.
    The time axis always spans today; the legend sits outside the bars."""
    import matplotlib.pyplot as plt

    connected = [s for s in stores if s.authorized_at and s.expires_at]
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.6 + ROW_INCHES * max(1, len(connected))),
                             layout="constrained")
    if not connected:
        ax.text(0.5, 0.5, t("plot.expiry.none", lang), ha="center", va="center")
        ax.set_axis_off()
        return ax
    states = _expiry_bars(ax, connected, now, lang)
    _expiry_axes(ax, connected, now)
    ax.set_title(t("plot.expiry.title", lang), loc="left")
    _expiry_legend(ax, states, lang)
    return ax


def _expiry_bars(ax, connected: Sequence[Store], now: datetime, lang: str) -> list[AuthState]:
    """One bar per store with its warning tick and days left, and today's line; returns each
    store's authorization state."""
    import matplotlib.dates as mdates

    states = []
    for row, store in enumerate(connected):
        state = authorization_state(store.status, store.expires_at, now)
        states.append(state)
        ax.barh(row, store.expires_at - store.authorized_at, left=store.authorized_at,
                color=STATUS_COLOURS[state.value], height=0.6)
        ax.vlines(store.expires_at - RENEWAL_WARNING, row - 0.38, row + 0.38,
                  color=WARNING_COLOUR, linewidth=2)
        ax.annotate(t("plot.expiry.days", lang, days=days_left(store.expires_at, now)),
                    (mdates.date2num(store.expires_at), row), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize="small")
    ax.axvline(now, color=TODAY_COLOUR, linewidth=2, zorder=3)
    return states


def _expiry_axes(ax, connected: Sequence[Store], now: datetime) -> None:
    """A time axis spanning every bar and today, stores named top to bottom."""
    import matplotlib.dates as mdates

    start = min(min(s.authorized_at for s in connected), now)
    end = max(max(s.expires_at for s in connected), now)
    margin = max((end - start) * 0.04, timedelta(days=3))
    # Room after the last expiry for the day counts.
    ax.set_xlim(start - margin, end + margin * 3)
    ax.set_ylim(len(connected) - 0.5, -0.5)  # the first store on top
    ax.set_yticks(range(len(connected)), [plain_text(s.name) for s in connected])
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", color="#e5e5e5")
    ax.set_axisbelow(True)


def _expiry_legend(ax, states: list[AuthState], lang: str) -> None:
    """Today, the warning tick and the states shown, outside the bars."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [Line2D([], [], color=TODAY_COLOUR, linewidth=2,
                      label=t("plot.expiry.today", lang)),
               Line2D([], [], color=WARNING_COLOUR, linewidth=2,
                      label=t("plot.expiry.warn", lang))]
    handles += [Patch(color=STATUS_COLOURS[s.value], label=s.label(lang))
                for s in AuthState if s in states]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small",
              frameon=False)




def recommendation_chart(recommendations, *, ax=None, lang: str = "en"):
    """Per ID type, its recommended attribute's coverage and valid coverage (a profile's
    ``recommendations``): each bar names the ID type and the attribute."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import PercentFormatter

    rows = recommendations.reset_index(drop=True)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.4 + 0.45 * max(1, len(rows))), layout="constrained")
    attributes = rows["attribute"].astype(object).where(rows["attribute"].notna(),
                                                        t("plot.rec.none", lang))
    labels = [plain_text(f"{id_type}: {attribute}")
              for id_type, attribute in zip(rows["id_type"], attributes, strict=True)]
    positions = range(len(rows))
    ax.barh([p - 0.2 for p in positions], rows["coverage"].astype(float), height=0.4,
            color="#b3cde8", label=t("plot.rec.coverage", lang))
    ax.barh([p + 0.2 for p in positions], rows["valid_coverage"].astype(float), height=0.4,
            color="#2e7d32", label=t("plot.rec.valid", lang))
    ax.set_yticks(list(positions), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_title(t("plot.rec.title", lang), loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small", frameon=False)
    return ax
