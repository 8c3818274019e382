"""Messages of the onboarding domain lists: the pre-setup checklist items and the event kinds
of a store's history (en + zh-CN)."""

MESSAGES = {
    "checklist.cron": {"en": "Cron is enabled in Commerce and runs every 5 minutes.",
                       "zh-CN": "已在 Commerce 中启用 Cron，且每 5 分钟运行一次。"},
    "checklist.seller_account": {
        "en": "You have an Amazon Seller Central account in North America (US, CA, MX) or the "
              "UK, on the Professional selling plan.",
        "zh-CN": "您拥有北美（美国、加拿大、墨西哥）或英国的 Amazon Seller Central 账户，"
                 "且使用专业销售计划。"},
    "checklist.approved_seller": {
        "en": "Your seller account is approved, has no category or product restrictions, and "
              "has returns, tax and shipping configured.",
        "zh-CN": "您的卖家账户已获批准，没有品类或产品限制，并已配置退货、税务和配送。"},
    "checklist.uk_vat": {"en": "VAT is set up (for the UK marketplace).",
                         "zh-CN": "已设置增值税（适用于英国商城）。"},
    "checklist.id_attributes": {
        "en": "Commerce has product attributes for the Amazon product IDs (ASIN, EAN, GCID, "
              "ISBN, UPC).",
        "zh-CN": "Commerce 中已有用于 Amazon 产品 ID（ASIN、EAN、GCID、ISBN、UPC）的产品属性。"},
    "checklist.currency": {
        "en": "The marketplace's currency and its conversion rate are set up in Commerce.",
        "zh-CN": "已在 Commerce 中设置该商城的币种及其汇率。"},
    "checklist.condition_attribute": {
        "en": "Commerce has a product condition attribute (new, used, ...).",
        "zh-CN": "Commerce 中已有产品状况属性（全新、二手等）。"},
    "checklist.shipping_method": {"en": "A shipping method is set up in Seller Central.",
                                  "zh-CN": "已在 Seller Central 中设置配送方式。"},
    "event.created": {"en": "Store added", "zh-CN": "已添加商店"},
    "event.edited": {"en": "Settings changed", "zh-CN": "已更改设置"},
    "event.connected": {"en": "Connected", "zh-CN": "已连接"},
    "event.renewed": {"en": "Authorization renewed", "zh-CN": "已续订授权"},
    "event.paused": {"en": "Deactivated", "zh-CN": "已停用"},
    "event.activated": {"en": "Activated", "zh-CN": "已启用"},
    "event.revoked": {"en": "Authorization revoked", "zh-CN": "授权已撤销"},
    "event.failed": {"en": "Failed", "zh-CN": "失败"},
    "event.disconnected": {"en": "Disconnected", "zh-CN": "已断开连接"},
    "event.restored": {"en": "Restored after a passing check", "zh-CN": "检查通过后已恢复"},
    "event.deleted": {"en": "Store deleted", "zh-CN": "已删除商店"},
}
