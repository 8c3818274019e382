"""The store draft (what the Add Amazon Store form holds), the saved store, and validation.

Validation returns every field's problem at once; each message names the field and says what
to do. The registry's database constraints back the uniqueness rules under concurrency.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import datetime

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


def validate_draft(draft: StoreDraft, catalog: CatalogSource,
                   existing: Iterable[Store] = (), *, store_id: int | None = None
                   ) -> list[FieldProblem]:
    """Every problem of the draft, in form order. store_id: the store being edited, if any."""
    d = draft.cleaned()
    others = [s for s in existing if s.id != store_id]
    problems: list[FieldProblem] = []
    for name in FIELD_ORDER:
        if not getattr(d, name):
            problems.append(FieldProblem(name, "problem.required"))
    missing = {p.field for p in problems}

    if "website" not in missing:
        if catalog.website(d.website) is None:
            problems.append(FieldProblem("website", "problem.website_unknown",
                                         {"value": d.website}))
        elif holder := next((s for s in others if s.website == d.website), None):
            problems.append(FieldProblem("website", "problem.website_taken",
                                         {"value": d.website, "other": holder.name}))
    if "email" not in missing:
        problems.extend(_email_problems(d.email))
    if "name" not in missing:
        if len(d.name) > NAME_MAX_LENGTH:
            problems.append(FieldProblem("name", "problem.name_too_long",
                                         {"length": len(d.name), "max": NAME_MAX_LENGTH}))
        elif holder := next((s for s in others if name_key(s.name) == name_key(d.name)), None):
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
