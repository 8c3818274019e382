"""Core's message catalog as data: every user-facing text of core, in English and Simplified
Chinese. core/i18n.py loads it once, on first use; nothing registers itself on import.

- stores: fields, validation, lifecycle, connecting (authorization)
- amazon: Amazon failures, what happened and what to do
- commerce: the Adobe Commerce REST client
- onboarding: the checklist items and the event kinds of a store's history
- reports: status tables, charts, the profiler, bulk onboarding, secrets
- reminders: the unattended check's reminders, report lines and errors
- listing: listing rules, the Listing Preview and Amazon catalog matching
- marketplace names come from the rows of core/marketplaces.py
"""

from asc_widgets.core import marketplaces
from asc_widgets.core.messages import (
    amazon,
    commerce,
    listing,
    onboarding,
    reminders,
    reports,
    stores,
)


def core_messages() -> dict[str, dict[str, str]]:
    return {**stores.MESSAGES, **amazon.MESSAGES, **commerce.MESSAGES,
            **onboarding.MESSAGES, **reports.MESSAGES, **reminders.MESSAGES, **listing.MESSAGES,
            **marketplaces.messages()}
