"""The unattended check's settings, from the environment (read when asked).

- Email (optional): ASC_SMTP_HOST turns it on; ASC_SMTP_PORT (default 587 with starttls, 465
  with ssl, 25 with none); ASC_SMTP_SECURITY starttls (default) | ssl | none; ASC_SMTP_USER and
  ASC_SMTP_PASSWORD (login, optional); ASC_SMTP_FROM (the sender, required with a host);
  ASC_SMTP_CA_FILE (a CA bundle for a private mail server); ASC_SMTP_TIMEOUT (seconds, 20).
- Recipients: each store's contact email (ASC_REMINDER_STORE_CONTACTS=no turns that off) and
  ASC_REMINDER_TEAM_EMAIL; ASC_REMINDER_TEAM_LANGUAGE (en | zh-CN) for the team and webhook.
- Webhook (optional): ASC_REMINDER_WEBHOOK_URL, a Slack or Microsoft Teams incoming webhook.
- ASC_CHECK_FAILURES_BEFORE_REMINDER: failed checks in a row before anyone is told (3).
- ASC_LWA_SECRET_SET_ON: the date the app's LWA client secret was set up (YYYY-MM-DD); when
  set, the 180-day rotation is reminded 30, 7 and 1 days ahead.
- ASC_CHECK_LEASE_MINUTES: how long a run's lease lasts without renewal (30).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from email_validator import EmailNotValidError, validate_email

from asc_widgets.core.env_numbers import whole_number
from asc_widgets.core.i18n import LANGUAGES, normalize_language
from asc_widgets.core.reminders.errors import ReminderConfigError
from asc_widgets.core.secrets import SecretStr

SECURITY_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
_NO = {"0", "no", "false", "off"}
_YES = {"1", "yes", "true", "on"}


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    sender: str
    username: str | None = None
    password: SecretStr | None = field(default=None, repr=False)
    ca_file: str | None = None
    timeout: float = 20.0


@dataclass(frozen=True)
class ReminderSettings:
    app_url: str
    smtp: SmtpSettings | None = None
    webhook_url: SecretStr | None = field(default=None, repr=False)
    team_email: str | None = None
    team_language: str = "en"
    store_contacts: bool = True
    failures_before_reminder: int = 3
    lwa_secret_set_on: date | None = None
    lease: timedelta = timedelta(minutes=30)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, *,
                 app_url: str = "http://127.0.0.1:8866/") -> ReminderSettings:
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return (env.get(name) or "").strip()

        team_language = get("ASC_REMINDER_TEAM_LANGUAGE") or "en"
        if not team_language.lower().startswith(("en", "zh")):
            raise ReminderConfigError("ASC_REMINDER_TEAM_LANGUAGE", "reminder.problem.choice",
                                      choices=", ".join(LANGUAGES))
        contacts = get("ASC_REMINDER_STORE_CONTACTS").lower() or "yes"
        if contacts not in _NO | _YES:
            raise ReminderConfigError("ASC_REMINDER_STORE_CONTACTS",
                                      "reminder.problem.choice", choices="yes, no")
        webhook = get("ASC_REMINDER_WEBHOOK_URL")
        if webhook and not webhook.lower().startswith(("http://", "https://")):
            raise ReminderConfigError("ASC_REMINDER_WEBHOOK_URL", "reminder.problem.url")
        team_email = get("ASC_REMINDER_TEAM_EMAIL") or None
        if team_email:
            _check_email("ASC_REMINDER_TEAM_EMAIL", team_email)
        set_on = get("ASC_LWA_SECRET_SET_ON")
        try:
            secret_date = date.fromisoformat(set_on) if set_on else None
        except ValueError:
            raise ReminderConfigError("ASC_LWA_SECRET_SET_ON", "reminder.problem.date") from None
        return cls(
            app_url=app_url, smtp=_smtp(get), team_email=team_email,
            webhook_url=SecretStr(webhook) if webhook else None,
            team_language=normalize_language(team_language),
            store_contacts=contacts in _YES,
            failures_before_reminder=_integer(get, "ASC_CHECK_FAILURES_BEFORE_REMINDER", 3, 1),
            lwa_secret_set_on=secret_date,
            lease=timedelta(minutes=_integer(get, "ASC_CHECK_LEASE_MINUTES", 30, 1)))

    @property
    def has_channel(self) -> bool:
        return self.smtp is not None or self.webhook_url is not None


def _integer(get, name: str, default: int, minimum: int) -> int:
    return whole_number(get(name), default, low=minimum, refuse=lambda: ReminderConfigError(
        name, "reminder.problem.integer", minimum=minimum))


def _check_email(name: str, value: str) -> None:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise ReminderConfigError(name, "reminder.problem.email") from None


def _smtp(get) -> SmtpSettings | None:
    host = get("ASC_SMTP_HOST")
    if not host:
        return None
    security = (get("ASC_SMTP_SECURITY") or "starttls").lower()
    if security not in SECURITY_PORTS:
        raise ReminderConfigError("ASC_SMTP_SECURITY", "reminder.problem.choice",
                                  choices=", ".join(SECURITY_PORTS))
    sender = get("ASC_SMTP_FROM")
    if not sender:
        raise ReminderConfigError("ASC_SMTP_FROM", "reminder.problem.required",
                                  other="ASC_SMTP_HOST")
    _check_email("ASC_SMTP_FROM", sender)
    user = get("ASC_SMTP_USER") or None
    password = get("ASC_SMTP_PASSWORD")
    if user and not password:
        raise ReminderConfigError("ASC_SMTP_PASSWORD", "reminder.problem.required",
                                  other="ASC_SMTP_USER")
    timeout = get("ASC_SMTP_TIMEOUT")
    return SmtpSettings(
        host=host, port=_integer(get, "ASC_SMTP_PORT", SECURITY_PORTS[security], 1),
        security=security, sender=sender, username=user,
        password=SecretStr(password) if password else None,
        ca_file=get("ASC_SMTP_CA_FILE") or None,
        timeout=float(_integer(get, "ASC_SMTP_TIMEOUT", 20, 1)) if timeout else 20.0)
