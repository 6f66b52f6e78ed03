import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the events module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const eventErrors = {
  event_ends_before_start: {
    status: 400,
    'zh-CN': '活动结束时间必须晚于开始时间',
    'en-US': 'The event must end after it starts',
  },
  event_too_long: {
    status: 400,
    'zh-CN': '单场活动不能超过 {hours} 小时，长期活动请用重复规则',
    'en-US': 'An event may last at most {hours} hours; use a recurrence rule for a series',
  },
  event_venue_required: {
    status: 400,
    'zh-CN': '请选择活动地点（阵地房间、楼宇）或填写所在区域',
    'en-US': 'Choose a venue (a station room or a building) or give the area',
  },
  event_room_not_in_building: {
    status: 400,
    'zh-CN': '所选阵地房间不在所选楼宇内',
    'en-US': 'The station room chosen is not in the building chosen',
  },
  event_venue_outside_area: {
    status: 400,
    'zh-CN': '活动地点不在所选区域（{area}）内',
    'en-US': 'The venue is not inside the area chosen ({area})',
  },
  event_outside_campaign: {
    status: 400,
    'zh-CN': '活动不在该活动计划（{id}）的区域内，不能计入',
    'en-US': 'The event lies outside the area of campaign {id} and cannot count towards it',
  },
  booking_of_event: {
    status: 409,
    'zh-CN': '该预约属于活动（{event}），请修改或取消活动',
    'en-US': 'This booking belongs to event {event}: edit or cancel the event instead',
  },
  event_audience_ids_required: {
    status: 400,
    'zh-CN': '限定参加对象时请至少选择一个楼宇或党组织',
    'en-US': 'Name at least one building or organisation when the audience is limited',
  },
  event_capacity_over_room: {
    status: 400,
    'zh-CN': '人数上限 {capacity} 超过房间容量 {room}',
    'en-US': "Capacity {capacity} exceeds the room's capacity of {room}",
  },
  event_cancelled: {
    status: 409,
    'zh-CN': '该活动已取消',
    'en-US': 'This event has been cancelled',
  },
  event_over: {
    status: 409,
    'zh-CN': '活动已结束，不能再报名或修改',
    'en-US': 'The event is over; it can no longer be joined or changed',
  },
  event_not_in_audience: {
    status: 403,
    'zh-CN': '本活动仅面向指定楼宇或党组织的人员，您不在参加范围内',
    'en-US':
      'This event is for members of certain buildings or organisations only, and you are not among them',
  },
  event_already_registered: {
    status: 409,
    'zh-CN': '已报名该活动（状态：{status}），无需重复报名',
    'en-US': 'Already registered for this event (status: {status})',
  },
  event_not_registered: {
    status: 404,
    'zh-CN': '您没有报名该活动',
    'en-US': 'You are not registered for this event',
  },
  event_registration_final: {
    status: 409,
    'zh-CN': '该报名已签到或已结束，不能取消',
    'en-US': 'This registration has been checked in or closed and cannot be cancelled',
  },
  event_no_person: {
    status: 409,
    'zh-CN': '您的账号尚未关联党员身份，请联系所在党组织书记',
    'en-US': 'Your account is not linked to a member record; ask your party secretary',
  },
  unknown_lecturer: {
    status: 400,
    'zh-CN': '未知的讲师：{id}',
    'en-US': 'Unknown lecturer: {id}',
  },
  unknown_campaign: {
    status: 400,
    'zh-CN': '未知的活动计划：{id}',
    'en-US': 'Unknown campaign: {id}',
  },
  unknown_room: {
    status: 400,
    'zh-CN': '未知的阵地房间：{id}',
    'en-US': 'Unknown station room: {id}',
  },
  checkin_token_invalid: {
    status: 400,
    'zh-CN': '二维码无效或被篡改，请让对方刷新“我的二维码”',
    'en-US': 'The QR code is invalid or has been tampered with; ask for a fresh "my QR"',
  },
  checkin_token_expired: {
    status: 410,
    'zh-CN': '二维码已过期（活动已结束）',
    'en-US': 'The QR code has expired (the event is over)',
  },
  checkin_other_event: {
    status: 409,
    'zh-CN': '这是另一场活动的二维码（活动编号 {eventId}）',
    'en-US': 'This QR code belongs to another event (event {eventId})',
  },
  checkin_outside_window: {
    status: 409,
    'zh-CN': '只能在活动开始前 {margin} 分钟至结束后 {margin} 分钟内签到',
    'en-US': 'Check-in is open from {margin} minutes before the start until {margin} minutes after the end',
  },
  checkin_already_inside: {
    status: 409,
    'zh-CN': '{name} 已签到入场，无需重复扫码',
    'en-US': '{name} has already checked in',
  },
  checkin_not_inside: {
    status: 409,
    'zh-CN': '{name} 尚未签到入场，不能签退',
    'en-US': '{name} has not checked in, so cannot check out',
  },
  checkin_not_admitted: {
    status: 409,
    'zh-CN': '{name} 的报名状态为“{status}”，不能签到',
    'en-US': '{name}\'s registration is "{status}" and cannot be checked in',
  },
  checkin_nonce_reused: {
    status: 409,
    'zh-CN': '扫码编号已用于另一次扫码，请重新扫码',
    'en-US': 'This scan id was already used for a different scan; scan again',
  },
  checkin_code_malformed: {
    status: 400,
    'zh-CN': '签到码是 {length} 位，由数字 2–9 和字母组成（没有 0、1、I、L、O、U），请核对后重新输入',
    'en-US':
      'A check-in code has {length} characters: digits 2 to 9 and letters (no 0, 1, I, L, O or U). Check it and type it again',
  },
  checkin_code_wrong: {
    status: 400,
    'zh-CN': '签到码不对，请看清现场公布的签到码后重试（还可尝试 {left} 次）',
    'en-US': 'That is not the check-in code shown at the venue; check it and try again ({left} tries left)',
  },
  checkin_code_locked: {
    status: 429,
    'zh-CN': '签到码输错次数过多，请 {minutes} 分钟后再试，或请工作人员按姓名为您签到',
    'en-US':
      'Too many wrong check-in codes; try again in {minutes} minutes, or ask the organiser to check you in by name',
  },
  checkin_scan_in_future: {
    status: 400,
    'zh-CN': '扫码时间晚于服务器当前时间，请校准设备时间',
    'en-US': "The scan time is in the future; correct the device's clock",
  },
  campaign_dates: {
    status: 400,
    'zh-CN': '计划结束日期不能早于开始日期',
    'en-US': 'The campaign cannot end before it starts',
  },
  booking_overlap: {
    status: 409,
    'zh-CN': '该时段房间已被预约（{from}–{to}），请换一个时段',
    'en-US': 'The room is already booked from {from} to {to}; choose another slot',
  },
  booking_outside_hours: {
    status: 400,
    'zh-CN': '预约须在同一天的开放时间 {opens}–{closes} 之内',
    'en-US': "A booking must fall within one day's opening hours {opens}-{closes}",
  },
  booking_not_active: {
    status: 409,
    'zh-CN': '该预约已取消',
    'en-US': 'This booking has already been cancelled',
  },
  rrule_invalid: {
    status: 400,
    'zh-CN': '重复规则无法识别：{reason}',
    'en-US': 'The recurrence rule cannot be read: {reason}',
  },
  rrule_unbounded: {
    status: 400,
    'zh-CN': '重复规则必须有结束（COUNT 不超过 {max} 次或 UNTIL 在一年之内）',
    'en-US': 'A recurrence must end: COUNT of at most {max} or UNTIL within one year',
  },
  rrule_too_many: {
    status: 400,
    'zh-CN': '重复规则会生成 {count} 场活动，最多 {max} 场',
    'en-US': 'The rule yields {count} events; at most {max} are allowed',
  },
  feed_token_unknown: {
    status: 404,
    'zh-CN': '日历订阅地址无效或已重置',
    'en-US': 'This calendar feed address is unknown or has been reset',
  },
  participation_scope_required: {
    status: 400,
    'zh-CN': '请只指定一个统计范围：区域、楼宇、党组织或活动计划',
    'en-US': 'Give exactly one scope: an area, a building, an organisation or a campaign',
  },
} as const satisfies ErrorCatalog
