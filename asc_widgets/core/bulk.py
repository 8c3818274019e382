"""Bulk onboarding: add many stores from a CSV, one row per store with the form's fields.

Every row is validated first; errors come back as a DataFrame (row, field, message). Then the
valid rows are added, or none unless all are valid. Rows describing a store that already exists
(same name, website and marketplace) are reported as already present, so re-running the same
file adds nothing twice. Row numbers are the spreadsheet's: the header is row 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pandas as pd

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.lifecycle import StoreStatus
from asc_widgets.core.registry import BatchValidationError, Registry
from asc_widgets.core.stores import FIELD_ORDER, Store, StoreDraft, name_key, validate_draft

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
ERROR_COLUMNS = ["row", "field", "message"]


@dataclass
class BulkReport:
    added: list[Store] = field(default_factory=list)
    already_present: list[int] = field(default_factory=list)
    errors: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=ERROR_COLUMNS))
    applied: bool = True

    @property
    def ok(self) -> bool:
        return self.errors.empty

    def summary(self) -> pd.DataFrame:
        return pd.DataFrame([{"added": len(self.added),
                              "already present": len(self.already_present),
                              "rows with errors": self.errors["row"].nunique(),
                              "applied": self.applied}])


def read_rows(source: str | Path | pd.DataFrame) -> pd.DataFrame:
    """The rows as strings, header names normalised ('Email Address ' -> 'email_address')."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
    elif isinstance(source, Path) or (isinstance(source, str) and "\n" not in source):
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(StringIO(source), dtype=str, keep_default_na=False)
    frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
    return frame.fillna("").astype(str)


def _placeholder(draft: StoreDraft, row: int) -> Store:
    """A valid earlier row, standing in as a store so later rows are checked against it."""
    return Store(id=-row, name=draft.name, website=draft.website, email=draft.email,
                 marketplace=draft.marketplace, id_type=draft.id_type,
                 attribute=draft.attribute, status=StoreStatus.NOT_CONNECTED,
                 created_at=_EPOCH, updated_at=_EPOCH)


def validate_rows(source, catalog: CatalogSource, registry: Registry, *, lang: str = "en"
                  ) -> tuple[dict[int, StoreDraft], list[int], pd.DataFrame]:
    """(valid drafts by row number, rows already present, errors DataFrame)."""
    frame = read_rows(source)
    missing = [c for c in FIELD_ORDER if c not in frame.columns]
    if missing:
        errors = [{"row": 1, "field": c, "message": t("bulk.missing_column", lang, column=c,
                                                         columns=", ".join(FIELD_ORDER))}
                  for c in missing]
        return {}, [], pd.DataFrame(errors, columns=ERROR_COLUMNS)
    saved = registry.list_stores()
    valid: dict[int, StoreDraft] = {}
    present: list[int] = []
    errors = []
    for position, record in enumerate(frame[list(FIELD_ORDER)].to_dict("records")):
        row = position + 2
        draft = StoreDraft(**record).cleaned()
        if any(_same_store(draft, s) for s in saved):
            present.append(row)
            continue
        earlier = [_placeholder(d, r) for r, d in valid.items()]
        problems = validate_draft(draft, catalog, [*saved, *earlier])
        if problems:
            errors += [{"row": row, "field": p.field, "message": p.message(lang)}
                       for p in problems]
        else:
            valid[row] = draft
    return valid, present, pd.DataFrame(errors, columns=ERROR_COLUMNS)


def _same_store(draft: StoreDraft, store: Store) -> bool:
    return (name_key(draft.name) == name_key(store.name) and draft.website == store.website
            and draft.marketplace == store.marketplace)


def bulk_add(source, catalog: CatalogSource, registry: Registry, *,
             all_or_nothing: bool = False, lang: str = "en") -> BulkReport:
    """Validate every row, then add the valid ones (or none, if all_or_nothing and any row is
    wrong). The additions are one transaction."""
    valid, present, errors = validate_rows(source, catalog, registry, lang=lang)
    if all_or_nothing and not errors.empty:
        return BulkReport([], present, errors, applied=False)
    rows = list(valid)
    while rows:
        try:
            added = registry.add_stores([valid[r] for r in rows], catalog)
            return BulkReport(added, present, errors)
        except BatchValidationError as exc:
            # Another user added a clashing store between validation and saving.
            late = [{"row": rows[i], "field": p.field, "message": p.message(lang)}
                    for i, found in exc.problems.items() for p in found]
            errors = pd.concat([errors, pd.DataFrame(late, columns=ERROR_COLUMNS)],
                               ignore_index=True).sort_values("row", kind="stable")
            if all_or_nothing:
                return BulkReport([], present, errors, applied=False)
            rows = [r for i, r in enumerate(rows) if i not in exc.problems]
    return BulkReport([], present, errors)
