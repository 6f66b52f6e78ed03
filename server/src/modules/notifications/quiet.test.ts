import { describe, expect, it } from 'vitest'
import { inQuiet, releaseTime } from './quiet.ts'

const sh = (s: string) => new Date(`${s}+08:00`)
const night = { start: 22 * 60, end: 7 * 60 }

describe('quiet hours (Shanghai time)', () => {
  it('wraps past midnight', () => {
    expect(inQuiet(23 * 60, night.start, night.end)).toBe(true)
    expect(inQuiet(6 * 60 + 59, night.start, night.end)).toBe(true)
    expect(inQuiet(7 * 60, night.start, night.end)).toBe(false)
    expect(inQuiet(21 * 60 + 59, night.start, night.end)).toBe(false)
    expect(inQuiet(13 * 60, 12 * 60, 14 * 60)).toBe(true)
    expect(inQuiet(14 * 60, 12 * 60, 14 * 60)).toBe(false)
  })

  it('holds a message sent in quiet hours until they end, the next morning when after midnight', () => {
    expect(releaseTime(sh('2026-03-01T23:30:00'), night)).toEqual(sh('2026-03-02T07:00:00'))
    expect(releaseTime(sh('2026-03-02T01:15:20'), night)).toEqual(sh('2026-03-02T07:00:00'))
    expect(releaseTime(sh('2026-03-02T07:00:00'), night)).toEqual(sh('2026-03-02T07:00:00'))
    expect(releaseTime(sh('2026-03-02T12:00:00'), night)).toEqual(sh('2026-03-02T12:00:00'))
    expect(releaseTime(sh('2026-03-02T12:00:00'), null)).toEqual(sh('2026-03-02T12:00:00'))
  })
})
