"""The reminders' texts, the unattended check's report lines and its errors, in English and
Simplified Chinese."""

MESSAGES = {
    # Reminders: a subject line and a body; every body ends with the link to the store page.
    "reminder.expiring.subject": {
        "en": "Amazon authorization of '{name}' expires in {days} day(s)",
        "zh-CN": "商店“{name}”的 Amazon 授权将在 {days} 天后到期"},
    "reminder.expiring.body": {
        "en": "The Amazon authorization of the store '{name}' ({marketplace}) expires on {expires} "
              "(in {days} day(s)). Renew it before then, or orders and listings stop syncing: "
              "open the store page and click Renew authorization.",
        "zh-CN": "商店“{name}”（{marketplace}）的 Amazon 授权将于 {expires} 到期（还剩 {days} 天）。"
                 "请在此之前续期，否则订单和刊登将停止同步：打开商店页面并单击“续期授权”。"},
    "reminder.expired.subject": {
        "en": "Amazon authorization of '{name}' has expired",
        "zh-CN": "商店“{name}”的 Amazon 授权已过期"},
    "reminder.expired.body": {
        "en": "The Amazon authorization of the store '{name}' ({marketplace}) expired on {expires}; "
              "Amazon no longer accepts it. Open the store page and connect the store again.",
        "zh-CN": "商店“{name}”（{marketplace}）的 Amazon 授权已于 {expires} 过期，Amazon 不再接受。"
                 "请打开商店页面并重新连接商店。"},
    "reminder.revoked.subject": {
        "en": "Amazon authorization of '{name}' was revoked",
        "zh-CN": "商店“{name}”的 Amazon 授权已被撤销"},
    "reminder.revoked.body": {
        "en": "Amazon refused the authorization of the store '{name}' ({marketplace}): the app was "
              "removed in Seller Central or the authorization lapsed. Orders and listings no "
              "longer sync. Open the store page and connect the store again.",
        "zh-CN": "Amazon 拒绝了商店“{name}”（{marketplace}）的授权：应用已在卖家平台中被移除，或授权已失效。"
                 "订单和刊登已停止同步。请打开商店页面并重新连接商店。"},
    "reminder.failing.subject": {
        "en": "Amazon connection check of '{name}' failed {count} times in a row",
        "zh-CN": "商店“{name}”的 Amazon 连接检查已连续失败 {count} 次"},
    "reminder.failing.body": {
        "en": "The scheduled check of the store '{name}' ({marketplace}) failed {count} times in a "
              "row since {since}. Last problem: {problem} Open the store page and click Check "
              "connection; tell your administrator if it keeps failing.",
        "zh-CN": "自 {since} 起，商店“{name}”（{marketplace}）的定时检查已连续失败 {count} 次。"
                 "最近的问题：{problem} 请打开商店页面并单击“检查连接”；如持续失败请告知管理员。"},
    "reminder.recovered.subject": {
        "en": "Amazon connection of '{name}' works again",
        "zh-CN": "商店“{name}”的 Amazon 连接已恢复"},
    "reminder.recovered.body": {
        "en": "The scheduled check of the store '{name}' ({marketplace}) passed again: the "
              "authorization works and the store is {status}. Nothing more to do.",
        "zh-CN": "商店“{name}”（{marketplace}）的定时检查已再次通过：授权有效，商店状态为“{status}”。无需其他操作。"},
    "reminder.secret_expiring.subject": {
        "en": "The app's LWA client secret must be rotated in {days} day(s)",
        "zh-CN": "应用的 LWA 客户端密钥需在 {days} 天内轮换"},
    "reminder.secret_expiring.body": {
        "en": "The LWA client secret of the Amazon app was set up on {set_on}; Amazon requires a "
              "new one every 180 days, by {due}. Rotate it in the Solution Provider Portal and "
              "update the app's settings (ASC_LWA_CLIENT_SECRET, ASC_LWA_SECRET_SET_ON) before "
              "then, or every store's connection stops.",
        "zh-CN": "Amazon 应用的 LWA 客户端密钥设置于 {set_on}；Amazon 要求每 180 天更换一次，截止日期为 {due}。"
                 "请在此之前于解决方案提供商门户中轮换密钥，并更新应用设置（ASC_LWA_CLIENT_SECRET、"
                 "ASC_LWA_SECRET_SET_ON），否则所有商店的连接都将中断。"},
    "reminder.secret_expired.subject": {
        "en": "The app's LWA client secret is past Amazon's 180-day rotation",
        "zh-CN": "应用的 LWA 客户端密钥已超过 Amazon 的 180 天轮换期限"},
    "reminder.secret_expired.body": {
        "en": "The LWA client secret of the Amazon app was set up on {set_on} and was due for "
              "rotation on {due}. Rotate it in the Solution Provider Portal now and update the "
              "app's settings (ASC_LWA_CLIENT_SECRET, ASC_LWA_SECRET_SET_ON).",
        "zh-CN": "Amazon 应用的 LWA 客户端密钥设置于 {set_on}，应于 {due} 轮换。请立即在解决方案提供商门户中轮换，"
                 "并更新应用设置（ASC_LWA_CLIENT_SECRET、ASC_LWA_SECRET_SET_ON）。"},
    "reminder.link": {"en": "Store page: {url}", "zh-CN": "商店页面：{url}"},
    "reminder.app_link": {"en": "App: {url}", "zh-CN": "应用：{url}"},
    "reminder.footer": {
        "en": "Sent once by the scheduled Amazon connection check of asc-onboarding.",
        "zh-CN": "此消息由 asc-onboarding 的 Amazon 连接定时检查发送（仅发送一次）。"},
    # The command's report.
    "check.run.skipped": {
        "en": "Another check run ({holder}) holds the lease until {until}: nothing was done.",
        "zh-CN": "另一个检查运行（{holder}）持有租约至 {until}：本次未执行任何操作。"},
    "check.run.store": {"en": "{name}: {result} (status {status})",
                        "zh-CN": "{name}：{result}（状态：{status}）"},
    "check.run.summary": {
        "en": "Checked {checked} store(s): {ok} passed, {revoked} revoked, {failed} failed. "
              "Reminders: {sent} sent, {failed_sends} failed (retried next run), {unknown} unknown.",
        "zh-CN": "已检查 {checked} 个商店：{ok} 个通过，{revoked} 个已撤销，{failed} 个失败。"
                 "提醒：已发送 {sent} 条，失败 {failed_sends} 条（下次运行时重试），状态未知 {unknown} 条。"},
    "check.run.delivery_failed": {
        "en": "Could not send the {kind} reminder for {subject} by {channel} to {recipient}: {reason}",
        "zh-CN": "无法通过{channel}向 {recipient} 发送关于 {subject} 的“{kind}”提醒：{reason}"},
    "check.run.unknown": {
        "en": "A previous run stopped while sending the {kind} reminder for {subject} by {channel} "
              "to {recipient}; it is not sent again. Check that it arrived.",
        "zh-CN": "上一次运行在通过{channel}向 {recipient} 发送关于 {subject} 的“{kind}”提醒时中断；"
                 "该提醒不会再次发送。请确认是否已送达。"},
    "check.run.no_channel": {
        "en": "{count} reminder(s) are due but no channel is configured (set ASC_SMTP_HOST or "
              "ASC_REMINDER_WEBHOOK_URL).",
        "zh-CN": "有 {count} 条提醒到期，但未配置任何渠道（请设置 ASC_SMTP_HOST 或 ASC_REMINDER_WEBHOOK_URL）。"},
    "check.run.lease_lost": {
        "en": "Another check run took over this run's lease (it ran longer than "
              "ASC_CHECK_LEASE_MINUTES): this run stopped; the other one carries on.",
        "zh-CN": "另一个检查运行接管了本次运行的租约（运行时间超过 ASC_CHECK_LEASE_MINUTES）：本次运行已停止，由另一个运行继续。"},
    "check.channel.email": {"en": "email", "zh-CN": "电子邮件"},
    "check.channel.webhook": {"en": "webhook", "zh-CN": "Webhook"},
    "check.subject.app": {"en": "the app", "zh-CN": "应用"},
    "check.subject.store": {"en": "the store '{name}'", "zh-CN": "商店“{name}”"},
    # Errors.
    "reminder.error.config": {
        "en": "The reminder setting {name} is not valid: {problem} Fix it and run the check again.",
        "zh-CN": "提醒设置 {name} 无效：{problem} 请修正后重新运行检查。"},
    "reminder.error.smtp": {
        "en": "The mail server refused or could not be reached ({reason}). The reminder is kept and "
              "sent on the next run.",
        "zh-CN": "邮件服务器拒绝或无法连接（{reason}）。该提醒已保留，将在下次运行时发送。"},
    "reminder.error.webhook": {
        "en": "The webhook did not accept the message ({reason}). The reminder is kept and sent on "
              "the next run.",
        "zh-CN": "Webhook 未接受该消息（{reason}）。该提醒已保留，将在下次运行时发送。"},
    "reminder.problem.integer": {"en": "it must be a whole number of at least {minimum}.",
                                 "zh-CN": "必须是不小于 {minimum} 的整数。"},
    "reminder.problem.date": {"en": "it must be a date like 2026-01-31.",
                              "zh-CN": "必须是类似 2026-01-31 的日期。"},
    "reminder.problem.choice": {"en": "it must be one of {choices}.",
                                "zh-CN": "必须是以下之一：{choices}。"},
    "reminder.problem.required": {"en": "it is required when {other} is set.",
                                  "zh-CN": "设置了 {other} 时必须填写。"},
    "reminder.problem.url": {"en": "it must be an http(s) URL.",
                             "zh-CN": "必须是 http(s) URL。"},
    "reminder.problem.email": {"en": "it must be an email address like team@example.com.",
                               "zh-CN": "必须是类似 team@example.com 的电子邮件地址。"},
}
