"""The pre-setup checklist (onboarding.md section 2): the tasks a merchant does before adding
the first store. The registry keeps who ticked which; the texts are ``checklist.<item>``."""

from __future__ import annotations

from asc_widgets.core.i18n import t

# In the order shown.
CHECKLIST_ITEMS = (
    "cron", "seller_account", "approved_seller", "uk_vat", "id_attributes", "currency",
    "condition_attribute", "shipping_method",
)


def checklist_label(item: str, lang: str = "en") -> str:
    return t(f"checklist.{item}", lang)
