import { describe, expect, it } from 'vitest'
import {
  addDays,
  dayRange,
  daysSince,
  isRealDate,
  shanghaiDate,
  shanghaiDays,
  shanghaiMidnight,
  weekday,
} from './dates.ts'
import { AppError } from './errors.ts'

describe('Shanghai dates', () => {
  it('turns the date at Shanghai midnight, 16:00 UTC, not at UTC midnight', () => {
    expect(shanghaiDate(new Date('2026-03-31T15:59:59.999Z'))).toBe('2026-03-31')
    expect(shanghaiDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01')
    expect(shanghaiDate(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04-01')
    // the year's last second in Shanghai and the next
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31')
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01')
  })

  it("gives a date's midnight as the instant 16:00 UTC the day before", () => {
    expect(shanghaiMidnight('2026-04-01').toISOString()).toBe('2026-03-31T16:00:00.000Z')
    expect(shanghaiDate(shanghaiMidnight('2026-04-01'))).toBe('2026-04-01')
    expect(shanghaiDate(new Date(shanghaiMidnight('2026-04-01').getTime() - 1))).toBe('2026-03-31')
  })

  it('covers whole days inclusive, ending at the midnight after the last day', () => {
    const { start, end } = shanghaiDays('2026-02-27', '2026-03-01')
    expect(start.toISOString()).toBe('2026-02-26T16:00:00.000Z')
    expect(end.toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })

  it('reads a requested range from today by default and refuses a reversed or over-long one', () => {
    const now = new Date('2026-05-10T17:30:00Z') // 01:30 on 11 May in Shanghai
    expect(dayRange(now).start.toISOString()).toBe('2026-05-10T16:00:00.000Z')
    expect(dayRange(now).end.toISOString()).toBe('2026-05-24T16:00:00.000Z')
    expect(dayRange(now, '2026-05-01', '2026-05-01').end.toISOString()).toBe('2026-05-01T16:00:00.000Z')
    expect(() => dayRange(now, '2026-05-02', '2026-05-01')).toThrow(AppError)
    expect(dayRange(now, '2026-01-01', '2026-04-03').end.toISOString()).toBe('2026-04-03T16:00:00.000Z') // 93 days
    expect(() => dayRange(now, '2026-01-01', '2026-04-04')).toThrow(AppError) // 94 days
  })

  it('counts whole days since a Shanghai date', () => {
    expect(daysSince('2026-04-01', new Date('2026-04-01T15:59:59Z'))).toBe(0)
    expect(daysSince('2026-04-01', new Date('2026-04-01T16:00:00Z'))).toBe(1)
    expect(daysSince('2026-04-01', new Date('2026-03-31T15:59:59Z'))).toBe(-1)
  })

  it('does calendar arithmetic on date text', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(weekday('2026-12-06')).toBe(0)
    expect(isRealDate('2026-02-29')).toBe(false)
    expect(isRealDate('2028-02-29')).toBe(true)
    expect(isRealDate('2026-2-01')).toBe(false)
  })
})
