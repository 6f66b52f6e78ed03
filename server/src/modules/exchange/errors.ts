import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the exchange module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const exchangeErrors = {
  matching_unknown_unit: {
    status: 422,
    'zh-CN': '提供方单位不存在：{ids}，请从单位名录中选择',
    'en-US': 'No such provider unit: {ids}; choose units from the registry',
  },
  matching_unknown_target: {
    status: 422,
    'zh-CN': '对接对象不存在或不在本轮区域内：{keys}，请选择本区域内的社区、楼宇或未关闭的需求',
    'en-US':
      "No such target inside this round's area: {keys}; choose communities, buildings or open needs inside it",
  },
  matching_not_in_round: {
    status: 422,
    'zh-CN': '偏好或锁定引用了本轮没有的提供方或对象：{ref}，请先把它加入本轮',
    'en-US': 'A preference or pin names a provider or target that is not in this round: {ref}; add it first',
  },
  matching_duplicate: {
    status: 422,
    'zh-CN': '同一{what}在本轮中重复出现：{ref}',
    'en-US': 'The same {what} appears twice in this round: {ref}',
  },
  matching_invalid_number: {
    status: 422,
    'zh-CN': '{what}必须是不小于 0 的整数（收到 {value}）',
    'en-US': '{what} must be a whole number of at least 0 (got {value})',
  },
  matching_pin_conflict: {
    status: 422,
    'zh-CN': '同一对（{ref}）不能既锁定又排除，请只保留一个',
    'en-US': 'A pair ({ref}) cannot be both pinned and forbidden; keep one of them',
  },
  matching_pins_exceed: {
    status: 422,
    'zh-CN': '锁定的对数超过了{what}“{ref}”的容量（{count} > {limit}），请减少锁定或调高容量',
    'en-US': 'More pairs are pinned than {what} "{ref}" can take ({count} > {limit}); unpin some or raise it',
  },
  matching_solver_rejected: {
    status: 422,
    'zh-CN': '无法求解：{detail}',
    'en-US': 'The round cannot be solved: {detail}',
  },
  matching_round_locked: {
    status: 409,
    'zh-CN': '该轮对接已{state}，不能再修改；如需调整请新建一轮',
    'en-US': 'This round is already {state} and can no longer be changed; start a new round instead',
  },
  matching_wrong_state: {
    status: 409,
    'zh-CN': '该轮对接当前为“{state}”，不能{action}',
    'en-US': 'This round is {state}; it cannot be {action} now',
  },
  matching_proposal_stale: {
    status: 409,
    'zh-CN': '方案生成后本轮输入又被修改过，请重新求解后再确认',
    'en-US': "The round's input changed after this proposal was made; solve it again before confirming",
  },
  matching_no_proposal: {
    status: 409,
    'zh-CN': '本轮还没有对接方案，请先求解',
    'en-US': 'This round has no proposal yet; solve it first',
  },
  matching_solving: {
    status: 409,
    'zh-CN': '本轮正在后台求解，请稍候刷新后再操作',
    'en-US': 'This round is being solved in the background; reload in a moment and try again',
  },
  wish_already_claimed: {
    status: 409,
    'zh-CN': '这个心愿刚刚已被他人认领，请看看墙上其他的心愿',
    'en-US': 'Someone else has just claimed this wish; have a look at the other wishes on the wall',
  },
  wish_own: {
    status: 403,
    'zh-CN': '不能认领自己许下的心愿',
    'en-US': 'You cannot claim a wish you made yourself',
  },
  wish_wall_place: {
    status: 400,
    'zh-CN': '请指定楼宇（building）或街道、社区（area）来查看心愿墙',
    'en-US': 'Name a building (building) or a street or community (area) to see its wish wall',
  },
  alliance_member_exists: {
    status: 409,
    'zh-CN': '{what}已是该联盟的成员，无需重复加入',
    'en-US': 'This {what} is already a member of the alliance',
  },
  alliance_org_not_federation: {
    status: 400,
    'zh-CN': '党组织只能加入联合会（federation）；联盟和分会的成员是单位或楼宇',
    'en-US':
      'Party organisations join only a federation; alliances and chapters have units or buildings as members',
  },
  alliance_chapter_needs_parent: {
    status: 400,
    'zh-CN': '分会必须挂在一个上级联盟之下，请选择上级联盟（parentId）',
    'en-US': 'A chapter sits under a parent alliance; choose its parent (parentId)',
  },
  alliance_parent_unknown: {
    status: 400,
    'zh-CN': '上级联盟不存在：{id}',
    'en-US': 'No such parent alliance: {id}',
  },
  alliance_parent_area: {
    status: 400,
    'zh-CN': '上级联盟“{parent}”不在本联盟所在区域或其上级区域，不能挂靠',
    'en-US':
      'The parent alliance "{parent}" is neither in this alliance\'s area nor in an area containing it',
  },
  alliance_parent_cycle: {
    status: 409,
    'zh-CN': '不能把联盟挂在它自己或它的下级之下（会形成循环）',
    'en-US': 'An alliance cannot sit under itself or under one of its own chapters (that would be a cycle)',
  },
  offering_bookable_not_resource: {
    status: 400,
    'zh-CN': '只有资源清单中的项目可以开放预约',
    'en-US': 'Only items of the resource list can be opened for booking',
  },
  resource_not_bookable: {
    status: 409,
    'zh-CN': '该资源未开放预约，请联系提供方',
    'en-US': 'This resource is not open for booking; contact its provider',
  },
  resource_paused: {
    status: 409,
    'zh-CN': '该资源已暂停或停止提供，暂不能预约',
    'en-US': 'This resource is paused or no longer offered and cannot be booked now',
  },
  resource_booking_overlap: {
    status: 409,
    'zh-CN': '该时段资源已被预约（{from}–{to}），请换一个时段',
    'en-US': 'The resource is already booked from {from} to {to}; choose another slot',
  },
  resource_booking_ends_before_start: {
    status: 400,
    'zh-CN': '预约结束时间必须晚于开始时间',
    'en-US': 'The booking must end after it starts',
  },
  resource_booking_in_past: {
    status: 400,
    'zh-CN': '不能预约已经开始或过去的时段',
    'en-US': 'A slot that has already begun or passed cannot be booked',
  },
  resource_booking_too_long: {
    status: 400,
    'zh-CN': '单次预约不能超过 {hours} 小时',
    'en-US': 'A booking may last at most {hours} hours',
  },
  resource_booking_outside_hours: {
    status: 400,
    'zh-CN': '预约须在当天的开放时间内：{hours}',
    'en-US': "A booking must fall within that day's opening hours: {hours}",
  },
  resource_closed_that_day: {
    status: 400,
    'zh-CN': '该资源当天不开放，请查看开放时间',
    'en-US': 'The resource is closed on that day; see its opening hours',
  },
  resource_out_of_area: {
    status: 403,
    'zh-CN': '该资源只面向其服务区域内的用户，您的账号不在该区域',
    'en-US': 'This resource serves only users in its areas, and your account is not in them',
  },
  resource_not_eligible: {
    status: 403,
    'zh-CN': '该资源只对符合条件的单位开放，请选择您所在的符合条件的单位',
    'en-US': 'This resource is open only to eligible units; choose an eligible unit of yours',
  },
  resource_booking_not_pending: {
    status: 409,
    'zh-CN': '该预约已处理（{status}），不能再审批',
    'en-US': 'This booking has already been decided ({status}) and cannot be approved or declined',
  },
  resource_booking_not_active: {
    status: 409,
    'zh-CN': '该预约已取消或被拒绝',
    'en-US': 'This booking has already been cancelled or declined',
  },
} as const satisfies ErrorCatalog
