import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { rateFloor, starsFor, thresholdsValid } from './stars.ts'

const rule = { starWindow: 4, starThresholds: [0.6, 0.7, 0.8, 0.9, 0.95] }
const p = (date: string, checked: number, right: number) => ({ date, checked, right })

describe('floor stars (hand-computed)', () => {
  it('has no stars until a full window, then pools the last four patrols', () => {
    const r = rateFloor(
      5,
      [p('2026-03-02', 20, 19), p('2026-03-03', 20, 20), p('2026-03-04', 10, 9), p('2026-03-05', 10, 10)],
      rule,
    )
    // 58 of 60 right = 96.7% ≥ 95% → 5★
    expect(r.stars).toBe(5)
    expect(r.rate).toBe(0.9667)
    expect(r.trend.map((x) => x.stars)).toEqual([null, null, null, 5])
    expect(r.trend[0]!.rate).toBe(0.95)
  })

  it('drops the oldest patrol as a new one arrives', () => {
    const r = rateFloor(
      5,
      [
        p('2026-03-02', 20, 19),
        p('2026-03-03', 20, 20),
        p('2026-03-04', 10, 9),
        p('2026-03-05', 10, 10),
        p('2026-03-06', 40, 30),
      ],
      rule,
    )
    // window 03-03..03-06: (20+9+10+30)/(20+10+10+40) = 69/80 = 86.25% → ≥80% but <90% → 3★
    expect(r.stars).toBe(3)
    expect(r.rate).toBe(0.8625)
    expect(r.trend.map((x) => x.stars)).toEqual([null, null, null, 5, 3])
  })

  it('skips days with no bags checked, and does not care about input order', () => {
    const r = rateFloor(
      7,
      [
        p('2026-03-07', 0, 0),
        p('2026-03-05', 10, 10),
        p('2026-03-02', 20, 19),
        p('2026-03-04', 10, 9),
        p('2026-03-03', 20, 20),
      ],
      rule,
    )
    expect(r.stars).toBe(5)
    expect(r.patrols).toBe(5)
    expect(r.lastDate).toBe('2026-03-07')
    expect(r.trend.at(-1)).toMatchObject({ rate: null, stars: 5 })
  })

  it('pools bags rather than averaging days: a small perfect day does not lift a bad big one', () => {
    const r = rateFloor(3, [p('2026-03-02', 2, 2), p('2026-03-03', 40, 20)], { ...rule, starWindow: 2 })
    // pooled 22/42 = 52.4% → below 60% → 0★ (the average of days would be 75% → 2★)
    expect(r.stars).toBe(0)
  })

  it('reaches a threshold exactly (19 of 20 is 95%)', () => {
    expect(starsFor(19, 20, rule.starThresholds)).toBe(5)
    expect(starsFor(18, 20, rule.starThresholds)).toBe(4)
    expect(starsFor(57, 60, rule.starThresholds)).toBe(5)
    expect(starsFor(11, 20, rule.starThresholds)).toBe(0)
  })

  it('checks thresholds rise from 1★ to 5★ within 0..1', () => {
    expect(thresholdsValid(rule.starThresholds)).toBe(true)
    expect(thresholdsValid([0.6, 0.5, 0.8, 0.9, 0.95])).toBe(false)
    expect(thresholdsValid([0.6, 0.7, 0.8, 0.9, 1.2])).toBe(false)
    expect(thresholdsValid([0.6, 0.7, 0.8, 0.9])).toBe(false)
  })

  it('never gives fewer stars for more bags right (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.nat(), fc.nat(), (checked, a, b) => {
        const lo = Math.min(a, b) % (checked + 1)
        const hi = Math.max(a, b) % (checked + 1)
        const [x, y] = lo <= hi ? [lo, hi] : [hi, lo]
        return starsFor(x, checked, rule.starThresholds) <= starsFor(y, checked, rule.starThresholds)
      }),
    )
  })
})
