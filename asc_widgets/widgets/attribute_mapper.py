"""Map your Magento attributes to Amazon: the ID type, the attribute, and what that mapping
would match in the catalog (sample values, how many products have a value, how many of those
are valid identifiers of the chosen type, a few bad values with the reason), so a bad mapping
shows before saving. The counting is core's (profiler.check_attribute)."""

from __future__ import annotations

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.identifiers import ID_TYPES
from asc_widgets.core.profiler import AttributeCheck, check_attribute
from asc_widgets.widgets.common import FieldBlock, esc, lean, make_html, make_vbox, set_options
from asc_widgets.widgets.feedback import Feedback

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
        self.widget = make_vbox([self.heading, self.id_type.widget, self.attribute.widget,
                                 self.info], "asc-mapper")
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

    def profile(self) -> AttributeCheck | None:
        """Core's check of the chosen attribute as the chosen ID type (None until both are
        chosen)."""
        attribute, id_type = self.attribute_code, self.id_type_code
        if not attribute or not id_type:
            return None
        key = (attribute, id_type, self.lang)
        if key not in self._checks:
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

    # ---- rendering ----------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.heading.value = f"<h4>{esc(t('ui.form.mapping_section', lang))}</h4>"
        self.id_type.set_label(t("field.id_type", lang), t("ui.form.help.id_type", lang))
        self.attribute.set_label(t("field.attribute", lang), t("ui.form.help.attribute", lang))
        placeholder = [(t("ui.form.select", lang), "")]
        set_options(self.id_type.control, placeholder + [(code, code) for code in ID_TYPES])
        set_options(self.attribute.control, placeholder + [
            (f"{a.label} ({a.code})", a.code) for a in self.catalog.mapping_candidates()])
        self.update_info()

    def _on_change(self, _change=None) -> None:
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
