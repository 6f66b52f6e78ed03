import { messagesOf } from './error-catalog.ts'
import type { Locale } from './locale.ts'
import { MODULE_ERRORS } from './module-errors.ts'

export type { Locale }

/** Error messages people see, in both languages. Codes are stable API; add, never rename. */
export const coreMessages = {
  validation_failed: {
    'zh-CN': '请求内容不符合要求：{reason}',
    'en-US': 'The request is not valid: {reason}',
  },
  invalid_json: { 'zh-CN': '请求体不是有效的 JSON', 'en-US': 'The request body is not valid JSON' },
  body_too_large: {
    'zh-CN': '请求体过大，超过该接口的上限（一般接口 1 MiB，图片和音频 5 MiB，Excel 30 MiB）',
    'en-US':
      'The request body is too large for this endpoint (1 MiB in general, 5 MiB for photos and audio, 30 MiB for Excel files)',
  },
  unsupported_media_type: {
    'zh-CN': '不支持的内容类型：{type}',
    'en-US': 'Unsupported content type: {type}',
  },
  bad_request: { 'zh-CN': '请求无效：{reason}', 'en-US': 'Bad request: {reason}' },
  nul_character: {
    'zh-CN': '{field} 含有空字符（U+0000），请删除后重试',
    'en-US': '{field} contains a NUL character (U+0000); remove it and try again',
  },
  invalid_value: {
    'zh-CN': '请求中有值超出范围、格式无效或过长，无法保存',
    'en-US': 'A value in the request is out of range, malformed or too long to be stored',
  },
  duplicate: { 'zh-CN': '与已有记录重复', 'en-US': 'This duplicates an existing record' },
  concurrent_write: {
    'zh-CN': '另一项修改同时在进行，本次未保存任何内容，请重试',
    'en-US': 'Another change was being made at the same time; nothing was saved, please try again',
  },
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
  password_attempts_locked: {
    'zh-CN': '当前密码输错次数过多，请 {minutes} 分钟后再试',
    'en-US': 'Too many wrong current passwords; try again in {minutes} minutes',
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
  park_not_empty: {
    'zh-CN': '该园区内还有 {count} 座楼宇，请先将楼宇移出园区再删除',
    'en-US': 'This park still holds {count} buildings; move them out of the park before deleting it',
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
  unknown_category: { 'zh-CN': '未知的服务类别：{code}', 'en-US': 'Unknown service category: {code}' },
  need_place_required: {
    'zh-CN': '请填写需求所在的楼宇或区域',
    'en-US': 'Say where the need is: a building or an area',
  },
  not_newly_settled: {
    'zh-CN': '该类别仅面向新落户企业，请以新落户单位身份提交',
    'en-US': 'This category is for newly settled enterprises; post it for such a unit',
  },
  not_eligible: {
    'zh-CN': '该服务方不提供此类服务或不覆盖该区域（{reason}）',
    'en-US': 'This provider does not offer this service here ({reason})',
  },
  over_capacity: {
    'zh-CN': '已达接单上限（同时最多 {limit} 单），请先办结手头订单',
    'en-US': 'Order limit reached ({limit} at once); finish current orders first',
  },
  attachment_not_image: {
    'zh-CN': '附件须为 JPEG、PNG 或 WebP 图片（内容与类型相符）',
    'en-US': 'Attachments must be JPEG, PNG or WebP images whose content matches their type',
  },
  attachment_limit: { 'zh-CN': '每条需求最多 {max} 张图片', 'en-US': 'At most {max} photos per need' },
  already_yours: { 'zh-CN': '您的单位已接此单', 'en-US': 'Your unit already holds this order' },
  already_claimed: {
    'zh-CN': '该需求已被其他服务方接单',
    'en-US': 'Another provider has already taken this need',
  },
  illegal_transition: {
    'zh-CN': '当前状态（{from}）不能执行该操作（{action}）',
    'en-US': 'A need in state {from} cannot be {action}',
  },
  not_requester: {
    'zh-CN': '只有提出需求的人才能评价或重新打开',
    'en-US': 'Only the requester may rate or reopen a need',
  },
  reopen_window_passed: {
    'zh-CN': '已超过可重新打开的期限（7 天）',
    'en-US': 'The 7-day window to reopen has passed',
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
  import_not_excel: {
    'zh-CN': '文件“{file}”不是有效的 Excel 工作簿（.xlsx），请用下载的模板填写并保存为 .xlsx 后再上传',
    'en-US':
      'The file "{file}" is not a valid Excel workbook (.xlsx); fill in the template and save it as .xlsx',
  },
  import_wrong_sheet: {
    'zh-CN': '找不到名为“{expected}”的工作表（文件中的工作表：{found}），请使用下载的模板',
    'en-US': 'There is no sheet named "{expected}" (the file has: {found}); please use the template',
  },
  import_wrong_headers: {
    'zh-CN': '第 1 行表头与模板不符：{problems}。请使用下载的模板，不要改动表头',
    'en-US': 'The headers in row 1 do not match the template: {problems}. Use the template unchanged',
  },
  import_merged_cells: {
    'zh-CN': '工作表含合并单元格（{ranges}），请取消合并、每行每格各填一个值后再导入',
    'en-US': 'The sheet has merged cells ({ranges}); unmerge them so each row has its own values',
  },
  import_too_many_rows: {
    'zh-CN': '数据行数超过上限 {max} 行，请拆分为多个文件分别导入',
    'en-US': 'The sheet has more than {max} data rows; split it into several files',
  },
  import_empty: {
    'zh-CN': '工作表“{sheet}”没有数据行（第 1 行为表头，数据从第 2 行开始）',
    'en-US': 'The sheet "{sheet}" has no data rows (row 1 is the header; data starts in row 2)',
  },
  import_too_many_parts: {
    'zh-CN': '文件包含的部件超过 {max} 个，不像是按模板填写的工作簿，未导入',
    'en-US':
      'The file holds more than {max} parts, unlike a workbook filled in from the template; nothing was imported',
  },
  import_part_too_large: {
    'zh-CN': '文件中的“{part}”解压后超过 {limit}，未导入；请只保留模板中的工作表和数据',
    'en-US':
      'The part "{part}" unpacks to more than {limit}; nothing was imported. Keep only the template\'s sheet and data',
  },
  import_unpacked_too_large: {
    'zh-CN': '文件解压后超过 {limit}，未导入；请只保留模板中的工作表和数据',
    'en-US':
      "The file unpacks to more than {limit}; nothing was imported. Keep only the template's sheet and data",
  },
  import_part_size_mismatch: {
    'zh-CN': '文件已损坏：“{part}”的实际大小与文件中记录的不符，未导入',
    'en-US':
      'The file is damaged: "{part}" is larger or smaller than the file says it is; nothing was imported',
  },
  import_too_many_strings: {
    'zh-CN': '工作簿的共享文本超过 {max} 条，未导入；请只保留模板中的工作表和数据',
    'en-US':
      "The workbook holds more than {max} shared texts; nothing was imported. Keep only the template's sheet and data",
  },
  import_too_complex: {
    'zh-CN': '文件“{file}”过大或过于复杂，读取时超出了内存或时间限制，未导入；请拆分后再试',
    'en-US':
      'The file "{file}" is too large or complex to read within the memory and time allowed; nothing was imported. Split it and try again',
  },
  import_not_checked: {
    'zh-CN': '该导入任务的状态为“{status}”，只有检查通过的任务可以提交',
    'en-US': 'This import is {status}; only an import that passed its check can be committed',
  },
  import_expired: {
    'zh-CN': '该导入任务的检查结果已过期，请重新上传文件',
    'en-US': "This import's check has expired; upload the file again",
  },
  import_stale: {
    'zh-CN': '提交前复核发现数据已有变化，{count} 行不再通过检查，未写入任何数据',
    'en-US': 'The data changed since the check: {count} rows no longer pass, so nothing was written',
  },
} as const satisfies Record<string, Record<Locale, string>>

/** The platform's codes and every module's (each module keeps its own in `modules/<m>/errors.ts`). */
export const messages = { ...coreMessages, ...messagesOf(MODULE_ERRORS) }

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
