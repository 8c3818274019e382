"""Messages of stores, their fields, validation, lifecycle and authorization (en + zh-CN)."""

MESSAGES = {
    # Field names, as the form labels them (the seed's labels, verbatim in English).
    "field.website": {"en": "Magento Website to use for Amazon Listing",
                      "zh-CN": "用于 Amazon 刊登的 Magento 网站"},
    "field.email": {"en": "Email Address", "zh-CN": "电子邮件地址"},
    "field.name": {"en": "New Store Name", "zh-CN": "新商店名称"},
    "field.marketplace": {"en": "Amazon Marketplace Country", "zh-CN": "Amazon 商城国家/地区"},
    "field.id_type": {"en": "Product ID on the Amazon market", "zh-CN": "Amazon 市场上的产品 ID"},
    "field.attribute": {"en": "Map a Magento attribute", "zh-CN": "映射 Magento 属性"},
    # Validation problems: each names the field and says what to do.
    "problem.required": {"en": "{field} is required: please fill it in.",
                         "zh-CN": "{field}为必填项：请填写。"},
    "problem.website_unknown": {
        "en": "{field}: the website '{value}' does not exist in the catalog. Choose one from the list.",
        "zh-CN": "{field}：目录中不存在网站“{value}”。请从列表中选择一个。"},
    "problem.website_taken": {
        "en": "{field}: the website '{value}' already backs the store '{other}'. "
              "Each website can back one Amazon store; choose another website.",
        "zh-CN": "{field}：网站“{value}”已用于商店“{other}”。每个网站只能用于一个 Amazon 商店；请选择其他网站。"},
    "problem.email_invalid": {
        "en": "{field}: '{value}' is not a valid email address ({reason}). Enter an address like name@example.com.",
        "zh-CN": "{field}：“{value}”不是有效的电子邮件地址（{reason}）。请输入类似 name@example.com 的地址。"},
    "problem.unprintable": {
        "en": "{field} contains a control character (a line break, tab or similar) or an invalid "
              "character at position {position}: remove it and type the text again.",
        "zh-CN": "{field}在第 {position} 个字符处包含控制字符（换行符、制表符等）或无效字符：请删除后重新输入。"},
    "problem.name_too_long": {
        "en": "{field} is {length} characters long: shorten it to {max} characters or fewer.",
        "zh-CN": "{field}长度为 {length} 个字符：请缩短到 {max} 个字符以内。"},
    "problem.name_taken": {
        "en": "{field}: a store named '{other}' already exists. Choose a different name.",
        "zh-CN": "{field}：已存在名为“{other}”的商店。请选择其他名称。"},
    "problem.marketplace_unknown": {
        "en": "{field}: '{value}' is not supported. Choose {choices}.",
        "zh-CN": "{field}：不支持“{value}”。请选择{choices}。"},
    "problem.id_type_unknown": {
        "en": "{field}: '{value}' is not an Amazon product ID type. Choose {choices}.",
        "zh-CN": "{field}：“{value}”不是 Amazon 产品 ID 类型。请选择 {choices}。"},
    "problem.attribute_unknown": {
        "en": "{field}: the attribute '{value}' does not exist in the catalog. Choose one from the list.",
        "zh-CN": "{field}：目录中不存在属性“{value}”。请从列表中选择一个。"},
    "problem.attribute_not_text": {
        "en": "{field}: '{value}' is a {kind} attribute; map sku or a text attribute that holds the identifier.",
        "zh-CN": "{field}：“{value}”是 {kind} 类型的属性；请映射 sku 或保存该标识符的文本属性。"},
    "problem.not_editable": {
        "en": "{field} cannot be changed after the store is added. Delete the store and add it again.",
        "zh-CN": "添加商店后无法更改{field}。请删除该商店后重新添加。"},
    # Lifecycle.
    "error.store_not_found": {"en": "The store no longer exists (id {store_id}). Refresh the page.",
                              "zh-CN": "该商店已不存在（ID {store_id}）。请刷新页面。"},
    "error.transition": {
        "en": "Cannot {action} the store '{name}' while it is {status}.",
        "zh-CN": "商店“{name}”处于“{status}”状态，无法执行“{action}”。"},
    "error.seller_taken": {
        "en": "The Amazon seller account {seller_id} is already connected to the store '{other}' for {marketplace}. "
              "Use that store, or sign in with another seller account.",
        "zh-CN": "Amazon 卖家帐户 {seller_id} 已连接到{marketplace}的商店“{other}”。请使用该商店，或使用其他卖家帐户登录。"},
    # The registry cannot be reached (registry/availability.py). {place}: a folder, or a
    # database URL without its password.
    "registry.error.busy": {
        "en": "The registry in {place} is busy: another person or process is saving. Nothing was "
              "changed; try again in a moment.",
        "zh-CN": "{place} 中的登记库正忙：另一个用户或进程正在保存。未做任何更改；请稍后重试。"},
    "registry.error.read_only": {
        "en": "The registry folder {place} cannot be written (read-only or no permission). "
              "Give this user write access to it, or set ASC_HOME to a folder you can write.",
        "zh-CN": "无法写入登记库文件夹 {place}（只读或没有权限）。请为此用户授予写入权限，"
                 "或将 ASC_HOME 设置为可写入的文件夹。"},
    "registry.error.full": {
        "en": "The disk holding the registry folder {place} is full. Free some space there, "
              "then try again; nothing already saved was lost.",
        "zh-CN": "登记库文件夹 {place} 所在的磁盘已满。请释放空间后重试；已保存的内容没有丢失。"},
    "registry.error.not_a_folder": {
        "en": "The registry folder {place} cannot be created: part of that path is a file. "
              "Set ASC_HOME to a folder (or a path that can become one).",
        "zh-CN": "无法创建登记库文件夹 {place}：该路径中有一部分是文件。请将 ASC_HOME 设置为一个文件夹"
                 "（或可以创建为文件夹的路径）。"},
    "registry.error.cannot_open": {
        "en": "The registry in {place} cannot be opened. Check that the folder (ASC_HOME) or "
              "database (ASC_DATABASE_URL) exists and can be reached, then reload the page.",
        "zh-CN": "无法打开 {place} 中的登记库。请检查文件夹（ASC_HOME）或数据库（ASC_DATABASE_URL）"
                 "是否存在且可以访问，然后重新加载页面。"},
    # Registry database trouble: the host and database named, never the password.
    "error.registry_down": {
        "en": "Cannot reach the registry database '{database}' on {host}: the server is not answering. Check that PostgreSQL is running there and that ASC_DATABASE_URL names the right host and port.",
        "zh-CN": "无法连接 {host} 上的注册表数据库“{database}”：服务器没有响应。请确认 PostgreSQL 正在该主机上运行，并且 ASC_DATABASE_URL 中的主机和端口正确。"},
    "error.registry_host_unknown": {
        "en": "Cannot find the host {host} of the registry database '{database}'. Check the host name in ASC_DATABASE_URL.",
        "zh-CN": "找不到注册表数据库“{database}”的主机 {host}。请检查 ASC_DATABASE_URL 中的主机名。"},
    "error.registry_auth": {
        "en": "The registry database '{database}' on {host} refused the user name or password. Check the user and password in ASC_DATABASE_URL.",
        "zh-CN": "{host} 上的注册表数据库“{database}”拒绝了用户名或密码。请检查 ASC_DATABASE_URL 中的用户和密码。"},
    "error.registry_database_missing": {
        "en": "The registry database '{database}' does not exist on {host}. Create it (CREATE DATABASE) or correct the database name in ASC_DATABASE_URL.",
        "zh-CN": "{host} 上不存在注册表数据库“{database}”。请创建该数据库（CREATE DATABASE），或更正 ASC_DATABASE_URL 中的数据库名称。"},
    "error.registry_refused": {
        "en": "The registry database '{database}' on {host} refused the connection ({detail}). Check the server's settings and log.",
        "zh-CN": "{host} 上的注册表数据库“{database}”拒绝了连接（{detail}）。请检查服务器的设置和日志。"},
    "error.registry_dropped": {
        "en": "The connection to the registry database '{database}' on {host} was lost while reading. Try again; if it keeps happening, check the server and the network.",
        "zh-CN": "读取时与 {host} 上的注册表数据库“{database}”的连接中断。请重试；如果反复出现，请检查服务器和网络。"},
    "error.registry_dropped_write": {
        "en": "The connection to the registry database '{database}' on {host} was lost while saving: the change is either saved whole or not at all. Reload to see which, then try again if needed.",
        "zh-CN": "保存时与 {host} 上的注册表数据库“{database}”的连接中断：此更改要么已完整保存，要么完全没有保存。请刷新查看结果，如有需要再重试。"},
    "error.registry_concurrent": {
        "en": "Someone else changed the registry database '{database}' on {host} at the same moment, so this change was not saved. Try again.",
        "zh-CN": "有人同时修改了 {host} 上的注册表数据库“{database}”，因此此更改未保存。请重试。"},
    # Copying a registry into another database (python -m asc_widgets.core.registry.copy).
    "error.copy_target_not_empty": {
        "en": "The target database {place} already holds a registry ({counts}); the copy only fills an empty database. Choose an empty database, or empty this one first.",
        "zh-CN": "目标数据库 {place} 中已有注册表数据（{counts}）；复制只会写入空数据库。请选择一个空数据库，或先清空该数据库。"},
    "error.copy_source_missing": {
        "en": "The source {place} holds no registry (no asc_schema table). Check the source URL.",
        "zh-CN": "来源 {place} 中没有注册表（没有 asc_schema 表）。请检查来源 URL。"},
    "error.copy_source_newer": {
        "en": "The source {place} is at schema version {version}, newer than this kit ({latest}); upgrade asc-onboarding before copying.",
        "zh-CN": "来源 {place} 的架构版本为 {version}，比本工具包（{latest}）更新；请先升级 asc-onboarding 再复制。"},
    "error.validation": {"en": "Please correct the highlighted fields.",
                         "zh-CN": "请更正标出的字段。"},
    "error.batch_validation": {
        "en": "{count} of the stores have problems; nothing was saved. Correct them and try again.",
        "zh-CN": "有 {count} 个商店存在问题；未保存任何内容。请更正后重试。"},
    "error.settings": {
        "en": "The setting {name} is '{value}': use {choices}.",
        "zh-CN": "设置 {name} 的值为“{value}”：请使用 {choices}。"},
    "error.setting_whole": {
        "en": "The setting {name} is '{value}': use a whole number, {low} or more.",
        "zh-CN": "设置 {name} 的值为“{value}”：请使用不小于 {low} 的整数。"},
    "error.setting_positive": {
        "en": "The setting {name} is '{value}': use a number above 0 (for example 0.5 or 2).",
        "zh-CN": "设置 {name} 的值为“{value}”：请使用大于 0 的数字（例如 0.5 或 2）。"},
    "error.serve_whole_number": {
        "en": "{name}={value}: use a whole number, {minimum} or more (e.g. {name}={default}).",
        "zh-CN": "{name}={value}：请填写不小于 {minimum} 的整数（例如 {name}={default}）。"},
    "error.serve_listen_address": {
        "en": "ASC_LISTEN_ADDRESS={address} would let anyone who reaches this machine change "
              "stores: set ASC_APP_TOKEN to a long random sign-in token as well (people then "
              "open the app once with ?token=<token>), keep ASC_LISTEN_ADDRESS=127.0.0.1, or "
              "serve the app through JupyterHub (deploy/jupyterhub/).",
        "zh-CN": "ASC_LISTEN_ADDRESS={address} 会让任何能访问本机的人更改商店：请同时将 "
                 "ASC_APP_TOKEN 设置为一个较长的随机登录令牌（用户首次以 ?token=<令牌> 打开应用），"
                 "或保持 ASC_LISTEN_ADDRESS=127.0.0.1，或通过 JupyterHub 提供应用"
                 "（deploy/jupyterhub/）。"},
    "error.unexpected": {
        "en": "Something went wrong. Nothing was changed; try again, and tell your administrator "
              "if it happens again.",
        "zh-CN": "出现错误。未做任何更改；请重试，如再次发生请告知管理员。"},
    "status.not_connected": {"en": "Not connected", "zh-CN": "未连接"},
    "status.active": {"en": "Active", "zh-CN": "已启用"},
    "status.inactive": {"en": "Inactive", "zh-CN": "已停用"},
    "status.revoked": {"en": "Revoked", "zh-CN": "已撤销"},
    "status.error": {"en": "Error", "zh-CN": "错误"},
    "status.expiring": {"en": "Expiring", "zh-CN": "即将过期"},
    "status.expired": {"en": "Expired", "zh-CN": "已过期"},
    "action.connect": {"en": "connect", "zh-CN": "连接"},
    "action.renew": {"en": "renew", "zh-CN": "续订"},
    "action.activate": {"en": "activate", "zh-CN": "启用"},
    "action.deactivate": {"en": "deactivate", "zh-CN": "停用"},
    "action.revoke": {"en": "mark revoked", "zh-CN": "标记为已撤销"},
    "action.fail": {"en": "mark failed", "zh-CN": "标记为错误"},
    "action.disconnect": {"en": "disconnect", "zh-CN": "断开连接"},
    "action.restore": {"en": "restore", "zh-CN": "恢复"},
    # Why an email address is refused.
    "email.reason.no_at": {"en": "it has no @-sign", "zh-CN": "缺少 @ 符号"},
    "email.reason.nothing_before_at": {"en": "nothing before the @-sign", "zh-CN": "@ 符号前没有内容"},
    "email.reason.nothing_after_at": {"en": "nothing after the @-sign", "zh-CN": "@ 符号后没有内容"},
    "email.reason.domain_period": {"en": "the part after the @-sign needs a period, like example.com",
                                   "zh-CN": "@ 符号后的部分需要包含句点，例如 example.com"},
    "email.reason.double_period": {"en": "two periods in a row", "zh-CN": "连续出现两个句点"},
    "email.reason.too_long": {"en": "it is too long", "zh-CN": "地址太长"},
    "email.reason.characters": {"en": "it contains a character that is not allowed",
                                "zh-CN": "包含不允许的字符"},
    "email.reason.other": {"en": "the address is malformed", "zh-CN": "地址格式不正确"},
    # Identifier check reasons.
    "id.reason.missing": {"en": "no value", "zh-CN": "没有值"},
    "id.reason.not_digits": {"en": "must contain digits only", "zh-CN": "只能包含数字"},
    "id.reason.length": {"en": "wrong length", "zh-CN": "长度错误"},
    "id.reason.check_digit": {"en": "check digit is wrong", "zh-CN": "校验位错误"},
    "id.reason.isbn_prefix": {"en": "ISBN-13 must start with 978 or 979",
                              "zh-CN": "ISBN-13 必须以 978 或 979 开头"},
    "id.reason.format": {"en": "wrong format", "zh-CN": "格式错误"},
    "id.reason.asin_format": {"en": "must be 10 letters and digits starting with B (or an ISBN-10)",
                              "zh-CN": "必须是以 B 开头的 10 位字母和数字（或 ISBN-10）"},
    "id.reason.asin_isbn": {"en": "looks like an ISBN-10 but its check digit is wrong",
                            "zh-CN": "看起来是 ISBN-10，但校验位错误"},
    "id.reason.gcid_format": {"en": "must be 16 hexadecimal characters",
                              "zh-CN": "必须是 16 个十六进制字符"},
    "auth.connected": {
        "en": "The store '{name}' is connected to Amazon seller {seller_id}. The authorization is valid until {expires}.",
        "zh-CN": "商店“{name}”已连接到 Amazon 卖家 {seller_id}。授权有效期至 {expires}。"},
    "auth.renewed": {
        "en": "The authorization of '{name}' is renewed until {expires}.",
        "zh-CN": "“{name}”的授权已续订至 {expires}。"},
    "auth.callback_invalid": {
        "en": "This page address is not a complete answer from Seller Central. Click Connect store and sign in again.",
        "zh-CN": "此页面地址不是 Seller Central 的完整回复。请单击“连接商店”并重新登录。"},
    "auth.state_unknown": {
        "en": "This authorization answer was not started here (unknown state). Click Connect store to start again.",
        "zh-CN": "此授权回复不是从这里发起的（未知状态）。请单击“连接商店”重新开始。"},
    "auth.state_reused": {
        "en": "This authorization answer was already used. Click Connect store to start again.",
        "zh-CN": "此授权回复已被使用。请单击“连接商店”重新开始。"},
    "auth.state_expired": {
        "en": "The authorization took longer than 10 minutes and expired. Click Connect store to start again.",
        "zh-CN": "授权超过 10 分钟已过期。请单击“连接商店”重新开始。"},
    "auth.state_other_store": {
        "en": "This authorization answer belongs to another store. Open that store, or click Connect store here to start again.",
        "zh-CN": "此授权回复属于另一个商店。请打开该商店，或在此处单击“连接商店”重新开始。"},
    "auth.other_seller": {
        "en": "'{name}' is connected to seller {seller_id}; you signed in with another seller account. Sign in as {seller_id} to renew, or disconnect the store first.",
        "zh-CN": "“{name}”已连接到卖家 {seller_id}；您使用了其他卖家帐户登录。请以 {seller_id} 登录进行续订，或先断开该商店的连接。"},
    "auth.not_connected": {
        "en": "'{name}' has no stored authorization. Click Connect store.",
        "zh-CN": "“{name}”没有已保存的授权。请单击“连接商店”。"},
    "auth.unexpected": {
        "en": "Something went wrong while talking to Amazon. Nothing was changed; try again, and tell your administrator if it happens again.",
        "zh-CN": "与 Amazon 通信时出错。未做任何更改；请重试，如再次发生请告知管理员。"},
    "auth.disconnected": {
        "en": "'{name}' is disconnected and its token deleted here. To remove the app's access at Amazon too, open Seller Central > Apps and Services > Manage Your Apps: {url}",
        "zh-CN": "“{name}”已断开连接，本地令牌已删除。若要同时在 Amazon 撤销该应用的访问权限，请打开 Seller Central > 应用和服务 > 管理您的应用：{url}"},
    "catalog.demo_no_sync": {
        "en": "The demo catalog is built in: it needs no snapshot and no sync.",
        "zh-CN": "演示目录是内置的：无需快照，也无需同步。"},
    # Roles (core/people.py): who may change stores.
    "error.not_permitted": {
        "en": "{person} may look but not change stores: only members of the '{group}' group "
              "can add, edit, delete, connect or disconnect stores. Nothing was changed; ask "
              "an administrator to add you to '{group}'.",
        "zh-CN": "{person} 只能查看，不能更改商店：只有“{group}”组的成员才能添加、编辑、删除、"
                 "连接或断开商店。未做任何更改；请让管理员将您加入“{group}”组。"},
    "role.read_only": {
        "en": "You are signed in as {person} and can look but not change: only members of the "
              "'{group}' group can change stores.",
        "zh-CN": "您以 {person} 身份登录，只能查看不能更改：只有“{group}”组的成员才能更改商店。"},
}
