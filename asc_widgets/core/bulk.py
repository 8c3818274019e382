"""Bulk onboarding: add many stores from a CSV, one row per store with the form's fields.

Every row is validated first, against one snapshot of the saved stores plus the rows accepted
before it; errors come back as a DataFrame (row, field, message). Then the valid rows are added
in one short transaction, or none unless all are valid. Rows describing a store that already
exists (same name, website and marketplace) are reported as already present, so re-running the
same file adds nothing twice. Row numbers are the spreadsheet's: the header is row 1.

The source is explicit about what it is: a ``Path`` is a file, ``bytes`` are a file's content,
a ``str`` is CSV text (never a file name), or a DataFrame. Files are read as UTF-8 (Excel's
"CSV UTF-8"); another encoding is named with ``encoding=`` (cp1252 for a Western Excel "CSV",
gb18030 for a Chinese one), and bytes that do not fit it are reported with their row.
"""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pandas as pd

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import t
from asc_widgets.core.registry import BatchValidationError, Registry
from asc_widgets.core.stores import FIELD_ORDER, Store, StoreDraft, validate_batch

ERROR_COLUMNS = ["row", "field", "message"]
FILE_FIELD = "file"  # the error's field when the problem is the file, not one column


class BulkSourceError(AscError, ValueError):
    """The source is neither a path, bytes, CSV text nor a DataFrame."""

    key = "bulk.unsupported_source"

    def __init__(self, kind: str):
        self.kind = kind
        super().__init__(None, kind=kind)


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


@dataclass
class _Rows:
    """The rows read from a source: (row number, {column: value}), the header's columns, and
    problems found while reading (a file problem stops everything)."""

    records: list[tuple[int, dict[str, str]]]
    columns: list[str]
    errors: list[dict]
    unreadable: bool = False


def _column(name: object) -> str:
    return str(name).strip().lower().replace(" ", "_")


def _text_of(source, encoding: str, lang: str) -> tuple[str | None, list[dict]]:
    if isinstance(source, os.PathLike):
        source = Path(source).read_bytes()
    if isinstance(source, bytes | bytearray):
        codec = "utf-8-sig" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") \
            else encoding
        try:
            return bytes(source).decode(codec), []
        except UnicodeDecodeError as exc:
            row = bytes(source)[:exc.start].count(b"\n") + 1
            message = t("bulk.encoding", lang, row=row, encoding=encoding,
                        byte=bytes(source)[exc.start])
            return None, [{"row": row, "field": FILE_FIELD, "message": message}]
    if isinstance(source, str):
        return source, []
    raise BulkSourceError(type(source).__name__)


def _read(source, encoding: str, lang: str) -> _Rows:
    if isinstance(source, pd.DataFrame):
        columns = [_column(c) for c in source.columns]
        frame = source.fillna("").astype(str)
        return _Rows([(position + 2, dict(zip(columns, values, strict=True)))
                      for position, values in enumerate(frame.itertuples(index=False))],
                     columns, [])
    text, errors = _text_of(source, encoding, lang)
    if text is None:
        return _Rows([], [], errors, unreadable=True)
    reader = csv.reader(StringIO(text, newline=""))
    records: list[tuple[int, dict[str, str]]] = []
    try:
        header = [_column(c) for c in next(reader, [])]
        for values in reader:
            row = reader.line_num
            if not any(v.strip() for v in values):
                continue  # a blank line
            if len(values) > len(header):
                errors.append({"row": row, "field": FILE_FIELD, "message": t(
                    "bulk.extra_fields", lang, row=row, count=len(values),
                    expected=len(header))})
                continue
            padded = values + [""] * (len(header) - len(values))
            records.append((row, dict(zip(header, padded, strict=True))))
    except csv.Error as exc:
        message = t("bulk.not_csv", lang, row=reader.line_num, reason=str(exc))
        return _Rows([], [], [{"row": reader.line_num, "field": FILE_FIELD, "message": message}],
                     unreadable=True)
    return _Rows(records, header, errors)


def read_rows(source, *, encoding: str = "utf-8") -> pd.DataFrame:
    """The rows as strings, header names normalised ('Email Address ' -> 'email_address');
    rows that cannot be read are left out (validate_rows reports them)."""
    rows = _read(source, encoding, "en")
    return pd.DataFrame([values for _, values in rows.records], columns=rows.columns)


def validate_rows(source, catalog: CatalogSource, registry: Registry, *, lang: str = "en",
                  encoding: str = "utf-8"
                  ) -> tuple[dict[int, StoreDraft], list[int], pd.DataFrame]:
    """(valid drafts by row number, rows already present, errors DataFrame)."""
    rows = _read(source, encoding, lang)
    if rows.unreadable:
        return {}, [], pd.DataFrame(rows.errors, columns=ERROR_COLUMNS)
    missing = [c for c in FIELD_ORDER if c not in rows.columns]
    if missing:
        errors = [{"row": 1, "field": c, "message": t("bulk.missing_column", lang, column=c,
                                                         columns=", ".join(FIELD_ORDER))}
                  for c in missing]
        return {}, [], pd.DataFrame(errors, columns=ERROR_COLUMNS)
    index = registry.store_index()
    present: list[int] = []
    candidates: list[tuple[int, StoreDraft]] = []
    for row, record in rows.records:
        draft = StoreDraft(**{c: record[c] for c in FIELD_ORDER}).cleaned()
        if index.same_store(draft):
            present.append(row)
        else:
            candidates.append((row, draft))
    problems = validate_batch([d for _, d in candidates], catalog, index)
    errors = list(rows.errors)
    valid: dict[int, StoreDraft] = {}
    for position, (row, draft) in enumerate(candidates):
        if position in problems:
            errors += [{"row": row, "field": p.field, "message": p.message(lang)}
                       for p in problems[position]]
        else:
            valid[row] = draft
    frame = pd.DataFrame(errors, columns=ERROR_COLUMNS)
    return valid, present, frame.sort_values("row", kind="stable", ignore_index=True)


def bulk_add(source, catalog: CatalogSource, registry: Registry, *,
             all_or_nothing: bool = False, lang: str = "en",
             encoding: str = "utf-8") -> BulkReport:
    """Validate every row, then add the valid ones (or none, if all_or_nothing and any row is
    wrong). An unreadable file applies nothing. The additions are one short transaction."""
    valid, present, errors = validate_rows(source, catalog, registry, lang=lang,
                                           encoding=encoding)
    unreadable = not (valid or present) and not errors.empty \
        and (errors["field"] == FILE_FIELD).all()
    if not errors.empty and (all_or_nothing or unreadable):
        return BulkReport([], present, errors, applied=False)
    rows = list(valid)
    while rows:
        try:
            added = registry.insert_stores([valid[r] for r in rows])
            return BulkReport(added, present, errors)
        except BatchValidationError as exc:
            # Another user added a clashing store between validation and saving.
            late = [{"row": rows[i], "field": p.field, "message": p.message(lang)}
                    for i, found in exc.problems.items() for p in found]
            errors = pd.concat([errors, pd.DataFrame(late, columns=ERROR_COLUMNS)],
                               ignore_index=True).sort_values("row", kind="stable",
                                                              ignore_index=True)
            if all_or_nothing:
                return BulkReport([], present, errors, applied=False)
            rows = [r for i, r in enumerate(rows) if i not in exc.problems]
    return BulkReport([], present, errors)
