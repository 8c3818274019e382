"""The Add Amazon Store form ("Add Amazon sales channel").

Validation is core's (validate_draft / Registry.add_store); the form only shows each field's
FieldProblem message beside it, once the user touched the field or tried to submit, and keeps
Connect disabled while core reports any problem.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from asc_widgets.core.catalog import CatalogSource
from asc_widgets.core.i18n import t
from asc_widgets.core.marketplaces import MARKETPLACES
from asc_widgets.core.registry import Registry
from asc_widgets.core.stores import (
    FIELD_ORDER,
    FieldProblem,
    Store,
    StoreDraft,
    ValidationError,
    validate_draft,
)
from asc_widgets.widgets.attribute_mapper import AttributeMapper
from asc_widgets.widgets.common import (
    FieldBlock,
    esc,
    lean,
    lock_for_viewers,
    make_button,
    make_hbox,
    make_html,
    make_vbox,
    notify,
    set_options,
)
from asc_widgets.widgets.feedback import Feedback


def marketplace_options(lang: str) -> list[tuple[str, str]]:
    """(flag + country name in lang, code) for every marketplace core knows."""
    return [(f"{m.flag} {t(f'market.{code}', lang)}", code) for code, m in MARKETPLACES.items()]


class StoreForm:
    """The form: fields, the attribute mapper, Cancel and Connect.

    Public actions (what the buttons do, usable from tests): ``submit()``, ``cancel()``,
    ``reset()``, ``set_language(lang)``; state: ``draft()``, ``problems``, ``errors``.
    """

    def __init__(self, registry: Registry, catalog: CatalogSource, *, lang: str = "en",
                 feedback: Feedback | None = None,
                 on_saved: Callable[[Store], None] | None = None,
                 on_cancel: Callable[[], None] | None = None):
        self.registry = registry
        self.catalog = catalog
        self.lang = lang
        self.feedback = feedback or Feedback(lang)
        self.on_saved = on_saved
        self.on_cancel = on_cancel
        self.touched: set[str] = set()
        self.problems: list[FieldProblem] = []
        self._existing: list[Store] = []
        self._quiet = False
        self._websites = catalog.websites()

        self.title = make_html("asc-form-title")
        self.intro = make_html("asc-form-intro")
        self.mapper = AttributeMapper(catalog, lang=lang, feedback=self.feedback)
        self.blocks: dict[str, FieldBlock] = {
            "website": FieldBlock("website", lean(w.Dropdown)),
            "email": FieldBlock("email", lean(w.Text, continuous_update=True)),
            "name": FieldBlock("name", lean(w.Text, continuous_update=True)),
            "marketplace": FieldBlock("marketplace", lean(w.Dropdown)),
            "id_type": self.mapper.id_type,
            "attribute": self.mapper.attribute,
        }
        self.cancel_button = make_button("asc-cancel", "asc-button-secondary")
        self.connect_button = make_button("asc-connect", "asc-button-primary", disabled=True)
        self.cancel_button.on_click(self.feedback.guard(lambda _b: self.cancel(), "form.cancel"))
        self.connect_button.on_click(self.feedback.guard(lambda _b: self.submit(),
                                                         "form.submit"))
        for name, block in self.blocks.items():
            block.control.observe(self.feedback.guard(self._changed(name), f"form.{name}"),
                                  names="value")

        body = make_vbox([self.intro] + [self.blocks[f].widget for f in
                                    ("website", "email", "name", "marketplace")]
                    + [self.mapper.widget], "asc-form-body")
        buttons = make_hbox([self.cancel_button, self.connect_button], "asc-form-buttons")
        self.widget = make_vbox([self.title, body, buttons], "asc-store-form")
        self.set_language(lang)
        self.reset()

    # ---- state --------------------------------------------------------------------------
    def control(self, field: str) -> w.DOMWidget:
        return self.blocks[field].control

    def draft(self) -> StoreDraft:
        return StoreDraft(**{f: self.blocks[f].control.value or "" for f in FIELD_ORDER})

    @property
    def errors(self) -> dict[str, str]:
        """The messages shown beside fields now, by field."""
        return {f: b.message for f, b in self.blocks.items() if b.message}

    @property
    def is_valid(self) -> bool:
        return not self.problems

    # ---- actions ------------------------------------------------------------------------
    def reset(self, *, reread: bool = True) -> None:
        """An empty form (the website pre-selected when there is only one). reread: read the
        saved stores again for the live checks (not needed right after this form saved one)."""
        if reread:
            self._existing = self.registry.list_stores()
        self._quiet = True
        try:
            for field in FIELD_ORDER:
                self.blocks[field].control.value = ""
            if len(self._websites) == 1:
                self.blocks["website"].control.value = self._websites[0].code
        finally:
            self._quiet = False
        self.touched.clear()
        self.mapper.update_info()
        self.revalidate()

    def fill(self, **values: str) -> None:
        """Set fields as a user would (each counts as touched): for notebooks and tests."""
        for field, value in values.items():
            self.blocks[field].control.value = value

    def revalidate(self) -> list[FieldProblem]:
        self.problems = validate_draft(self.draft(), self.catalog, self._existing)
        self._render_problems()
        return self.problems

    def submit(self) -> Store | None:
        """Connect: save the store through the registry, which validates it once against what
        is saved now; None (and messages beside the fields) when refused."""
        self.touched.update(FIELD_ORDER)
        self.connect_button.disabled = True
        try:
            store = self.registry.add_store(self.draft(), self.catalog)
        except ValidationError as exc:
            # Show core's verdict per field and keep the input; the live checks then follow
            # what is saved now (another kernel may have saved a clashing store first).
            self._existing = self.registry.list_stores()
            self.problems = exc.problems
            self._render_problems()
            self.feedback.error("error.validation")
            return None
        finally:
            self._enable_connect()
        self._existing = [*self._existing, store]
        self.feedback.success("ui.msg.added", name=store.name)
        notify(self.on_saved, store)  # first, so the new card shows before the form is cleared
        self.reset(reread=False)
        return store

    def cancel(self) -> None:
        self.reset()
        notify(self.on_cancel)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._quiet = True
        try:
            self.title.value = f"<h3>{esc(t('ui.form.title', lang))}</h3>"
            self.intro.value = f"<p>{esc(t('ui.form.intro', lang))}</p>"
            for field in ("website", "email", "name", "marketplace"):
                self.blocks[field].set_label(t(f"field.{field}", lang),
                                             t(f"ui.form.help.{field}", lang))
            placeholder = [(t("ui.form.select", lang), "")]
            set_options(self.blocks["website"].control,
                        placeholder + [(site.display, site.code) for site in self._websites])
            set_options(self.blocks["marketplace"].control,
                        placeholder + marketplace_options(lang))
            self.blocks["email"].control.placeholder = t("ui.form.email_placeholder", lang)
            self.blocks["name"].control.placeholder = t("ui.form.name_placeholder", lang)
            self.mapper.set_language(lang)
            self.cancel_button.description = t("ui.form.cancel", lang)
            self.connect_button.description = t("ui.form.connect", lang)
        finally:
            self._quiet = False
        self._render_problems()

    # ---- internals ----------------------------------------------------------------------
    def _changed(self, field: str):
        def on_change(_change=None) -> None:
            if self._quiet:
                return
            self.touched.add(field)
            self.revalidate()
        return on_change

    def _render_problems(self) -> None:
        first: dict[str, FieldProblem] = {}
        for problem in self.problems:
            first.setdefault(problem.field, problem)
        for field, block in self.blocks.items():
            problem = first.get(field) if field in self.touched else None
            block.show_error(problem.message(self.lang) if problem else None)
        self._enable_connect()

    def _enable_connect(self) -> None:
        """Connect is enabled while the draft has no problem and the person may add stores."""
        self.connect_button.disabled = bool(self.problems)
        lock_for_viewers(self.registry.person, self.lang, self.connect_button)
