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
}
