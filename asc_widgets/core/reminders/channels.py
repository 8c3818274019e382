"""Where reminders go: email through an SMTP server, and a webhook (Slack or Microsoft Teams).

Each channel has send(recipient, text) and raises DeliveryFailed with a short reason that names
no password and no webhook address (a webhook URL is itself a credential).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from asc_widgets.core.reminders.errors import DeliveryFailed
from asc_widgets.core.reminders.settings import SmtpSettings
from asc_widgets.core.reminders.texts import ReminderText
from asc_widgets.core.secrets import SecretStr

WEBHOOK_RECIPIENT = "webhook"  # the ledger's recipient for the one configured webhook


class EmailChannel:
    name = "email"

    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def __repr__(self) -> str:
        s = self.settings
        return f"EmailChannel({s.host}:{s.port}, {s.security})"

    def _context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.settings.ca_file)

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        if s.security == "ssl":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._context())
        server = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.security == "starttls":
            server.starttls(context=self._context())
        return server

    def message(self, recipient: str, text: ReminderText) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.settings.sender
        mail["To"] = recipient
        mail["Subject"] = text.subject
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain=self.settings.sender.rpartition("@")[2])
        mail.set_content(text.body)
        return mail

    def send(self, recipient: str, text: ReminderText) -> None:
        s = self.settings
        try:
            with self._connect() as server:
                if s.username:
                    server.login(s.username, s.password.reveal() if s.password else "")
                server.send_message(self.message(recipient, text))
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise DeliveryFailed("smtp", "SMTP " + "/".join(map(str, codes)),
                                 channel_down=False) from None
        except smtplib.SMTPResponseException as exc:
            raise DeliveryFailed("smtp", f"SMTP {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed("smtp", type(exc).__name__) from None


def webhook_body(text: ReminderText) -> dict:
    """A body both incoming webhooks take: Slack reads "text" (mrkdwn), Teams' connector
    webhooks read "text" (markdown) and "summary"."""
    return {"text": f"*{text.subject}*\n\n{text.body}", "summary": text.subject}


class WebhookChannel:
    name = "webhook"

    def __init__(self, url: SecretStr, *, timeout: tuple[float, float] = (5.0, 20.0),
                 retries: int = 2, backoff_factor: float = 0.5):
        self.url = url
        self.timeout = timeout
        self.session = requests.Session()
        # A 429/5xx answer or a refused connection means the message was not taken: repeat.
        # A read timeout is not repeated (the message may have been posted).
        retry = Retry(total=retries, connect=retries, read=0, status=retries, other=0,
                      redirect=0, status_forcelist=frozenset({429, 500, 502, 503, 504}),
                      allowed_methods=frozenset({"POST"}), backoff_factor=backoff_factor,
                      raise_on_status=False, respect_retry_after_header=True)
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def __repr__(self) -> str:
        return "WebhookChannel(url=SecretStr('********'))"

    def close(self) -> None:
        self.session.close()

    def send(self, recipient: str, text: ReminderText) -> None:
        try:
            response = self.session.post(self.url.reveal(), json=webhook_body(text),
                                         timeout=self.timeout, allow_redirects=False)
        except requests.RequestException as exc:
            raise DeliveryFailed("webhook", type(exc).__name__) from None
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed("webhook", f"HTTP {response.status_code}")


def channels_from_settings(settings) -> dict:
    """The configured channels by name (none, one or both)."""
    found = {}
    if settings.smtp is not None:
        found["email"] = EmailChannel(settings.smtp)
    if settings.webhook_url is not None:
        found["webhook"] = WebhookChannel(settings.webhook_url)
    return found
