import type { ErrorCatalog } from '../../lib/error-catalog.ts'

/** Error codes of operations (status + zh-CN + en-US); merged by lib/module-errors.ts. */
export const operationsErrors = {
  metrics_token: {
    status: 401,
    'zh-CN': '需要有效的访问令牌（Authorization: Bearer，见 TONGXIN_METRICS_TOKEN）',
    'en-US': 'A valid bearer token is required (Authorization: Bearer, see TONGXIN_METRICS_TOKEN)',
  },
  audit_period: {
    status: 400,
    'zh-CN': '导出区间的结束日期（{to}）不能早于开始日期（{from}）',
    'en-US': 'The export period ends ({to}) before it starts ({from})',
  },
} satisfies ErrorCatalog
