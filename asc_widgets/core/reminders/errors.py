"""The unattended check's errors: ConnectError's shape (a message key, message(lang) in both
languages), never carrying a password, a token or a webhook address."""

from __future__ import annotations

from asc_widgets.core.authorization import ConnectError
from asc_widgets.core.i18n import t


class ReminderError(ConnectError):
    """Something about the scheduled check or its reminders went wrong."""


class ReminderConfigError(ReminderError, ValueError):
    """A reminder setting is wrong: names the environment variable and the fix, never its
    value (it may be a password or a webhook address)."""

    def __init__(self, name: str, problem: str, **problem_params):
        self.name, self.problem, self.problem_params = name, problem, problem_params
        super().__init__("reminder.error.config", name=name)

    def message(self, lang: str = "en") -> str:
        return t(self.key, lang, name=self.name,
                 problem=t(self.problem, lang, **self.problem_params))


class DeliveryFailed(ReminderError):
    """A channel did not take a reminder; it stays in the ledger and is retried next run.
    reason: a short technical cause (exception class, SMTP or HTTP status), no secret."""

    def __init__(self, channel: str, reason: str, *, channel_down: bool = True):
        # channel_down: the server itself failed (not one recipient), so the run stops using
        # the channel rather than wait for it once per reminder.
        self.channel, self.reason, self.channel_down = channel, reason, channel_down
        super().__init__(f"reminder.error.{channel}", reason=reason)
