"""Listing rule, preview and catalog matching messages (English and Simplified Chinese)."""

MESSAGES = {
    # Fields of the Listing Rules form (the Commerce admin's labels).
    "field.rule_website": {"en": "Websites", "zh-CN": "网站"},
    "field.rule_conditions": {"en": "Conditions", "zh-CN": "条件"},
    "field.rule_aggregator": {"en": "Conditions", "zh-CN": "条件"},
    "field.rule_attribute": {"en": "Product Attribute", "zh-CN": "产品属性"},
    "field.rule_operator": {"en": "Operator", "zh-CN": "运算符"},
    "field.rule_value": {"en": "Value", "zh-CN": "值"},
    # Operators, as Commerce words them.
    "rule.op.==": {"en": "is", "zh-CN": "是"},
    "rule.op.!=": {"en": "is not", "zh-CN": "不是"},
    "rule.op.>=": {"en": "equals or greater than", "zh-CN": "等于或大于"},
    "rule.op.<=": {"en": "equals or less than", "zh-CN": "等于或小于"},
    "rule.op.>": {"en": "greater than", "zh-CN": "大于"},
    "rule.op.<": {"en": "less than", "zh-CN": "小于"},
    "rule.op.{}": {"en": "contains", "zh-CN": "包含"},
    "rule.op.!{}": {"en": "does not contain", "zh-CN": "不包含"},
    "rule.op.()": {"en": "is one of", "zh-CN": "是以下之一"},
    "rule.op.!()": {"en": "is not one of", "zh-CN": "不是以下之一"},
    # The product's own fields rules can test (labels as in the Commerce admin).
    "rule.attr.sku": {"en": "SKU", "zh-CN": "SKU（库存单位）"},
    "rule.attr.name": {"en": "Product Name", "zh-CN": "产品名称"},
    "rule.attr.type_id": {"en": "Type", "zh-CN": "类型"},
    "rule.attr.attribute_set": {"en": "Attribute Set", "zh-CN": "属性集"},
    "rule.attr.visibility": {"en": "Visibility", "zh-CN": "可见性"},
    "rule.attr.status": {"en": "Enable Product", "zh-CN": "启用产品"},
    "rule.attr.price": {"en": "Price", "zh-CN": "价格"},
    "rule.attr.qty": {"en": "Quantity", "zh-CN": "数量"},
    "rule.attr.category_ids": {"en": "Category", "zh-CN": "类别"},
    "rule.kind.text": {"en": "text", "zh-CN": "文本"},
    "rule.kind.number": {"en": "number", "zh-CN": "数字"},
    "rule.kind.option": {"en": "choice", "zh-CN": "选项"},
    "rule.kind.category": {"en": "category", "zh-CN": "类别"},
    "rule.agg.all": {"en": "ALL", "zh-CN": "全部"},
    "rule.agg.any": {"en": "ANY", "zh-CN": "任一"},
    "rule.expected.true": {"en": "TRUE", "zh-CN": "为真"},
    "rule.expected.false": {"en": "FALSE", "zh-CN": "为假"},
    "rule.sentence": {"en": "If {aggregator} of these conditions are {expected}:",
                      "zh-CN": "如果以下条件{aggregator}{expected}："},
    "rule.every_product": {"en": "No conditions: every product of the website is eligible.",
                           "zh-CN": "无条件：该网站的所有产品均符合条件。"},
    # Validation problems: each names the line and the field and says what to do.
    "rule.problem.at_line": {"en": "Condition {line}: {problem}",
                             "zh-CN": "条件 {line}：{problem}"},
    "rule.problem.attribute_unknown": {
        "en": "{field}: '{value}' is not an attribute rules can use. Choose one from the list.",
        "zh-CN": "{field}：“{value}”不是规则可使用的属性。请从列表中选择一个。"},
    "rule.problem.operator_unknown": {
        "en": "{field}: '{value}' is not a rule operator. Choose one from the list.",
        "zh-CN": "{field}：“{value}”不是规则运算符。请从列表中选择一个。"},
    "rule.problem.operator_kind": {
        "en": "{field}: '{operator}' cannot be used with {attribute} (a {kind} attribute). "
              "Choose another operator.",
        "zh-CN": "{field}：“{operator}”不能用于{attribute}（{kind}属性）。请选择其他运算符。"},
    "rule.problem.value_empty": {
        "en": "{field} for {attribute} is empty: enter a value.",
        "zh-CN": "{attribute}的{field}为空：请输入一个值。"},
    "rule.problem.value_number": {
        "en": "{field} for {attribute} must be a number; '{value}' is not. Enter a number "
              "such as 19.99.",
        "zh-CN": "{attribute}的{field}必须是数字；“{value}”不是。请输入数字，例如 19.99。"},
    "rule.problem.value_option": {
        "en": "{field}: '{value}' is not a choice of {attribute}. Use one of: {choices}.",
        "zh-CN": "{field}：“{value}”不是{attribute}的选项。请使用以下之一：{choices}。"},
    "rule.problem.aggregator": {
        "en": "{field}: '{value}' must be ALL or ANY.",
        "zh-CN": "{field}：“{value}”必须是“全部”或“任一”。"},
    "rule.problem.too_deep": {
        "en": "{field} are nested more than {limit} levels deep: move conditions up a level.",
        "zh-CN": "{field}的嵌套超过 {limit} 层：请将条件上移一层。"},
    "rule.problem.too_many": {
        "en": "{field}: a rule holds at most {limit} conditions; simplify the rule.",
        "zh-CN": "{field}：一条规则最多包含 {limit} 个条件；请简化规则。"},
    # Explaining one product's outcome.
    "rule.explain.meets": {"en": "Meets the listing rule.", "zh-CN": "符合刊登规则。"},
    "rule.explain.excluded": {"en": "Excluded by {conditions}.",
                              "zh-CN": "被{conditions}排除。"},
    "rule.explain.condition": {"en": "condition {line} ({text}; value: {value})",
                               "zh-CN": "条件 {line}（{text}；值：{value}）"},
    "rule.explain.no_value": {"en": "none", "zh-CN": "无"},
    "rule.explain.and": {"en": " and ", "zh-CN": "和"},
    "rule.explain.unknown_product": {"en": "Product {product} is not in the catalog.",
                                     "zh-CN": "目录中没有产品 {product}。"},
    # Amazon outcomes (the Commerce admin's Incomplete statuses where one exists).
    "match.outcome.matched": {"en": "Matched", "zh-CN": "已匹配"},
    "match.outcome.multiple": {"en": "Multiple Matches Found", "zh-CN": "找到多个匹配项"},
    "match.outcome.has_variants": {"en": "Has Variants", "zh-CN": "有变体"},
    "match.outcome.not_found": {"en": "Not on Amazon", "zh-CN": "Amazon 上没有"},
    "match.outcome.not_checked": {"en": "Not checked", "zh-CN": "未检查"},
    "match.progress": {
        "en": "{done} of {total} codes checked ({requests} requests to Amazon), {left}.",
        "zh-CN": "已检查 {total} 个代码中的 {done} 个（向 Amazon 发送 {requests} 个请求），{left}。"},
    "match.eta": {"en": "about {minutes} min {seconds} s left",
                  "zh-CN": "大约还需 {minutes} 分 {seconds} 秒"},
    "match.eta_unknown": {"en": "estimating the time left", "zh-CN": "正在估算剩余时间"},
    "match.summary": {
        "en": "{checked} of {total} codes checked on Amazon ({requests} requests, {cached} "
              "from earlier checks).",
        "zh-CN": "已在 Amazon 上检查 {total} 个代码中的 {checked} 个（{requests} 个请求，"
                 "{cached} 个来自之前的检查）。"},
    "match.cancelled": {"en": "Checking was cancelled; the codes checked so far are kept.",
                        "zh-CN": "检查已取消；已检查的代码结果已保留。"},
    "match.kept": {"en": "The codes checked so far are kept; the rule-only preview still "
                         "works.",
                   "zh-CN": "已检查的代码结果已保留；仅基于规则的预览仍可使用。"},
    "amazon.error.catalog_rate_limited": {
        "en": "Amazon kept limiting catalog searches (HTTP 429 QuotaExceeded). Wait a few "
              "minutes, then check again: codes already checked are not asked again.",
        "zh-CN": "Amazon 持续限制目录搜索（HTTP 429 QuotaExceeded）。请等待几分钟后再次检查："
                 "已检查的代码不会再次查询。"},
    # Flags raised before Amazon is asked.
    "preflag.unsupported_type": {
        "en": "{type} products cannot be listed by Amazon Sales Channel",
        "zh-CN": "Amazon Sales Channel 无法刊登{type}类型的产品"},
    "preflag.missing_id": {"en": "No {id_type} value in '{attribute}'",
                           "zh-CN": "“{attribute}”中没有 {id_type} 值"},
    "preflag.invalid_id": {"en": "Invalid {id_type} in '{attribute}': {reason}",
                           "zh-CN": "“{attribute}”中的 {id_type} 无效：{reason}"},
    "preflag.gcid": {
        "en": "GCID mapping: Amazon's catalog search has no GCID type, so it cannot be matched",
        "zh-CN": "GCID 映射：Amazon 目录搜索没有 GCID 类型，因此无法匹配"},
    # The Listing Preview (the Commerce admin's labels).
    "preview.tab.ineligible": {"en": "Ineligible Listings - {count}",
                               "zh-CN": "不符合条件的刊登 - {count}"},
    "preview.tab.eligible": {"en": "Eligible Listings - {count}",
                             "zh-CN": "符合条件的刊登 - {count}"},
    "preview.tab.new": {"en": "New Listings - {count}", "zh-CN": "新刊登 - {count}"},
    "preview.caption.ineligible": {
        "en": "Products that will no longer be eligible for sales based on new or changed "
              "listing rules.",
        "zh-CN": "根据新的或更改的刊登规则，将不再符合销售条件的产品。"},
    "preview.caption.eligible": {
        "en": "Products already on Amazon that still meet the rule: their listings stay "
              "active.",
        "zh-CN": "已在 Amazon 上且仍符合规则的产品：其刊登保持有效。"},
    "preview.caption.new": {
        "en": "Products that meet the rule and will be listed.",
        "zh-CN": "符合规则并将被刊登的产品。"},
    "preview.col.product_id": {"en": "Product ID", "zh-CN": "产品 ID"},
    "preview.col.name": {"en": "Name", "zh-CN": "名称"},
    "preview.col.type_id": {"en": "Type", "zh-CN": "类型"},
    "preview.col.attribute_set": {"en": "Attribute Set", "zh-CN": "属性集"},
    "preview.col.sku": {"en": "SKU", "zh-CN": "SKU（库存单位）"},
    "preview.col.visibility": {"en": "Visibility", "zh-CN": "可见性"},
    "preview.col.status": {"en": "Status", "zh-CN": "状态"},
    "preview.col.flag": {"en": "Cannot be listed", "zh-CN": "无法刊登"},
    "preview.col.amazon": {"en": "On Amazon", "zh-CN": "Amazon 上"},
    "preview.col.asins": {"en": "ASIN(s)", "zh-CN": "ASIN"},
    "preview.col.amazon_title": {"en": "Amazon title", "zh-CN": "Amazon 标题"},
    "listing.no_amazon": {
        "en": "Amazon is not configured for this app, so only the rule-only preview is "
              "available. Ask the administrator to set up the Amazon connection.",
        "zh-CN": "此应用未配置 Amazon，因此只能使用仅基于规则的预览。请管理员设置 Amazon 连接。"},
}
