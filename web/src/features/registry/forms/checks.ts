/**
 * The same checks the server makes, run as the user types so most mistakes show on the field before a
 * round trip. The server stays the judge: its answer is shown whenever it refuses.
 */

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 (GB 32100): what is wrong with it, or null when it is valid. */
export function usccProblem(value: string): 'format' | 'check' | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return 'format'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(value[i]!) * USCC_WEIGHTS[i]!
  return USCC_CHARS[(31 - (sum % 31)) % 31] === value[17] ? null : 'check'
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** 公民身份号码 (GB 11643): format, a real birth date from 1900 on, and the check digit. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false
  const y = Number(value.slice(6, 10))
  const m = Number(value.slice(10, 12))
  const d = Number(value.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11] === value[17]
}

/** The birth date an ID number carries (YYYY-MM-DD). */
export function birthDateOf(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`
}

/** Mainland mobile numbers, or landlines with an area code. */
export function isValidPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}$/.test(value)
}

/** A trimmed text, or null when the field was left empty. */
export function textOrNull(value: string | null | undefined): string | null {
  const v = value?.trim()
  return v ? v : null
}
