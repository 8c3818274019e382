"""Status tables as pandas DataFrames: stores, and their authorizations, plus styled forms.

Times are UTC inside the kit and shown in local time (or the zone asked for).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads with the first table, not when the app opens
    import pandas as pd
    from pandas.io.formats.style import Styler

from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import AuthState, StoreStatus, authorization_state, days_left
from asc_widgets.core.registry.checks import CheckRun, StoreCheck
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
                         zone: tzinfo | None = None,
                         checks: Mapping[int, StoreCheck] | None = None) -> pd.DataFrame:
    """store, seller id, authorized at, expires at, days left, state: one row per store; with
    checks (CheckLog.checks()), also when each store was last checked."""
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
        if checks is not None:
            check = checks.get(s.id)
            rows[-1]["last_checked"] = _local(check.checked_at if check else None, zone)
    columns = ["store", "seller_id", "authorized_at", "expires_at", "days_left", "state"]
    if checks is not None:
        columns.append("last_checked")
    frame = pd.DataFrame(rows, columns=columns).astype({"days_left": "Int64"})
    return frame.rename(columns={c: t(f"col.{c}", lang) for c in columns})


def unattended_check_text(run: CheckRun | None, check: StoreCheck | None, *,
                          lang: str = "en", zone: tzinfo | None = None) -> str:
    """What the dashboard says about the scheduled check: this store's latest result and the
    latest run's findings."""
    zone = zone or local_zone()

    def when(value: datetime) -> str:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    if run is None:
        return t("check.last_run.none", lang)
    parts = []
    if check is not None:
        parts.append(t("check.store_last", lang, at=when(check.checked_at),
                       result=t(f"check.result.{check.result}", lang)))
    parts.append(t("check.last_run", lang, at=when(run.finished_at or run.started_at),
                   checked=run.summary.get("checked", 0),
                   problems=len(run.summary.get("problems", []))))
    return " ".join(parts)


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


# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, prefixed with ' so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _text_cells_only(table: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return table.apply(lambda column: column.map(neutralise_formula)
                       if pd.api.types.is_object_dtype(column)
                       or pd.api.types.is_string_dtype(column) else column)


def export_status(stores: Sequence[Store], now: datetime, folder, *, lang: str = "en",
                  zone: tzinfo | None = None,
                  checks: Mapping[int, StoreCheck] | None = None) -> dict[str, Path]:
    """Write both tables as CSV files and as one Excel workbook (a sheet each) in folder.

    Excel has no time zones: its times are the local wall-clock times shown in the app.
    User text that a spreadsheet would take for a formula is written as text: prefixed with '
    in the CSV files, stored as a text cell in the workbook.
    """
    import pandas as pd

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = {"stores": stores_table(stores, lang=lang, zone=zone),
              "authorizations": authorizations_table(stores, now, lang=lang, zone=zone,
                                                     checks=checks)}
    paths = {}
    for name, table in tables.items():
        paths[name] = folder / f"{name}.csv"
        _text_cells_only(table).to_csv(paths[name], index=False)
    paths["excel"] = folder / "status.xlsx"
    with pd.ExcelWriter(paths["excel"], engine="openpyxl") as workbook:
        for name, table in tables.items():
            naive = table.apply(lambda c: c.dt.tz_localize(None)
                                if isinstance(c.dtype, pd.DatetimeTZDtype) else c)
            naive.to_excel(workbook, sheet_name=name, index=False)
            # openpyxl stores any text starting with '=' as a formula; the tables hold data
            # only, so every such cell is text.
            for row in workbook.sheets[name].iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        cell.data_type = "s"
    return paths
