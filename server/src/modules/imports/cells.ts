import { type Reason, reason } from './reasons.ts'

/**
 * Spreadsheet cells as people really fill them in: numbers typed as text, full-width digits, dates as text
 * in several shapes or as Excel date serials, 是/否 or Y/N. Each parser returns the value or why not.
 * Pure functions, property-tested in cells.test.ts.
 */
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: Reason }

const ok = <T>(value: T | null): Parsed<T> => ({ ok: true, value })
const fail = <T>(r: Reason): Parsed<T> => ({ ok: false, reason: r })

/** What a cell holds once formulas and error values have been set aside. */
export type Plain = string | number | boolean | Date | null

/** Formulas and error values are refused per cell: a formula's cached result may be stale or missing. */
export function plainCell(value: unknown): Parsed<Plain> {
  if (value === null || value === undefined) return ok(null)
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return ok(value)
  if (value instanceof Date) return ok(value)
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if ('formula' in v || 'sharedFormula' in v) return fail(reason('formula'))
    if ('error' in v) return fail(reason('cell_error', { value: String(v.error) }))
    if (Array.isArray(v.richText))
      return ok((v.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join(''))
    if ('text' in v) return ok(String(v.text ?? ''))
  }
  return fail(reason('invalid'))
}

/** Invisible characters and surrounding (also full-width) spaces removed; the text itself kept as typed. */
export function normaliseText(s: string): string {
  return s.replace(/[\u200b-\u200d\ufeff]/g, '').replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g, '')
}

const FULL_WIDTH = /[\uff01-\uff5e]/g
/** Full-width ASCII (１２３，ＡＢＣ) to half-width, for codes, numbers and dates only: names keep （）. */
export const halfWidth = (s: string) =>
  s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))

const pad = (n: number) => String(n).padStart(2, '0')
const isoDate = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

function realDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
    ? isoDate(y, m, d)
    : null
}

/** Text of a cell; numbers keep their digits (12 → "12"), dates become YYYY-MM-DD. */
export function parseText(value: Plain): Parsed<string> {
  if (value === null) return ok(null)
  if (value instanceof Date)
    return ok(isoDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate()))
  if (typeof value === 'boolean') return ok(value ? '是' : '否')
  const text = normaliseText(String(value))
  return ok(text === '' ? null : text)
}

/**
 * Codes (USCC, ID number): text only. Excel shows a long digit string typed into a number cell as
 * 9.13101E+17 and keeps 15 significant digits, so such a cell has already lost its last digits.
 */
export function parseCode(value: Plain): Parsed<string> {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) return fail(reason('code_as_number'))
    return ok(String(value))
  }
  const text = halfText(value)
  return text.ok && text.value !== null ? ok(text.value.replace(/\s+/g, '').toUpperCase()) : text
}

/** Text with full-width digits and letters made half-width, for the parsers of codes, numbers and dates. */
function halfText(value: Plain): Parsed<string> {
  const text = parseText(value)
  return text.ok && text.value !== null ? ok(halfWidth(text.value)) : text
}

export function parseInteger(value: Plain): Parsed<number> {
  if (value === null) return ok(null)
  if (typeof value === 'number')
    return Number.isSafeInteger(value) ? ok(value) : fail(reason('not_integer', { value: String(value) }))
  const text = halfText(value)
  if (!text.ok || text.value === null) return text as Parsed<number>
  const plain = text.value.replace(
    /^([+-]?)(\d{1,3}(,\d{3})+)$/,
    (_, s: string, d: string) => s + d.replace(/,/g, ''),
  )
  if (/^[+-]?\d{1,15}$/.test(plain)) return ok(Number(plain))
  return fail(reason('not_integer', { value: text.value }))
}

export function parseNumber(value: Plain): Parsed<number> {
  if (value === null) return ok(null)
  if (typeof value === 'number')
    return Number.isFinite(value) ? ok(value) : fail(reason('not_number', { value: String(value) }))
  const text = halfText(value)
  if (!text.ok || text.value === null) return text as Parsed<number>
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text.value)) return ok(Number(text.value))
  return fail(reason('not_number', { value: text.value }))
}

// Excel day 25569 is 1970-01-01; 10,000–80,000 covers 1927–2119, the plausible span of registry dates.
const SERIAL_MIN = 10_000
const SERIAL_MAX = 80_000

/** YYYY-MM-DD from a date cell, an Excel serial, or text such as 2024/3/1, 2024.3.1, 2024年3月1日, 20240301. */
export function parseDate(value: Plain): Parsed<string> {
  if (value === null) return ok(null)
  if (value instanceof Date) {
    const d = realDate(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate())
    return d ? ok(d) : fail(reason('not_date', { value: value.toISOString().slice(0, 10) }))
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19_000_101 && value <= 21_001_231) {
      const d = realDate(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100)
      if (d) return ok(d)
    }
    if (value >= SERIAL_MIN && value <= SERIAL_MAX) {
      const t = new Date(Math.round((Math.floor(value) - 25_569) * 86_400_000))
      return ok(isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()))
    }
    return fail(reason('not_date', { value: String(value) }))
  }
  const text = halfText(value)
  if (!text.ok || text.value === null) return text
  const s = text.value.replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '')
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s)
  const d = m ? realDate(Number(m[1]), Number(m[2]), Number(m[3])) : null
  return d ? ok(d) : fail(reason('not_date', { value: text.value }))
}

const TRUE_WORDS = new Set(['是', '有', 'Y', 'YES', 'TRUE', '1', '√', '✓', 'T'])
const FALSE_WORDS = new Set(['否', '无', 'N', 'NO', 'FALSE', '0', '×', '✗', 'F'])

export function parseBoolean(value: Plain): Parsed<boolean> {
  if (value === null) return ok(null)
  if (typeof value === 'boolean') return ok(value)
  if (value === 1 || value === 0) return ok(value === 1)
  const text = halfText(value)
  if (!text.ok || text.value === null) return text as Parsed<boolean>
  const word = text.value.toUpperCase()
  if (TRUE_WORDS.has(word)) return ok(true)
  if (FALSE_WORDS.has(word)) return ok(false)
  return fail(reason('not_bool', { value: text.value }))
}

/** One of a fixed list, by its Chinese label, an accepted short form, or the code itself. */
export function parseChoice<C extends string>(
  value: Plain,
  labels: Record<string, C>,
  codes: readonly C[],
): Parsed<C> {
  const text = parseText(value)
  if (!text.ok || text.value === null) return text as Parsed<C>
  const word = text.value
  const hit = labels[word] ?? codes.find((c) => c === word.toLowerCase())
  if (hit) return ok(hit)
  const allowed = [...new Set(Object.entries(labels).map(([label]) => label))].join('、')
  return fail(reason('not_in_list', { value: word, allowed }))
}

/** Several values in one cell, separated by ; ； 、 or line breaks (not commas: addresses have them). */
export function splitList(text: string | null): string[] {
  if (text === null) return []
  return [
    ...new Set(
      text
        .split(/[;；、\n\r]+/)
        .map((s) => normaliseText(s))
        .filter((s) => s !== ''),
    ),
  ]
}
