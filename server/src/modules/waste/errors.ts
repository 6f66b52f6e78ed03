import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the waste module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const wasteErrors = {
  waste_patrol_negative: {
    status: 400,
    'zh-CN': '袋数不能为负数：{field}',
    'en-US': 'Bag counts cannot be negative: {field}',
  },
  waste_patrol_too_many: {
    status: 400,
    'zh-CN': '一层一次巡查最多记录 {max} 袋，请核对 {field}',
    'en-US': 'At most {max} bags per floor per patrol; check {field}',
  },
  waste_patrol_right_exceeds: {
    status: 400,
    'zh-CN': '分类正确的袋数（{right}）不能多于检查的袋数（{checked}）',
    'en-US': 'Bags sorted right ({right}) cannot exceed bags checked ({checked})',
  },
  waste_patrol_mistakes_exceed: {
    status: 400,
    'zh-CN': '“{category}”错误数（{count}）不能多于分错的袋数（{wrong}）',
    'en-US': 'Mistakes of "{category}" ({count}) cannot exceed the bags sorted wrong ({wrong})',
  },
  waste_patrol_future: {
    status: 400,
    'zh-CN': '巡查日期 {date} 晚于今天（{today}），不能预先记录',
    'en-US': 'The patrol date {date} is after today ({today}); patrols are recorded after they happen',
  },
  waste_patrol_too_old: {
    status: 400,
    'zh-CN': '巡查日期 {date} 已超过 {days} 天，请联系巡查组长或街道补录',
    'en-US':
      'The patrol date {date} is more than {days} days ago; ask the patrol lead or the street to add it',
  },
  waste_patrol_floor_not_on_route: {
    status: 400,
    'zh-CN': '{floor} 层不在这条巡查路线上',
    'en-US': 'Floor {floor} is not on this patrol route',
  },
  waste_patrol_duplicate: {
    status: 409,
    'zh-CN': '{date} {floor} 层已有巡查记录；如需修改请由巡查组长更正',
    'en-US': 'Floor {floor} already has a patrol record for {date}; ask the patrol lead to correct it',
  },
  waste_patrol_not_lead: {
    status: 403,
    'zh-CN': '只有这条路线的巡查组长或街道工作人员可以更正记录',
    'en-US': 'Only the lead of this patrol route, or street staff, may correct its records',
  },
  waste_photo_not_image: {
    status: 415,
    'zh-CN': '照片须为 JPEG、PNG 或 WebP 图片，且与声明的类型一致',
    'en-US': 'The photo must be a JPEG, PNG or WebP image matching its declared type',
  },
  waste_route_floors_invalid: {
    status: 400,
    'zh-CN': '路线楼层有误：{reason}',
    'en-US': "The route's floors are not valid: {reason}",
  },
  waste_route_lead_invalid: {
    status: 400,
    'zh-CN': '巡查组长须是可在本楼巡查的账号',
    'en-US': 'The patrol lead must be an account allowed to patrol this building',
  },
  waste_rule_thresholds: {
    status: 400,
    'zh-CN': '星级门槛须从 1 星到 5 星逐级不减（当前：{values}）',
    'en-US': 'Star thresholds must not decrease from 1 to 5 stars (got: {values})',
  },
  waste_rule_street_only: {
    status: 400,
    'zh-CN': '评星和示范楼规则按街道设置，{code} 不是街道',
    'en-US': 'Star and demonstration rules are set per street; {code} is not a street',
  },
  waste_assessment_outside_month: {
    status: 400,
    'zh-CN': '{month} 的考核只能在当月或次月 {graceDays} 日前录入（今天 {today}）',
    'en-US':
      'The assessment for {month} can be entered only during that month or by day {graceDays} of the next (today is {today})',
  },
  waste_assessment_criteria: {
    status: 400,
    'zh-CN': '考核项目有误：{reason}',
    'en-US': 'The assessment criteria are not valid: {reason}',
  },
  waste_demo_already: {
    status: 409,
    'zh-CN': '该楼宇已是垃圾分类示范楼（{date} 命名）',
    'en-US': 'This building is already a demonstration building (since {date})',
  },
  waste_demo_not_designated: {
    status: 409,
    'zh-CN': '该楼宇目前不是垃圾分类示范楼',
    'en-US': 'This building is not a demonstration building at present',
  },
  waste_demo_not_met: {
    status: 409,
    'zh-CN': '该楼宇尚未达到示范楼标准：{reasons}',
    'en-US': 'This building does not meet the demonstration criteria: {reasons}',
  },
  waste_demo_date: {
    status: 400,
    'zh-CN': '日期 {date} 无效：不能晚于今天，撤销日期不能早于命名日期',
    'en-US': 'The date {date} is not valid: not after today, and a revocation not before the designation',
  },
} as const satisfies ErrorCatalog
