"""The kit's rules and I/O, usable from a script, a job or a notebook.

Never imports ipywidgets or IPython (tests/test_import_boundary.py proves it). Every error it
raises for a person to read is an ``AscError`` (errors.py): ``error.message(lang)``.

    from asc_widgets.core import Registry, Settings, StoreDraft, catalog_from_env
    settings = Settings.from_env()
    registry = Registry.from_settings(settings)
    store = registry.add_store(StoreDraft(website="base", email="ops@example.com",
                                          name="Amazon Store USA", marketplace="US",
                                          id_type="UPC", attribute="upc"), catalog_from_env())
"""

from asc_widgets.core.catalog import Attribute, CatalogSource, DemoCatalog, Website
from asc_widgets.core.clock import Clock, FixedClock
from asc_widgets.core.config import Settings, catalog_from_env
from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import LANGUAGES, t
from asc_widgets.core.identifiers import ID_TYPES, get_id_type
from asc_widgets.core.lifecycle import AuthState, StoreStatus, TransitionError
from asc_widgets.core.marketplaces import MARKETPLACES, Marketplace, get_marketplace
from asc_widgets.core.registry import (
    AuthStateError,
    Registry,
    SellerAlreadyConnected,
    StoreNotFound,
)
from asc_widgets.core.status import authorizations_table, stores_table, style_table
from asc_widgets.core.stores import FieldProblem, Store, StoreDraft, ValidationError

__all__ = [
    "AscError",
    "ID_TYPES", "LANGUAGES", "MARKETPLACES", "Attribute", "AuthState", "AuthStateError",
    "CatalogSource", "Clock", "DemoCatalog", "FieldProblem", "FixedClock", "Marketplace",
    "Registry", "SellerAlreadyConnected", "Settings", "Store", "StoreDraft", "StoreNotFound",
    "StoreStatus",
    "TransitionError", "ValidationError", "Website", "authorizations_table", "catalog_from_env",
    "get_id_type", "get_marketplace", "stores_table", "style_table", "t",
]
