import { currentLanguage } from '../i18n/index.ts'

/** 1066 → "1,066" (both languages group thousands with commas). */
export function formatCount(value: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(value)
}

/** 0.4503 → "45%", 0.3939 → "39.4%". */
export function formatRate(value: number): string {
  return new Intl.NumberFormat(currentLanguage(), { style: 'percent', maximumFractionDigits: 1 }).format(
    value,
  )
}

/** A signed change: +2, −3, +1.2 pt for rates. */
export function formatDelta(value: number, rate: boolean): string {
  if (value === 0) return '0'
  const sign = value > 0 ? '+' : '−'
  const abs = Math.abs(value)
  return rate
    ? `${sign}${new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 1 }).format(abs * 100)} pt`
    : `${sign}${formatCount(abs)}`
}
