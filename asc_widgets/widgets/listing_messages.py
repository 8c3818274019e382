"""Labels of the Listing Rules page and the Listing Preview (the Commerce admin's English
labels, verbatim, and Simplified Chinese)."""

from asc_widgets.core.i18n import register

register({
    "ui.dash.listing": {"en": "Preview and List Eligible Products",
                        "zh-CN": "预览并刊登符合条件的产品"},
    "ui.rules.title": {"en": "Listing Rules", "zh-CN": "刊登规则"},
    "ui.rules.preview": {"en": "Preview changes", "zh-CN": "预览更改"},
    "ui.rules.save": {"en": "Save and Close", "zh-CN": "保存并关闭"},
    "ui.rules.close": {"en": "Cancel", "zh-CN": "取消"},
    "ui.rules.add_condition": {"en": "Add condition", "zh-CN": "添加条件"},
    "ui.rules.add_combination": {"en": "Add conditions combination", "zh-CN": "添加条件组合"},
    "ui.rules.remove": {"en": "Remove", "zh-CN": "删除"},
    "ui.rules.saved": {"en": "The listing rule of '{name}' was saved.",
                       "zh-CN": "已保存“{name}”的刊登规则。"},
    "ui.preview.title": {"en": "Listing Preview", "zh-CN": "刊登预览"},
    "ui.preview.back": {"en": "Back", "zh-CN": "返回"},
    "ui.preview.save": {"en": "Save and close", "zh-CN": "保存并关闭"},
    "ui.preview.amazon": {"en": "Check on Amazon", "zh-CN": "在 Amazon 上检查"},
    "ui.preview.cancel": {"en": "Cancel check", "zh-CN": "取消检查"},
    "ui.preview.export": {"en": "Export CSV and Excel", "zh-CN": "导出 CSV 和 Excel"},
    "ui.preview.exported": {"en": "Written:", "zh-CN": "已写入："},
    "ui.preview.prev": {"en": "Previous", "zh-CN": "上一页"},
    "ui.preview.next": {"en": "Next", "zh-CN": "下一页"},
    "ui.preview.page": {"en": "Page {page} of {pages}", "zh-CN": "第 {page} 页，共 {pages} 页"},
    "ui.preview.empty": {"en": "No products in this tab.", "zh-CN": "此标签页中没有产品。"},
    "event.rule_saved": {"en": "Listing rule saved", "zh-CN": "已保存刊登规则"},
    "event.rule_deleted": {"en": "Listing rule deleted", "zh-CN": "已删除刊登规则"},
    "ui.detail.before": {"en": "Before", "zh-CN": "之前"},
    "ui.detail.after": {"en": "After", "zh-CN": "之后"},
})
