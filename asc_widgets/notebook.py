"""What the analysts' notebooks use: one object holding the configured kit, so each cell stays a
line or two. Everything here is a thin call into core (or, for widgets, asc_widgets.widgets)."""

from __future__ import annotations

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
from asc_widgets.core.status import export_status
from asc_widgets.core.stores import Store, StoreDraft


@dataclass
class Kit:
    settings: Settings
    registry: Registry
    catalog: CatalogSource
    lang: str = "en"
    _connector: object = field(default=None, repr=False)

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

    # ---- stores ---------------------------------------------------------------------------
    def store_form(self):
        """The Add Amazon Store form as a widget (the same component the app uses)."""
        import ipywidgets as w

        from asc_widgets.widgets.feedback import Feedback
        from asc_widgets.widgets.store_form import StoreForm
        from asc_widgets.widgets.style import stylesheet

        feedback = Feedback(self.lang)
        form = StoreForm(self.registry, self.catalog, lang=self.lang, feedback=feedback)
        return w.VBox([stylesheet(), feedback.widget, form.widget])

    def validate(self, **fields: str) -> list[str]:
        """Every problem of a store with these form fields, as messages (empty: valid)."""
        draft = StoreDraft(**fields)
        return [p.message(self.lang) for p in self.registry.validate(draft, self.catalog)]

    def add_store(self, **fields: str) -> Store:
        """Add a store from the form's fields (website, email, name, marketplace, id_type,
        attribute); raises ValidationError with every field's message."""
        return self.registry.add_store(StoreDraft(**fields), self.catalog)

    def bulk_add(self, source, *, all_or_nothing: bool = False) -> BulkReport:
        """Add stores from a CSV file (or text, or DataFrame), one row per store."""
        return bulk_add(source, self.catalog, self.registry, all_or_nothing=all_or_nothing,
                        lang=self.lang)

    # ---- status ---------------------------------------------------------------------------
    def now(self):
        return self.registry.clock.now()

    def stores_table(self, styled: bool = True):
        table = stores_table(self.registry.list_stores(), lang=self.lang)
        return style_table(table, lang=self.lang) if styled else table

    def authorizations_table(self, styled: bool = True):
        table = authorizations_table(self.registry.list_stores(), self.now(), lang=self.lang)
        return style_table(table, lang=self.lang) if styled else table

    def plot_expiry_timeline(self, ax=None):
        """Each connected store's authorization from grant to expiry, today and the 30-day
        warning line marked."""
        from asc_widgets.core.plots import expiry_timeline

        return expiry_timeline(self.registry.list_stores(), self.now(), ax=ax)

    def export_status(self, folder: str | Path | None = None) -> dict[str, Path]:
        target = Path(folder) if folder else self.settings.home / "exports"
        return export_status(self.registry.list_stores(), self.now(), target, lang=self.lang)

    # ---- Amazon ---------------------------------------------------------------------------
    @property
    def connector(self):
        if self._connector is None:
            from asc_widgets.core.authorization import Connector

            self._connector = Connector.from_settings(self.settings, self.registry)
        return self._connector


def open_kit(environ: Mapping[str, str] | None = None, *, lang: str = "en") -> Kit:
    """The kit as configured by the environment (see the README's Configuration)."""
    settings = Settings.from_env(environ)
    return Kit(settings, Registry.from_settings(settings), catalog_from_env(environ), lang=lang)
