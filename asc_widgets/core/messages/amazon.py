"""Messages of Amazon authorization: what happened and what to do (en + zh-CN)."""

MESSAGES = {
    "amazon.error.code_expired": {
        "en": "The authorization from Seller Central expired or was already used "
              "(codes are valid for 5 minutes, once). Click Connect store to connect again.",
        "zh-CN": "来自 Seller Central 的授权已过期或已被使用（授权码仅在 5 分钟内有效且只能使用一次）。"
                 "请单击“连接商店”重新连接。"},
    "amazon.error.revoked": {
        "en": "Amazon no longer accepts this store's authorization: the seller revoked it in "
              "Seller Central, or the yearly renewal lapsed. Click Renew authorization to "
              "connect the store again.",
        "zh-CN": "Amazon 不再接受此商店的授权：卖家已在 Seller Central 中撤销授权，或年度续订已过期。"
                 "请单击“续订授权”重新连接商店。"},
    "amazon.error.invalid_client": {
        "en": "Amazon rejected the app's credentials. The app's LWA client secret was probably "
              "rotated or has expired (secrets must be rotated every 180 days). Ask the "
              "administrator to update ASC_LWA_CLIENT_ID / ASC_LWA_CLIENT_SECRET, then try again.",
        "zh-CN": "Amazon 拒绝了应用的凭据。应用的 LWA 客户端密钥可能已轮换或已过期（密钥必须每 180 天轮换一次）。"
                 "请管理员更新 ASC_LWA_CLIENT_ID / ASC_LWA_CLIENT_SECRET 后重试。"},
    "amazon.error.unauthorized_client": {
        "en": "Amazon does not allow this app to request authorization. Ask the administrator "
              "to check the app's registration in the Solution Provider Portal (a draft app "
              "needs ASC_SPAPI_DRAFT=true).",
        "zh-CN": "Amazon 不允许此应用请求授权。请管理员在 Solution Provider Portal 中检查应用的注册"
                 "（草稿状态的应用需要设置 ASC_SPAPI_DRAFT=true）。"},
    "amazon.error.bad_request": {
        "en": "Amazon rejected the request as invalid ({code}). This is a configuration "
              "problem: ask the administrator to check the Amazon settings.",
        "zh-CN": "Amazon 以无效为由拒绝了请求（{code}）。这是配置问题：请管理员检查 Amazon 设置。"},
    "amazon.error.access_denied": {
        "en": "Amazon denied access. Sign in to Seller Central with the primary user's "
              "credentials and connect the store again.",
        "zh-CN": "Amazon 拒绝了访问。请使用主要用户的凭据登录 Seller Central 并重新连接商店。"},
    "amazon.error.wrong_region_or_revoked": {
        "en": "Amazon refused access to the seller account. Either the authorization was given "
              "in another region's Seller Central (the UK belongs to Europe; US, Canada and "
              "Mexico to North America) or the seller revoked it. Connect the store again from "
              "the Seller Central of the store's marketplace.",
        "zh-CN": "Amazon 拒绝访问该卖家账户。可能是在其他地区的 Seller Central 中授予了授权（英国属于欧洲地区；"
                 "美国、加拿大和墨西哥属于北美地区），或者卖家已撤销授权。请从该商店所在商城的 "
                 "Seller Central 重新连接商店。"},
    "amazon.error.rate_limited": {
        "en": "Amazon is limiting how often the app may call it. Wait a few minutes, then try "
              "again.",
        "zh-CN": "Amazon 正在限制应用的调用频率。请等待几分钟后重试。"},
    "amazon.error.unavailable": {
        "en": "Amazon could not be reached or had a temporary problem. Nothing was changed; "
              "try again in a few minutes.",
        "zh-CN": "无法连接 Amazon，或 Amazon 出现临时问题。未做任何更改；请几分钟后重试。"},
    "amazon.error.timeout": {
        "en": "Amazon did not answer in time. Nothing was changed; try again in a few minutes.",
        "zh-CN": "Amazon 未及时响应。未做任何更改；请几分钟后重试。"},
    "amazon.error.unexpected": {
        "en": "Amazon answered unexpectedly (HTTP {status}). Try again later; if it keeps "
              "happening, ask the administrator to check the logs.",
        "zh-CN": "Amazon 返回了意外的响应（HTTP {status}）。请稍后重试；如果问题持续出现，请管理员检查日志。"},
    "amazon.error.marketplace_missing": {
        "en": "The Seller Central account that gave the authorization does not sell in "
              "{marketplace}. Sign in with the primary user of the {marketplace} seller account "
              "and connect the store again.",
        "zh-CN": "授予授权的 Seller Central 账户未在{marketplace}销售。请使用{marketplace}卖家账户的主要用户"
                 "登录并重新连接商店。"},
    "amazon.error.config": {
        "en": "The Amazon connection is not configured correctly (check {names}). Ask the "
              "administrator to fix the settings.",
        "zh-CN": "Amazon 连接配置不正确（请检查 {names}）。请管理员修正设置。"},
    "amazon.callback.denied": {
        "en": "The authorization was not granted in Seller Central (it was cancelled). Click "
              "Connect store to try again.",
        "zh-CN": "未在 Seller Central 中授予授权（已取消）。请单击“连接商店”重试。"},
    "amazon.callback.invalid": {
        "en": "The answer from Seller Central is incomplete or does not belong to this "
              "connection attempt. Click Connect store to start again.",
        "zh-CN": "来自 Seller Central 的响应不完整，或不属于本次连接尝试。请单击“连接商店”重新开始。"},
}
