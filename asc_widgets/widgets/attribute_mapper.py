"""Map your Magento attributes to Amazon: the ID type, the attribute, and what that mapping
would match in the catalog (sample values, how many products have a value, how many of those
are valid identifiers of the chosen type, a few bad values with the reason), so a bad mapping
shows before saving. The counting is core's (profiler.check_attribute)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.widgets.common import (
    FieldBlock,
    esc,
    lean,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    set_options,
    set_visible,
)
from asc_widgets.widgets.feedback import Feedback

if TYPE_CHECKING:  # the profiler (numpy, pandas) loads on the first check, not with the page
    from asc_widgets.core.profiler import AttributeCheck, Profile

SAMPLE_COUNT = 5
PROBLEM_COUNT = 3


class AttributeMapper:
    """The two mapping fields and the live profile of the chosen attribute."""

    def __init__(self, catalog: CatalogSource, *, lang: str = "en",
                 feedback: Feedback | None = None):
        self.catalog = catalog
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self._checks: dict[tuple[str, str, str], AttributeCheck] = {}
        self._samples: dict[str, list[str]] = {}
        self.heading = make_html("asc-section-title", "asc-mapping-title")
        self.id_type = FieldBlock("id_type", lean(w.Dropdown))
        self.attribute = FieldBlock("attribute", lean(w.Dropdown))
        self.info = make_html("asc-mapper-info")
        self._profiles: dict[str, Profile] = {}
        self.compare_button = make_button("asc-mapper-compare", "asc-button-secondary")
        self.use_button = make_button("asc-mapper-use", "asc-button-secondary",
                                      own_layout=True)
        self.comparison = make_html("asc-mapper-comparison")
        self.compare_button.on_click(self.feedback.guard(lambda _b: self.compare(),
                                                         "mapper.compare"))
        self.use_button.on_click(self.feedback.guard(lambda _b: self.use_recommended(),
                                                     "mapper.use"))
        set_visible(self.use_button, False)
        self.widget = make_vbox([self.heading, self.id_type.widget, self.attribute.widget,
                                 self.info, make_hbox([self.compare_button, self.use_button],
                                                      "asc-mapper-actions"),
                                 self.comparison], "asc-mapper")
        self.set_language(lang)
        for block in (self.id_type, self.attribute):
            block.control.observe(self.feedback.guard(self._on_change, "mapper.update"),
                                  names="value")

    # ---- state --------------------------------------------------------------------------
    @property
    def id_type_code(self) -> str:
        return self.id_type.control.value or ""

    @property
    def attribute_code(self) -> str:
        return self.attribute.control.value or ""

    def reset(self) -> None:
        self.id_type.control.value = ""
        self.attribute.control.value = ""

    def catalog_changed(self) -> None:
        """Forget checks, samples and comparisons of the catalog as it was (after a sync)."""
        self._checks.clear()
        self._samples.clear()
        self._profiles.clear()
        self.update_info()

    def profile(self) -> AttributeCheck | None:
        """Core's check of the chosen attribute as the chosen ID type (None until both are
        chosen)."""
        attribute, id_type = self.attribute_code, self.id_type_code
        if not attribute or not id_type:
            return None
        key = (attribute, id_type, self.lang)
        if key not in self._checks:
            from asc_widgets.core.profiler import check_attribute

            self._checks[key] = check_attribute(self.catalog, attribute, id_type,
                                                samples=SAMPLE_COUNT, lang=self.lang)
        return self._checks[key]

    def samples(self) -> list[str]:
        """A few values of the chosen attribute."""
        attribute = self.attribute_code
        if not attribute:
            return []
        if attribute not in self._samples:
            self._samples[attribute] = self.catalog.sample_values(attribute, SAMPLE_COUNT)
        return self._samples[attribute]

    def compare(self) -> Profile | None:
        """Profile every candidate attribute as the chosen ID type (core's profiler) and show
        the table with bars and the recommendation. On demand: it reads the whole catalog."""
        id_type = self.id_type_code
        if not id_type:
            self.comparison.value = f"<span>{esc(t('ui.mapper.need_type', self.lang))}</span>"
            return None
        if id_type not in self._profiles:
            from asc_widgets.core.profiler import profile_catalog

            candidates = [a.code for a in self.catalog.mapping_candidates()]
            self._profiles[id_type] = profile_catalog(self.catalog, candidates,
                                                      id_types=[id_type], lang=self.lang)
        self.render_comparison()
        return self._profiles[id_type]

    def recommended(self) -> str | None:
        profile = self._profiles.get(self.id_type_code)
        best = profile.best(self.id_type_code) if profile else None
        return best.attribute if best and best.valid else None

    def use_recommended(self) -> None:
        if attribute := self.recommended():
            self.attribute.control.value = attribute

    # ---- rendering ----------------------------------------------------------------------
    def render_comparison(self) -> None:
        lang, id_type = self.lang, self.id_type_code
        profile = self._profiles.get(id_type)
        best = self.recommended()
        set_visible(self.use_button, bool(best))
        if best:
            self.use_button.description = t("ui.mapper.use", lang, attribute=best)
        if profile is None:
            self.comparison.value = ""
            return
        table = profile.table.sort_values(["valid_coverage", "coverage"], ascending=False)
        heads = [t("ui.mapper.col.attribute", lang), t("ui.mapper.col.valid", lang,
                 id_type=id_type), t("ui.mapper.col.with_value", lang),
                 t("ui.mapper.col.duplicates", lang)]
        rows = []
        for row in table.itertuples():
            share = round(100 * row.valid_coverage)
            bar = (f'<div class="asc-bar"><div class="asc-bar-fill" style="width:{share}%">'
                   f"</div></div><span>{share}%</span>")
            mark = ' class="asc-mapper-best"' if row.attribute == best else ""
            rows.append(f"<tr{mark}><td>{esc(row.attribute)}</td><td>{bar}</td>"
                        f"<td>{round(100 * row.coverage)}%</td><td>{row.duplicates}</td></tr>")
        summary = (t("ui.mapper.recommended", lang, attribute=best, id_type=id_type,
                     valid=profile.best(id_type).valid, products=profile.products)
                   if best else t("ui.mapper.none_valid", lang, id_type=id_type))
        self.comparison.value = (
            f"<p>{esc(summary)}</p><table class=\"asc-mapper-table\"><thead><tr>"
            + "".join(f"<th>{esc(h)}</th>" for h in heads) + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<h4>{esc(t('ui.form.mapping_section', lang))}</h4>"
        self.id_type.set_label(t("field.id_type", lang), t("ui.form.help.id_type", lang))
        self.attribute.set_label(t("field.attribute", lang), t("ui.form.help.attribute", lang))
        placeholder = [(t("ui.form.select", lang), "")]
        set_options(self.id_type.control, placeholder + [(code, code) for code in ID_TYPES])
        set_options(self.attribute.control, placeholder + [
            (f"{a.label} ({a.code})", a.code) for a in self.catalog.mapping_candidates()])
        self.compare_button.description = t("ui.mapper.compare", lang)
        self._profiles.clear()  # example reasons are in the profile's language
        self.comparison.value = ""
        set_visible(self.use_button, False)
        self.update_info()

    def _on_change(self, change=None) -> None:
        if change is not None and change.get("owner") is self.id_type.control:
            self.render_comparison()
        self.update_info()

    def update_info(self) -> None:
        lang = self.lang
        for kind in ("ok", "warn"):
            self.info.remove_class(f"asc-mapper-{kind}")
        if not self.attribute_code:
            self.info.value = f"<span>{esc(t('ui.mapper.pick', lang))}</span>"
            return
        check = self.profile()
        samples = check.samples if check else self.samples()
        lines = [t("ui.mapper.samples", lang, values=", ".join(samples))] if samples else []
        if check is None:
            lines.append(t("ui.mapper.choose_type", lang))
        elif not check.present:
            lines.append(t("ui.mapper.no_values", lang))
        else:
            lines.append(t("ui.mapper.with_value", lang, count=check.present,
                           total=check.products))
            lines.append(t("ui.mapper.valid", lang, valid=check.valid, id_type=check.id_type))
        if check is not None:
            unmatched = check.products - check.valid
            if unmatched:
                lines.append(t("ui.mapper.unmatched", lang, count=unmatched,
                               id_type=check.id_type))
            if check.problems:
                examples = "; ".join(f"{value} ({reason})"
                                     for value, reason in check.problems[:PROBLEM_COUNT])
                lines.append(t("ui.mapper.problems", lang, examples=examples))
            self.info.add_class("asc-mapper-warn" if unmatched else "asc-mapper-ok")
        self.info.value = "".join(f'<div class="asc-mapper-line">{esc(line)}</div>'
                                  for line in lines)
