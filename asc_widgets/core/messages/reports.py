"""Messages of status tables, charts, the profiler, bulk onboarding and secrets (en + zh-CN)."""

MESSAGES = {
    "secrets.error.bad_key": {
        "en": "The encryption key in {source} is not valid. It must be a Fernet key "
              "(44 URL-safe base64 characters). Ask the administrator to fix it.",
        "zh-CN": "{source} 中的加密密钥无效。它必须是 Fernet 密钥（44 个 URL 安全的 base64 字符）。"
                 "请联系管理员修复。"},
    "secrets.error.key_lost": {
        "en": "The encryption key file {source} is missing, but the registry holds Amazon "
              "authorizations encrypted with it; a new key could not open them, so none was "
              "made. Restore the file from a backup (or set ASC_SECRET_KEY to the key). If the "
              "key is lost for good, run 'python -m asc_widgets.core.secrets new-key' and "
              "connect each store again (Renew authorization).",
        "zh-CN": "加密密钥文件 {source} 缺失，但登记库中保存着用它加密的 "
                 "Amazon 授权；新密钥无法解密它们，因此没有创建新密钥。"
                 "请从备份恢复该文件（或将 ASC_SECRET_KEY 设置为该密钥）。"
                 "如果密钥已永久丢失，请运行"
                 "“python -m asc_widgets.core.secrets new-key”，"
                 "然后重新连接每个商店（续订授权）。"},
    "secrets.error.decrypt": {
        "en": "A stored secret cannot be decrypted: the encryption key has changed. "
              "Restore the previous key, or connect the store again.",
        "zh-CN": "无法解密已保存的机密：加密密钥已更改。请恢复之前的密钥，或重新连接商店。"},
    "plot.expiry.title": {"en": "Amazon authorizations: granted to expiry",
                          "zh-CN": "Amazon 授权：从授权到到期"},
    "plot.expiry.today": {"en": "today", "zh-CN": "今天"},
    "plot.expiry.warn": {"en": "renewal warnings start", "zh-CN": "开始续订提醒"},
    "plot.expiry.none": {"en": "No store is connected yet.", "zh-CN": "尚无已连接的商店。"},
    "plot.expiry.days": {"en": "{days} d", "zh-CN": "{days} 天"},
    "plot.rec.title": {"en": "Best attribute per Amazon ID type",
                       "zh-CN": "每种 Amazon ID 类型的最佳属性"},
    "plot.rec.coverage": {"en": "products with a value", "zh-CN": "有值的产品"},
    "plot.rec.valid": {"en": "products with a valid ID", "zh-CN": "具有有效 ID 的产品"},
    "plot.rec.none": {"en": "none", "zh-CN": "无"},
    "bulk.missing_column": {
        "en": "The file has no '{column}' column: add it to the header row "
              "(columns: {columns}).",
        "zh-CN": "文件缺少“{column}”列：请在标题行中添加该列"
                 "（列：{columns}）。"},
    "bulk.encoding": {
        "en": "Row {row} is not {encoding} text (byte 0x{byte:02X}). Save the file from Excel as "
              "'CSV UTF-8 (Comma delimited)', or name its encoding (encoding='cp1252' for a "
              "Western Excel CSV, 'gb18030' for a Chinese one). Nothing was added.",
        "zh-CN": "第 {row} 行不是 {encoding} 文本（字节 0x{byte:02X}）。请在 Excel 中将文件另存为"
                 "“CSV UTF-8（逗号分隔）”，或指定其编码（西文 Excel CSV 用 encoding='cp1252'，"
                 "中文 Excel CSV 用 'gb18030'）。未添加任何商店。"},
    "bulk.extra_fields": {
        "en": "Row {row} has {count} values but the header has {expected} columns: remove the "
              "extra values, or put quotes around a value that contains a comma.",
        "zh-CN": "第 {row} 行有 {count} 个值，但标题行只有 {expected} 列：请删除多余的值，"
                 "或为包含逗号的值加上引号。"},
    "bulk.not_csv": {
        "en": "The file cannot be read as CSV (row {row}: {reason}). Save it from Excel as "
              "'CSV UTF-8 (Comma delimited)'. Nothing was added.",
        "zh-CN": "无法按 CSV 读取该文件（第 {row} 行：{reason}）。请在 Excel 中将其另存为"
                 "“CSV UTF-8（逗号分隔）”。未添加任何商店。"},
    "bulk.unsupported_source": {
        "en": "Give the stores as a file path (pathlib.Path), the file's bytes, CSV text or a "
              "DataFrame; got {kind}.",
        "zh-CN": "请以文件路径（pathlib.Path）、文件字节、CSV 文本或 DataFrame 提供商店；"
                 "收到的是 {kind}。"},
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
    "col.last_checked": {"en": "last checked", "zh-CN": "最近检查"},
    # The unattended check's results and the dashboard's line about it.
    "check.result.ok": {"en": "passed", "zh-CN": "通过"},
    "check.result.revoked": {"en": "revoked", "zh-CN": "已撤销"},
    "check.result.error": {"en": "failed", "zh-CN": "失败"},
    "check.result.unavailable": {"en": "Amazon unavailable", "zh-CN": "Amazon 不可用"},
    "check.last_run": {
        "en": "Last scheduled check: {at}, {checked} store(s) checked, {problems} with problems.",
        "zh-CN": "最近一次定时检查：{at}，检查了 {checked} 个商店，其中 {problems} 个有问题。"},
    "check.last_run.none": {
        "en": "No scheduled check has run yet: nobody is told of expiring or revoked "
              "authorizations until someone opens the app.",
        "zh-CN": "尚未运行过定时检查：在有人打开应用之前，"
                 "不会有人收到授权即将到期或被撤销的通知。"},
    "check.store_last": {"en": "Last scheduled check of this store: {at}, {result}.",
                         "zh-CN": "此商店最近一次定时检查：{at}，{result}。"},
}
