"""The Listing Preview: which products a rule lists, keeps or drops, and what Amazon would
say about them, as pandas frames behind three tabs.

| already listed | meets the rule | tab |
| yes | yes | Eligible Listings (stays active) |
| yes | no  | Ineligible Listings (quantity set to 0) |
| no  | yes | New Listings (will be listed) |
The kit publishes nothing itself: "already listed" means eligible under the store's saved rule
(or whatever set the caller passes). Products the kit knows cannot be listed are flagged before
Amazon is asked: unsupported types, a missing or invalid identifier for the mapped type, and a
GCID mapping (no catalog search type).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from asc_widgets.core.i18n import t
from asc_widgets.core.identifiers_vectorized import REASON_KEYS, check_column
from asc_widgets.core.listing.attributes import UNSUPPORTED_TYPES, RuleAttribute
from asc_widgets.core.listing.codes import normalise_column, search_type
from asc_widgets.core.listing.evaluate import Explanation, evaluate, explain
from asc_widgets.core.listing.matching import MatchReport
from asc_widgets.core.listing.rules import ListingRule

INELIGIBLE, ELIGIBLE, NEW = "ineligible", "eligible", "new"
TABS = (INELIGIBLE, ELIGIBLE, NEW)
# The Commerce admin's columns (no thumbnails: the kit reads no images), then the checks.
COLUMNS = ("product_id", "name", "type_id", "attribute_set", "sku", "visibility", "status",
           "flag", "amazon", "asins", "amazon_title")
PAGE_SIZE = 50


@dataclass(frozen=True)
class StoreMapping:
    """What the preview needs of the store: the mapped identifier and the marketplace."""

    website: str
    id_type: str
    attribute: str
    marketplace: str


class ListingPreview:
    def __init__(self, products: pd.DataFrame, rule: ListingRule, mapping: StoreMapping, *,
                 listed: np.ndarray | None = None,
                 attributes: Mapping[str, RuleAttribute] | None = None):
        self.rule = rule
        self.mapping = mapping
        self.attributes = attributes
        self.products = products
        meets = evaluate(rule, products, attributes)
        listed = np.zeros(len(products), dtype=bool) if listed is None else listed
        tab = np.select([listed & ~meets, listed & meets, ~listed & meets],
                        [INELIGIBLE, ELIGIBLE, NEW], default="")
        frame = products[[c for c in COLUMNS if c in products.columns]].copy()
        frame["meets_rule"] = meets
        frame["tab"] = pd.Categorical(tab, categories=["", *TABS])
        frame["flag"] = _flags(products, mapping)
        keys, codes = _codes(products, mapping)
        frame["match_key"], frame["search_code"] = keys, codes
        frame["amazon"] = pd.Series(pd.NA, index=frame.index, dtype="string")
        frame["asins"] = pd.Series(pd.NA, index=frame.index, dtype="string")
        frame["amazon_title"] = pd.Series(pd.NA, index=frame.index, dtype="string")
        self.frame = frame
        self.report: MatchReport | None = None

    # ---- what the tabs hold -------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        counts = self.frame["tab"].value_counts()
        return {tab: int(counts.get(tab, 0)) for tab in TABS}

    def tab_label(self, tab: str, lang: str = "en") -> str:
        return t(f"preview.tab.{tab}", lang, count=self.counts()[tab])

    def rows(self, tab: str) -> pd.DataFrame:
        if tab not in TABS:
            raise ValueError(f"tab must be one of {TABS}")
        return self.frame[(self.frame["tab"] == tab).to_numpy()]

    def table(self, tab: str, lang: str = "en", *, page: int | None = None,
              page_size: int = PAGE_SIZE) -> pd.DataFrame:
        """The tab as shown: localised headers, flags and outcomes; one page when asked."""
        rows = self.rows(tab)
        if page is not None:
            rows = rows.iloc[page * page_size:(page + 1) * page_size]
        shown = rows[list(COLUMNS)].copy()
        shown["flag"] = _localise(shown["flag"], lambda v: flag_text(v, self.mapping, lang))
        shown["amazon"] = _localise(shown["amazon"],
                                    lambda v: t(f"match.outcome.{v}", lang))
        return shown.rename(columns={c: t(f"preview.col.{c}", lang) for c in COLUMNS})

    def pages(self, tab: str, page_size: int = PAGE_SIZE) -> int:
        return max(1, -(-len(self.rows(tab)) // page_size))

    def explain(self, product_id: int, lang: str = "en") -> str:
        positions = np.flatnonzero(self.products["product_id"].to_numpy() == product_id)
        if not len(positions):
            return t("rule.explain.unknown_product", lang, product=product_id)
        return self.explanation(int(positions[0])).message(lang)

    def explanation(self, row: int) -> Explanation:
        return explain(self.rule, self.products, row, self.attributes)

    # ---- the Amazon dry run ----------------------------------------------------------------
    def codes_to_match(self) -> dict[str, str]:
        """{normalised key: code to send} of the products that will be listed (New or
        Eligible) and carry no flag: the codes worth asking Amazon about."""
        f = self.frame
        wanted = f["meets_rule"].to_numpy() & f["flag"].isna().to_numpy() & \
            f["match_key"].notna().to_numpy()
        return dict(zip(f["match_key"][wanted], f["search_code"][wanted], strict=True))

    def apply(self, report: MatchReport) -> None:
        """Put Amazon's outcomes on the products (by normalised code)."""
        self.report = report
        keys = self.frame["match_key"]
        known = {k: m for k, m in report.matches.items()}
        self.frame["amazon"] = pd.array(keys.map(lambda k: known[k].outcome if k in known
                                                 else pd.NA), dtype="string")
        self.frame["asins"] = pd.array(keys.map(lambda k: " ".join(known[k].asins)
                                                if k in known else pd.NA), dtype="string")
        self.frame["amazon_title"] = pd.array(keys.map(lambda k: known[k].title if k in known
                                                       else pd.NA), dtype="string")

    def flag_counts(self) -> dict[str, int]:
        """Among the products that meet the rule: how many carry each kind of flag."""
        flags = self.frame.loc[self.frame["meets_rule"], "flag"].dropna()
        kinds = flags.str.partition(":")[0].value_counts().sort_index()
        return {str(k): int(v) for k, v in kinds.items()}

    def outcome_counts(self) -> dict[str, int]:
        values = self.frame.loc[self.frame["meets_rule"], "amazon"].value_counts()
        return {str(k): int(v) for k, v in values.items()}

    # ---- export ----------------------------------------------------------------------------
    def export(self, folder: Path | str, lang: str = "en") -> dict[str, Path]:
        """One CSV per tab and one Excel workbook (a sheet per tab) in folder."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        paths: dict[str, Path] = {}
        tables = {tab: self.table(tab, lang) for tab in TABS}
        for tab, table in tables.items():
            paths[tab] = folder / f"listing_preview_{tab}.csv"
            table.to_csv(paths[tab], index=False)
        paths["excel"] = folder / "listing_preview.xlsx"
        with pd.ExcelWriter(paths["excel"], engine="openpyxl") as workbook:
            for tab, table in tables.items():
                table.to_excel(workbook, sheet_name=tab, index=False)
        return paths


def _localise(column: pd.Series, text) -> pd.Series:
    """Translate each distinct value once (columns of a few distinct values)."""
    uniques = column.dropna().unique()
    mapping = {v: text(v) for v in uniques}
    return column.map(mapping).astype("string")


def flag_text(flag: str, mapping: StoreMapping, lang: str = "en") -> str:
    kind, _, detail = flag.partition(":")
    if kind == "unsupported_type":
        return t("preflag.unsupported_type", lang, type=detail)
    if kind == "missing_id":
        return t("preflag.missing_id", lang, id_type=mapping.id_type,
                 attribute=mapping.attribute)
    if kind == "invalid_id":
        return t("preflag.invalid_id", lang, id_type=mapping.id_type,
                 attribute=mapping.attribute, reason=t(detail, lang, id_type=mapping.id_type))
    return t("preflag.gcid", lang)


def _flags(products: pd.DataFrame, mapping: StoreMapping) -> pd.Series:
    """Per product the first reason it cannot be listed (NA when none), as 'kind:detail'."""
    n = len(products)
    flags = np.full(n, None, dtype=object)
    if search_type(mapping.id_type) is None:
        flags[:] = "gcid"
    elif mapping.attribute in products.columns:
        checked = check_column(products[mapping.attribute], (mapping.id_type,))
        codes = checked.codes[mapping.id_type].astype(int)
        reasons = np.array([None, *[f"invalid_id:{k}" for k in REASON_KEYS[1:]]], dtype=object)
        flags = reasons[codes]
        flags[codes == 1] = "missing_id"
    else:
        flags[:] = "missing_id"
    if "type_id" in products.columns:
        types = products["type_id"].astype("string")
        unsupported = types.isin(sorted(UNSUPPORTED_TYPES)).to_numpy(dtype=bool)
        flags[unsupported] = ("unsupported_type:" + types[unsupported]).to_numpy(dtype=object)
    return pd.Series(flags, index=products.index, dtype="string")


def _codes(products: pd.DataFrame, mapping: StoreMapping) -> tuple[pd.Series, pd.Series]:
    if search_type(mapping.id_type) is None or mapping.attribute not in products.columns:
        empty = pd.Series(pd.NA, index=products.index, dtype="string")
        return empty, empty.copy()
    keys, codes = normalise_column(products[mapping.attribute], mapping.id_type)
    return (pd.Series(keys, index=products.index, dtype="string"),
            pd.Series(codes, index=products.index, dtype="string"))
