import type { Locale } from './messages.ts'

/** Where in the request a refused value sat. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers'

/**
 * One refused value, language-neutral: where it is, which rule it broke and the rule's bounds. Only bounds
 * the server itself defines travel in `params` (limits, the expected type or format); what the caller sent
 * is never echoed, except the field's own name, cut short.
 */
export interface FieldIssue {
  in: RequestPart
  path: Array<string | number>
  keyword: string
  params: Record<string, string | number>
}

/** A field issue with its name and a message in the request's language, as sent to clients. */
export interface FieldError extends FieldIssue {
  field: string
  message: string
}

interface AjvIssue {
  instancePath: string
  keyword: string
  params?: Record<string, unknown>
}

const MAX_NAME = 64
const clip = (s: string) => (s.length > MAX_NAME ? `${s.slice(0, MAX_NAME)}…` : s)

/** "/grants/0/scopeType" → ['grants', 0, 'scopeType'] (JSON pointer, escapes undone, indexes as numbers). */
function pointerPath(pointer: string): Array<string | number> {
  if (!pointer) return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9]\d{0,8})$/.test(s) ? Number(s) : clip(s)))
}

/** `grants[0].scopeType`: the path as a form library names a nested field. */
export function fieldName(path: Array<string | number>): string {
  return path.reduce<string>(
    (name, p) => (typeof p === 'number' ? `${name}[${p}]` : name ? `${name}.${p}` : p),
    '',
  )
}

const num = (v: unknown) => (typeof v === 'number' ? v : Number(v))

/** The bounds worth telling for each rule; everything else ajv reports stays on the server. */
function safeParams(keyword: string, params: Record<string, unknown>): Record<string, string | number> {
  switch (keyword) {
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties':
      return { limit: num(params.limit) }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { limit: num(params.limit) }
    case 'multipleOf':
      return { multipleOf: num(params.multipleOf) }
    case 'type':
      return { type: String(params.type) }
    case 'format':
      return { format: String(params.format) }
    default:
      return {}
  }
}

/**
 * ajv's errors as field issues. With `allErrors` off ajv stops at the first failure, but a union (anyOf,
 * e.g. a nullable text) reports each branch's failure before its own: those are folded into one issue on
 * the union's path, keeping the most telling branch (a broken bound rather than "wrong type").
 */
export function issuesFromAjv(part: string | undefined, errors: readonly AjvIssue[]): FieldIssue[] {
  const where = (['body', 'querystring', 'params', 'headers'] as const).find((p) => p === part) ?? 'body'
  const unions = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')
  const insideUnion = (e: AjvIssue) =>
    unions.some(
      (u) =>
        u !== e && (e.instancePath === u.instancePath || e.instancePath.startsWith(`${u.instancePath}/`)),
    )
  const issues: FieldIssue[] = []
  for (const e of errors) {
    if (e.keyword === 'if') continue
    let chosen = e
    if (unions.includes(e)) {
      const branches = errors.filter((b) => b !== e && insideUnion(b) && !unions.includes(b))
      const telling = branches.find((b) => b.keyword !== 'type' && b.keyword !== 'const')
      const allConst = branches.length > 0 && branches.every((b) => b.keyword === 'const')
      chosen = telling ?? (allConst ? { ...e, keyword: 'enum' } : e)
    } else if (insideUnion(e)) continue
    const params = chosen.params ?? {}
    const path = pointerPath(chosen.instancePath)
    if (chosen.keyword === 'required' && typeof params.missingProperty === 'string')
      path.push(clip(params.missingProperty))
    if (chosen.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string')
      path.push(clip(params.additionalProperty))
    const keyword = chosen.keyword === 'const' ? 'enum' : chosen.keyword
    const issue = { in: where, path, keyword, params: safeParams(keyword, params) }
    if (!issues.some((i) => fieldName(i.path) === fieldName(issue.path) && i.keyword === issue.keyword))
      issues.push(issue)
  }
  return issues
}

type Words = Record<Locale, string>
const TYPE_WORDS: Record<string, Words> = {
  string: { 'zh-CN': '文本', 'en-US': 'text' },
  integer: { 'zh-CN': '整数', 'en-US': 'a whole number' },
  number: { 'zh-CN': '数字', 'en-US': 'a number' },
  boolean: { 'zh-CN': '是或否', 'en-US': 'yes or no' },
  array: { 'zh-CN': '列表', 'en-US': 'a list' },
  object: { 'zh-CN': '一组字段', 'en-US': 'a group of fields' },
  null: { 'zh-CN': '空值', 'en-US': 'empty' },
}
const FORMAT_WORDS: Record<string, Words> = {
  date: { 'zh-CN': '日期（如 2025-06-30）', 'en-US': 'a date such as 2025-06-30' },
  'date-time': { 'zh-CN': '日期和时间', 'en-US': 'a date and time' },
  time: { 'zh-CN': '时间', 'en-US': 'a time of day' },
  email: { 'zh-CN': '电子邮箱地址', 'en-US': 'an e-mail address' },
  uri: { 'zh-CN': '网址', 'en-US': 'a web address' },
  url: { 'zh-CN': '网址', 'en-US': 'a web address' },
}

const both = (zh: string, en: string): Words => ({ 'zh-CN': zh, 'en-US': en })

/** The message for one issue, in words a person filling a form understands. */
function words(issue: FieldIssue): Words {
  const p = issue.params
  const limit = p.limit
  switch (issue.keyword) {
    case 'required':
      return both('必须填写', 'Is required')
    case 'additionalProperties':
      return both('不是可接受的字段', 'Is not an accepted field')
    case 'type': {
      const types = String(p.type)
        .split(',')
        .map((t) => TYPE_WORDS[t])
        .filter((w): w is Words => w !== undefined)
      if (types.length === 0) return both('类型不正确', 'Has the wrong type')
      return both(
        `应为${types.map((w) => w['zh-CN']).join('或')}`,
        `Must be ${types.map((w) => w['en-US']).join(' or ')}`,
      )
    }
    case 'minLength':
      return limit === 1
        ? both('不能为空', 'Must not be empty')
        : both(`至少需要 ${limit} 个字符`, `Must be at least ${limit} characters long`)
    case 'maxLength':
      return both(`最多 ${limit} 个字符`, `Must be at most ${limit} characters long`)
    case 'minimum':
      return both(`不能小于 ${limit}`, `Must be at least ${limit}`)
    case 'maximum':
      return both(`不能大于 ${limit}`, `Must be at most ${limit}`)
    case 'exclusiveMinimum':
      return both(`必须大于 ${limit}`, `Must be greater than ${limit}`)
    case 'exclusiveMaximum':
      return both(`必须小于 ${limit}`, `Must be less than ${limit}`)
    case 'multipleOf':
      return both(`应为 ${p.multipleOf} 的整数倍`, `Must be a multiple of ${p.multipleOf}`)
    case 'minItems':
      return limit === 1
        ? both('至少需要一项', 'Needs at least one entry')
        : both(`至少需要 ${limit} 项`, `Needs at least ${limit} entries`)
    case 'maxItems':
      return both(`最多 ${limit} 项`, `May have at most ${limit} entries`)
    case 'minProperties':
      return both(`至少需要 ${limit} 项`, `Needs at least ${limit} entries`)
    case 'maxProperties':
      return both(`最多 ${limit} 项`, `May have at most ${limit} entries`)
    case 'uniqueItems':
      return both('不能有重复项', 'Must not repeat an entry')
    case 'enum':
      return both('不是允许的取值', 'Is not one of the allowed values')
    case 'pattern':
      return both('格式不正确', 'Has the wrong format')
    case 'format': {
      const f = FORMAT_WORDS[String(p.format)]
      return f
        ? both(`应为${f['zh-CN']}`, `Must be ${f['en-US']}`)
        : both('格式不正确', 'Has the wrong format')
    }
    case 'duplicate':
      return both('与另一项重复', 'Repeats another entry')
    case 'one_of':
      return both('须在几项中填写且只填写一项', 'Exactly one of these must be given')
    default:
      return both('取值无效', 'Is not a valid value')
  }
}

const WHOLE: Record<RequestPart, Words> = {
  body: both('请求内容', 'the request body'),
  querystring: both('查询参数', 'the query'),
  params: both('路径参数', 'the path'),
  headers: both('请求头', 'the headers'),
}

export function renderFields(issues: readonly FieldIssue[], locale: Locale): FieldError[] {
  return issues.map((i) => ({ ...i, field: fieldName(i.path), message: words(i)[locale] }))
}

/** One line naming each field, for clients that show a single message. */
export function fieldsSummary(fields: readonly FieldError[], locale: Locale): string {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)
  return fields
    .map((f) => {
      const name = f.field || WHOLE[f.in][locale]
      return locale === 'zh-CN' ? `${name} ${f.message}` : `${name}: ${lower(f.message)}`
    })
    .join(locale === 'zh-CN' ? '；' : '; ')
}
