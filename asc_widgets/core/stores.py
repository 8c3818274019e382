"""The store draft (what the Add Amazon Store form holds), the saved store, and validation.

Validation returns every field's problem at once; each message names the field and says what
to do. The registry's database constraints back the uniqueness rules under concurrency.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import NamedTuple

from email_validator import EmailNotValidError, validate_email

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.errors import AscError, render
from asc_widgets.core.i18n import t
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.core.lifecycle import StoreStatus
from asc_widgets.core.marketplaces import MARKETPLACES, Marketplace

NAME_MAX_LENGTH = 64
EDITABLE_FIELDS = ("email", "name")
FIELD_ORDER = ("website", "email", "name", "marketplace", "id_type", "attribute")


def name_key(name: str) -> str:
    """What makes two store names the same: surrounding spaces and letter case ignored."""
    return name.strip().casefold()


def first_unprintable(text: str) -> int | None:
    """The 1-based position of the first control character (C0/C1: CR, LF, NUL, tab...) or
    lone surrogate in text, else None. Such characters break tables, exports and logs."""
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) in ("Cc", "Cs"):
            return position
    return None


@dataclass(frozen=True)
class StoreDraft:
    website: str = ""
    email: str = ""
    name: str = ""
    marketplace: str = ""
    id_type: str = ""
    attribute: str = ""

    def cleaned(self) -> StoreDraft:
        """Surrounding spaces removed; codes upper-cased."""
        return StoreDraft(
            website=(self.website or "").strip(),
            email=(self.email or "").strip(),
            name=(self.name or "").strip(),
            marketplace=(self.marketplace or "").strip().upper(),
            id_type=(self.id_type or "").strip().upper(),
            attribute=(self.attribute or "").strip(),
        )


@dataclass(frozen=True)
class Store:
    id: int
    name: str
    website: str
    email: str
    marketplace: str
    id_type: str
    attribute: str
    status: StoreStatus
    created_at: datetime
    updated_at: datetime
    seller_id: str | None = None
    authorized_at: datetime | None = None
    expires_at: datetime | None = None
    last_error: str | None = None  # the message key of the last failed check, if any
    last_error_params: tuple[tuple[str, object], ...] = ()  # and its parameters

    @property
    def market(self) -> Marketplace:
        return MARKETPLACES[self.marketplace]

    def last_error_message(self, lang: str = "en") -> str:
        """The last failed check as the person reads it ('' when there is none)."""
        if not self.last_error:
            return ""
        try:
            return render(self.last_error, lang, dict(self.last_error_params))
        except KeyError:  # saved before errors kept their parameters (schema 3)
            return t("error.unexpected", lang)


@dataclass(frozen=True)
class FieldProblem:
    field: str
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return render(self.key, lang, {"field_key": f"field.{self.field}", **self.params})


class ValidationError(AscError):
    """One or more fields are wrong; nothing was saved. message(): the page-level summary;
    by_field(): each field's own problem."""

    key = "error.validation"

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__(None)

    def __str__(self) -> str:
        return " ".join(p.message("en") for p in self.problems)

    def by_field(self, lang: str = "en") -> dict[str, str]:
        return {p.field: p.message(lang) for p in self.problems}


class Holder(NamedTuple):
    """What the uniqueness rules need of a saved store (or of a draft accepted earlier in the
    same batch, id 0: never a saved store's id)."""

    id: int
    name: str
    website: str
    marketplace: str


class StoreIndex:
    """The saved stores by website and by name key: what a draft must not clash with. Built
    once per snapshot, and grown with each accepted draft of a batch, so validating n drafts
    against m stores costs n + m lookups, not n * m comparisons."""

    def __init__(self, stores: Iterable[Store | Holder] = ()):
        self.by_website: dict[str, Holder] = {}
        self.by_name: dict[str, Holder] = {}
        for store in stores:
            self.add(Holder(store.id, store.name, store.website, store.marketplace))

    def add(self, holder: Holder) -> None:
        self.by_website.setdefault(holder.website, holder)
        self.by_name.setdefault(name_key(holder.name), holder)

    def add_draft(self, draft: StoreDraft) -> None:
        self.add(Holder(0, draft.name, draft.website, draft.marketplace))

    def holder_of_website(self, website: str, store_id: int | None = None) -> Holder | None:
        holder = self.by_website.get(website)
        return None if holder is None or holder.id == store_id else holder

    def holder_of_name(self, name: str, store_id: int | None = None) -> Holder | None:
        holder = self.by_name.get(name_key(name))
        return None if holder is None or holder.id == store_id else holder

    def same_store(self, draft: StoreDraft) -> bool:
        """Whether a saved store is what the draft describes (same name, website, marketplace):
        re-running a bulk file then adds nothing twice."""
        holder = self.by_website.get(draft.website)
        return (holder is not None and holder.id != 0 and name_key(holder.name) ==
                name_key(draft.name) and holder.marketplace == draft.marketplace)


def validate_draft(draft: StoreDraft, catalog: CatalogSource,
                   existing: Iterable[Store] | StoreIndex = (), *, store_id: int | None = None
                   ) -> list[FieldProblem]:
    """Every problem of the draft, in form order. existing: the saved stores (or their index);
    store_id: the store being edited, if any."""
    d = draft.cleaned()
    index = existing if isinstance(existing, StoreIndex) else StoreIndex(existing)
    problems: list[FieldProblem] = []
    for name in FIELD_ORDER:
        if not getattr(d, name):
            problems.append(FieldProblem(name, "problem.required"))
    for name in FIELD_ORDER:
        if (position := first_unprintable(getattr(d, name))) is not None:
            problems.append(FieldProblem(name, "problem.unprintable", {"position": position}))
    missing = {p.field for p in problems}

    if "website" not in missing:
        if catalog.website(d.website) is None:
            problems.append(FieldProblem("website", "problem.website_unknown",
                                         {"value": d.website}))
        elif holder := index.holder_of_website(d.website, store_id):
            problems.append(FieldProblem("website", "problem.website_taken",
                                         {"value": d.website, "other": holder.name}))
    if "email" not in missing:
        problems.extend(_email_problems(d.email))
    if "name" not in missing:
        if len(d.name) > NAME_MAX_LENGTH:
            problems.append(FieldProblem("name", "problem.name_too_long",
                                         {"length": len(d.name), "max": NAME_MAX_LENGTH}))
        elif holder := index.holder_of_name(d.name, store_id):
            problems.append(FieldProblem("name", "problem.name_taken", {"other": holder.name}))
    if "marketplace" not in missing and d.marketplace not in MARKETPLACES:
        problems.append(FieldProblem("marketplace", "problem.marketplace_unknown", {
            "value": d.marketplace, "choices_keys": [f"market.{c}" for c in MARKETPLACES]}))
    if "id_type" not in missing and d.id_type not in ID_TYPES:
        problems.append(FieldProblem("id_type", "problem.id_type_unknown",
                                     {"value": d.id_type, "choices": list(ID_TYPES)}))
    if "attribute" not in missing:
        attribute = catalog.attribute(d.attribute)
        if attribute is None:
            problems.append(FieldProblem("attribute", "problem.attribute_unknown",
                                         {"value": d.attribute}))
        elif not attribute.is_mapping_candidate:
            problems.append(FieldProblem("attribute", "problem.attribute_not_text",
                                         {"value": d.attribute, "kind": attribute.frontend_input}))
    order = {name: i for i, name in enumerate(FIELD_ORDER)}
    return sorted(problems, key=lambda p: order[p.field])


class CatalogLookup:
    """A catalog's websites and attributes by code, read once for a batch (a catalog's own
    lookups may scan its lists, or ask the server)."""

    def __init__(self, catalog: CatalogSource):
        self._websites: dict = {}
        self._attributes: dict = {}
        for website in catalog.websites():
            self._websites.setdefault(website.code, website)
        for attribute in catalog.attributes():
            self._attributes.setdefault(attribute.code, attribute)

    def website(self, code: str):
        return self._websites.get(code)

    def attribute(self, code: str):
        return self._attributes.get(code)


def validate_batch(drafts: list[StoreDraft], catalog: CatalogSource, index: StoreIndex
                   ) -> dict[int, list[FieldProblem]]:
    """Every wrong draft's problems, by position: each draft is checked against the snapshot
    (index) plus the drafts accepted before it, which join the index."""
    catalog = CatalogLookup(catalog)
    problems: dict[int, list[FieldProblem]] = {}
    for position, draft in enumerate(drafts):
        d = draft.cleaned()
        if found := validate_draft(d, catalog, index):
            problems[position] = found
        else:
            index.add_draft(d)
    return problems


def clash_problems(draft: StoreDraft, index: StoreIndex) -> list[FieldProblem]:
    """The uniqueness problems alone of a draft otherwise valid (website or name taken): what
    can change between validating a draft and saving it."""
    d = draft.cleaned()
    problems = []
    if holder := index.holder_of_website(d.website):
        problems.append(FieldProblem("website", "problem.website_taken",
                                     {"value": d.website, "other": holder.name}))
    if holder := index.holder_of_name(d.name):
        problems.append(FieldProblem("name", "problem.name_taken", {"other": holder.name}))
    return problems


# email-validator explains in English; these say the same in the catalog's languages.
_EMAIL_REASONS = (
    ("must have an @-sign", "email.reason.no_at"),
    ("something before the @-sign", "email.reason.nothing_before_at"),
    ("something after the @-sign", "email.reason.nothing_after_at"),
    ("should have a period", "email.reason.domain_period"),
    ("two periods in a row", "email.reason.double_period"),
    ("too long", "email.reason.too_long"),
    ("character", "email.reason.characters"),
)


def _email_problems(email: str) -> list[FieldProblem]:
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as exc:
        text = str(exc)
        reason = next((key for phrase, key in _EMAIL_REASONS if phrase in text),
                      "email.reason.other")
        return [FieldProblem("email", "problem.email_invalid",
                             {"value": email, "reason_key": reason})]
    return []


def draft_of(store: Store) -> StoreDraft:
    """The draft a saved store would be added from (for re-validating an edit)."""
    names = {f.name for f in fields(StoreDraft)}
    return StoreDraft(**{n: getattr(store, n) for n in names})
