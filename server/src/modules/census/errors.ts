import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of census visits (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const censusErrors = {
  census_visit_out_of_scope: {
    status: 403,
    'zh-CN': '该楼宇不在您负责的范围内，不能登记走访',
    'en-US': 'This building is outside the places you are responsible for; you cannot record a visit there',
  },
  census_visit_in_future: {
    status: 400,
    'zh-CN': '走访日期 {date} 晚于今天，只能登记已经完成的走访',
    'en-US': 'The visit date {date} is in the future; record a visit once it has taken place',
  },
  census_part_unknown: {
    status: 400,
    'zh-CN':
      '未知的“五个清”项目：{part}（应为 楼宇 building、入驻单位 units、党组织 orgs、党员 members、党建工作站 stations）',
    'en-US': 'Unknown census part: {part} (one of building, units, orgs, members, stations)',
  },
  census_part_twice: {
    status: 400,
    'zh-CN': '同一次走访中“{part}”只能登记一条结果',
    'en-US': 'The part "{part}" appears twice in one visit',
  },
  census_visit_no_findings: {
    status: 400,
    'zh-CN': '请至少登记一项“五个清”的核实结果',
    'en-US': 'Record the finding for at least one of the five parts',
  },
  census_followup_due_before_visit: {
    status: 400,
    'zh-CN': '待办事项的完成期限 {dueOn} 早于走访日期 {visitedOn}',
    'en-US': 'A follow-up is due on {dueOn}, before the visit date {visitedOn}',
  },
} as const satisfies ErrorCatalog
