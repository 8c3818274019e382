"""Messages of status tables, charts, the profiler, bulk onboarding and secrets (en + zh-CN)."""

MESSAGES = {
    "secrets.error.bad_key": {
        "en": "The encryption key in {source} is not valid. It must be a Fernet key "
              "(44 URL-safe base64 characters). Ask the administrator to fix it.",
        "zh-CN": "{source} 中的加密密钥无效。它必须是 Fernet 密钥（44 个 URL 安全的 base64 字符）。"
                 "请联系管理员修复。"},
    "secrets.error.decrypt": {
        "en": "A stored secret cannot be decrypted: the encryption key has changed. "
              "Restore the previous key, or connect the store again.",
        "zh-CN": "无法解密已保存的机密：加密密钥已更改。请恢复之前的密钥，或重新连接商店。"},
    "plot.expiry.title": {"en": "Amazon authorizations: granted to expiry",
                          "zh-CN": "Amazon 授权：从授权到到期"},
    "plot.expiry.today": {"en": "today", "zh-CN": "今天"},
    "plot.expiry.warn": {"en": "renewal warnings start", "zh-CN": "开始续订提醒"},
    "plot.expiry.none": {"en": "No store is connected yet.", "zh-CN": "尚无已连接的商店。"},
    "bulk.missing_column": {
        "en": "The file has no '{column}' column: add it to the header row "
              "(columns: {columns}).",
        "zh-CN": "文件缺少“{column}”列：请在标题行中添加该列"
                 "（列：{columns}）。"},
    "profile.suggestion": {
        "en": "Map the attribute '{attribute}' as {id_type}: {valid} of {products} products "
              "({share}) have a valid {id_type}.",
        "zh-CN": "将属性“{attribute}”映射为 {id_type}：{products} 个产品中有 {valid} 个（{share}）"
                 "具有有效的 {id_type}。"},
    "profile.suggestion_duplicates": {
        "en": "{duplicates} of these values are used by more than one product; Amazon needs a "
              "different one for each product.",
        "zh-CN": "其中 {duplicates} 个值被多个产品共用；Amazon 要求每个产品使用不同的值。"},
    "profile.no_suggestion": {
        "en": "No attribute holds valid Amazon product IDs ({id_types}). "
              "Create a text attribute for one of them and fill it in for your products.",
        "zh-CN": "没有任何属性包含有效的 Amazon 产品 ID（{id_types}）。"
                 "请为其中一种创建文本属性，并为产品填写该属性。"},
    "col.name": {"en": "name", "zh-CN": "名称"},
    "col.website": {"en": "website", "zh-CN": "网站"},
    "col.marketplace": {"en": "marketplace", "zh-CN": "商城"},
    "col.status": {"en": "status", "zh-CN": "状态"},
    "col.created": {"en": "created", "zh-CN": "创建时间"},
    "col.updated": {"en": "updated", "zh-CN": "更新时间"},
    "col.store": {"en": "store", "zh-CN": "商店"},
    "col.seller_id": {"en": "seller id", "zh-CN": "卖家 ID"},
    "col.authorized_at": {"en": "authorized at", "zh-CN": "授权时间"},
    "col.expires_at": {"en": "expires at", "zh-CN": "到期时间"},
    "col.days_left": {"en": "days left", "zh-CN": "剩余天数"},
    "col.state": {"en": "state", "zh-CN": "授权状态"},
}
