"""A reminder as words: subject and body in one language, with the link to the app's store page.

Only what the ledger keeps goes in (store name, marketplace, dates, counts, a message key):
never a token, a secret or an address of a webhook.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from asc_widgets.core.i18n import t


@dataclass(frozen=True)
class ReminderText:
    subject: str
    body: str
    link: str


def store_page_url(app_url: str, store_id: int, lang: str) -> str:
    """The app opened on the store's dashboard (the app reads ?store= and ?lang=)."""
    base = app_url if app_url.endswith("/") else app_url + "/"
    return f"{base}?{urlencode({'store': store_id, 'lang': lang})}"


def render(kind: str, params: dict, lang: str, app_url: str,
           store_id: int | None = None) -> ReminderText:
    values = dict(params)
    if "marketplace" in values:
        values["marketplace"] = t(f"market.{values['marketplace']}", lang)
    if "problem_key" in values:
        values["problem"] = _problem(values.pop("problem_key"), lang,
                                     values.get("marketplace", "-"))
    if "status" in values:
        values["status"] = t(f"status.{values['status']}", lang)
    subject = t(f"reminder.{kind}.subject", lang, **values)
    body = t(f"reminder.{kind}.body", lang, **values)
    if store_id is not None:
        link = store_page_url(app_url, store_id, lang)
        link_line = t("reminder.link", lang, url=link)
    else:
        link = app_url
        link_line = t("reminder.app_link", lang, url=link)
    text = f"{body}\n\n{link_line}\n\n{t('reminder.footer', lang)}"
    return ReminderText(subject, text, link)


def _problem(key: str, lang: str, marketplace: str) -> str:
    try:
        return t(key, lang, status="-", code="-", marketplace=marketplace, names="-")
    except KeyError:
        return t("auth.unexpected", lang)
