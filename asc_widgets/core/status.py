"""Status tables as pandas DataFrames: stores, and their authorizations, plus styled forms.

Times are UTC inside the kit and shown in local time (or the zone asked for).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads with the first table, not when the app opens
    import pandas as pd
    from pandas.io.formats.style import Styler

from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import AuthState, StoreStatus, authorization_state, days_left
from asc_widgets.core.stores import Store

# Status colours for the styled tables, the cards' dots and the dashboard (one palette).
STATUS_COLOURS = {
    "not_connected": "#8a8a8a",
    "active": "#2e7d32",
    "inactive": "#6d6d6d",
    "expiring": "#ef6c00",
    "expired": "#c62828",
    "revoked": "#c62828",
    "error": "#c62828",
}


def local_zone() -> tzinfo:
    return datetime.now().astimezone().tzinfo


def _local(value: datetime | None, zone: tzinfo) -> pd.Timestamp:
    import pandas as pd

    return pd.NaT if value is None else pd.Timestamp(value).tz_convert(zone)


def stores_table(stores: Sequence[Store], *, lang: str = "en", zone: tzinfo | None = None
                 ) -> pd.DataFrame:
    """name, website, marketplace, status, created, updated: one row per store."""
    import pandas as pd

    zone = zone or local_zone()
    rows = [{
        "name": s.name,
        "website": s.website,
        "marketplace": t(f"market.{s.marketplace}", lang),
        "status": s.status.label(lang),
        "created": _local(s.created_at, zone),
        "updated": _local(s.updated_at, zone),
    } for s in stores]
    columns = ["name", "website", "marketplace", "status", "created", "updated"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.rename(columns={c: t(f"col.{c}", lang) for c in columns})


def authorizations_table(stores: Sequence[Store], now: datetime, *, lang: str = "en",
                         zone: tzinfo | None = None) -> pd.DataFrame:
    """store, seller id, authorized at, expires at, days left, state: one row per store."""
    import pandas as pd

    zone = zone or local_zone()
    rows = []
    for s in stores:
        state = authorization_state(s.status, s.expires_at, now)
        rows.append({
            "store": s.name,
            "seller_id": s.seller_id or "",
            "authorized_at": _local(s.authorized_at, zone),
            "expires_at": _local(s.expires_at, zone),
            "days_left": days_left(s.expires_at, now) if s.seller_id else None,
            "state": state.label(lang),
        })
    columns = ["store", "seller_id", "authorized_at", "expires_at", "days_left", "state"]
    frame = pd.DataFrame(rows, columns=columns).astype({"days_left": "Int64"})
    return frame.rename(columns={c: t(f"col.{c}", lang) for c in columns})


def _colour_by_label(labels: dict[str, str]):
    def colour(value: object) -> str:
        key = labels.get(str(value))
        return f"color: {STATUS_COLOURS[key]}; font-weight: 600" if key else ""
    return colour


def style_table(frame: pd.DataFrame, *, lang: str = "en") -> Styler:
    """The table with status and state cells coloured, times formatted, ids hidden."""
    labels = {m.label(lang): m.value for m in (*StoreStatus, *AuthState)}
    status_names = (t("col.status", lang), t("col.state", lang))
    status_columns = [c for c in frame.columns if c in status_names]
    time_columns = [c for c in frame.columns if str(frame[c].dtype).startswith("datetime")]
    return (frame.style.hide(axis="index")
            .map(_colour_by_label(labels), subset=status_columns)
            .format("{:%Y-%m-%d %H:%M}", subset=time_columns, na_rep="")
            # Store names are user text: escape them, the table is rendered as HTML.
            .format(na_rep="", escape="html",
                    subset=[c for c in frame.columns if c not in time_columns]))


def export_status(stores: Sequence[Store], now: datetime, folder, *, lang: str = "en",
                  zone: tzinfo | None = None) -> dict[str, Path]:
    """Write both tables as CSV files and as one Excel workbook (a sheet each) in folder.

    Excel has no time zones: its times are the local wall-clock times shown in the app.
    """
    import pandas as pd

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"stores": stores_table(stores, lang=lang, zone=zone),
              "authorizations": authorizations_table(stores, now, lang=lang, zone=zone)}
    paths = {}
    for name, table in tables.items():
        paths[name] = folder / f"{name}.csv"
        table.to_csv(paths[name], index=False)
    paths["excel"] = folder / "status.xlsx"
    with pd.ExcelWriter(paths["excel"], engine="openpyxl") as workbook:
        for name, table in tables.items():
            naive = table.apply(lambda c: c.dt.tz_localize(None)
                                if isinstance(c.dtype, pd.DatetimeTZDtype) else c)
            naive.to_excel(workbook, sheet_name=name, index=False)
    return paths
