export type Locale = 'zh-CN' | 'en-US'

/** Error messages people see, in both languages. Codes are stable API; add, never rename. */
export const messages = {
  validation_failed: {
    'zh-CN': '请求内容不符合要求：{reason}',
    'en-US': 'The request is not valid: {reason}',
  },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  body_too_large: {
    'zh-CN': '请求体过大（上限 {limit}）',
    'en-US': 'The request body is too large (limit {limit})',
  },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型：{type}',
    'en-US': 'Unsupported content type: {type}',
  },
  bad_request: { 'zh-CN': '请求无效：{reason}', 'en-US': 'Bad request: {reason}' },
  duplicate: { 'zh-CN': '与已有记录重复', 'en-US': 'This duplicates an existing record' },
  not_found: { 'zh-CN': '找不到该资源', 'en-US': 'Not found' },
  route_not_found: { 'zh-CN': '没有这个接口：{method} {url}', 'en-US': 'No such endpoint: {method} {url}' },
  unauthenticated: { 'zh-CN': '请先登录', 'en-US': 'Please log in first' },
  session_expired: {
    'zh-CN': '登录已过期，请重新登录',
    'en-US': 'Your session has expired; please log in again',
  },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', 'en-US': 'Wrong username or password' },
  account_disabled: { 'zh-CN': '该账号已停用', 'en-US': 'This account is disabled' },
  login_locked: {
    'zh-CN': '登录失败次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many failed logins; try again in {minutes} minutes',
  },
  csrf_failed: {
    'zh-CN': '安全校验失败（缺少或错误的 CSRF 令牌），请刷新页面后重试',
    'en-US': 'Security check failed (missing or wrong CSRF token); reload the page and try again',
  },
  forbidden: { 'zh-CN': '您没有权限执行此操作', 'en-US': 'You are not allowed to do this' },
  forbidden_scope: {
    'zh-CN': '该数据不在您的管理范围内',
    'en-US': 'This record is outside the area you are responsible for',
  },
  version_conflict: {
    'zh-CN': '该记录已被他人修改（当前版本 {current}），请刷新后再保存',
    'en-US': 'Someone else changed this record (now version {current}); reload it before saving',
  },
  username_taken: {
    'zh-CN': '用户名“{username}”已被使用',
    'en-US': 'The username "{username}" is already taken',
  },
  unknown_area: { 'zh-CN': '未知的行政区划代码：{code}', 'en-US': 'Unknown area code: {code}' },
  unknown_scope: { 'zh-CN': '未知的授权范围：{scope}', 'en-US': 'Unknown scope: {scope}' },
  invalid_grant: {
    'zh-CN': '角色与授权范围不匹配：{reason}',
    'en-US': 'Role and scope do not fit: {reason}',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', 'en-US': 'The current password is wrong' },
  invalid_cursor: { 'zh-CN': '分页游标无效', 'en-US': 'Invalid page cursor' },
  invalid_uscc: {
    'zh-CN': '统一社会信用代码“{value}”无效（校验位不符或格式错误）',
    'en-US': 'Unified social credit code "{value}" is invalid (bad format or check character)',
  },
  invalid_id_number: {
    'zh-CN': '身份证号码无效（校验位、出生日期或格式错误）',
    'en-US': 'The ID number is invalid (check digit, birth date or format)',
  },
  id_birth_mismatch: {
    'zh-CN': '出生日期与身份证号码不一致',
    'en-US': 'The birth date does not match the ID number',
  },
  invalid_phone: { 'zh-CN': '电话号码“{value}”格式不正确', 'en-US': 'Phone number "{value}" is not valid' },
  floor_above_building: {
    'zh-CN': '楼层 {floor} 超出楼宇总层数 {floors}',
    'en-US': "Floor {floor} is above the building's {floors} floors",
  },
  invalid_floors: {
    'zh-CN': '结束楼层不能低于起始楼层',
    'en-US': 'The last floor cannot be below the first',
  },
  invalid_dates: { 'zh-CN': '{later}不能早于{earlier}', 'en-US': '{later} cannot be before {earlier}' },
  cyclic_parent: {
    'zh-CN': '上级党组织不能是其自身或其下级',
    'en-US': 'A party organisation cannot be its own parent or sit below itself',
  },
  already_exists: {
    'zh-CN': '{what}已存在：{key}',
    'en-US': '{what} already exists: {key}',
  },
  unknown_ref: {
    'zh-CN': '找不到引用的{what}（编号 {id}）',
    'en-US': 'The referenced {what} (id {id}) does not exist',
  },
  chief_one_of: {
    'zh-CN': '楼长须为一个人或一个单位（二选一）',
    'en-US': 'A building chief is either a person or a unit, exactly one',
  },
  unit_area_required: {
    'zh-CN': '不在楼宇内的单位须填写所属区域',
    'en-US': 'A unit outside a building needs its area',
  },
  area_level: {
    'zh-CN': '区域须为街道/镇或居村（{code} 是{level}）',
    'en-US': 'The area must be a street/town or community ({code} is a {level})',
  },
  rate_limited: {
    'zh-CN': '请求过于频繁，请稍后再试',
    'en-US': 'Too many requests; slow down and try again',
  },
  internal: {
    'zh-CN': '服务器内部错误，请稍后再试（请求编号 {requestId}）',
    'en-US': 'Internal server error; please try again later (request id {requestId})',
  },
  unavailable: {
    'zh-CN': '服务暂不可用，请稍后再试',
    'en-US': 'Service unavailable; please try again later',
  },
} as const satisfies Record<string, Record<Locale, string>>

/** zh-CN unless the client prefers English; q-values are honoured. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN'
  const prefs = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.find((p) => p.trim().startsWith('q='))
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q)
  for (const p of prefs) {
    if (p.tag.startsWith('zh')) return 'zh-CN'
    if (p.tag.startsWith('en')) return 'en-US'
  }
  return 'zh-CN'
}
