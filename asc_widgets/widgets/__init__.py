"""ipywidgets components of the onboarding app. Each wraps core objects and owns no rules:
validation, lifecycle and status come from asc_widgets.core, the components show its messages.

- StoreForm (store_form): the Add Amazon Store form, with the AttributeMapper (attribute_mapper)
- StoreList / StoreCard (store_cards): the Amazon Stores cards, actions, delete confirmation,
  Renew authorization while the authorization is expiring, expired or revoked
- ConnectPanel (connect): Connect store / Renew authorization, the link to Seller Central and
  the pasted-address completion, over core's Connector
- Checklist (checklist): the pre-setup tasks, ticks kept in the registry
- StoreDashboard (dashboard): View Store (details, authorization with Renew authorization,
  Check connection and Disconnect, history, settings)
- StatusView (status_view): core's status tables, styled
- CatalogSyncPanel (catalog_sync): a Commerce catalog snapshot's age and Sync catalog
- LanguageSelector, language_from_query (language); Feedback (feedback): the message area and
  the one error wrapper for callbacks (an AscError shows its own message); Modal and the one
  ConfirmDialog (modal; built when first opened where given a host); stylesheet (style)
- AppState and Parts (state): what the app's components share (language, current store) and
  the registry of lazily built parts that follow it; the app (asc_widgets/app.py) composes them
- after_first_view (first_view): work held back until the browser has the page's first view

The widgets' labels (messages.py, data) join core's catalog here, once.
"""

from asc_widgets.core.i18n import add_catalog
from asc_widgets.widgets.attribute_mapper import AttributeMapper
from asc_widgets.widgets.checklist import Checklist
from asc_widgets.widgets.connect import ConnectPanel
from asc_widgets.widgets.dashboard import StoreDashboard
from asc_widgets.widgets.feedback import Feedback
from asc_widgets.widgets.language import LanguageSelector, language_from_query
from asc_widgets.widgets.listing_messages import LISTING_LABELS
from asc_widgets.widgets.messages import MESSAGES
from asc_widgets.widgets.modal import Modal
from asc_widgets.widgets.status_view import StatusView
from asc_widgets.widgets.store_cards import StoreCard, StoreList
from asc_widgets.widgets.store_form import StoreForm
from asc_widgets.widgets.style import stylesheet

# The widgets' labels join core's catalog here, once, before any component is built.
add_catalog(MESSAGES)
add_catalog(LISTING_LABELS)

__all__ = [
    "AttributeMapper", "Checklist", "ConnectPanel", "Feedback", "LanguageSelector", "Modal",
    "StatusView", "StoreCard", "StoreDashboard", "StoreForm", "StoreList",
    "language_from_query", "stylesheet",
]
