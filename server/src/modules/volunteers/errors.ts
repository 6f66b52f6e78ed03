import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the volunteers module (status + zh-CN + en-US); merged into the app's table by lib/module-errors.ts. */
export const volunteerErrors = {
  vol_role_code_taken: {
    status: 409,
    'zh-CN': '角色代码“{code}”已被使用，请换一个',
    'en-US': 'Role code "{code}" is already used; choose another',
  },
  vol_not_coordinator: {
    status: 403,
    'zh-CN': '您不是该点位的协调人，不能执行此操作',
    'en-US': 'You do not coordinate this point',
  },
  vol_profile_required: {
    status: 409,
    'zh-CN': '请先登记为志愿者（“我的志愿服务”页）',
    'en-US': 'Register as a volunteer first (the "My volunteering" page)',
  },
  vol_profile_exists: {
    status: 409,
    'zh-CN': '您已登记为志愿者',
    'en-US': 'You are already registered as a volunteer',
  },
  vol_shift_time_invalid: {
    status: 400,
    'zh-CN': '班次结束时间必须晚于开始时间，且一个班次不超过 12 小时',
    'en-US': 'A shift must end after it starts and last at most 12 hours',
  },
  vol_shift_duplicate: {
    status: 409,
    'zh-CN': '{date} {time} 在该点位已有同一时段的班次，整组班次都未创建；请去掉这一天后重试',
    'en-US':
      'The point already has a shift on {date} at {time}; none of the series was created. Leave that day out and try again',
  },
  vol_series_in_past: {
    status: 400,
    'zh-CN': '{date} 的班次已经开始或已过去，整组班次都未创建；请从今后的日期开始',
    'en-US':
      'The shift on {date} would start in the past; none of the series was created. Start from a later day',
  },
  vol_series_too_many: {
    status: 400,
    'zh-CN': '这样会生成 {count} 个班次，一次最多 {max} 个，请缩短周数或减少日期',
    'en-US': 'That makes {count} shifts; at most {max} at once. Use fewer weeks or dates',
  },
  vol_series_empty: {
    status: 400,
    'zh-CN': '请二选一：列出日期，或选择每周几和重复周数',
    'en-US': 'Give either a list of dates or weekdays with a number of weeks (one of the two)',
  },
  vol_batch_repeated: {
    status: 400,
    'zh-CN': '同一条报名（{id}）在本次核定中出现了两次',
    'en-US': 'Sign-up {id} appears twice in this batch',
  },
  vol_batch_not_finished: {
    status: 409,
    'zh-CN': '{name} 尚未签退，不能核定；请取消勾选后重试（本次未做任何修改）',
    'en-US': '{name} has not checked out yet; unselect them and try again (nothing was changed)',
  },
  vol_shift_in_past: {
    status: 400,
    'zh-CN': '不能安排已经开始的班次，请选择将来的时间',
    'en-US': 'A new shift cannot start in the past; choose a later time',
  },
  vol_needs_invalid: {
    status: 400,
    'zh-CN': '班次需至少列出一个角色，且每个角色只能出现一次',
    'en-US': 'List at least one role for the shift, each role once',
  },
  vol_role_not_needed: {
    status: 409,
    'zh-CN': '该班次不需要“{role}”，请选择班次列出的角色',
    'en-US': 'This shift needs no "{role}"; pick one of the roles it lists',
  },
  vol_shift_full: {
    status: 409,
    'zh-CN': '该班次的“{role}”名额已满，请选择其他班次或角色',
    'en-US': 'All "{role}" places on this shift are taken; pick another shift or role',
  },
  vol_already_signed_up: {
    status: 409,
    'zh-CN': '您已报名该班次',
    'en-US': 'You have already signed up for this shift',
  },
  vol_overlap: {
    status: 409,
    'zh-CN': '与您已报名的班次时间重叠（{point} {start}），请先取消那个班次',
    'en-US': 'This overlaps a shift you hold ({point} {start}); cancel that one first',
  },
  vol_requirement_missing: {
    status: 409,
    'zh-CN': '担任“{role}”需先取得：{missing}。请联系点位协调人登记',
    'en-US': 'The "{role}" role requires: {missing}. Ask a point coordinator to record it',
  },
  vol_shift_closed: {
    status: 409,
    'zh-CN': '该班次已开始或已取消，不能再报名或取消报名',
    'en-US': 'This shift has started or was cancelled; sign-up and cancelling are closed',
  },
  vol_token_forged: {
    status: 400,
    'zh-CN': '二维码无效（签名不符），请重新扫描点位上显示的二维码',
    'en-US': 'The QR code is not valid (bad signature); scan the code shown at the point again',
  },
  vol_token_expired: {
    status: 410,
    'zh-CN': '二维码已过期，请扫描刷新后的二维码',
    'en-US': 'The QR code has expired; scan the refreshed code',
  },
  vol_token_other_point: {
    status: 409,
    'zh-CN': '该二维码属于其他点位（{point}），请在您报名的点位扫码',
    'en-US': 'This QR code belongs to another point ({point}); scan at the point of your shift',
  },
  vol_token_replayed: {
    status: 409,
    'zh-CN': '该二维码已使用过，请扫描新的二维码',
    'en-US': 'This QR code was already used; scan a fresh one',
  },
  vol_nonce_reused: {
    status: 409,
    'zh-CN': '该扫码编号已用于另一次扫码，请重新扫码',
    'en-US': 'This scan id was used for a different scan; scan again',
  },
  vol_no_shift_here: {
    status: 409,
    'zh-CN': '您此时在该点位没有可签到的班次',
    'en-US': 'You have no shift at this point to check in or out of now',
  },
  vol_outside_window: {
    status: 409,
    'zh-CN': '只能在班次开始前 {margin} 分钟到结束后 {margin} 分钟之间签到或签退',
    'en-US': 'Check in and out only from {margin} minutes before the shift to {margin} minutes after it',
  },
  vol_not_checked_in: {
    status: 409,
    'zh-CN': '尚未签到，不能签退',
    'en-US': 'Not checked in yet, so you cannot check out',
  },
  vol_already_checked_in: {
    status: 409,
    'zh-CN': '已签到，无需重复签到',
    'en-US': 'Already checked in',
  },
  vol_already_checked_out: {
    status: 409,
    'zh-CN': '已签退',
    'en-US': 'Already checked out',
  },
  vol_not_finished: {
    status: 409,
    'zh-CN': '该志愿者尚未签退，暂不能核定时长',
    'en-US': 'This volunteer has not checked out yet; hours can be verified afterwards',
  },
  vol_adjust_reason_required: {
    status: 400,
    'zh-CN': '核定时长与记录时长不同，请填写调整原因',
    'en-US': 'The verified minutes differ from the recorded ones; give a reason for the adjustment',
  },
} as const satisfies ErrorCatalog
