import { describe, expect, test } from 'vitest'
import { duesRateBp, FIXED_DUES_CENTS, incomeToCents, monthlyDuesCents } from './dues.ts'

const monthly = (category: Parameters<typeof monthlyDuesCents>[0], yuan: number) => {
  const r = incomeToCents(yuan)
  if (!('cents' in r)) throw new Error(r.problem)
  return { bp: duesRateBp(category, r.cents), cents: monthlyDuesCents(category, r.cents) }
}

describe('dues rate at every bracket edge (the whole base at one rate)', () => {
  test.each([
    [0.01, 50, 1],
    [1, 50, 1],
    [2999.99, 50, 1500],
    [3000, 50, 1500],
    [3000.01, 100, 3000],
    [4999.99, 100, 5000],
    [5000, 100, 5000],
    [5000.01, 150, 7500],
    [9999.99, 150, 15000],
    [10000, 150, 15000],
    [10000.01, 200, 20000],
    [25000, 200, 50000],
  ])('employed, %s yuan: %s bp, %s fen a month', (yuan, bp, cents) => {
    expect(monthly('employed', yuan)).toEqual({ bp, cents })
  })

  test.each([
    [3000, 50, 1500],
    [5000, 50, 2500],
    [5000.01, 100, 5000],
    [8000, 100, 8000],
  ])('retired, %s yuan: %s bp, %s fen', (yuan, bp, cents) => {
    expect(monthly('retired', yuan)).toEqual({ bp, cents })
  })

  test('students, the unemployed and those on relief pay 0.2 yuan whatever the base', () => {
    for (const c of ['student', 'unemployed', 'relief'] as const) {
      expect(duesRateBp(c, 900_000)).toBeNull()
      expect(monthlyDuesCents(c, null)).toBe(FIXED_DUES_CENTS)
    }
  })

  test('rounds half up to the fen without float drift', () => {
    // 3,333.33 × 1% = 33.3333 → 33.33; 3,350.50 × 1% = 33.505 → 33.51; 6,666.67 × 1.5% = 100.00005 → 100.00
    expect(monthly('employed', 3333.33).cents).toBe(3333)
    expect(monthly('employed', 3350.5).cents).toBe(3351)
    expect(monthly('employed', 6666.67).cents).toBe(10000)
  })
})

test('an income that is negative, zero, absurd or finer than a fen is named, not guessed', () => {
  expect(incomeToCents(-1)).toEqual({ problem: 'negative' })
  expect(incomeToCents(0)).toEqual({ problem: 'zero' })
  expect(incomeToCents(500_000.01)).toEqual({ problem: 'absurd' })
  expect(incomeToCents(500_000)).toEqual({ cents: 50_000_000 })
  expect(incomeToCents(Number.POSITIVE_INFINITY)).toEqual({ problem: 'absurd' })
  expect(incomeToCents(3000.001)).toEqual({ problem: 'precision' })
  expect(incomeToCents(3000.01)).toEqual({ cents: 300_001 })
})
