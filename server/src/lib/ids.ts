/** Checks for the identifiers the registry takes from people and spreadsheets. Pure functions. */

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** 统一社会信用代码 (GB 32100-2015): 18 characters whose last is a check character over the first 17. */
export function isValidUscc(value: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(value)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(value[i]!) * USCC_WEIGHTS[i]!
  const check = (31 - (sum % 31)) % 31
  return USCC_CHARS[check] === value[17]
}

/** Completes 17 characters with their check character (used by generators and tests). */
export function usccWithCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31]
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** 公民身份号码 (GB 11643-1999): 6-digit area, 8-digit birth date, 3-digit sequence, check digit or X. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false
  const y = Number(value.slice(6, 10))
  if (y < 1900 || !validDate(y, Number(value.slice(10, 12)), Number(value.slice(12, 14)))) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11] === value[17]
}

export function idNumberWithCheck(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return first17 + ID_CHECK[sum % 11]
}

/** The birth date and gender an ID number carries. */
export function idNumberFacts(value: string): { birthDate: string; gender: 'male' | 'female' } {
  return {
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'male' : 'female',
  }
}

/** Mainland mobile numbers, or landlines with an area code (021-12345678). */
export function isValidPhone(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value) || /^0\d{2,3}-?\d{7,8}$/.test(value)
}

/**
 * What a caller without person.pii sees of an ID number: its last two characters. The first six name the
 * place of birth registration (origin is sensitive in itself, and narrows the district to one), and the last
 * four are the customary 后四位 people verify identity with; with them, a birth year and the check character
 * leave ~530 Shanghai-born candidates, with the last two ~53,000 (id-oracle.test.ts counts them).
 */
export function maskIdNumber(value: string | null): string | null {
  if (value === null) return null
  return `${'*'.repeat(value.length - 2)}${value.slice(-2)}`
}
