/**
 * 党费 by the 2008 rules (中共中央组织部《关于中国共产党党费收缴、使用和管理的规定》): the whole monthly
 * after-tax income at one rate, not in brackets. Amounts in fen (integers), rounded half up.
 *   employed:  ≤ 3,000 yuan 0.5%; ≤ 5,000 1%; ≤ 10,000 1.5%; above 2%
 *   retired:   ≤ 5,000 yuan 0.5%; above 1%
 *   students, the unemployed and those living on relief: 0.2 yuan a month
 */
export const DUES_CATEGORIES = ['employed', 'retired', 'student', 'unemployed', 'relief'] as const
export type DuesCategory = (typeof DUES_CATEGORIES)[number]

export const FIXED_DUES_CENTS = 20
/** A monthly income above this (fen) is a typing mistake, not a wage: 500,000 yuan. */
export const MAX_BASE_CENTS = 50_000_000

export const hasBase = (c: DuesCategory) => c === 'employed' || c === 'retired'

/** Rate in basis points (1/100 of a percent) for a base in fen. */
export function duesRateBp(category: DuesCategory, baseCents: number): number | null {
  if (!hasBase(category)) return null
  if (category === 'retired') return baseCents <= 500_000 ? 50 : 100
  if (baseCents <= 300_000) return 50
  if (baseCents <= 500_000) return 100
  if (baseCents <= 1_000_000) return 150
  return 200
}

export function monthlyDuesCents(category: DuesCategory, baseCents: number | null): number {
  const bp = baseCents === null ? null : duesRateBp(category, baseCents)
  if (bp === null || baseCents === null) return FIXED_DUES_CENTS
  // base × bp / 10,000, half up, in integers (no float drift at 3,000.01); at least a fen.
  return Math.max(1, Math.floor((baseCents * bp + 5_000) / 10_000))
}

export type IncomeProblem = 'negative' | 'zero' | 'absurd' | 'precision'

/** A monthly income in yuan as typed, to fen; or what is wrong with it. */
export function incomeToCents(yuan: number): { cents: number } | { problem: IncomeProblem } {
  if (!Number.isFinite(yuan)) return { problem: 'absurd' }
  if (yuan < 0) return { problem: 'negative' }
  const cents = Math.round(yuan * 100)
  if (Math.abs(cents - yuan * 100) > 1e-6) return { problem: 'precision' }
  if (cents === 0) return { problem: 'zero' }
  if (cents > MAX_BASE_CENTS) return { problem: 'absurd' }
  return { cents }
}
