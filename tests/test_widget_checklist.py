"""The pre-setup checklist: every task of onboarding.md section 2, ticks kept in the registry."""

from __future__ import annotations

from asc_widgets.core import Registry
from asc_widgets.core.checklist import CHECKLIST_ITEMS
from asc_widgets.widgets import Checklist
from asc_widgets.widgets.common import text_of


def test_every_task_is_listed(registry):
    checklist = Checklist(registry)
    texts = " ".join(box.description for box in checklist.boxes.values())
    for words in ("Cron", "5 minutes", "North America (US, CA, MX) or the UK", "Professional",
                  "approved", "returns, tax and shipping", "VAT", "ASIN, EAN, GCID, ISBN, UPC",
                  "currency", "conversion rate", "condition attribute", "shipping method"):
        assert words in texts
    assert list(checklist.boxes) == list(CHECKLIST_ITEMS)
    assert text_of(checklist.progress) == "0 of 8 done"


def test_ticks_persist_for_every_kernel(registry):
    first = Checklist(registry)
    first.tick("cron")
    first.tick("uk_vat")
    assert text_of(first.progress) == "2 of 8 done"
    assert registry.checklist()["cron"].checked
    other = Registry(registry.engine.url.render_as_string(hide_password=False))
    second = Checklist(other)
    assert second.checked["cron"] and second.checked["uk_vat"]
    assert not second.checked["currency"]
    second.tick("cron", False)
    first.refresh()
    assert not first.checked["cron"]
    other.close()


def test_refresh_does_not_write(registry):
    checklist = Checklist(registry)
    checklist.refresh()
    assert registry.checklist() == {}


def test_chinese(registry):
    checklist = Checklist(registry, lang="zh-CN")
    assert "每 5 分钟" in checklist.boxes["cron"].description
    assert text_of(checklist.progress) == "已完成 0/8"
