"""What the analysts' notebooks use: one object holding the configured kit, so each cell stays a
line or two. Everything here is a thin call into core (or, for widgets, asc_widgets.widgets)."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from asc_widgets.core import (
    CatalogSource,
    Registry,
    Settings,
    authorizations_table,
    catalog_from_env,
    stores_table,
    style_table,
)
from asc_widgets.core.bulk import BulkReport, bulk_add
from asc_widgets.core.i18n import add_catalog, t
from asc_widgets.core.registry import CheckLog
from asc_widgets.core.status import export_status
from asc_widgets.core.stores import Store, StoreDraft
from asc_widgets.notebook_amazon import AmazonTools
from asc_widgets.notebook_listing import ListingTools

# The kit's own texts join the catalog here, once.
KIT_MESSAGES = {
    "kit.valid": {"en": "Valid: every field passes.", "zh-CN": "有效：所有字段均通过检查。"},
    "kit.col.field": {"en": "field", "zh-CN": "字段"},
    "kit.col.message": {"en": "message", "zh-CN": "信息"},
    "kit.already_connected": {
        "en": "'{name}' is already connected (seller {seller_id}): nothing to do. To renew its "
              "authorization, use the renewal cell of notebook 5.",
        "zh-CN": "“{name}”已连接（卖家 {seller_id}）：无需操作。如需续订授权，"
                 "请使用第 5 个 Notebook 中的续订单元格。"},
    "kit.no_flow": {
        "en": "The connect panel of '{name}' has no open link (it was closed or used): run the "
              "connect panel's cell again first.",
        "zh-CN": "“{name}”的连接面板没有可用的链接（已关闭或已使用）："
                 "请先重新运行连接面板所在的单元格。"},
    "kit.no_store": {
        "en": "No store named '{name}'. The stores: {names}.",
        "zh-CN": "没有名为“{name}”的商店。现有商店：{names}。"},
    "kit.none_connected": {
        "en": "No store is connected yet: connect one first (notebook 4).",
        "zh-CN": "尚无已连接的商店：请先连接一个商店（第 4 个 Notebook）。"},
    "kit.exported": {"en": "Exported to {folder}:", "zh-CN": "已导出到 {folder}："},
    "kit.demo_skipped": {
        "en": "Skipped: follow the browser flow above (set DEMO_SELLER = True to let the "
              "sandbox's demo seller consent instead).",
        "zh-CN": "已跳过：请按照上方的浏览器流程操作（如需改由沙盒的演示卖家授权，"
                 "请设置 DEMO_SELLER = True）。"},
}
add_catalog(KIT_MESSAGES)


@dataclass
class Kit(AmazonTools, ListingTools):
    settings: Settings
    registry: Registry
    catalog: CatalogSource
    lang: str = "en"
    environ: Mapping[str, str] = field(default_factory=dict, repr=False)
    _connector: object = field(default=None, repr=False)
    _sandbox: object = field(default=None, repr=False)

    def __repr__(self) -> str:
        source = type(self.catalog).__name__
        return (f"Kit(home={str(self.settings.home)!r}, registry={self.registry.engine.url!r}, "
                f"catalog={source}, stores={len(self.registry.list_stores())})")

    # ---- catalog --------------------------------------------------------------------------
    def websites(self) -> pd.DataFrame:
        return pd.DataFrame([{"code": w.code, "name": w.name, "id": w.id}
                             for w in self.catalog.websites()])

    def attributes(self) -> pd.DataFrame:
        return pd.DataFrame([{"code": a.code, "label": a.label, "input": a.frontend_input,
                              "mapping candidate": a.is_mapping_candidate}
                             for a in self.catalog.attributes()])

    def catalog_status(self) -> str:
        """The Commerce catalog snapshot's size and age, or that the demo catalog needs none."""
        if not callable(getattr(self.catalog, "snapshot_info", None)):
            return t("catalog.demo_no_sync", self.lang)
        info = self.catalog.snapshot_info()
        return info.describe(self.lang) if info else t("snapshot.age_none", self.lang)

    def sync_catalog(self, progress=print):
        """Bring the Commerce catalog snapshot up to date (the first time everything, later only
        what changed) and return core's SyncResult; progress(line) gets a line every few
        seconds. None for the demo catalog."""
        if not callable(getattr(self.catalog, "sync", None)):
            return None
        import time

        shown = [0.0]

        def report(state) -> None:
            if time.monotonic() - shown[0] >= 5 or state.read >= state.total:
                shown[0] = time.monotonic()
                progress(state.describe(self.lang))

        result = self.catalog.sync(progress=report if progress else None)
        if progress:
            progress(result.describe(self.lang))
        return result

    def catalog_sync_panel(self):
        """The app's Sync catalog panel as a widget (None for the demo catalog)."""
        from asc_widgets.widgets.catalog_sync import catalog_sync_panel

        return catalog_sync_panel(self.catalog, lang=self.lang)

    # ---- stores ---------------------------------------------------------------------------
    def store_form(self):
        """The Add Amazon Store form as a widget (the same component the app uses)."""
        from asc_widgets.widgets.common import make_vbox
        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.store_form import StoreForm
        from asc_widgets.widgets.style import stylesheet

        feedback = Feedback(self.lang)
        form = StoreForm(self.registry, self.catalog, lang=self.lang, feedback=feedback)
        return make_vbox([stylesheet(), feedback.widget, form.widget], "asc-kit")

    def validate(self, **fields: str) -> Problems:
        """Every problem of a store with these form fields: a table of field and message
        (empty: valid). ``list(...)`` gives the messages."""
        draft = StoreDraft(**fields)
        problems = self.registry.validate(draft, self.catalog)
        return Problems([(p.field, p.message(self.lang)) for p in problems], self.lang)

    def add_store(self, **fields: str) -> Store:
        """Add a store from the form's fields (website, email, name, marketplace, id_type,
        attribute); raises ValidationError with every field's message."""
        return self.registry.add_store(StoreDraft(**fields), self.catalog)

    def bulk_add(self, source, *, all_or_nothing: bool = False,
                 encoding: str = "utf-8") -> BulkReport:
        """Add stores from a CSV file (a pathlib.Path), CSV text (a str) or a DataFrame, one
        row per store."""
        return bulk_add(source, self.catalog, self.registry, all_or_nothing=all_or_nothing,
                        lang=self.lang, encoding=encoding)

    def table(self, frame: pd.DataFrame, *, all_percent: bool = False):
        """Any table of the kit (bulk errors, profiles) as easy to read in a notebook: full,
        wrapped, left-aligned text, shares as percentages (every number with all_percent),
        internal columns hidden."""
        return display_table(frame, all_percent)

    # ---- status ---------------------------------------------------------------------------
    def now(self):
        return self.registry.clock.now()

    def stores_table(self, styled: bool = True):
        table = stores_table(self.registry.list_stores(), lang=self.lang)
        return style_table(table, lang=self.lang) if styled else table

    def authorizations_table(self, styled: bool = True):
        table = authorizations_table(self.registry.list_stores(), self.now(), lang=self.lang,
                                     checks=CheckLog(self.registry).checks())
        return style_table(table, lang=self.lang) if styled else table

    def plot_expiry_timeline(self, ax=None):
        """Each connected store's authorization from grant to expiry, today and the 30-day
        warning line marked."""
        from asc_widgets.core.plots import expiry_timeline

        return expiry_timeline(self.registry.list_stores(), self.now(), ax=ax, lang=self.lang)

    def export_status(self, folder: str | Path = "exports") -> Exports:
        """Both status tables as CSV files and an Excel workbook, in folder: by default
        ``exports`` beside the notebook (JupyterLab's file browser shows it). Shown as full
        paths with download links."""
        target = Path(folder).expanduser().resolve()
        paths = export_status(self.registry.list_stores(), self.now(), target, lang=self.lang,
                              checks=CheckLog(self.registry).checks())
        return Exports(paths, target, self.lang)


class Problems(list):
    """A store's problems as (field, message) pairs: a table in a notebook, the messages as a
    list (an empty list: valid)."""

    def __init__(self, rows: list[tuple[str, str]], lang: str = "en"):
        super().__init__(message for _, message in rows)
        self.rows = rows
        self.lang = lang

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=[t("kit.col.field", self.lang),
                                                t("kit.col.message", self.lang)])

    def __repr__(self) -> str:
        if not self.rows:
            return t("kit.valid", self.lang)
        return "\n".join(f"{field}: {message}" for field, message in self.rows)

    def _repr_html_(self) -> str:
        if not self.rows:
            return f"<p>{html.escape(t('kit.valid', self.lang))}</p>"
        return display_table(self.frame()).to_html()


class Exports(dict):
    """The exported files by table name (``{"stores": Path, ...}``), shown as full paths and,
    in a notebook, as links that download the files."""

    def __init__(self, paths: dict[str, Path], folder: Path, lang: str = "en"):
        super().__init__(paths)
        self.folder = folder
        self.lang = lang

    def __repr__(self) -> str:
        lines = [t("kit.exported", self.lang, folder=self.folder)]
        return "\n".join(lines + [f"  {path}" for path in self.values()])

    def _repr_html_(self) -> str:
        items = []
        for path in self.values():
            link = html.escape(_relative_link(path), quote=True)
            items.append(f'<li><a href="{link}" download="{html.escape(path.name)}">'
                         f"{html.escape(path.name)}</a> <code>{html.escape(str(path))}</code>"
                         "</li>")
        folder = html.escape(t("kit.exported", self.lang, folder=self.folder))
        return f"<p>{folder}</p><ul>{''.join(items)}</ul>"


def _relative_link(path: Path) -> str:
    """A link JupyterLab resolves from the notebook's folder (the kernel's working folder)."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_uri()


def display_table(frame: pd.DataFrame, all_percent: bool = False):
    """A DataFrame for reading in a notebook (a pandas Styler): full text, wrapped and
    left-aligned (pandas' default cuts long text and right-aligns it), internal columns
    hidden, shares as percentages (all numbers with all_percent), text escaped, no index."""
    from asc_widgets.core.profiler import HIDDEN_COLUMNS, PERCENT_COLUMNS

    if not isinstance(frame.index, pd.RangeIndex):
        frame = frame.reset_index()
    frame = frame.drop(columns=[c for c in HIDDEN_COLUMNS if c in frame.columns])
    frame.columns = [str(c) for c in frame.columns]
    numeric = frame.select_dtypes("number").columns
    percent = [c for c in frame.columns
               if c in PERCENT_COLUMNS or (all_percent and c in numeric)]
    text = [c for c in frame.columns if c not in percent]
    return (frame.style.hide(axis="index")
            .format("{:.0%}", subset=percent, na_rep="")
            .format(escape="html", na_rep="", subset=text)
            .set_table_styles([{"selector": "th, td",
                                "props": "text-align: left; white-space: normal; "
                                         "vertical-align: top; max-width: 46em;"}]))


def open_kit(environ: Mapping[str, str] | None = None, *, lang: str = "en") -> Kit:
    """The kit as configured by the environment (see the README's Configuration)."""
    env = dict(os.environ if environ is None else environ)
    settings = Settings.from_env(env)
    return Kit(settings, Registry.from_settings(settings), catalog_from_env(env), lang=lang,
               environ=env)
