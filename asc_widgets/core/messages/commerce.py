"""Messages of the Adobe Commerce REST client (en + zh-CN)."""

# What the Commerce integration needs; the messages name them, config reads the variables.
PERMISSIONS = ("Magento_Backend::store", "Magento_Catalog::attributes_attributes",
               "Magento_Catalog::products")
OAUTH_VARIABLES = ("ASC_COMMERCE_CONSUMER_KEY", "ASC_COMMERCE_CONSUMER_SECRET",
                   "ASC_COMMERCE_ACCESS_TOKEN", "ASC_COMMERCE_ACCESS_TOKEN_SECRET")

_PERMISSION_LIST = ", ".join(PERMISSIONS)
_OAUTH_LIST = ", ".join(OAUTH_VARIABLES)

MESSAGES = {
    # Configuration (environment variables).
    "commerce.config.missing_url": {
        "en": "ASC_COMMERCE_URL is not set: set it to the store's base URL, "
              "e.g. https://shop.example.com.",
        "zh-CN": "未设置 ASC_COMMERCE_URL：请将其设置为商店的基础 URL，例如 https://shop.example.com。"},
    "commerce.config.bad_url": {
        "en": "ASC_COMMERCE_URL '{value}' is not an http(s) address: set it to the store's base "
              "URL, e.g. https://shop.example.com.",
        "zh-CN": "ASC_COMMERCE_URL“{value}”不是 http(s) 地址：请将其设置为商店的基础 URL，"
                 "例如 https://shop.example.com。"},
    "commerce.config.missing_credentials": {
        "en": "ASC_COMMERCE_TOKEN is not set: set it to the access token of an Adobe Commerce "
              "integration, or set the four OAuth 1.0a credentials " + _OAUTH_LIST + ".",
        "zh-CN": "未设置 ASC_COMMERCE_TOKEN：请将其设置为 Adobe Commerce 集成的访问令牌，"
                 "或设置四个 OAuth 1.0a 凭据 " + _OAUTH_LIST + "。"},
    "commerce.config.missing_oauth": {
        "en": "{variables} not set: OAuth 1.0a needs all four integration credentials ("
              + _OAUTH_LIST + "). Copy them from System > Extensions > Integrations in the "
              "Commerce Admin.",
        "zh-CN": "未设置 {variables}：OAuth 1.0a 需要全部四个集成凭据（" + _OAUTH_LIST
                 + "）。请从 Commerce 管理后台的“系统 > 扩展 > 集成”中复制。"},
    "commerce.config.bad_number": {
        "en": "{variable} must be a whole number from {low} to {high}, not '{value}'.",
        "zh-CN": "{variable} 必须是 {low} 到 {high} 之间的整数，而不是“{value}”。"},
    # Answers of the store.
    "commerce.error.unauthorized_bearer": {
        "en": "Adobe Commerce refused {path} (401: {message}). Two possible causes: the "
              "integration lacks a permission, or the store ignores integration tokens used as "
              "bearer tokens, which is the default since Adobe Commerce 2.4.4 (setting "
              "oauth/consumer/enable_integration_as_bearer, under Stores > Configuration > "
              "Services > OAuth > Consumer Settings). Give the integration the permissions "
              + _PERMISSION_LIST + ", and either allow its access token as a bearer token or "
              "set the four OAuth 1.0a credentials instead of ASC_COMMERCE_TOKEN.",
        "zh-CN": "Adobe Commerce 拒绝了 {path}（401：{message}）。可能的原因有两个：集成缺少权限；"
                 "或者商店不接受以 Bearer 令牌方式使用的集成令牌——自 Adobe Commerce 2.4.4 起默认如此"
                 "（设置 oauth/consumer/enable_integration_as_bearer，位于“商店 > 配置 > 服务 > "
                 "OAuth > 使用者设置”）。请为集成授予权限 " + _PERMISSION_LIST
                 + "，并允许将其访问令牌用作 Bearer 令牌，或改为设置四个 OAuth 1.0a 凭据来代替 "
                 "ASC_COMMERCE_TOKEN。"},
    "commerce.error.unauthorized_oauth1": {
        "en": "Adobe Commerce refused {path} (401: {message}). Two possible causes: the "
              "integration lacks a permission, or the OAuth 1.0a credentials are wrong or were "
              "regenerated (reauthorize the integration and copy all four again). The "
              "integration needs the permissions " + _PERMISSION_LIST + ".",
        "zh-CN": "Adobe Commerce 拒绝了 {path}（401：{message}）。可能的原因有两个：集成缺少权限；"
                 "或者 OAuth 1.0a 凭据有误或已重新生成（请重新授权集成并再次复制全部四个凭据）。"
                 "集成需要以下权限：" + _PERMISSION_LIST + "。"},
    "commerce.error.not_found": {
        "en": "Adobe Commerce has no {path} (404: {message}). Check that ASC_COMMERCE_URL is the "
              "store's base URL and ASC_COMMERCE_STORE_CODE (if set) an existing store view code.",
        "zh-CN": "Adobe Commerce 中不存在 {path}（404：{message}）。请检查 ASC_COMMERCE_URL 是否为"
                 "商店的基础 URL，以及 ASC_COMMERCE_STORE_CODE（如已设置）是否为现有的商店视图代码。"},
    "commerce.error.busy": {
        "en": "Adobe Commerce (or a proxy in front of it) answered {status} to {path} "
              "{attempts} times in a row: the store is busy or down. Try again later.",
        "zh-CN": "Adobe Commerce（或其前面的代理）连续 {attempts} 次对 {path} 返回 {status}："
                 "商店繁忙或已停止服务。请稍后重试。"},
    "commerce.error.http": {
        "en": "Adobe Commerce answered {status} to {path}: {message}",
        "zh-CN": "Adobe Commerce 对 {path} 返回 {status}：{message}"},
    "commerce.error.network": {
        "en": "Cannot reach Adobe Commerce at {url} ({attempts} attempts): {reason}. Check "
              "ASC_COMMERCE_URL and the network connection.",
        "zh-CN": "无法连接 {url} 上的 Adobe Commerce（已尝试 {attempts} 次）：{reason}。"
                 "请检查 ASC_COMMERCE_URL 和网络连接。"},
    "commerce.error.timeout": {
        "en": "Adobe Commerce at {url} did not answer within {seconds} seconds ({attempts} "
              "attempts). The store may be overloaded: try again later or lower "
              "ASC_COMMERCE_PAGE_SIZE.",
        "zh-CN": "{url} 上的 Adobe Commerce 在 {seconds} 秒内没有响应（已尝试 {attempts} 次）。"
                 "商店可能负载过高：请稍后重试或调低 ASC_COMMERCE_PAGE_SIZE。"},
    "commerce.error.not_json": {
        "en": "Adobe Commerce answered {path} with something other than JSON (HTTP {status}, "
              "{content_type}). Check that ASC_COMMERCE_URL points to the store itself, not to a "
              "login page or a proxy.",
        "zh-CN": "Adobe Commerce 对 {path} 返回的不是 JSON（HTTP {status}，{content_type}）。"
                 "请检查 ASC_COMMERCE_URL 指向商店本身，而不是登录页或代理。"},
    "commerce.error.unexpected": {
        "en": "Adobe Commerce answered {path} in an unexpected shape: {detail}.",
        "zh-CN": "Adobe Commerce 对 {path} 的响应格式不符合预期：{detail}。"},
    "commerce.error.no_message": {"en": "no message", "zh-CN": "无消息"},
    "commerce.error.paging_loop": {
        "en": "Adobe Commerce answered page {page} of {path} with the same products as page "
              "{earlier}: the store does not page as expected (it may ignore currentPage). "
              "Stopped reading; ask the store's administrator to check its REST API.",
        "zh-CN": "Adobe Commerce 对 {path} 第 {page} 页返回的产品与第 {earlier} 页相同："
                 "该商店的分页不符合预期（可能忽略了 currentPage）。已停止读取；"
                 "请商店管理员检查其 REST API。"},
    "commerce.error.too_many_pages": {
        "en": "Adobe Commerce kept answering {path} for more than {max_pages} pages without "
              "saying how many items there are (total_count). Stopped reading; if the catalog "
              "really is this large, raise ASC_COMMERCE_MAX_PAGES.",
        "zh-CN": "Adobe Commerce 对 {path} 的响应超过 {max_pages} 页，且未说明共有多少项"
                 "（total_count）。已停止读取；如果目录确实这么大，请调高 ASC_COMMERCE_MAX_PAGES。"},
    "commerce.error.malformed_record": {
        "en": "Adobe Commerce answered {path} with a record whose '{field}' is missing or not "
              "a number: {record}. Ask the store's administrator to check it.",
        "zh-CN": "Adobe Commerce 对 {path} 的响应中有一条记录的“{field}”缺失或不是数字：{record}。"
                 "请商店管理员检查。"},
    # The local catalog snapshot and its sync.
    "snapshot.missing": {
        "en": "There is no local copy of the Adobe Commerce catalog at {url} yet: press Sync "
              "catalog (in a notebook: kit.sync_catalog()) to read it once. Later syncs read "
              "only what changed.",
        "zh-CN": "尚无 {url} 上 Adobe Commerce 目录的本地副本：请点击“同步目录”（在笔记本中："
                 "kit.sync_catalog()）读取一次。之后的同步只读取有变化的部分。"},
    "snapshot.other_store": {
        "en": "The catalog snapshot in {path} belongs to {found}, not to {expected}: it is not "
              "used. Press Sync catalog to read this store's catalog.",
        "zh-CN": "{path} 中的目录快照属于 {found}，而不是 {expected}：不会使用它。"
                 "请点击“同步目录”读取此商店的目录。"},
    "snapshot.unreadable": {
        "en": "The catalog snapshot {path} cannot be read ({reason}). Press Sync catalog to "
              "read the catalog again.",
        "zh-CN": "无法读取目录快照 {path}（{reason}）。请点击“同步目录”重新读取目录。"},
    "snapshot.age": {
        "en": "Catalog snapshot: {products} products, synced {age} ago ({synced_at} UTC).",
        "zh-CN": "目录快照：{products} 个产品，{age}前同步（UTC {synced_at}）。"},
    "snapshot.age_none": {
        "en": "No catalog snapshot yet: press Sync catalog to read the catalog once.",
        "zh-CN": "尚无目录快照：请点击“同步目录”读取一次目录。"},
    "snapshot.unit.seconds": {"en": "{n} s", "zh-CN": "{n} 秒"},
    "snapshot.unit.minutes": {"en": "{n} min", "zh-CN": "{n} 分钟"},
    "snapshot.unit.hours": {"en": "{n} h", "zh-CN": "{n} 小时"},
    "snapshot.unit.days": {"en": "{n} days", "zh-CN": "{n} 天"},
    "sync.progress": {
        "en": "{phase}: {read} of {total} products read, about {remaining} left.",
        "zh-CN": "{phase}：已读取 {read} / {total} 个产品，预计还需 {remaining}。"},
    "sync.phase.full": {"en": "Reading the whole catalog", "zh-CN": "正在读取整个目录"},
    "sync.phase.changes": {"en": "Reading changed products", "zh-CN": "正在读取有变化的产品"},
    "sync.phase.check": {"en": "Checking for deleted products", "zh-CN": "正在检查已删除的产品"},
    "sync.done_full": {
        "en": "Catalog synced: {products} products read in {seconds} s ({requests} requests).",
        "zh-CN": "目录已同步：用 {seconds} 秒读取了 {products} 个产品（{requests} 次请求）。"},
    "sync.done_incremental": {
        "en": "Catalog synced: {changed} products changed, {deleted} deleted, {products} in "
              "total ({requests} requests, {seconds} s).",
        "zh-CN": "目录已同步：{changed} 个产品有变化，{deleted} 个已删除，共 {products} 个"
                 "（{requests} 次请求，{seconds} 秒）。"},
    "sync.error.commerce": {
        "en": "The catalog sync stopped after {read} of {total} products: {reason} The last good "
              "snapshot is kept. Run Sync catalog again: it continues where it stopped.",
        "zh-CN": "目录同步在读取 {read} / {total} 个产品后停止：{reason} 已保留上一个完好的快照。"
                 "请再次运行“同步目录”：它会从停止处继续。"},
    "sync.error.commerce_early": {
        "en": "The catalog sync stopped: {reason} The last good snapshot is kept. Run Sync "
              "catalog again: it continues where it stopped.",
        "zh-CN": "目录同步已停止：{reason} 已保留上一个完好的快照。请再次运行“同步目录”：它会从停止处继续。"},
    "sync.error.repeated_page": {
        "en": "The catalog sync stopped after {read} of {total} products: Adobe Commerce (or a "
              "proxy or cache in front of it) answered the products after ID {last_id} with "
              "products already read. The last good snapshot is kept. Run Sync catalog again: "
              "it continues where it stopped.",
        "zh-CN": "目录同步在读取 {read} / {total} 个产品后停止：Adobe Commerce（或其前面的代理或缓存）"
                 "对 ID {last_id} 之后的产品返回了已读取过的产品。已保留上一个完好的快照。"
                 "请再次运行“同步目录”：它会从停止处继续。"},
    "sync.error.disk": {
        "en": "The catalog sync could not write to {path} ({reason}): the disk may be full or "
              "not writable. The last good snapshot is kept. Free some space (or fix ASC_HOME) "
              "and run Sync catalog again: it continues where it stopped.",
        "zh-CN": "目录同步无法写入 {path}（{reason}）：磁盘可能已满或不可写。已保留上一个完好的快照。"
                 "请释放空间（或修正 ASC_HOME）后再次运行“同步目录”：它会从停止处继续。"},
    "sync.error.busy": {
        "en": "Another catalog sync of this store is running (lock {path}). Wait for it to "
              "finish, then run Sync catalog again if needed.",
        "zh-CN": "此商店的另一个目录同步正在运行（锁文件 {path}）。请等待其完成，"
                 "如有需要再运行“同步目录”。"},
}
