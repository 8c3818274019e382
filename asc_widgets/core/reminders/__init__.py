"""The unattended check and its reminders: which are due (due), their words (texts), where they
go (channels), the settings, and one run (run). The registry keeps the ledger and the lease
(core/registry/checks.py)."""

from asc_widgets.core.reminders.due import Reminder, secret_reminders, store_reminders
from asc_widgets.core.reminders.errors import DeliveryFailed, ReminderConfigError, ReminderError
from asc_widgets.core.reminders.run import (
    EXIT_CONFIG,
    EXIT_DELIVERY_FAILED,
    EXIT_OK,
    RunReport,
    UnattendedCheck,
)
from asc_widgets.core.reminders.settings import ReminderSettings, SmtpSettings
from asc_widgets.core.reminders.texts import ReminderText, render, store_page_url

__all__ = ["EXIT_CONFIG", "EXIT_DELIVERY_FAILED", "EXIT_OK", "DeliveryFailed", "Reminder",
           "ReminderConfigError", "ReminderError", "ReminderSettings", "ReminderText",
           "RunReport", "SmtpSettings", "UnattendedCheck", "render", "secret_reminders",
           "store_page_url", "store_reminders"]
