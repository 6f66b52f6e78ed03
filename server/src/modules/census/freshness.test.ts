import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../config.ts'
import { addMonths, cutoffOf, freshUntil, isStale } from './freshness.ts'

const days = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  )

describe('the freshness period', () => {
  it('moves whole calendar months, clamping to the month’s last day as PostgreSQL does', () => {
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28')
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29')
    expect(addMonths('2026-01-15', -6)).toBe('2025-07-15')
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
  })

  it('keeps a part fresh on the last day of the period and stale the day after', () => {
    expect(isStale('2025-01-15', '2025-07-15', 6)).toBe(false)
    expect(isStale('2025-01-15', '2025-07-16', 6)).toBe(true)
    expect(freshUntil('2025-01-15', 6)).toBe('2025-07-15')
  })

  it('shows a last fresh day that agrees with the cutoff the figures use, at every month end', () => {
    const disagree: string[] = []
    for (const months of [1, 6, 12])
      for (const since of days('2023-01-25', 400))
        for (const today of days(addMonths(since, months - 1), 70))
          if (since >= cutoffOf(today, months) !== today <= freshUntil(since, months))
            disagree.push(`${months}: ${since} on ${today}`)
    expect(disagree).toEqual([])
  })
})

describe('the period’s configuration', () => {
  const env = { TONGXIN_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' }
  it('defaults to 6 months and refuses a value outside 1–36 at start', () => {
    expect(loadConfig(env).censusFreshMonths).toBe(6)
    expect(loadConfig({ ...env, TONGXIN_CENSUS_FRESH_MONTHS: '12' }).censusFreshMonths).toBe(12)
    for (const bad of ['0', '37', 'six', '1.5'])
      expect(() => loadConfig({ ...env, TONGXIN_CENSUS_FRESH_MONTHS: bad })).toThrow(ConfigError)
  })
})
