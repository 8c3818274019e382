"""Listing rule, preview and catalog matching messages (English and Simplified Chinese)."""

from asc_widgets.core.i18n import register

register({
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
})
