import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of accounts, passwords and invitations (status + zh-CN + en-US); merged by lib/module-errors.ts. */
export const accountErrors = {
  weak_password: {
    status: 400,
    'zh-CN': '密码不够安全：{reason}',
    'en-US': 'The password is not strong enough: {reason}',
  },
  password_change_required: {
    status: 403,
    'zh-CN': '请先修改密码：该密码由管理员设置，首次登录后须改为只有您知道的密码',
    'en-US': 'Change your password first: it was set by an administrator and must be replaced at first login',
  },
  temporary_password_expired: {
    status: 401,
    'zh-CN': '临时密码已失效（已过期或已用过），请联系管理员重新重置',
    'en-US':
      'This temporary password is no longer valid (expired or already used); ask an administrator to reset it again',
  },
  not_yourself: {
    status: 400,
    'zh-CN': '不能对自己的账号执行此操作',
    'en-US': 'You cannot do this to your own account',
  },
  last_grant: {
    status: 400,
    'zh-CN': '账号至少要保留一个角色；如不再使用，请停用账号',
    'en-US': 'An account keeps at least one role; disable it instead',
  },
  duplicate_grant: {
    status: 400,
    'zh-CN': '同一角色和范围重复出现：{grant}',
    'en-US': 'The same role and scope appear twice: {grant}',
  },
  invitation_target: {
    status: 400,
    'zh-CN': '邀请须指定其一：角色和范围、值守点位或活动',
    'en-US': 'An invitation names exactly one of: a role and scope, a duty point, or an event',
  },
  invitation_event_audience: {
    status: 400,
    'zh-CN': '只有面向所有人的活动才能发放注册邀请',
    'en-US': 'Only events open to everyone can carry a sign-up invitation',
  },
  invitation_invalid: {
    status: 404,
    'zh-CN': '邀请链接无效或已过期',
    'en-US': 'This invitation link is invalid or has expired',
  },
  invitation_expired: {
    status: 410,
    'zh-CN': '该邀请已于 {at} 过期，请向邀请人索取新的链接',
    'en-US': 'This invitation expired on {at}; ask the person who invited you for a new link',
  },
  invitation_used_up: {
    status: 410,
    'zh-CN': '该邀请的名额已用完，请向邀请人索取新的链接',
    'en-US': 'This invitation has been used as often as it allows; ask for a new link',
  },
  invitation_revoked: {
    status: 410,
    'zh-CN': '该邀请已被撤销',
    'en-US': 'This invitation has been revoked',
  },
  signup_locked: {
    status: 429,
    'zh-CN': '无效的邀请链接尝试过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many invalid invitation links; try again in {minutes} minutes',
  },
  account_import_place_required: {
    status: 400,
    'zh-CN': '角色“{role}”须填写“{column}”',
    'en-US': 'The role "{role}" needs "{column}"',
  },
  account_import_unknown_place: {
    status: 400,
    'zh-CN': '在 {area} 找不到{what}“{name}”',
    'en-US': 'No {what} "{name}" in {area}',
  },
  account_import_ambiguous: {
    status: 400,
    'zh-CN': '{area} 有多个名为“{name}”的{what}，请在系统中改名区分后再导入',
    'en-US': 'Several {what} named "{name}" in {area}; rename them apart first',
  },
  account_import_rank: {
    status: 400,
    'zh-CN': '您不能授予“{role}”角色（只能授予低于您的角色）',
    'en-US': 'You cannot hand out the role "{role}" (only roles below yours)',
  },
  account_import_too_many: {
    status: 400,
    'zh-CN': '每个文件最多 {limit} 个账号，此文件有 {count} 行，请分成几个文件',
    'en-US': 'At most {limit} accounts per file; this one has {count} rows; split it',
  },
  account_import_username: {
    status: 400,
    'zh-CN': '用户名“{value}”须为 3–32 位小写字母、数字或 _ . -，并以字母或数字开头',
    'en-US':
      'Username "{value}" must be 3-32 lowercase letters, digits or _ . -, starting with a letter or digit',
  },
  account_import_not_checked: {
    status: 409,
    'zh-CN': '该导入不能提交（状态：{status}），请重新上传检查',
    'en-US': 'This import cannot be committed (status: {status}); upload it again',
  },
} satisfies ErrorCatalog
