import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of the notifications module (status + zh-CN + en-US); merged by lib/module-errors.ts. */
export const notificationErrors = {
  notify_invalid_email: {
    status: 400,
    'zh-CN': '邮箱地址“{value}”格式不正确，例如 name@example.cn',
    'en-US': 'The e-mail address "{value}" is not valid, e.g. name@example.cn',
  },
  notify_quiet_invalid: {
    status: 400,
    'zh-CN': '免打扰时段需同时填写开始和结束时间，且二者不能相同',
    'en-US': 'Quiet hours need both a start and an end time, and they must differ',
  },
  notify_inapp_required: {
    status: 400,
    'zh-CN': '“{kind}”需要您处理，站内提醒不能关闭',
    'en-US': '"{kind}" needs your action; in-app notices cannot be switched off for it',
  },
  notify_invalid_url: {
    status: 400,
    'zh-CN': '地址不可用：{reason}',
    'en-US': 'This URL cannot be used: {reason}',
  },
  notify_endpoint_place: {
    status: 400,
    'zh-CN': '请选择一个区域或一个党组织（二选一）',
    'en-US': 'Choose either an area or a party organisation',
  },
  notify_not_failed: {
    status: 409,
    'zh-CN': '只有发送失败的记录可以重新发送',
    'en-US': 'Only failed deliveries can be sent again',
  },
} satisfies ErrorCatalog
