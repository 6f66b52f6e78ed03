import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the enterprise module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const enterpriseErrors = {
  rule_malformed: {
    status: 400,
    'zh-CN':
      '申报条件格式不正确（位置 {path}）：每一项须是 and/or/not 条件组，或包含 field、op、value 的单项条件',
    'en-US':
      'The eligibility rule is malformed at {path}: each node must be an and/or/not group or a {field, op, value} condition',
  },
  rule_empty_group: {
    status: 400,
    'zh-CN': '申报条件中有空的条件组（位置 {path}）：请至少加入一项条件，或删除该组',
    'en-US': 'The rule has an empty group at {path}: add a condition to it or remove it',
  },
  rule_too_large: {
    status: 400,
    'zh-CN': '申报条件过于复杂（上限 {max}）：请拆分或简化',
    'en-US': 'The rule is too large (limit {max}): simplify or split it',
  },
  rule_unknown_field: {
    status: 422,
    'zh-CN': '申报条件引用了不存在的字段“{field}”：请从字段列表中选择，或先定义该自定义字段',
    'en-US':
      'The rule refers to an unknown field "{field}": pick one from the field list or define the custom field first',
  },
  rule_bad_operator: {
    status: 422,
    'zh-CN': '字段“{field}”不能使用运算“{op}”：可用的运算为 {allowed}',
    'en-US': 'Field "{field}" cannot be compared with "{op}"; allowed: {allowed}',
  },
  rule_bad_value: {
    status: 422,
    'zh-CN': '字段“{field}”的“{op}”条件取值类型不对：应为 {expected}',
    'en-US': 'The value of the "{op}" condition on "{field}" has the wrong type: expected {expected}',
  },
  rule_unknown_option: {
    status: 422,
    'zh-CN': '字段“{field}”没有选项“{value}”：可选 {allowed}',
    'en-US': 'Field "{field}" has no option "{value}"; options: {allowed}',
  },
  rule_contradiction: {
    status: 422,
    'zh-CN': '申报条件自相矛盾，没有单位能同时满足：{detail}。请改为“或”或调整数值',
    'en-US': 'The rule contradicts itself, no unit can meet all of: {detail}. Use "or" or change the values',
  },
  policy_period_invalid: {
    status: 400,
    'zh-CN': '政策有效期结束日期早于开始日期：请检查日期',
    'en-US': 'The policy ends before it starts: check the dates',
  },
  policy_not_in_effect: {
    status: 409,
    'zh-CN': '该政策不在有效期内或未发布，不能通知企业',
    'en-US': 'The policy is not published or not in effect, so units cannot be notified',
  },
  attribute_bad_value: {
    status: 422,
    'zh-CN': '自定义字段“{field}”的取值不对：应为 {expected}',
    'en-US': 'The value of custom field "{field}" is wrong: expected {expected}',
  },
  incubatee_already_incubating: {
    status: 409,
    'zh-CN': '该企业正在孵化中（{incubator}），须先办理离孵或毕业',
    'en-US': 'This firm is already incubating at {incubator}: record its exit or graduation first',
  },
  incubatee_already_exited: {
    status: 409,
    'zh-CN': '该企业已离孵或毕业，不能再次办理',
    'en-US': 'This firm has already left or graduated',
  },
  incubatee_dates_invalid: {
    status: 400,
    'zh-CN': '日期不对：{reason}',
    'en-US': 'Wrong date: {reason}',
  },
  desk_not_newly_settled: {
    status: 409,
    'zh-CN':
      '该单位落户已超过 {days} 天（落户日期 {settledOn}），不属于24小时服务专窗的新落户企业，请走普通需求',
    'en-US':
      'This unit settled more than {days} days ago ({settledOn}); post an ordinary need instead of using the 24-hour desk',
  },
  desk_no_team: {
    status: 409,
    'zh-CN': '“{park}”尚未配置服务团队：请先为该园区指定服务团队',
    'en-US': 'No service team is set up for {park}: assign one to the park first',
  },
  desk_no_park: {
    status: 409,
    'zh-CN': '该单位不在任何园区的楼宇内，无法分派到园区服务团队',
    'en-US': 'This unit is not in a building of a park, so no park service team can take it',
  },
  team_provider_not_ready: {
    status: 409,
    'zh-CN':
      '该服务商还没有覆盖本园区的“新落户企业服务（24小时护航）”服务项目，加入团队后也无法接单：请先在服务清单中登记',
    'en-US':
      'This provider has no "newly settled enterprise desk" offering serving this park, so it could not take desk needs: list one first',
  },
  brand_exists: {
    status: 409,
    'zh-CN': '该党组织已有“一企一品”品牌，请编辑现有品牌',
    'en-US': 'This party organisation already has a brand: edit it instead',
  },
  assessment_score_invalid: {
    status: 400,
    'zh-CN': '评分“{criterion}”须在 0 至 {max} 之间',
    'en-US': 'The score for "{criterion}" must be between 0 and {max}',
  },
} as const satisfies ErrorCatalog
