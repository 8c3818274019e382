"""The widgets' UI labels, English and Simplified Chinese.

English control labels are the seed's own, verbatim (Add Amazon Store, Connect store, ...).
Field names come from core (``field.*``); status labels too (``status.*``).
"""

MESSAGES = {
    # ---- the page -------------------------------------------------------------------------
    "ui.app.title": {"en": "Amazon Sales Channel", "zh-CN": "Amazon 销售渠道"},
    "ui.banner.title": {"en": "Sell products in the Amazon marketplace",
                        "zh-CN": "在 Amazon 商城销售产品"},
    "ui.banner.subtitle": {
        "en": "Synchronize product and order data between your Magento and Amazon accounts.",
        "zh-CN": "在您的 Magento 和 Amazon 账户之间同步产品和订单数据。"},
    "ui.add_store": {"en": "Add Amazon Store", "zh-CN": "添加 Amazon 商店"},
    "ui.nav.stores": {"en": "Amazon Stores", "zh-CN": "Amazon 商店"},
    "ui.nav.learning": {"en": "Learning and Preparation", "zh-CN": "学习与准备"},
    "ui.nav.status": {"en": "Status", "zh-CN": "状态"},
    "ui.language": {"en": "Language", "zh-CN": "语言"},
    # ---- messages at the top of the page --------------------------------------------------
    "ui.msg.added": {
        "en": "The store '{name}' was added. Next, connect it to Amazon Seller Central.",
        "zh-CN": "已添加商店“{name}”。下一步：将其连接到 Amazon Seller Central。"},
    "ui.msg.deleted": {"en": "The store '{name}' was deleted.", "zh-CN": "已删除商店“{name}”。"},
    "ui.msg.activated": {"en": "The store '{name}' is active.", "zh-CN": "商店“{name}”已启用。"},
    "ui.msg.deactivated": {"en": "The store '{name}' was deactivated.",
                           "zh-CN": "商店“{name}”已停用。"},
    "ui.msg.saved": {"en": "The settings of the store '{name}' were saved.",
                     "zh-CN": "已保存商店“{name}”的设置。"},
    "ui.msg.unchanged": {"en": "Nothing changed: the settings are as they were.",
                         "zh-CN": "没有更改：设置保持不变。"},
    "ui.msg.connect_unavailable": {
        "en": "Connecting '{name}' to Amazon Seller Central needs the Amazon connection, which is "
              "not set up in this installation yet. The store stays Not connected; ask your "
              "administrator to set up the Amazon connection.",
        "zh-CN": "将“{name}”连接到 Amazon Seller Central 需要 Amazon 连接，但此安装尚未设置该连接。"
                 "商店保持“未连接”状态；请联系管理员设置 Amazon 连接。"},
    "ui.error.unexpected": {
        "en": "Something went wrong. Please try again; if it happens again, tell your "
              "administrator (the details are in the app's log).",
        "zh-CN": "出现了问题。请重试；如果再次发生，请告知管理员（详细信息已记录在应用日志中）。"},
    # ---- store cards ----------------------------------------------------------------------
    "ui.stores.empty": {
        "en": "No Amazon store yet. Click Add Amazon Store to add your first store.",
        "zh-CN": "还没有 Amazon 商店。点击“添加 Amazon 商店”添加第一个商店。"},
    "ui.card.website": {"en": "Magento Website", "zh-CN": "Magento 网站"},
    "ui.card.marketplace": {"en": "Marketplace", "zh-CN": "商城"},
    "ui.card.status": {"en": "Status", "zh-CN": "状态"},
    "ui.card.updated": {"en": "Last Updated", "zh-CN": "上次更新"},
    "ui.card.created": {"en": "Created", "zh-CN": "创建时间"},
    "ui.card.connect": {"en": "Connect store", "zh-CN": "连接商店"},
    "ui.card.view": {"en": "View Store", "zh-CN": "查看商店"},
    "ui.card.action": {"en": "Action", "zh-CN": "操作"},
    "ui.card.activate": {"en": "Activate", "zh-CN": "启用"},
    "ui.card.deactivate": {"en": "Deactivate", "zh-CN": "停用"},
    "ui.card.delete": {"en": "Delete", "zh-CN": "删除"},
    "ui.card.auth_expiring": {
        "en": "Authorization expires in {days} days: renew it soon.",
        "zh-CN": "授权将在 {days} 天后到期：请尽快续订。"},
    "ui.card.auth_expired": {"en": "Authorization expired: renew it to keep selling.",
                             "zh-CN": "授权已过期：请续订以继续销售。"},
    "ui.delete.title": {"en": "Delete the store '{name}'?", "zh-CN": "删除商店“{name}”？"},
    "ui.delete.body": {
        "en": "Deleting cannot be undone: the store and its stored authorization are removed "
              "(its history stays in the event log). To use it again, add it again.",
        "zh-CN": "删除后无法撤消：该商店及其保存的授权将被移除（其历史记录保留在事件日志中）。"
                 "如需再次使用，请重新添加。"},
    "ui.delete.confirm": {"en": "Delete store", "zh-CN": "删除商店"},
    "ui.delete.keep": {"en": "Keep store", "zh-CN": "保留商店"},
    # ---- the form (Add Amazon sales channel) ----------------------------------------------
    "ui.form.title": {"en": "Add Amazon sales channel", "zh-CN": "添加 Amazon 销售渠道"},
    "ui.form.intro": {
        "en": "Connect your Amazon store to your Magento store to create a single source for "
              "your catalog.",
        "zh-CN": "将您的 Amazon 商店连接到 Magento 商店，为您的目录建立单一数据来源。"},
    "ui.form.select": {"en": "Select an option", "zh-CN": "请选择"},
    "ui.form.email_placeholder": {"en": "Your email address", "zh-CN": "您的电子邮件地址"},
    "ui.form.name_placeholder": {"en": "For internal reference only", "zh-CN": "仅供内部参考"},
    "ui.form.mapping_section": {"en": "Map your Magento attributes to Amazon",
                                "zh-CN": "将您的 Magento 属性映射到 Amazon"},
    "ui.form.help.website": {
        "en": "Also the default store for imported Amazon orders. Each website can back one "
              "Amazon store.",
        "zh-CN": "也是导入的 Amazon 订单的默认商店。每个网站只能用于一个 Amazon 商店。"},
    "ui.form.help.email": {"en": "The preferred contact email for this store.",
                           "zh-CN": "此商店的首选联系电子邮件。"},
    "ui.form.help.name": {
        "en": "A descriptive name, used inside Commerce only (example: Amazon Store USA).",
        "zh-CN": "描述性名称，仅在 Commerce 内部使用（例如：Amazon 美国商店）。"},
    "ui.form.help.marketplace": {
        "en": "Cannot be changed later: delete the store and add it again.",
        "zh-CN": "以后无法更改：如需更改，请删除商店后重新添加。"},
    "ui.form.help.id_type": {"en": "The Amazon identifier your products carry.",
                             "zh-CN": "您的产品所带的 Amazon 标识符类型。"},
    "ui.form.help.attribute": {
        "en": "The Commerce attribute holding that identifier, so Amazon listings match your "
              "catalog products.",
        "zh-CN": "保存该标识符的 Commerce 属性，用于将 Amazon 刊登与您的目录产品匹配。"},
    "ui.form.cancel": {"en": "Cancel", "zh-CN": "取消"},
    "ui.form.connect": {"en": "Connect", "zh-CN": "连接"},
    # ---- the attribute mapper -------------------------------------------------------------
    "ui.mapper.pick": {
        "en": "Choose an attribute to see sample values and how many products it can match.",
        "zh-CN": "选择一个属性，查看示例值以及它能匹配多少产品。"},
    "ui.mapper.compare": {"en": "Compare attributes", "zh-CN": "比较属性"},
    "ui.mapper.need_type": {"en": "Choose the Product ID on the Amazon market first.",
                            "zh-CN": "请先选择 Amazon 市场上的产品 ID。"},
    "ui.mapper.use": {"en": "Use {attribute}", "zh-CN": "使用 {attribute}"},
    "ui.mapper.col.attribute": {"en": "Attribute", "zh-CN": "属性"},
    "ui.mapper.col.valid": {"en": "Products with a valid {id_type}", "zh-CN": "具有有效 {id_type} 的产品"},
    "ui.mapper.col.with_value": {"en": "With a value", "zh-CN": "有值"},
    "ui.mapper.col.duplicates": {"en": "Duplicates", "zh-CN": "重复值"},
    "ui.mapper.recommended": {
        "en": "Recommended: {attribute}. {valid} of {products} products have a valid {id_type} in it.",
        "zh-CN": "推荐：{attribute}。{products} 个产品中有 {valid} 个在该属性中具有有效的 {id_type}。"},
    "ui.mapper.none_valid": {
        "en": "No attribute holds a valid {id_type}: create a text attribute for it in Commerce and fill it in.",
        "zh-CN": "没有属性保存有效的 {id_type}：请在 Commerce 中为其创建文本属性并填写。"},
    "ui.mapper.samples": {"en": "Sample values: {values}", "zh-CN": "示例值：{values}"},
    "ui.mapper.no_values": {"en": "No product has a value for this attribute.",
                            "zh-CN": "没有任何产品为此属性设置了值。"},
    "ui.mapper.with_value": {"en": "{count} of {total} products have a value.",
                             "zh-CN": "{total} 个产品中有 {count} 个有值。"},
    "ui.mapper.valid": {"en": "{valid} of them are valid {id_type} codes.",
                        "zh-CN": "其中 {valid} 个是有效的 {id_type} 代码。"},
    "ui.mapper.unmatched": {
        "en": "{count} products cannot be matched on Amazon with this mapping (no value or not "
              "a valid {id_type}).",
        "zh-CN": "使用此映射时，有 {count} 个产品无法在 Amazon 上匹配（没有值或不是有效的 {id_type}）。"},
    "ui.mapper.problems": {"en": "Not valid, for example: {examples}",
                           "zh-CN": "无效值示例：{examples}"},
    "ui.mapper.choose_type": {"en": "Choose the Product ID type to check these values.",
                              "zh-CN": "请选择产品 ID 类型以检查这些值。"},
    # ---- the pre-setup checklist ----------------------------------------------------------
    "ui.checklist.title": {"en": "Before you start: pre-setup tasks",
                           "zh-CN": "开始之前：预设置任务"},
    "ui.checklist.intro": {
        "en": "Complete these tasks in Commerce and in Seller Central before you connect a "
              "store. Tick each one when it is done; your ticks are saved for everyone.",
        "zh-CN": "在连接商店之前，请在 Commerce 和 Seller Central 中完成这些任务。完成后勾选；"
                 "勾选状态会为所有人保存。"},
    "ui.checklist.progress": {"en": "{done} of {total} done", "zh-CN": "已完成 {done}/{total}"},
    "ui.checklist.continue": {"en": "Continue to Add Amazon Store",
                              "zh-CN": "继续添加 Amazon 商店"},
    "ui.checklist.close": {"en": "Close", "zh-CN": "关闭"},
    # ---- the store dashboard --------------------------------------------------------------
    "ui.dash.back": {"en": "Back to Amazon Stores", "zh-CN": "返回 Amazon 商店"},
    "ui.dash.details": {"en": "Store details", "zh-CN": "商店详细信息"},
    "ui.dash.mapping": {"en": "Attribute mapping", "zh-CN": "属性映射"},
    "ui.dash.authorization": {"en": "Authorization", "zh-CN": "授权"},
    "ui.dash.seller_id": {"en": "Seller ID", "zh-CN": "卖家 ID"},
    "ui.dash.authorized_at": {"en": "Authorized", "zh-CN": "授权时间"},
    "ui.dash.expires_at": {"en": "Expires", "zh-CN": "到期时间"},
    "ui.dash.days_left": {"en": "Days left", "zh-CN": "剩余天数"},
    "ui.dash.state": {"en": "State", "zh-CN": "授权状态"},
    "ui.dash.none": {"en": "-", "zh-CN": "-"},
    "ui.dash.last_error": {"en": "Last error", "zh-CN": "最近的错误"},
    "ui.dash.history": {"en": "History", "zh-CN": "历史记录"},
    "ui.dash.no_events": {"en": "No events yet.", "zh-CN": "暂无事件。"},
    "ui.dash.col.when": {"en": "When", "zh-CN": "时间"},
    "ui.dash.col.event": {"en": "Event", "zh-CN": "事件"},
    "ui.dash.col.actor": {"en": "By", "zh-CN": "操作人"},
    "ui.dash.col.details": {"en": "Details", "zh-CN": "详细信息"},
    "ui.dash.settings": {"en": "Store settings", "zh-CN": "商店设置"},
    "ui.dash.settings_note": {
        "en": "The website and the marketplace cannot be changed: delete the store and add it "
              "again.",
        "zh-CN": "网站和商城无法更改：如需更改，请删除商店后重新添加。"},
    "ui.dash.save": {"en": "Save", "zh-CN": "保存"},
    "ui.dash.next_title": {"en": "Next step", "zh-CN": "下一步"},
    "ui.dash.next": {"en": "Continue to create listing rules", "zh-CN": "继续创建刊登规则"},
    "ui.dash.next_body": {
        "en": "Listing rules decide which catalog products are listed on Amazon and how.",
        "zh-CN": "刊登规则决定哪些目录产品在 Amazon 上刊登以及如何刊登。"},
    "ui.dash.email": {"en": "Email Address", "zh-CN": "电子邮件地址"},
    # ---- connecting to Seller Central (connect.py) and renewing ---------------------------
    "ui.connect.title": {"en": "Connect '{name}' to Amazon Seller Central",
                         "zh-CN": "将“{name}”连接到 Amazon Seller Central"},
    "ui.connect.title_renew": {"en": "Renew the authorization of '{name}'",
                               "zh-CN": "续订“{name}”的授权"},
    "ui.connect.intro": {
        "en": "Amazon asks you to authorize this app in Seller Central ({marketplace}). "
              "It takes a minute:",
        "zh-CN": "Amazon 要求您在 Seller Central（{marketplace}）中授权此应用。只需一分钟："},
    "ui.connect.step_open": {
        "en": "Click Continue to Seller Central: Seller Central opens in a new tab.",
        "zh-CN": "单击“前往 Seller Central”：Seller Central 将在新标签页中打开。"},
    "ui.connect.step_signin": {
        "en": "Sign in with the primary user's credentials: the email address or phone number "
              "that created the seller account (a secondary user cannot authorize apps). Enter "
              "the two-step verification code if asked.",
        "zh-CN": "使用主要用户的凭据登录：即创建该卖家账户时使用的电子邮件地址或电话号码"
                 "（次要用户无法授权应用）。如有要求，请输入两步验证码。"},
    "ui.connect.step_consent": {
        "en": "On the Amazon Marketplace Web Service page, tick \"I understand...\" and click "
              "Next; at \"You are almost done\", click Continue.",
        # As the seed says it: Seller Central's own control names, in English.
        "zh-CN": "在 Amazon Marketplace Web Service 确认页面上，选中“I understand...”复选框，"
                 "然后单击“Next”；在“You are almost done”消息上，单击“Continue”。"},
    "ui.connect.step_back": {
        "en": "The tab then comes back to this app and shows the confirmation; the store's "
              "card shows View Store. You can close this window.",
        "zh-CN": "随后该标签页会返回本应用并显示确认信息；商店卡片上将显示“查看商店”。"
                 "您可以关闭此窗口。"},
    "ui.connect.step_back_notebook": {
        "en": "The tab then ends on an address that may not load: that is expected in a "
              "notebook. Copy the whole address and paste it below.",
        "zh-CN": "随后该标签页会停在一个可能无法打开的地址上：在 Notebook 中这是正常的。"
                 "请复制完整地址并粘贴到下方。"},
    "ui.connect.time_limit_notebook": {
        "en": "Finish within {minutes} minutes; after that, run this cell again for a new "
              "link.",
        "zh-CN": "请在 {minutes} 分钟内完成；超时后请重新运行此单元格以获取新链接。"},
    "ui.connect.paste_title_notebook": {
        "en": "Paste the address the Seller Central tab ended on",
        "zh-CN": "粘贴 Seller Central 标签页最终停留的地址"},
    "ui.connect.again_notebook": {
        "en": "This panel is done. To connect or renew again, run this cell again.",
        "zh-CN": "此面板已完成。如需再次连接或续订，请重新运行此单元格。"},
    "ui.connect.renew_note": {
        "en": "Sign in as the seller already connected ({seller_id}). The new authorization "
              "replaces the stored one and runs for {days} days.",
        "zh-CN": "请以已连接的卖家（{seller_id}）登录。新的授权将替换已保存的授权，有效期为 {days} 天。"},
    "ui.connect.time_limit": {
        "en": "Finish within {minutes} minutes; after that, click Connect store again.",
        "zh-CN": "请在 {minutes} 分钟内完成；超时后请重新单击“连接商店”。"},
    "ui.connect.link": {"en": "Continue to Seller Central", "zh-CN": "前往 Seller Central"},
    "ui.connect.paste_title": {
        "en": "The tab did not come back (for example in JupyterLab)?",
        "zh-CN": "标签页没有返回本应用（例如在 JupyterLab 中使用时）？"},
    "ui.connect.paste_help": {
        "en": "Copy the whole address from that tab's address bar, paste it here and click "
              "Complete. The address works once and is not kept.",
        "zh-CN": "请从该标签页的地址栏复制完整地址，粘贴到此处并单击“完成”。该地址只能使用一次，且不会被保存。"},
    "ui.connect.paste_placeholder": {"en": "Paste the address your browser landed on",
                                     "zh-CN": "粘贴浏览器最终打开的地址"},
    "ui.connect.complete": {"en": "Complete", "zh-CN": "完成"},
    "ui.connect.close": {"en": "Close", "zh-CN": "关闭"},
    "ui.card.renew": {"en": "Renew authorization", "zh-CN": "续订授权"},
    "ui.card.auth_revoked": {
        "en": "Amazon no longer accepts the authorization: renew it to keep selling.",
        "zh-CN": "Amazon 不再接受该授权：请续订以继续销售。"},
    "ui.card.auth_error": {
        "en": "The connection has a problem: open View Store for details.",
        "zh-CN": "连接出现问题：请打开“查看商店”了解详情。"},
    "ui.dash.check": {"en": "Check connection", "zh-CN": "检查连接"},
    "ui.dash.disconnect": {"en": "Disconnect", "zh-CN": "断开连接"},
    "ui.disconnect.title": {"en": "Disconnect '{name}' from Amazon?",
                            "zh-CN": "断开“{name}”与 Amazon 的连接？"},
    "ui.disconnect.body": {
        "en": "The stored authorization is deleted here and the store becomes Not connected: "
              "its listings and orders stop synchronizing. The app stays authorized at Amazon "
              "until you remove it in Seller Central (Manage Your Apps); the next message "
              "says where. To connect again later, click Connect store.",
        "zh-CN": "此处保存的授权将被删除，商店变为“未连接”：其刊登和订单将停止同步。"
                 "在您于 Seller Central（管理您的应用）中移除之前，该应用在 Amazon 仍保持授权；"
                 "下一条消息会告诉您在哪里移除。以后如需重新连接，请单击“连接商店”。"},
    "ui.disconnect.confirm": {"en": "Disconnect", "zh-CN": "断开连接"},
    "ui.disconnect.keep": {"en": "Keep connection", "zh-CN": "保持连接"},
    "ui.msg.check_ok": {
        "en": "The connection of '{name}' works: Amazon accepted the authorization for "
              "{marketplace}.",
        "zh-CN": "“{name}”的连接正常：Amazon 接受了{marketplace}的授权。"},
    "ui.detail.seller_id": {"en": "Seller ID", "zh-CN": "卖家 ID"},
    "ui.detail.expires_at": {"en": "Expires", "zh-CN": "到期时间"},
    "ui.detail.operation": {"en": "Operation", "zh-CN": "操作"},
    "ui.detail.error": {"en": "Error", "zh-CN": "错误"},
    "ui.detail.reason": {"en": "Reason", "zh-CN": "原因"},
    # ---- the status view ------------------------------------------------------------------
    "ui.status.stores": {"en": "Stores", "zh-CN": "商店"},
    "ui.status.authorizations": {"en": "Authorizations", "zh-CN": "授权"},
    "ui.status.empty": {"en": "No stores yet.", "zh-CN": "还没有商店。"},
    "ui.catalog_sync.title": {"en": "Product catalog", "zh-CN": "产品目录"},
    "ui.catalog_sync.button": {"en": "Sync catalog", "zh-CN": "同步目录"},
    "ui.catalog_sync.running": {"en": "Syncing…", "zh-CN": "正在同步…"},
}
